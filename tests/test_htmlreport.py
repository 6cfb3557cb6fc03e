"""``newsroles report``: what the page says, the pictures it links, and the folders it refuses."""

from __future__ import annotations

import json
import struct
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics as skm

from benchmark.cli import main
from benchmark.htmlreport import TOP_ERRORS, position_breakdown, position_thirds

LABELS = ["event_fact", "quote", "context", "boilerplate"]
SPLIT = "test_unseen"  # the synthetic data home's reserved outlet: 12 articles


class Page(HTMLParser):
    """The parts of the report a reader looks at: images, leaderboard rows, error-table ids."""

    def __init__(self, text: str):
        super().__init__()
        self.images, self.rows, self.links, self.tables = [], [], [], []
        self._table = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        if tag in ("script", "link", "a", "img") and any(k in attrs for k in ("src", "href")):
            self.links.append(attrs.get("src") or attrs.get("href"))
        if tag == "table":
            self._table = {"id": attrs.get("id"), "class": attrs.get("class"), "rows": []}
            self.tables.append(self._table)
        if tag == "tr" and self._table is not None:
            self._table["rows"].append({"attrs": attrs, "cells": []})
        if tag in ("td", "th") and self._table is not None and self._table["rows"]:
            self._table["rows"][-1]["cells"].append({"attrs": attrs, "text": ""})

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._table is not None and self._table["rows"] and self._table["rows"][-1]["cells"]:
            self._table["rows"][-1]["cells"][-1]["text"] += data

    def table(self, **where) -> list[dict]:
        return next(t for t in self.tables if all(t[k] == v for k, v in where.items()))["rows"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def case(data_home, tmp_path):
    """Gold of the split, two submissions (one with probabilities) and a results file."""
    from benchmark import load_split
    from benchmark.scoring import ids_sha256, load_gold

    gold = load_split(SPLIT, data_home=data_home)
    rng = np.random.default_rng(0)
    codes = gold["label"].map(LABELS.index).to_numpy()
    pred = np.where(rng.random(len(codes)) < 0.7, codes, rng.integers(0, 4, len(codes)))
    proba = rng.dirichlet(np.ones(4), len(codes)) * 0.5
    proba[np.arange(len(codes)), pred] += 0.5  # the predicted label is the most probable
    proba = proba.round(6)
    proba[:, 3] = (1 - proba[:, :3].sum(axis=1)).round(6)
    sub = pd.DataFrame({"id": gold["id"], "label": np.array(LABELS)[pred]})
    for j, label in enumerate(LABELS):
        sub[f"p_{label}"] = proba[:, j]
    with_proba = tmp_path / "model-x&y.csv"
    sub.to_csv(with_proba, index=False)
    plain = tmp_path / "everything-boilerplate.csv"
    pd.DataFrame({"id": gold["id"], "label": "boilerplate"}).to_csv(plain, index=False)
    current = ids_sha256(load_gold(split=SPLIT, data_home=data_home).ids)
    row = {"macro_f1": 0.5, "appeal_f1": 0.6, "accuracy": 0.55, "clean_rate": 0.1,
           "macro_f1_ci": [0.4, 0.6], "appeal_f1_ci": [0.5, 0.7],
           "f1": dict(zip(LABELS, [0.4, 0.5, 0.5, 0.6])), "ids_sha256": current}
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"schema": "newsroles.results/1", "baselines": {
        "toy": {"description": "", "splits": {SPLIT: row}},
        "old": {"description": "", "splits": {SPLIT: row | {"macro_f1": 0.9, "ids_sha256": "0" * 64}}},
        "elsewhere": {"description": "", "splits": {"validation": row}}}}), encoding="utf-8")
    return {"gold": gold, "codes": codes, "pred": pred, "proba": proba, "with_proba": with_proba,
            "plain": plain, "results": results, "home": data_home}


def report(case, out, *submissions):
    return main(["report", *map(str, submissions or (case["with_proba"], case["plain"])),
                 "--split", SPLIT, "--out", str(out), "--data-home", str(case["home"]),
                 "--results", str(case["results"])])


def test_report_page_leaderboard_pictures_and_errors(case, tmp_path, capsys):
    out = tmp_path / "report"
    assert report(case, out) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    page = Page(text)

    # every picture is a PNG in the folder; nothing is fetched from elsewhere
    assert len(page.images) >= 2 * 6 and len(set(page.images)) == len(page.images)
    for src in page.images:
        assert "/" not in src and png_size((out / src).read_bytes())[0] > 100
    assert all(link.startswith("#") or "/" not in link for link in page.links)
    assert "http://" not in text and "https://" not in text and "@import" not in text

    # the leaderboard: both submissions and the split's two baselines, best macro-F1 first
    rows = page.table(id="leaderboard")[1:]
    names = [(r["attrs"]["data-name"], r["attrs"]["data-source"]) for r in rows]
    assert sorted(names) == sorted([("model-x&y", "submission"), ("everything-boilerplate", "submission"),
                                    ("toy", "baseline"), ("old", "baseline")])
    macro = {r["attrs"]["data-name"]: float(r["cells"][2]["attrs"]["data-value"]) for r in rows}
    assert list(macro.values()) == sorted(macro.values(), reverse=True)
    assert macro["model-x&y"] == pytest.approx(
        skm.f1_score(case["codes"], case["pred"], labels=range(4), average="macro", zero_division=0), abs=1e-6)
    assert macro["everything-boilerplate"] == pytest.approx(
        skm.f1_score(case["codes"], np.full(len(case["codes"]), 3), labels=range(4), average="macro",
                     zero_division=0), abs=1e-6)
    marked = [r["cells"][0]["text"].strip() for r in rows if "†" in r["cells"][0]["text"]]
    assert marked == ["old †"] and "different version of this split" in text
    assert "model-x&amp;y" in text  # names are escaped

    # the most confidently wrong sentences: ranked by the probability of the wrong label
    codes, pred, proba = case["codes"], case["pred"], case["proba"]
    wrong = pd.DataFrame({"id": case["gold"]["id"], "conf": proba[np.arange(len(pred)), pred]})[pred != codes]
    expected = wrong.sort_values("conf", ascending=False, kind="stable")["id"].head(TOP_ERRORS).tolist()
    errors = [t for t in page.tables if t["class"] == "errors"]
    assert len(errors) == 1  # only the submission with probabilities has one
    assert [r["cells"][0]["text"] for r in errors[0]["rows"][1:]] == expected
    assert "has no probability columns" in text

    # pictures for every breakdown the brief names
    for key in ("confusion", "per-class", "kinds", "by-outlet", "by-topic", "by-form", "by-position"):
        assert f"s1-model-x-y-{key}.png" in page.images


def test_position_thirds_against_a_direct_computation(case):
    gold = case["gold"]
    thirds = position_thirds(gold["position"].to_numpy(), gold["n_sentences"].to_numpy())
    share = gold["position"] / gold["n_sentences"]
    assert thirds.tolist() == [0 if s < 1 / 3 else 1 if s < 2 / 3 else 2 for s in share]
    result = position_breakdown(case["codes"], case["pred"], thirds)
    for i, name in enumerate(("start", "middle", "end")):
        rows = thirds == i
        y, p = case["codes"][rows], case["pred"][rows]
        assert result[name]["n_sentences"] == rows.sum()
        assert result[name]["macro_f1"] == pytest.approx(
            skm.f1_score(y, p, labels=range(4), average="macro", zero_division=0))
        assert result[name]["appeal_f1"] == pytest.approx(skm.f1_score(y == 3, p == 3, zero_division=0))


def test_bad_submission_is_refused_before_anything_is_written(case, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(case["plain"].read_text().replace(",boilerplate\n", ",boilerplat\n", 1))
    assert main(["score", str(bad), "--split", SPLIT, "--data-home", str(case["home"])]) == 2
    scored = capsys.readouterr().err
    out = tmp_path / "report"
    assert report(case, out, case["with_proba"], bad) == 2
    err = capsys.readouterr().err
    assert err == scored and err.count("\n") == 1 and "unknown label ('boilerplat')" in err
    assert not out.exists()


def test_a_folder_that_is_not_a_report_is_not_overwritten(case, tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>my home page</p>")
    assert report(case, out) == 2
    err = capsys.readouterr().err
    assert "already holds index.html and is not a newsroles report" in err and err.count("\n") == 1
    assert (out / "index.html").read_text() == "<p>my home page</p>"
    assert [p.name for p in out.iterdir()] == ["index.html"]
    afile = tmp_path / "file.txt"
    afile.write_text("keep")
    assert report(case, afile) == 2
    assert "is a file, not a folder" in capsys.readouterr().err and afile.read_text() == "keep"


def test_an_earlier_report_is_updated_and_other_files_kept(case, tmp_path, capsys):
    out = tmp_path / "report"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert report(case, out, case["plain"]) == 0
    assert report(case, out) == 0  # the folder holds a report now: writing again is fine
    assert (out / "notes.txt").read_text() == "mine"
    assert "model-x&amp;y" in (out / "index.html").read_text(encoding="utf-8")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_results_file_problems(case, tmp_path, capsys):
    missing = tmp_path / "none.json"
    assert main(["report", str(case["plain"]), "--split", SPLIT, "--out", str(tmp_path / "r"),
                 "--data-home", str(case["home"]), "--results", str(missing)]) == 2
    assert "none.json: no such results file" in capsys.readouterr().err
    case["results"].write_text('{"schema": "something/else"}')
    assert report(case, tmp_path / "r") == 2
    assert "not a newsroles.results/1 file" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
