"""segment and clean on text, JSONL and HTML; the default model; real seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.segment import segment
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
# From the contract's calibration tables: how many lines at the end of each seed article are
# the publisher's (seed 000: its donation appeal; seed 003: a related link and an editor's note).
SEED_TRAILING_BOILERPLATE_LINES = {"000": 8, "003": 2}

ARTICLE = (
    "By Jane Example, Staff writer\n\n"
    "The harbour authority closed the east quay at 5 p.m. Monday after a crane collapsed. "
    "Two workers were taken to hospital, police said.\n"
    "\"We are checking every crane on the site,\" said operations chief Lior Banerjee.\n\n"
    "Support independent local journalism: become a member today for $5 a month.\n"
    "Read more: https://example.com/news/quay?id=7 Council to review port safety rules\n"
)


@pytest.fixture(scope="module")
def model(tmp_path_factory, shipped):
    """A small real model file (tfidf-logreg trained on the shipped train split)."""
    path = tmp_path_factory.mktemp("model") / "tfidf.skops"
    assert main(["train", "tfidf-logreg", "--out", str(path)]) == 0
    return path


def test_segment_keeps_every_character_of_every_sentence():
    spans = segment(ARTICLE)
    assert [ARTICLE[s.start:s.end] for s in spans] == [s.text for s in spans]
    texts = [s.text for s in spans]
    assert "The harbour authority closed the east quay at 5 p.m. Monday after a crane collapsed." in texts
    assert any(t.startswith("Read more: https://example.com/news/quay?id=7") for t in texts)
    gaps = [ARTICLE[a.end:b.start] for a, b in zip(spans, spans[1:])]
    assert all(not gap.strip() for gap in gaps)  # nothing but white space between sentences
    assert not ARTICLE[:spans[0].start].strip() and not ARTICLE[spans[-1].end:].strip()
    assert [s.paragraph for s in spans] == [0, 1, 1, 1, 2, 2]


def test_segment_verb_writes_spans(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["position"] for r in rows] == list(range(len(rows)))
    assert all(ARTICLE[r["start"]:r["end"]] == r["text"] for r in rows)


def _sentences(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_clean_text_labels_and_strips(tmp_path, capsys, model):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["clean", str(path), "--model", str(model), "--as", "sentences"]) == 0
    rows = _sentences(capsys)
    assert [r["text"] for r in rows] == [s.text for s in segment(ARTICLE)]
    for r in rows:
        assert abs(sum(r[f"p_{k}"] for k in ("event_fact", "quote", "context", "boilerplate")) - 1) < 1e-5
        assert r["removed"] == (r["label"] == "boilerplate")
    assert rows[-2]["removed"] and not rows[1]["removed"]
    assert main(["clean", str(path), "--model", str(model)]) == 0
    cleaned = capsys.readouterr().out
    kept = [r["text"] for r in rows if not r["removed"]]
    assert all(text in cleaned for text in kept)
    assert "become a member" not in cleaned


def test_keep_chooses_the_labels_that_stay(tmp_path, capsys, model):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["clean", str(path), "--model", str(model), "--keep", "quote", "--as", "sentences"]) == 0
    rows = _sentences(capsys)
    assert all(r["removed"] == (r["label"] != "quote") for r in rows)
    assert main(["clean", str(path), "--model", str(model), "--keep", "qoute"]) == 2
    assert "unknown label qoute" in capsys.readouterr().err


def test_clean_jsonl_passes_other_fields_through(tmp_path, capsys, model):
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"url": "https://example.org/1", "body": ARTICLE, "id": "one"}) + "\n"
                    + json.dumps({"url": "https://example.org/2", "body": "Donate now. Subscribe today.", "id": "two"}) + "\n")
    assert main(["clean", str(path), "--model", str(model), "--text-field", "body"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["url"] for r in records] == ["https://example.org/1", "https://example.org/2"]
    assert "Two workers were taken to hospital, police said." in records[0]["body"]
    assert records[0]["removed_sentences"] >= 1


def test_clean_html_through_trafilatura(tmp_path, capsys, model):
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n") if line.strip())
    html = f"<html><head><title>Quay</title></head><body><article>{paragraphs}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert main(["clean", str(path), "--model", str(model), "--as", "sentences"]) == 0
    texts = [r["text"] for r in _sentences(capsys)]
    assert "Two workers were taken to hospital, police said." in texts
    assert any("become a member" in t for t in texts)  # inline appeals reach the classifier


def test_bad_articles_are_skipped_and_the_rest_go_on(tmp_path, capsys, model):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"caf\xe9 au lait\n")
    (folder / "c.txt").write_text("   \n", encoding="utf-8")
    (folder / "d.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    (folder / "e.jsonl").write_text('{"text": "A dam burst on Friday, officials said."}\n{"text": \n')
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(folder), "--model", str(model), "--as", "sentences", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "b.txt: bytes that are not UTF-8" in err and "c.txt: empty" in err
    assert "d.html: no article text found" in err and "e.jsonl:2: malformed JSON" in err
    assert "skipped 4 of 6 articles" in err
    articles = {json.loads(line)["article"] for line in out.read_text().splitlines()}
    assert articles == {str(folder / "a.txt"), f"{folder / 'e.jsonl'}:1"}


def test_parallel_jobs_give_the_same_output(tmp_path, capsys, model):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
    assert main(["clean", str(folder), "--model", str(model), "--as", "sentences"]) == 0
    serial = capsys.readouterr().out
    assert main(["clean", str(folder), "--model", str(model), "--as", "sentences", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == serial


def test_missing_input_is_one_line(tmp_path, capsys, model):
    out = tmp_path / "out.txt"
    assert main(["clean", str(tmp_path / "nope.txt"), "--model", str(model), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err and not out.exists()


@pytest.mark.slow
def test_default_model_is_trained_once_and_cached(tmp_path, monkeypatch, capsys, shipped):
    monkeypatch.setenv("NEWSROLES_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["clean", str(path)]) == 0
    first = capsys.readouterr()
    assert "training the default model" in first.err
    cached = list((tmp_path / "cache").glob("*.skops"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    assert main(["clean", str(path)]) == 0
    second = capsys.readouterr()
    assert "training" not in second.err and second.out == first.out
    assert cached[0].stat().st_mtime_ns == stamp


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("seed", ["000", "003"])
def test_default_model_cleans_the_real_seed_articles(seed, tmp_path_factory, monkeypatch, capsys):
    monkeypatch.setenv("NEWSROLES_CACHE", str(tmp_path_factory.getbasetemp() / "seed-cache"))
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    first_bp_line = lines[-SEED_TRAILING_BOILERPLATE_LINES[seed]]
    boundary = text.index(first_bp_line)
    assert main(["clean", str(path), "--as", "sentences"]) == 0
    rows = _sentences(capsys)
    starts = [s.start for s in segment(text)]
    wrong = [(r["position"], r["label"]) for r, start in zip(rows, starts)
             if r["removed"] != (start >= boundary)]
    assert not wrong, f"sentences the default model got wrong (position, label): {wrong}"
