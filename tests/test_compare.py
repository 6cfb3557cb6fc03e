"""``newsroles compare``: the paired bootstrap against a plain loop, its verdicts and its errors."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn import metrics as skm

from benchmark.cli import main

LABELS = ["event_fact", "quote", "context", "boilerplate"]
CODES = list(range(4))


def write_case(tmp_path, gold, preds, articles):
    """A gold file (with article_id) and one submission per prediction array."""
    ids = [f"a{art:03d}-{i:03d}" for i, art in enumerate(articles)]
    g = tmp_path / "gold.csv"
    g.write_text("id,label,article_id\n" + "".join(
        f"{sid},{LABELS[y]},a{art:03d}\n" for sid, y, art in zip(ids, gold, articles)), encoding="utf-8")
    paths = []
    for name, pred in zip("ab", preds):
        p = tmp_path / f"{name}.csv"
        p.write_text("id,label\n" + "".join(f"{sid},{LABELS[y]}\n" for sid, y in zip(ids, pred)),
                     encoding="utf-8")
        paths.append(p)
    return g, paths


def noisy(rng, gold, right):
    return np.where(rng.random(len(gold)) < right, gold, rng.integers(0, 4, len(gold)))


def compare_json(capsys, a, b, gold, *extra):
    assert main(["compare", str(a), str(b), "--gold", str(gold), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def article_draws(n_articles, n_boot, seed, chunk=50):
    """The resampled articles, drawn as benchmark.metrics.bootstrap documents it."""
    rng = np.random.Generator(np.random.PCG64(seed))
    return np.concatenate([rng.integers(0, n_articles, size=(min(chunk, n_boot - s), n_articles), dtype=np.uint32)
                           for s in range(0, n_boot, chunk)])


def test_paired_bootstrap_matches_a_plain_loop(tmp_path, capsys):
    rng = np.random.default_rng(7)
    n_articles, per_article = 30, 6
    articles = np.repeat(np.arange(n_articles), per_article)
    gold = rng.integers(0, 4, len(articles))
    a, b = noisy(rng, gold, 0.62), noisy(rng, gold, 0.68)
    g, (pa, pb) = write_case(tmp_path, gold, (a, b), articles)
    n_boot, seed = 120, 3
    record = compare_json(capsys, pa, pb, g, "--n-boot", str(n_boot), "--seed", str(seed))

    def macro(y, p):
        return skm.f1_score(y, p, labels=CODES, average="macro", zero_division=0)

    def appeal(y, p):
        return skm.f1_score(y == 3, p == 3, zero_division=0)

    diffs = {"macro_f1": [], "appeal_f1": []}
    for draw in article_draws(n_articles, n_boot, seed):  # both submissions on the same articles
        rows = np.concatenate([np.flatnonzero(articles == art) for art in draw])
        diffs["macro_f1"].append(macro(gold[rows], b[rows]) - macro(gold[rows], a[rows]))
        diffs["appeal_f1"].append(appeal(gold[rows], b[rows]) - appeal(gold[rows], a[rows]))
    for key, f in (("macro_f1", macro), ("appeal_f1", appeal)):
        row = record["metrics"][key]
        observed = f(gold, b) - f(gold, a)
        assert row["a"] == pytest.approx(f(gold, a), abs=1e-6)
        assert row["b"] == pytest.approx(f(gold, b), abs=1e-6)
        assert row["diff"] == pytest.approx(observed, abs=1e-6)
        d = np.array(diffs[key])
        assert row["ci"] == pytest.approx(list(np.percentile(d, [2.5, 97.5])), abs=1e-6)
        opposite = sum(1 for x in d if (x <= 1e-12 if observed > 0 else x >= -1e-12))
        assert row["p_value"] == pytest.approx(min(1.0, 2 * opposite / n_boot), abs=1e-6)
    # the case is close enough that the p-values are neither 0 nor 1: the counting is exercised
    assert any(0 < row["p_value"] < 1 for row in record["metrics"].values())
    assert record["bootstrap"] | {"p_value": ""} == {
        "paired": True, "unit": "article", "resampled_units": n_articles, "n_boot": n_boot,
        "seed": seed, "level": 0.95, "alpha": 0.05, "p_value": ""}


def test_pairing_removes_the_shared_noise(tmp_path, capsys):
    """B equals A except on one article, where B is right: every resample favours B or ties."""
    rng = np.random.default_rng(1)
    articles = np.repeat(np.arange(40), 5)
    gold = rng.integers(0, 4, len(articles))
    a = noisy(rng, gold, 0.6)
    b = np.where(articles == 0, gold, a)
    assert (a[articles == 0] != gold[articles == 0]).any()
    g, (pa, pb) = write_case(tmp_path, gold, (a, b), articles)
    row = compare_json(capsys, pa, pb, g, "--n-boot", "300")["metrics"]["macro_f1"]
    assert row["diff"] > 0 and row["ci"][0] >= 0  # no resample favours A
    # resamples without article 0 tie, and a tie counts against B: p = 2 * their share
    ties = np.mean([0 not in draw for draw in article_draws(40, 300, 0)])
    assert 0.2 < ties < 0.5 and row["p_value"] == pytest.approx(min(1.0, 2 * ties), abs=1e-6)
    assert not row["significant"] and row["verdict"].startswith("no significant difference on macro-F1")
    # resampling the two independently (different draws) would straddle 0
    from benchmark import metrics

    cms = [metrics.grouped_confusion(gold, pred, articles, 40) for pred in (a, b)]
    unpaired = (metrics.bootstrap(cms[1], n_boot=300, seed=1)["macro_f1"]
                - metrics.bootstrap(cms[0], n_boot=300, seed=2)["macro_f1"])
    low, high = metrics.interval(unpaired)
    assert low < 0 < high


def test_identical_submissions_show_no_difference(tmp_path, capsys):
    rng = np.random.default_rng(2)
    articles = np.repeat(np.arange(12), 4)
    gold = rng.integers(0, 4, len(articles))
    a = noisy(rng, gold, 0.7)
    g, (pa, pb) = write_case(tmp_path, gold, (a, a.copy()), articles)
    record = compare_json(capsys, pa, pb, g, "--n-boot", "200")
    for key, row in record["metrics"].items():
        assert (row["diff"], row["ci"], row["p_value"], row["significant"]) == (0.0, [0.0, 0.0], 1.0, False)
        assert row["verdict"].startswith("no significant difference on ")


def test_verdict_names_the_better_submission_either_way_round(tmp_path, capsys):
    rng = np.random.default_rng(4)
    articles = np.repeat(np.arange(50), 6)
    gold = rng.integers(0, 4, len(articles))
    poor = np.full(len(gold), 3)
    g, (pa, pb) = write_case(tmp_path, gold, (poor, gold), articles)
    macro_poor = skm.f1_score(gold, poor, labels=CODES, average="macro", zero_division=0)
    points = f"{100 * (1 - macro_poor):.1f}"
    assert main(["compare", str(pa), str(pb), "--gold", str(g)]) == 0
    text = capsys.readouterr().out
    assert f"B is better than A on macro-F1 by {points} points (95% CI " in text
    assert "p<0.001)" in text and "appeal F1" in text
    row = compare_json(capsys, pb, pa, g)["metrics"]["macro_f1"]
    assert row["verdict"].startswith(f"B is worse than A on macro-F1 by {points} points (95% CI ")
    assert row["significant"] and row["p_value"] == 0.0 and row["ci"][1] < 0


def test_compare_on_a_released_split(shipped, tmp_path, capsys):
    from benchmark import load_split

    frame = load_split("validation")
    perfect, weak = tmp_path / "perfect.csv", tmp_path / "weak.jsonl"
    frame[["id", "label"]].to_csv(perfect, index=False)
    weak.write_text("".join(json.dumps({"id": i, "label": "context"}) + "\n" for i in frame["id"]),
                    encoding="utf-8")
    assert main(["compare", str(weak), str(perfect), "--split", "validation", "--json", "--n-boot", "100"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["schema"] == "newsroles.compare/1" and record["gold"]["split"] == "validation"
    assert record["gold"]["n_sentences"] == len(frame)
    assert record["gold"]["n_articles"] == frame["article_id"].nunique()
    assert record["metrics"]["macro_f1"]["b"] == 1.0 and record["metrics"]["appeal_f1"]["a"] == 0.0


@pytest.mark.parametrize("broken", ["a", "b"])
def test_bad_files_get_the_scorers_one_line_errors(tmp_path, capsys, broken):
    articles = np.repeat(np.arange(5), 4)
    gold = np.arange(len(articles)) % 4
    g, paths = write_case(tmp_path, gold, (gold, gold), articles)
    bad = paths["ab".index(broken)]
    lines = bad.read_text().splitlines()
    bad.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one sentence left out
    assert main(["score", str(bad), "--gold", str(g)]) == 2
    scored = capsys.readouterr().err
    assert main(["compare", str(paths[0]), str(paths[1]), "--gold", str(g)]) == 2
    out = capsys.readouterr()
    assert out.err == scored and out.err.count("\n") == 1 and out.out == ""
    assert str(bad) in out.err and "have no prediction" in out.err


def test_usage_errors(tmp_path, capsys):
    articles = np.repeat(np.arange(3), 2)
    gold = np.arange(6) % 4
    g, (pa, pb) = write_case(tmp_path, gold, (gold, gold), articles)
    assert main(["compare", str(pa), str(pb)]) == 2
    assert "give --split NAME or --gold FILE" in capsys.readouterr().err
    assert main(["compare", str(pa), str(pb), "--gold", str(g), "--n-boot", "0"]) == 2
    assert "--n-boot must be at least 1" in capsys.readouterr().err
    assert main(["compare", str(pa), str(tmp_path / "nope.csv"), "--gold", str(g)]) == 2
    err = capsys.readouterr().err
    assert "nope.csv: no such file" in err and err.count("\n") == 1
