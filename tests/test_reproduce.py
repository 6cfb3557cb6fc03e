"""The results table: a fresh run reproduces the committed one exactly."""

from __future__ import annotations

import json
import shutil

import pytest

from benchmark.cli import main
from benchmark.modelling import MARK_END, MARK_START
from tests.conftest import ROOT

COMMITTED = ROOT / "results" / "results.json"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, shipped):
    tmp_path = tmp_path_factory.mktemp("reproduce")
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    results = tmp_path / "results"
    assert main(["reproduce", "--results", str(results), "--readme", str(readme)]) == 0
    return results, readme


def test_fresh_run_equals_the_committed_results(fresh):
    results, readme = fresh
    if not COMMITTED.is_file():
        pytest.fail("results/results.json is not committed: run 'newsroles reproduce'")
    assert (results / "results.json").read_bytes() == COMMITTED.read_bytes()
    assert (results / "results.md").read_text() == (ROOT / "results" / "results.md").read_text()
    text = readme.read_text()
    table = text[text.index(MARK_START) + len(MARK_START):text.index(MARK_END)].strip()
    assert table == (ROOT / "results" / "results.md").read_text().strip()
    committed_readme = (ROOT / "README.md").read_text()
    assert committed_readme == text  # the committed README carries the fresh table


def test_results_hold_every_baseline_and_split(fresh):
    import baselines

    results = json.loads((fresh[0] / "results.json").read_text())
    assert list(results["baselines"]) == baselines.names()
    for entry in results["baselines"].values():
        assert list(entry["splits"]) == ["validation", "test", "test_unseen"]
        for row in entry["splits"].values():
            assert row["macro_f1_ci"][0] <= row["macro_f1"] <= row["macro_f1_ci"][1]
    timings = json.loads((fresh[0] / "timings.json").read_text())
    assert set(timings) == set(results["baselines"])


def test_only_reruns_one_baseline_and_keeps_the_rest(fresh):
    results, readme = fresh
    before = (results / "results.json").read_bytes()
    assert main(["reproduce", "--only", "majority", "--results", str(results), "--readme", str(readme)]) == 0
    assert (results / "results.json").read_bytes() == before
