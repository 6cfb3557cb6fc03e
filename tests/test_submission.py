"""Strict validation of submissions: every bad input refused with one clear line, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmark.cli import main

LABELS = ["event_fact", "quote", "context", "boilerplate"]
IDS = [f"art-{a:03d}-{s:03d}" for a in range(4) for s in range(5)]
GOLD = {sid: LABELS[(i * 7) % 4] for i, sid in enumerate(IDS)}


def csv_text(rows, header="id,label"):
    return header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)


def good_rows():
    return [(sid, GOLD[sid]) for sid in IDS]


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text(csv_text(good_rows()), encoding="utf-8")
    return path


def proba_rows(tweak=None):
    rows = []
    for sid in IDS:
        p = [0.1, 0.1, 0.1, 0.1]
        p[LABELS.index(GOLD[sid])] = 0.7
        rows.append([sid, GOLD[sid], *p])
    if tweak:
        tweak(rows)
    return csv_text(rows, "id,label,p_event_fact,p_quote,p_context,p_boilerplate")


def jsonl(rows):
    return "".join(json.dumps(r) + "\n" for r in rows)


def _set(rows, i, j, value):
    rows[i][j] = value


# (case name, file name, content (str or bytes), expected message regex, expected line or None)
REFUSED = [
    ("empty file", "pred.csv", "", r"empty file", None),
    ("header only", "pred.csv", "id,label\n", r"no rows, only a header", None),
    ("misspelled id column", "pred.csv", csv_text(good_rows(), "idd,label"), r"no 'id' column \(found 'idd'", 1),
    ("misspelled label column", "pred.csv", csv_text(good_rows(), "id,lable"), r"no 'label' column \(found 'lable'", 1),
    ("extra column", "pred.csv", csv_text([(i, l, "x") for i, l in good_rows()], "id,label,text"),
     r"unexpected column 'text'", 1),
    ("unknown label", "pred.csv", csv_text([(IDS[0], GOLD[IDS[0]]), (IDS[1], "quot")] + good_rows()[2:]),
     r"1 rows with an unknown label \('quot'\)", 3),
    ("label in capitals", "pred.csv", csv_text([(i, l.upper()) for i, l in good_rows()]),
     r"20 rows with an unknown label", 2),
    ("empty label", "pred.csv", csv_text(good_rows()[:5] + [(IDS[5], "")] + good_rows()[6:]),
     r"unknown label \(''\)", 7),
    ("empty id", "pred.csv", csv_text([("", "quote")] + good_rows()[1:]), r"1 rows without an id", 2),
    ("missing ids", "pred.csv", csv_text(good_rows()[:-3]), r"3 sentences of .* have no prediction", None),
    ("unknown ids", "pred.csv", csv_text(good_rows() + [("zzz-000-000", "quote")]), r"1 ids are not in", None),
    ("duplicate ids", "pred.csv", csv_text(good_rows() + [good_rows()[0]]), r"1 ids given more than once", None),
    ("not utf-8", "pred.csv", csv_text(good_rows()).encode("utf-8").replace(b"art-001-002", b"art-001-00\xff"),
     r"bytes that are not UTF-8", 9),
    ("latin-1 label", "pred.csv", csv_text(good_rows()).encode("utf-8") + b"art-009-000,quot\xe9\n",
     r"bytes that are not UTF-8", 22),
    ("too many fields", "pred.csv", csv_text(good_rows()).replace(f"{IDS[3]},", f"{IDS[3]},x,", 1),
     r"3 fields where the header has 2", 5),
    ("malformed jsonl", "pred.jsonl",
     jsonl([{"id": i, "label": l} for i, l in good_rows()[:2]]) + '{"id": "art-000-002", "label": \n',
     r"malformed JSON", 3),
    ("jsonl array line", "pred.jsonl", jsonl([{"id": i, "label": l} for i, l in good_rows()[:1]]) + '["a", "b"]\n',
     r"not an object", 2),
    ("jsonl numeric id", "pred.jsonl", jsonl([{"id": 5, "label": "quote"}] + [{"id": i, "label": l} for i, l in good_rows()]),
     r"id must be a string", 1),
    ("negative probability", "pred.csv", proba_rows(lambda r: (_set(r, 4, 2, -0.1), _set(r, 4, 3, 0.3))),
     r"outside \[0, 1\]", 6),
    ("probabilities do not sum to 1", "pred.csv", proba_rows(lambda r: _set(r, 2, 2, 0.5)),
     r"sum to other than 1", 4),
    ("incomplete probability columns", "pred.csv",
     csv_text([(i, l, 0.5) for i, l in good_rows()], "id,label,p_quote"), r"probability columns incomplete", 1),
    ("non-numeric probability", "pred.csv", proba_rows(lambda r: _set(r, 0, 2, "high")), r"p_event_fact must be numeric", 1),
    ("unknown suffix", "pred.txt", csv_text(good_rows()), r"unknown file type '.txt'", None),
]


@pytest.mark.parametrize("case,name,content,pattern,line", REFUSED, ids=[c[0] for c in REFUSED])
def test_bad_submission_is_refused_with_one_line(tmp_path, gold, capsys, case, name, content, pattern, line):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "report.json"
    out.write_text("keep me", encoding="utf-8")
    status = main(["score", str(path), "--gold", str(gold), "--json", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1, err
    assert str(path) in err and "fix:" in err
    if line is not None:
        assert f"{path}:{line}:" in err
    assert pytest.importorskip("re").search(pattern, err), err
    assert out.read_text(encoding="utf-8") == "keep me"  # the user's file is untouched


@pytest.mark.parametrize("problem,make,pattern", [
    ("missing file", lambda tmp: tmp / "nope.csv", r"nope.csv: no such file"),
    ("folder", lambda tmp: tmp, r"is a folder, not a file"),
])
def test_bad_paths(tmp_path, gold, capsys, problem, make, pattern):
    assert main(["score", str(make(tmp_path)), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and pytest.importorskip("re").search(pattern, err)


ACCEPTED = [
    ("byte-order mark", "pred.csv", b"\xef\xbb\xbf" + csv_text(good_rows()).encode()),
    ("CRLF line ends", "pred.csv", csv_text(good_rows()).replace("\n", "\r\n").encode()),
    ("spaces around labels", "pred.csv", csv_text([(i, f" {l} ") for i, l in good_rows()]).encode()),
    ("rows shuffled", "pred.csv", csv_text(good_rows()[::-1]).encode()),
    ("jsonl with blank lines", "pred.jsonl",
     ("\n" + jsonl([{"id": i, "label": l} for i, l in good_rows()]) + "\n\n").encode()),
    ("quoted csv fields", "pred.csv", csv_text([(f'"{i}"', f'"{l}"') for i, l in good_rows()]).encode()),
]


@pytest.mark.parametrize("case,name,content", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_tolerated_input_scores_like_the_clean_file(tmp_path, gold, capsys, case, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["score", str(path), "--gold", str(gold), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["macro_f1"] == 1.0 and record["accuracy"] == 1.0


def test_probabilities_give_log_loss(tmp_path, gold, capsys):
    path = tmp_path / "pred.csv"
    path.write_text(proba_rows(), encoding="utf-8")
    assert main(["score", str(path), "--gold", str(gold), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["submission"]["has_probabilities"] is True
    assert record["log_loss"] == pytest.approx(-__import__("math").log(0.7), abs=1e-6)


def test_real_process_prints_no_traceback(tmp_path, gold):
    path = tmp_path / "pred.csv"
    path.write_text(csv_text([(IDS[0], "opinion")] + good_rows()[1:]), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "benchmark", "score", str(path), "--gold", str(gold)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert "unknown label ('opinion')" in run.stderr


def test_usage_error_is_one_line(capsys):
    assert main(["score"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newsroles score" in err


def test_ids_with_non_ascii_letters_are_accepted(tmp_path, capsys):
    rows = [(sid.replace("art", "çàé"), label) for sid, label in good_rows()]
    gold_path, pred_path = tmp_path / "gold.csv", tmp_path / "pred.csv"
    gold_path.write_text(csv_text(rows), encoding="utf-8")
    pred_path.write_text(csv_text(rows[::-1]), encoding="utf-8")
    assert main(["score", str(pred_path), "--gold", str(gold_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["macro_f1"] == 1.0


def test_gold_metadata_that_is_not_utf8_is_refused(tmp_path, capsys):
    text = csv_text([(sid, label, "Tidewater") for sid, label in good_rows()], "id,label,outlet")
    gold_path = tmp_path / "gold.csv"
    gold_path.write_bytes(text.encode("utf-8").replace(b"Tidewater", b"Tid\xe9water", 1))
    (tmp_path / "pred.csv").write_text(csv_text(good_rows()), encoding="utf-8")
    assert main(["score", str(tmp_path / "pred.csv"), "--gold", str(gold_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gold.csv:2: bytes that are not UTF-8" in err
