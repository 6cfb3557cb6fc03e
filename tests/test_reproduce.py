"""The results table: a fresh run reproduces the committed one exactly."""

from __future__ import annotations

import json
import shutil

import pytest

from benchmark.cli import main
from benchmark.modelling import MARK_END, MARK_START
from tests.conftest import ROOT

COMMITTED = ROOT / "results"
FAST = ["majority", "stratified", "rules", "tfidf-logreg", "char-svm", "context"]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, shipped):
    """Retrain the fast families into a copy of the committed results and README."""
    if not (COMMITTED / "results.json").is_file():
        pytest.fail("results/results.json is not committed: run 'newsroles reproduce'")
    tmp_path = tmp_path_factory.mktemp("reproduce")
    results = tmp_path / "results"
    shutil.copytree(COMMITTED, results, ignore=shutil.ignore_patterns("predictions"))
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    args = [a for name in FAST for a in ("--only", name)]
    assert main(["reproduce", *args, "--results", str(results), "--readme", str(readme)]) == 0
    return results, readme


def test_fresh_run_equals_the_committed_results(fresh):
    results, readme = fresh
    assert json.loads((results / "results.json").read_text()) == json.loads((COMMITTED / "results.json").read_text())
    assert (results / "results.json").read_bytes() == (COMMITTED / "results.json").read_bytes()
    assert (results / "results.md").read_text() == (COMMITTED / "results.md").read_text()
    text = readme.read_text()
    table = text[text.index(MARK_START) + len(MARK_START):text.index(MARK_END)].strip()
    assert table == (COMMITTED / "results.md").read_text().strip()
    assert _without_timings((ROOT / "README.md").read_text()) == _without_timings(text)


def _without_timings(text: str) -> str:
    """The README less its timings table, which changes from run to run."""
    from benchmark.modelling import TIMES_END, TIMES_START

    return text[:text.index(TIMES_START)] + text[text.index(TIMES_END):]


def test_predictions_are_reproduced_too(fresh):
    results, _ = fresh
    for name in FAST:
        for split in ("validation", "test", "test_unseen"):
            path = f"predictions/{name}/{split}.csv"
            assert (results / path).read_bytes() == (COMMITTED / path).read_bytes(), path


def test_results_hold_every_baseline_and_split(fresh):
    import baselines

    results = json.loads((fresh[0] / "results.json").read_text())
    assert list(results["baselines"]) == baselines.names()
    for entry in results["baselines"].values():
        assert list(entry["splits"]) == ["validation", "test", "test_unseen"]
        for row in entry["splits"].values():
            assert row["macro_f1_ci"][0] <= row["macro_f1"] <= row["macro_f1_ci"][1]
    timings = json.loads((fresh[0] / "timings.json").read_text())
    assert set(FAST) <= set(timings)


def test_a_second_run_is_byte_identical(fresh):
    results, readme = fresh
    before = (results / "results.json").read_bytes()
    assert main(["reproduce", "--only", "rules", "--only", "majority", "--results", str(results),
                 "--readme", str(readme)]) == 0
    assert (results / "results.json").read_bytes() == before


def test_embed_weights_are_verified(monkeypatch):
    embed = pytest.importorskip("baselines.embed")
    if not embed.available():
        pytest.skip("the embed extra is not installed")
    from benchmark import InputError

    monkeypatch.setattr(embed, "_LOADED", {})
    monkeypatch.setattr(embed, "WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(InputError, match="embedding weights have SHA-256"):
        embed._model()
