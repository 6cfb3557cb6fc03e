"""Compare two submissions with a paired bootstrap over articles.

``compare(a, b, split=...)`` reads and validates both files exactly as the scorer does,
resamples the gold's articles with replacement, and scores both submissions on the same
resamples. For macro-F1 and appeal F1 it reports A, B, the difference B - A, the 95%
percentile interval of the difference, a two-sided bootstrap p-value and a one-line
verdict. The arithmetic is :mod:`benchmark.metrics`'; reading and alignment are
:mod:`benchmark.scoring`'s.

The p-value: with ``d`` the observed difference B - A and ``d*`` its value in each
resample, ``p = min(1, 2 * share of resamples with sign(d) * d* <= 0)``: twice the share
of resamples whose difference has the opposite sign to the observed one (or is zero,
which counts against a difference), capped at 1. When ``d`` is 0, ``p`` is 1. A
difference is called significant when ``p < 0.05`` and the 95% interval excludes 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from benchmark import DATASET_VERSION, SCORER_VERSION, metrics
from benchmark.errors import InputError
from benchmark.scoring import N_BOOT, SEED, sha256_file, align, ids_sha256, load_gold
from benchmark.submission import read_labelled

SCHEMA = "newsroles.compare/1"
LEVEL = 0.95
ALPHA = 0.05
TIE = 1e-12  # differences this small are zero (the same counts scored twice)
METRICS = {"macro_f1": "macro-F1", "appeal_f1": "appeal F1"}
P_VALUE_DEFINITION = ("min(1, 2 * share of resamples whose difference B-A has the opposite sign "
                      "to the observed one or is zero); 1 when the observed difference is 0")


def p_value(observed: float, resampled: np.ndarray) -> float:
    """Two-sided paired-bootstrap p-value of an observed difference.

    Twice the share of resamples whose difference has the opposite sign to the observed
    one (a zero difference counts as opposite), capped at 1; 1 if ``observed`` is 0.

    >>> p_value(0.02, np.array([0.01, 0.03, -0.01, 0.02]))
    0.5
    >>> p_value(0.0, np.array([0.01, -0.01]))
    1.0
    """
    if abs(observed) <= TIE:
        return 1.0
    against = np.sign(observed) * resampled <= TIE
    return float(min(1.0, 2.0 * against.mean()))


def _format_p(p: float, n_boot: int) -> str:
    """``p=0.004``; a p of 0 is shown as below the resolution, ``p<0.001`` for 1000 resamples."""
    return f"p<{1 / n_boot:.2g}" if p == 0 else f"p={p:.3f}"


def verdict(metric: str, row: dict, n_boot: int) -> str:
    """One line: which submission is better on ``metric`` and by how much, or no difference.

    When B is worse, the interval is that of the amount by which it is worse (A - B).

    >>> verdict("macro_f1", {"diff": 0.032, "ci": [0.011, 0.05], "p_value": 0.004,
    ...                      "significant": True}, 1000)
    'B is better than A on macro-F1 by 3.2 points (95% CI 1.1 to 5.0, p=0.004)'
    """
    name, diff = METRICS[metric], row["diff"]
    low, high = (100 * v for v in row["ci"])
    p = _format_p(row["p_value"], n_boot)
    if not row["significant"]:
        return (f"no significant difference on {name} (B-A {100 * diff:+.1f} points, "
                f"95% CI {low:.1f} to {high:.1f}, {p})")
    if diff < 0:  # the interval of the amount by which B is worse: of A - B
        low, high = -high, -low
    better = "better" if diff > 0 else "worse"
    return f"B is {better} than A on {name} by {100 * abs(diff):.1f} points (95% CI {low:.1f} to {high:.1f}, {p})"


def _rounded(x) -> float:
    return round(float(x), 6)


def compare(a: str | Path, b: str | Path, *, split: str | None = None, gold: str | Path | None = None,
            data_home: str | Path | None = None, n_boot: int = N_BOOT, seed: int = SEED) -> dict:
    """Paired bootstrap comparison of submission B against submission A.

    Parameters
    ----------
    a, b : str or Path
        Two submissions (CSV or JSONL, ``id,label`` for every sentence), validated as by
        ``newsroles score``.
    split : str, optional
        A released split to compare on.
    gold : str or Path, optional
        A labelled CSV or JSONL file instead of a split.
    n_boot : int, default=1000
        Paired resamples of the articles.
    seed : int, default=0
        Seed of the resampling.

    Returns
    -------
    dict
        The record (schema ``newsroles.compare/1``): ``metrics`` keyed by ``macro_f1`` and
        ``appeal_f1``, each with ``a``, ``b``, ``diff`` (B - A), ``ci`` (95% percentile
        interval of the difference), ``p_value``, ``significant`` and ``verdict``.

    Notes
    -----
    Both submissions are resampled with the same article draws: :func:`metrics.bootstrap`
    draws from ``Generator(PCG64(seed))`` and its draws depend only on the seed, the number
    of resamples and the number of articles, which are the gold's and the same for both.
    See the module docstring for the p-value.
    """
    if n_boot < 1:
        raise InputError(f"--n-boot must be at least 1, got {n_boot}", fix="use e.g. --n-boot 1000")
    gold_data = load_gold(split=split, gold=gold, data_home=data_home)
    preds = [align(gold_data, read_labelled(path, check_duplicates=False))[0] for path in (a, b)]
    articles, n_articles = gold_data.article_codes()
    cms = [metrics.grouped_confusion(gold_data.codes, pred, articles, n_articles) for pred in preds]
    boots = [metrics.bootstrap(cm, n_boot=n_boot, seed=seed) for cm in cms]
    totals = [cm.sum(axis=0) for cm in cms]
    observed = {"macro_f1": [float(metrics.macro_f1(t)) for t in totals],
                "appeal_f1": [float(metrics.appeal(t)["f1"]) for t in totals]}
    rows = {}
    for key in METRICS:
        value_a, value_b = observed[key]
        diff = value_b - value_a
        resampled = boots[1][key] - boots[0][key]
        low, high = metrics.interval(resampled, LEVEL)
        p = p_value(diff, resampled)
        row = {"a": _rounded(value_a), "b": _rounded(value_b), "diff": _rounded(diff),
               "ci": [_rounded(low), _rounded(high)], "p_value": _rounded(p),
               "significant": bool(p < ALPHA and (low > 0 or high < 0))}
        rows[key] = row | {"verdict": verdict(key, row, n_boot)}
    return {
        "schema": SCHEMA,
        "scorer_version": SCORER_VERSION,
        "dataset_version": DATASET_VERSION if split else None,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "gold": {"split": split, "path": None if split else str(gold),
                 "n_sentences": int(len(gold_data.codes)), "n_articles": int(n_articles),
                 "ids_sha256": ids_sha256(gold_data.ids)},
        "a": {"path": str(a), "sha256": sha256_file(Path(a))},
        "b": {"path": str(b), "sha256": sha256_file(Path(b))},
        "bootstrap": {"paired": True, "unit": "article", "resampled_units": boots[0]["units"],
                      "n_boot": n_boot, "seed": seed, "level": LEVEL, "alpha": ALPHA,
                      "p_value": P_VALUE_DEFINITION},
        "metrics": rows,
    }


def format_text(record: dict) -> str:
    """The readable terminal report of a comparison record."""
    gold, boot = record["gold"], record["bootstrap"]
    lines = [
        f"newsroles compare · {gold['split'] or gold['path']} · {gold['n_sentences']} sentences in "
        f"{gold['n_articles']} articles · {boot['n_boot']} paired resamples of articles (seed {boot['seed']})",
        f"  A  {record['a']['path']}",
        f"  B  {record['b']['path']}",
        "",
        f"  {'metric':<11}{'A':>7}{'B':>7}{'B-A':>8}   {'95% CI of B-A':<17}p",
    ]
    for key, name in METRICS.items():
        row = record["metrics"][key]
        low, high = (100 * v for v in row["ci"])
        lines.append(f"  {name:<11}{100 * row['a']:>7.1f}{100 * row['b']:>7.1f}{100 * row['diff']:>+8.1f}"
                     f"   {f'{low:+.1f} to {high:+.1f}':<17}{_format_p(row['p_value'], boot['n_boot']).removeprefix('p').removeprefix('=')}")
    lines.append("")
    lines += [f"  {record['metrics'][key]['verdict']}" for key in METRICS]
    return "\n".join(lines) + "\n"
