"""The corpus pipeline: source -> release -> loaders, splits and the release checks."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from benchmark import LABELS, InputError, load_dataset_dict, load_newsroles, load_split
from benchmark.cli import main
from benchmark.release import build_release
from benchmark.source import parse_article
from benchmark.splits import SPLITS, assign_split
from tests.conftest import article_text, make_data_home


def test_committed_release_equals_a_fresh_build(shipped):
    fresh = build_release(shipped)
    committed = {p.name: p.read_bytes() for p in (shipped / "release").iterdir() if p.is_file()}
    assert sorted(committed) == sorted(fresh)
    for name, content in fresh.items():
        assert committed[name] == content, f"{name} differs: run 'newsroles data build'"


def test_card_counts_match_the_release(shipped):
    card = (shipped / "release" / "README.md").read_text(encoding="utf-8")
    for split in SPLITS:
        frame = load_split(split)
        stated = re.search(rf"- name: {split}\n    num_examples: (\d+)", card)
        assert stated and int(stated.group(1)) == len(frame)
        row = re.search(rf"^\| sentences \|(.*)\|$", card, re.M).group(1).split("|")
        assert int(row[SPLITS.index(split)]) == len(frame)
    all_labels = re.search(r"^\| boilerplate \|(.*)\|$", card, re.M).group(1).split("|")
    total_bp = sum(int((load_split(s)["label"] == "boilerplate").sum()) for s in SPLITS)
    assert int(all_labels[-1]) == total_bp


def test_shipped_release_passes_the_check(shipped, capsys):
    assert main(["data", "check"]) == 0, capsys.readouterr().err


def test_loaders_agree(shipped, tmp_path):
    frame = load_split("validation")
    X, y = load_newsroles(split="validation", return_X_y=True, as_frame=True)
    assert list(X["id"]) == list(frame["id"]) and list(y) == list(frame["label"])
    assert "label" not in X.columns
    bunch = load_newsroles(split="validation")
    assert bunch.target_names == list(LABELS)
    assert [LABELS[c] for c in bunch.target] == list(frame["label"])
    assert bunch.data == list(frame["text"]) and "newsroles" in bunch.DESCR
    assert set(frame["label"]) <= set(LABELS)
    assert (frame["boilerplate_kind"] != "").equals(frame["label"] == "boilerplate")


@pytest.mark.slow
def test_datasets_loads_every_split_offline(shipped, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    dd = load_dataset_dict(cache_dir=tmp_path / "hf")
    assert sorted(dd) == sorted(SPLITS)
    names = dd["test"].features["label"].names
    assert names == list(LABELS)
    for split in SPLITS:
        frame = load_split(split)
        ds = dd[split]
        assert len(ds) == len(frame)
        assert [names[c] for c in ds["label"]] == list(frame["label"])
        assert ds["id"] == list(frame["id"])


def test_split_depends_only_on_the_article(tmp_path):
    home = make_data_home(tmp_path / "d", n_per_outlet=10)
    before = {r["article_id"]: s for s, rows in _records(home).items() for r in rows}
    for i in range(11, 40):  # adding articles never moves old ones
        (home / "source" / "aaa" / f"aaa-{i:03d}.txt").write_text(article_text(f"aaa-{i:03d}", "aaa"))
    after = {r["article_id"]: s for s, rows in _records(home).items() for r in rows}
    assert all(after[a] == s for a, s in before.items())
    assert {s for a, s in after.items() if a.startswith("ccc")} == {"test_unseen"}
    assert "test_unseen" not in {s for a, s in after.items() if not a.startswith("ccc")}
    shares = [sum(s == split for s in after.values()) for split in ("train", "validation", "test")]
    assert shares[0] > shares[2] > 0


def _records(home):
    from benchmark.release import split_records

    return split_records(home)


def test_assign_split_is_stable_and_reserved_first():
    assert assign_split("zzz-001", "zzz", frozenset({"zzz"})) == "test_unseen"
    assert assign_split("aaa-001", "aaa", frozenset()) == assign_split("aaa-001", "bbb", frozenset())


def _write_release(home, frames):
    from benchmark.release import to_jsonl

    for split, frame in frames.items():
        (home / "release" / f"{split}.jsonl").write_bytes(to_jsonl(frame.to_dict(orient="records")))
    shutil.rmtree(home / "source")  # a release without source is checked on its own


@pytest.mark.parametrize("problem,edit,pattern", [
    ("article spanning splits",
     lambda f: f.__setitem__("test", _concat(f["test"], f["train"].head(1))),
     r"articles spanning splits: 1 \((\w+-\d+)\)"),
    ("reserved outlet outside test_unseen",
     lambda f: f.__setitem__("train", _concat(f["train"], f["test_unseen"].head(2))),
     r"articles of reserved outlets outside test_unseen: 1 \(ccc-"),
    ("unknown label",
     lambda f: f["train"].loc.__setitem__((f["train"].index[0], "label"), "opinion"),
     r"unknown labels: 1 \("),
    ("duplicate id",
     lambda f: f["validation"].loc.__setitem__((f["validation"].index[1], "id"), f["validation"]["id"].iloc[0]),
     r"duplicate sentence ids: 1 \("),
    ("test text standing in train",
     lambda f: f["test"].loc.__setitem__((f["test"].index[2], "text"), f["train"]["text"].iloc[2]),
     r"reporting sentences of a test split whose text stands in train: 1 \("),
])
def test_check_refuses_a_broken_release(data_home, capsys, problem, edit, pattern):
    frames = {s: load_split(s, data_home=data_home) for s in SPLITS}
    assert main(["data", "check", "--data-home", str(data_home)]) == 0
    edit(frames)
    _write_release(data_home, frames)
    capsys.readouterr()
    assert main(["data", "check", "--data-home", str(data_home)]) == 2
    err = capsys.readouterr().err
    assert re.search(pattern, err), err


def _concat(a, b):
    import pandas as pd

    return pd.concat([a, b], ignore_index=True)


def test_check_refuses_a_stale_release(data_home, capsys):
    path = data_home / "source" / "aaa" / "aaa-001.txt"
    path.write_text(path.read_text().replace("happened on Monday", "happened on Tuesday"))
    assert main(["data", "check", "--data-home", str(data_home)]) == 2
    assert "release differs from the source" in capsys.readouterr().err


@pytest.mark.parametrize("text,pattern,line", [
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nopinion | x\n",
     r"unknown label 'opinion'", 8),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nboilerplate | x\n",
     r"boilerplate needs a kind", 8),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nquote:credit | x\n",
     r"only boilerplate takes a kind", 8),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-13-01\nheadline: h\n\nquote | x\n",
     r"bad date", None),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\nheadline: h\n\nquote | x\n", r"header lacks date", 1),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nquote x\n",
     r"needs 'LABEL \| text'", 8),
    ("id: aaa-002\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nquote | x\n",
     r"differs from the file name", 1),
    ("id: aaa-001\noutlet: aaa\ntopic: t\nform: wire\ndate: 2024-01-01\nheadline: h\n\nquote | x \n",
     r"stray spaces", 8),
])
def test_source_errors_name_the_line(tmp_path, text, pattern, line):
    path = tmp_path / "aaa-001.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=pattern) as info:
        parse_article(path)
    if line is not None:
        assert f"aaa-001.txt:{line}:" in str(info.value)


def test_stats_json_counts_every_dimension(shipped, capsys):
    assert main(["data", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    for key in ("splits", "labels", "boilerplate_kinds", "outlets", "topics", "forms"):
        assert set(stats[key]) == set(SPLITS) | {"all"}
    total = sum(stats["splits"][s]["sentences"] for s in SPLITS)
    assert stats["splits"]["all"]["sentences"] == total == sum(stats["labels"]["all"].values())
    assert sum(stats["boilerplate_kinds"]["all"].values()) == stats["labels"]["all"]["boilerplate"]


def test_export_writes_the_split_records(shipped, tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "test.csv"
    assert main(["data", "export", "--split", "test", "--out", str(out)]) == 0
    exported = pd.read_csv(out, keep_default_na=False)
    frame = load_split("test")
    assert list(exported["id"]) == list(frame["id"]) and list(exported["label"]) == list(frame["label"])
    out = tmp_path / "test.jsonl"
    assert main(["data", "export", "--split", "test", "--out", str(out)]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["id"] == frame["id"].iloc[0] and "boilerplate_kind" in first


def test_check_flags_near_duplicate_reporting(data_home, capsys):
    from tests.conftest import _words

    first = data_home / "source" / "aaa" / "aaa-001.txt"
    second = data_home / "source" / "bbb" / "bbb-002.txt"
    sentence = f"The {_words('shared', 6)} happened on Monday."
    for path, extra in ((first, ""), (second, " Again")):
        text = path.read_text().replace("happened on Monday.", "happened on Monday.", 1)
        lines = text.splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith("event_fact"))
        lines[index] = f"event_fact | {sentence[:-1]}{extra}."
        path.write_text("\n".join(lines) + "\n")
    main(["data", "build", "--data-home", str(data_home)])
    capsys.readouterr()
    assert main(["data", "check", "--data-home", str(data_home)]) == 2
    out, err = capsys.readouterr()
    assert "near-duplicate reporting sentences across articles" in err
    assert "aaa-001-" in err and "bbb-002-" in err
