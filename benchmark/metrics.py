"""The scorer's arithmetic: confusion counts and everything derived from them, vectorised.

Every metric is a function of confusion matrices, computed by counting label codes
(``numpy.bincount``), never by a loop over rows. Functions take integer code arrays
(the index into :data:`benchmark.labels.LABELS`) and return plain numbers or arrays;
formatting is left to :mod:`benchmark.report`.
"""

from __future__ import annotations

import numpy as np

from benchmark.labels import LABELS

K = len(LABELS)
BP = LABELS.index("boilerplate")


def grouped_confusion(gold: np.ndarray, pred: np.ndarray, group: np.ndarray,
                      n_groups: int) -> np.ndarray:
    """Confusion counts per group, shape ``(n_groups, K, K)``; rows gold, columns predicted.

    >>> grouped_confusion(np.array([0, 1, 1]), np.array([0, 1, 0]), np.array([0, 0, 1]), 2)[1]
    array([[0, 0, 0, 0],
           [1, 0, 0, 0],
           [0, 0, 0, 0],
           [0, 0, 0, 0]])
    """
    cell = group.astype(np.intp)  # one array of cell numbers, built in place
    cell *= K * K
    cell += gold * K  # codes are below K, so even int8 codes do not overflow
    cell += pred
    return np.bincount(cell, minlength=n_groups * K * K).reshape(n_groups, K, K)


def _divide(num, den):
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def per_class(cm: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall, F1 and support per class from ``(..., K, K)`` confusion counts.

    A class with no predictions has precision 0; with no gold sentences, recall 0; F1 is 0
    when precision and recall are both 0 (scikit-learn's ``zero_division=0``).
    """
    tp = np.diagonal(cm, axis1=-2, axis2=-1)
    support, predicted = cm.sum(axis=-1), cm.sum(axis=-2)
    precision, recall = _divide(tp, predicted), _divide(tp, support)
    f1 = _divide(2 * tp, support + predicted)
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}


def macro_f1(cm: np.ndarray) -> np.ndarray:
    """Unweighted mean of the four per-class F1 scores (every label counts, present or not)."""
    return per_class(cm)["f1"].mean(axis=-1)


def appeal(cm: np.ndarray) -> dict[str, np.ndarray]:
    """Boilerplate-vs-reporting precision, recall and F1 (boilerplate is the positive class)."""
    tp = cm[..., BP, BP]
    gold_bp, pred_bp = cm[..., BP, :].sum(axis=-1), cm[..., :, BP].sum(axis=-1)
    return {"precision": _divide(tp, pred_bp), "recall": _divide(tp, gold_bp),
            "f1": _divide(2 * tp, gold_bp + pred_bp)}


def accuracy(cm: np.ndarray) -> np.ndarray:
    return _divide(np.trace(cm, axis1=-2, axis2=-1), cm.sum(axis=(-2, -1)))


def clean_rate(article_cm: np.ndarray) -> float:
    """Share of articles whose boilerplate was all flagged and no reporting flagged.

    ``article_cm`` is ``(n_articles, K, K)``. An article is clean when no gold boilerplate
    sentence is predicted as reporting and no gold reporting sentence as boilerplate.
    """
    bp_missed = article_cm[:, BP, :].sum(axis=-1) - article_cm[:, BP, BP]
    reporting_dropped = article_cm[:, :, BP].sum(axis=-1) - article_cm[:, BP, BP]
    return float(np.mean((bp_missed == 0) & (reporting_dropped == 0)))


MAX_UNITS = 1000


def bootstrap(article_cm: np.ndarray, *, n_boot: int = 1000, seed: int = 0,
              max_units: int = MAX_UNITS, chunk: int = 50) -> dict[str, np.ndarray]:
    """Macro-F1 and appeal F1 over ``n_boot`` resamples of the articles, with replacement.

    Each resample draws as many units as there are, uniformly with replacement, from a
    ``numpy.random.Generator(PCG64(seed))``; its confusion matrix is the weighted sum of the
    units' matrices. Up to ``max_units`` articles, a unit is an article. Beyond that, the
    articles are first dealt at random (same generator) into ``max_units`` blocks of equal
    size (give or take one) and blocks are resampled: for articles drawn independently
    this keeps the variance of every count, and it keeps a million-sentence scoring fast.

    Returns the ``n_boot`` values of each statistic and ``units``, the number resampled.
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    flat = article_cm.reshape(len(article_cm), K * K)
    if len(flat) > max_units:
        # the i-th article of a random order goes to block i % max_units
        shuffled = np.zeros((-(-len(flat) // max_units) * max_units, K * K), dtype=flat.dtype)
        shuffled[:len(flat)] = flat[rng.permutation(len(flat))]
        flat = shuffled.reshape(-1, max_units, K * K).sum(axis=0)
    flat = flat.astype(np.float64)
    n_units = len(flat)
    out = {"macro_f1": np.empty(n_boot), "appeal_f1": np.empty(n_boot), "units": n_units}
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        draws = rng.integers(0, n_units, size=(size, n_units), dtype=np.uint32).astype(np.intp)
        draws += (np.arange(size, dtype=np.intp) * n_units)[:, None]
        weights = np.bincount(draws.ravel(), minlength=size * n_units).reshape(size, n_units)
        cms = (weights @ flat).reshape(size, K, K)
        out["macro_f1"][start:start + size] = macro_f1(cms)
        out["appeal_f1"][start:start + size] = appeal(cms)["f1"]
    return out


def interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """The percentile interval holding ``level`` of the bootstrap values."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def log_loss(gold: np.ndarray, proba: np.ndarray, eps: float | None = None) -> float:
    """Mean negative log probability of the gold label, probabilities clipped away from 0."""
    eps = np.finfo(proba.dtype).eps if eps is None else eps
    picked = proba[np.arange(len(gold)), gold]
    return float(-np.mean(np.log(np.clip(picked, eps, 1.0))))


def recall_by_group(hit: np.ndarray, group: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Share of ``hit`` per group and the group sizes (e.g. boilerplate recall per kind)."""
    support = np.bincount(group, minlength=n_groups)
    return _divide(np.bincount(group, weights=hit, minlength=n_groups), support), support
