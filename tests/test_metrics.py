"""Every metric against scikit-learn's own functions, or a plain loop where sklearn has none."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from benchmark import metrics
from benchmark.cli import main

LABELS = ["event_fact", "quote", "context", "boilerplate"]
CODES = list(range(4))


def write_pair(tmp_path, gold, pred, articles, proba=None):
    ids = [f"a{art:05d}-{i:03d}" for i, art in enumerate(articles)]
    g = tmp_path / "gold.csv"
    g.write_text("id,label,article_id\n" + "".join(
        f"{sid},{LABELS[y]},a{art:05d}\n" for sid, y, art in zip(ids, gold, articles)), encoding="utf-8")
    p = tmp_path / "pred.csv"
    head = "id,label" + (",p_event_fact,p_quote,p_context,p_boilerplate" if proba is not None else "")
    rows = []
    for k, (sid, y) in enumerate(zip(ids, pred)):
        extra = "" if proba is None else "," + ",".join(repr(float(v)) for v in proba[k])
        rows.append(f"{sid},{LABELS[y]}{extra}\n")
    p.write_text(head + "\n" + "".join(rows), encoding="utf-8")
    return g, p


def score_json(tmp_path, capsys, gold, pred, articles, proba=None):
    g, p = write_pair(tmp_path, gold, pred, articles, proba)
    assert main(["score", str(p), "--gold", str(g), "--json", "--n-boot", "200"]) == 0
    return json.loads(capsys.readouterr().out)


def random_case(rng, n, present_gold, present_pred):
    gold = rng.choice(present_gold, size=n)
    pred = np.where(rng.random(n) < 0.6, gold, rng.choice(present_pred, size=n))
    pred = np.where(np.isin(pred, present_pred), pred, present_pred[0])
    articles = np.sort(rng.integers(0, max(1, n // 8), size=n))
    return gold, pred, articles


@pytest.mark.parametrize("n", [1, 7, 60, 500, 3000])
@pytest.mark.parametrize("present_gold,present_pred", [
    ([0, 1, 2, 3], [0, 1, 2, 3]),
    ([0, 1, 2], [0, 1, 2, 3]),   # no gold boilerplate at all
    ([0, 1, 2, 3], [1, 2]),       # two labels never predicted
    ([3], [0, 3]),                # gold is all boilerplate
])
def test_scores_match_scikit_learn(tmp_path, capsys, n, present_gold, present_pred):
    rng = np.random.default_rng(n)
    gold, pred, articles = random_case(rng, n, present_gold, present_pred)
    record = score_json(tmp_path, capsys, gold, pred, articles)
    p, r, f, s = skm.precision_recall_fscore_support(gold, pred, labels=CODES, zero_division=0)
    for i, label in enumerate(LABELS):
        row = record["per_class"][label]
        assert row["precision"] == pytest.approx(p[i], abs=1e-6)
        assert row["recall"] == pytest.approx(r[i], abs=1e-6)
        assert row["f1"] == pytest.approx(f[i], abs=1e-6)
        assert row["support"] == s[i]
    assert record["macro_f1"] == pytest.approx(
        skm.f1_score(gold, pred, labels=CODES, average="macro", zero_division=0), abs=1e-6)
    assert record["accuracy"] == pytest.approx(skm.accuracy_score(gold, pred), abs=1e-6)
    bp_gold, bp_pred = gold == 3, pred == 3
    assert record["appeal_f1"] == pytest.approx(skm.f1_score(bp_gold, bp_pred, zero_division=0), abs=1e-6)
    assert record["appeal"]["precision"] == pytest.approx(skm.precision_score(bp_gold, bp_pred, zero_division=0), abs=1e-6)
    assert record["appeal"]["recall"] == pytest.approx(skm.recall_score(bp_gold, bp_pred, zero_division=0), abs=1e-6)
    assert record["confusion_matrix"]["counts"] == skm.confusion_matrix(gold, pred, labels=CODES).tolist()
    clean = [not np.any(bp_gold[articles == a] != bp_pred[articles == a]) for a in np.unique(articles)]
    assert record["clean_rate"] == pytest.approx(np.mean(clean), abs=1e-6)
    low, high = record["ci"]["macro_f1"]
    assert 0 <= low <= high <= 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=80))
def test_confusion_and_macro_f1_on_any_labelling(pairs):
    gold, pred = (np.array(x) for x in zip(*pairs))
    cm = metrics.grouped_confusion(gold, pred, np.zeros(len(gold), dtype=int), 1)[0]
    assert cm.tolist() == skm.confusion_matrix(gold, pred, labels=CODES).tolist()
    assert metrics.macro_f1(cm) == pytest.approx(
        skm.f1_score(gold, pred, labels=CODES, average="macro", zero_division=0))


def test_log_loss_matches_scikit_learn(tmp_path, capsys):
    rng = np.random.default_rng(3)
    gold, pred, articles = random_case(rng, 400, [0, 1, 2, 3], [0, 1, 2, 3])
    proba = rng.dirichlet(np.ones(4), size=400).round(6)
    proba[:, 3] = 1 - proba[:, :3].sum(axis=1)
    record = score_json(tmp_path, capsys, gold, pred, articles, proba)
    assert record["log_loss"] == pytest.approx(skm.log_loss(gold, proba, labels=CODES), rel=1e-5)


def test_kind_recall_matches_a_direct_count(tmp_path, capsys):
    gold_path = tmp_path / "gold.jsonl"
    rows = [{"id": f"x-000-{i:03d}", "label": "boilerplate", "boilerplate_kind": kind}
            for i, kind in enumerate(["donation"] * 4 + ["credit"] * 3)]
    rows.append({"id": "x-000-007", "label": "quote", "boilerplate_kind": ""})
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pred = ["boilerplate", "boilerplate", "quote", "context", "boilerplate", "event_fact", "event_fact", "boilerplate"]
    pred_path = tmp_path / "pred.csv"
    pred_path.write_text("id,label\n" + "".join(f"{r['id']},{p}\n" for r, p in zip(rows, pred)), encoding="utf-8")
    assert main(["score", str(pred_path), "--gold", str(gold_path), "--json"]) == 0
    kinds = json.loads(capsys.readouterr().out)["kind_recall"]
    assert kinds == {"donation": {"recall": 0.5, "support": 4}, "credit": {"recall": pytest.approx(1 / 3, abs=1e-6), "support": 3}}


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 4, 2000)
    pred = np.where(rng.random(2000) < 0.7, gold, rng.integers(0, 4, 2000))
    articles = np.repeat(np.arange(100), 20)
    cm = metrics.grouped_confusion(gold, pred, articles, 100)
    a = metrics.bootstrap(cm, n_boot=300, seed=5)
    b = metrics.bootstrap(cm, n_boot=300, seed=5)
    c = metrics.bootstrap(cm, n_boot=300, seed=6)
    assert np.array_equal(a["macro_f1"], b["macro_f1"])
    assert not np.array_equal(a["macro_f1"], c["macro_f1"])
    low, high = metrics.interval(a["macro_f1"])
    assert low < metrics.macro_f1(cm.sum(axis=0)) < high


def test_bootstrap_by_hand_for_one_resample():
    """One resample of three articles equals the sum of the drawn articles' matrices."""
    cm = np.zeros((3, 4, 4), dtype=int)
    cm[0, 0, 0], cm[1, 3, 3], cm[2, 3, 0] = 5, 2, 1
    values = metrics.bootstrap(cm, n_boot=1, seed=11)
    draws = np.random.Generator(np.random.PCG64(11)).integers(0, 3, size=(1, 3), dtype=np.uint32)[0]
    expected = cm[draws].sum(axis=0)
    assert values["macro_f1"][0] == pytest.approx(
        skm.f1_score(*_expand(expected), labels=CODES, average="macro", zero_division=0))


def _expand(cm):
    gold, pred = [], []
    for g in range(4):
        for p in range(4):
            gold += [g] * int(cm[g, p])
            pred += [p] * int(cm[g, p])
    return np.array(gold), np.array(pred)


def test_pooled_bootstrap_keeps_the_spread_of_the_article_bootstrap():
    rng = np.random.default_rng(1)
    n_articles = 3000
    gold = rng.integers(0, 4, n_articles * 10)
    pred = np.where(rng.random(len(gold)) < 0.75, gold, rng.integers(0, 4, len(gold)))
    cm = metrics.grouped_confusion(gold, pred, np.repeat(np.arange(n_articles), 10), n_articles)
    exact = metrics.bootstrap(cm, n_boot=400, seed=1, max_units=n_articles)
    pooled = metrics.bootstrap(cm, n_boot=400, seed=1, max_units=1000)
    assert pooled["units"] == 1000 and exact["units"] == n_articles
    assert np.std(pooled["macro_f1"]) == pytest.approx(np.std(exact["macro_f1"]), rel=0.2)


@pytest.mark.parametrize("ids", [
    [f"a{i:04d}-{j:03d}" for i in (7, 2, 9) for j in range(5)],  # one width, several blocks
    ["b-1", "a-10", "c-100", "a-2"],  # mixed widths
])
def test_ids_sha256_is_the_sha256_of_the_sorted_ids_one_per_line(ids):
    import hashlib

    import pyarrow as pa

    from benchmark.scoring import ids_sha256

    expected = hashlib.sha256("".join(f"{i}\n" for i in sorted(ids)).encode()).hexdigest()
    assert ids_sha256(pa.array(ids), block=4) == expected
    assert ids_sha256(pa.array(sorted(ids)), presorted=True, block=4) == expected
