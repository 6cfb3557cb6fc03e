"""The command line as users and other tools call it."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from benchmark.cli import build_parser, main
from benchmark.report import validate_record

VERBS = [["data"], ["data", "build"], ["data", "check"], ["data", "stats"], ["data", "export"],
         ["score"], ["compare"], ["report"], ["train"], ["predict"], ["reproduce"]]


@pytest.mark.parametrize("verb", VERBS, ids=[" ".join(v) for v in VERBS])
def test_every_verb_has_help_with_an_example(verb, capsys):
    with pytest.raises(SystemExit) as info:
        main([*verb, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out and "newsroles " + verb[0] in out


def test_help_is_instant_and_works_as_a_module():
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "benchmark", "--help"], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    assert run.returncode == 0 and "score" in run.stdout and "reproduce" in run.stdout
    lazily = subprocess.run([sys.executable, "-c", "import sys, benchmark.cli; "
                             "print(sorted(m for m in ('sklearn', 'datasets', 'skops', 'pandas') if m in sys.modules))"],
                            capture_output=True, text=True)
    assert lazily.stdout.strip() == "[]"  # slow libraries are not imported for --help
    assert elapsed < 10


def test_train_predict_score_end_to_end(shipped, tmp_path, capsys):
    model, pred = tmp_path / "m.skops", tmp_path / "pred.csv"
    assert main(["train", "majority", "--out", str(model)]) == 0
    assert main(["predict", "--model", str(model), "--split", "test", "--out", str(pred)]) == 0
    capsys.readouterr()
    assert main(["score", str(pred), "--split", "test", "--json"]) == 0
    record = validate_record(json.loads(capsys.readouterr().out))
    assert record["schema"] == "newsroles.score/1" and record["gold"]["split"] == "test"
    assert set(record["per_class"]) == {"event_fact", "quote", "context", "boilerplate"}
    assert len(record["gold"]["ids_sha256"]) == 64 and record["dataset_version"]
    assert {"python", "numpy", "pyarrow", "newsroles"} <= set(record["environment"])
    # the majority label takes all the recall; the others none
    recalls = sorted(row["recall"] for row in record["per_class"].values())
    assert recalls == [0.0, 0.0, 0.0, 1.0]
    assert main(["score", str(pred), "--split", "test", "--markdown"]) == 0
    assert "| macro-F1 |" in capsys.readouterr().out
    assert main(["score", str(pred), "--split", "test"]) == 0
    text = capsys.readouterr().out
    assert "macro-F1" in text and "appeal F1" in text and "by outlet" in text


def test_scoring_the_wrong_split_says_so(shipped, tmp_path, capsys):
    model, pred = tmp_path / "m.skops", tmp_path / "pred.csv"
    main(["train", "majority", "--out", str(model)])
    main(["predict", "--model", str(model), "--split", "validation", "--out", str(pred)])
    capsys.readouterr()
    assert main(["score", str(pred), "--split", "test"]) == 2
    err = capsys.readouterr().err
    assert "have no prediction" in err and err.count("\n") == 1


def test_predict_needs_only_id_article_position_text(shipped, tmp_path, capsys):
    model = tmp_path / "m.skops"
    main(["train", "stratified", "--out", str(model)])
    sentences = tmp_path / "mine.jsonl"
    sentences.write_text("".join(json.dumps({"id": f"web-1-{i}", "article_id": "web-1", "position": i,
                                             "text": t}) + "\n"
                                 for i, t in enumerate(["A dam burst on Friday.", "Donate now."])))
    out = tmp_path / "pred.csv"
    assert main(["predict", "--model", str(model), "--input", str(sentences), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "id,label,p_event_fact,p_quote,p_context,p_boilerplate"
    assert [line.split(",")[0] for line in lines[1:]] == ["web-1-0", "web-1-1"]


def test_predict_refuses_input_without_text(tmp_path, capsys, shipped):
    model = tmp_path / "m.skops"
    main(["train", "majority", "--out", str(model)])
    bad = tmp_path / "mine.jsonl"
    bad.write_text(json.dumps({"id": "x", "article_id": "y", "position": 0}) + "\n")
    capsys.readouterr()
    assert main(["predict", "--model", str(model), "--input", str(bad), "--out", str(tmp_path / "p.csv")]) == 2
    assert "input lacks text" in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_unknown_baseline_suggests_the_nearest(tmp_path, capsys):
    assert main(["train", "majorty", "--out", str(tmp_path / "m.skops")]) == 2
    assert "did you mean 'majority'" in capsys.readouterr().err


def test_unknown_split_is_a_usage_error(capsys):
    assert main(["score", "p.csv", "--split", "tset"]) == 2
    assert "invalid choice: 'tset'" in capsys.readouterr().err


def test_model_file_with_an_untrusted_type_is_refused(tmp_path, capsys):
    import collections
    import zipfile

    import skops.io as sio

    from benchmark.modelfile import load_model

    path = tmp_path / "evil.skops"
    path.write_bytes(sio.dumps({"model": collections.Counter(a=1), "meta": {}}, compression=zipfile.ZIP_DEFLATED))
    assert sio.get_untrusted_types(data=path.read_bytes())  # the file really holds one
    assert main(["predict", "--model", str(path), "--split", "test", "--out", str(tmp_path / "p.csv")]) == 2
    err = capsys.readouterr().err
    assert "untrusted types: collections.Counter" in err and err.count("\n") == 1
    not_a_model = tmp_path / "junk.skops"
    not_a_model.write_bytes(b"not a zip")
    with pytest.raises(Exception, match="not a skops model file"):
        load_model(not_a_model)


def test_parser_names_the_interfaces_other_tools_rely_on():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "verb").choices
    assert {"data", "train", "predict", "score", "reproduce"} <= set(sub)
    score_opts = {o for a in sub["score"]._actions for o in a.option_strings}
    assert {"--split", "--gold", "--json", "--markdown"} <= score_opts
    predict_opts = {o for a in sub["predict"]._actions for o in a.option_strings}
    assert {"--model", "--split", "--input", "--out"} <= predict_opts
