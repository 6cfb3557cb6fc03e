"""The context model: a sentence is judged with its neighbours, because appeals cluster.

Two stages. The first is a text-only model (word and character n-grams). Its out-of-fold
probabilities on the training split (folds by article, so no article sees itself) describe
every sentence's neighbourhood: the probabilities of the two sentences before and after it,
and how boilerplate-like the rest of the article is before and after it. The second stage
sees the sentence's own words, its neighbours' words, its position and shape, and those
neighbourhood features. At prediction time the first stage, refitted on all of train,
describes the neighbourhood the same way.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from baselines.features import SHAPE_COLUMNS, with_neighbours
from baselines.registry import register
from benchmark import LABELS

CONTEXT_C = 3.0
FIRST_C = 3.0
CHAR_FEATURES = 30_000
BP = LABELS.index("boilerplate")
NEIGHBOUR_COLUMNS = tuple(
    [f"own_{label}" for label in LABELS]
    + [f"{side}{k}_{label}" for side in ("prev", "next") for k in (1, 2) for label in LABELS]
    + ["before_bp_mean", "after_bp_mean", "after_bp_min", "before_bp_max", "run_bp_after",
       "run_bp_before", "is_last_block"]
)


def _first_stage(seed: int, C: float):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    columns = ColumnTransformer([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                  token_pattern=r"(?u)\b\w+\b|[^\w\s]"), "text"),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                                  sublinear_tf=True, max_features=CHAR_FEATURES), "text"),
    ])
    return make_pipeline(columns, LogisticRegression(C=C, max_iter=3000, random_state=seed))


def neighbourhood(frame, proba: np.ndarray):
    """Neighbourhood features from first-stage probabilities, in ``frame``'s row order."""
    import pandas as pd

    order = np.lexsort((frame["position"].to_numpy(), frame["article_id"].to_numpy()))
    articles = frame["article_id"].to_numpy()[order]
    p = proba[order]
    out = {f"own_{label}": p[:, j] for j, label in enumerate(LABELS)}
    starts = np.r_[True, articles[1:] != articles[:-1]]
    group = np.cumsum(starts) - 1
    for side, step in (("prev", 1), ("next", -1)):
        for k in (1, 2):
            shifted = np.roll(p, step * k, axis=0)
            same = np.roll(group, step * k) == group
            if step > 0:
                same[:k] = False
            else:
                same[-k:] = False
            for j, label in enumerate(LABELS):
                out[f"{side}{k}_{label}"] = np.where(same, shifted[:, j], -1.0)
    bp = pd.Series(p[:, BP])
    by = bp.groupby(group)
    n_before = by.cumcount().to_numpy()
    sum_before = by.cumsum().to_numpy() - bp.to_numpy()
    total = by.transform("sum").to_numpy()
    size = by.transform("size").to_numpy()
    n_after = size - n_before - 1
    out["before_bp_mean"] = np.where(n_before > 0, sum_before / np.maximum(n_before, 1), -1.0)
    out["after_bp_mean"] = np.where(n_after > 0, (total - sum_before - bp.to_numpy()) / np.maximum(n_after, 1), -1.0)
    reversed_min = bp[::-1].groupby(group[::-1]).cummin()[::-1].to_numpy()
    after_min = np.roll(reversed_min, -1)
    out["after_bp_min"] = np.where(n_after > 0, after_min, -1.0)
    before_max = np.roll(bp.groupby(group).cummax().to_numpy(), 1)
    out["before_bp_max"] = np.where(n_before > 0, before_max, -1.0)
    likely = (bp.to_numpy() > 0.5).astype(float)
    run_after = np.zeros(len(bp))
    run_before = np.zeros(len(bp))
    for i in range(len(bp) - 2, -1, -1):  # runs of likely boilerplate right after each sentence
        run_after[i] = (run_after[i + 1] + 1) * likely[i + 1] if group[i + 1] == group[i] else 0
    for i in range(1, len(bp)):
        run_before[i] = (run_before[i - 1] + 1) * likely[i - 1] if group[i - 1] == group[i] else 0
    out["run_bp_after"] = np.log1p(run_after)
    out["run_bp_before"] = np.log1p(run_before)
    out["is_last_block"] = (run_after >= n_after).astype(float) * (n_after > 0)
    features = pd.DataFrame(out)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return features.iloc[inverse].reset_index(drop=True)


def _second_stage(seed: int, C: float):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    words = dict(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|[^\w\s]")
    columns = ColumnTransformer([
        ("text", TfidfVectorizer(**words), "text"),
        ("prev", TfidfVectorizer(max_features=20_000, **words), "prev_text"),
        ("next", TfidfVectorizer(max_features=20_000, **words), "next_text"),
        ("shape", StandardScaler(), list(SHAPE_COLUMNS)),
        ("neighbourhood", StandardScaler(), list(NEIGHBOUR_COLUMNS)),
    ])
    return make_pipeline(columns, LogisticRegression(C=C, max_iter=3000, random_state=seed))


class ContextClassifier(ClassifierMixin, BaseEstimator):
    """Two-stage sentence classifier that sees the sentence's place among its neighbours.

    Parameters
    ----------
    C : float
        Inverse regularisation of the second stage.
    first_C : float
        Inverse regularisation of the first, text-only stage.
    n_folds : int
        Folds (grouped by article) for the first stage's out-of-fold probabilities.
    random_state : int
    """

    def __init__(self, C: float = CONTEXT_C, first_C: float = FIRST_C, n_folds: int = 4,
                 random_state: int = 0):
        self.C, self.first_C, self.n_folds, self.random_state = C, first_C, n_folds, random_state

    def _table(self, X, proba):
        import pandas as pd

        base = with_neighbours(X).reset_index(drop=True)
        return pd.concat([base, neighbourhood(base, proba)], axis=1)

    def fit(self, X, y):
        from sklearn.model_selection import GroupKFold, cross_val_predict

        y = np.asarray(y)
        first = _first_stage(self.random_state, self.first_C)
        groups = X["article_id"].to_numpy()
        oof = cross_val_predict(first, X, y, groups=groups, method="predict_proba",
                                cv=GroupKFold(n_splits=self.n_folds))
        self.first_ = first.fit(X, y)
        self.classes_ = self.first_.classes_
        oof_full = self._aligned(oof, self.classes_)
        self.second_ = _second_stage(self.random_state, self.C).fit(self._table(X, oof_full), y)
        return self

    @staticmethod
    def _aligned(proba, classes):
        full = np.zeros((len(proba), len(LABELS)))
        for j, cls in enumerate(classes):
            full[:, LABELS.index(cls)] = proba[:, j]
        return full

    def predict_proba(self, X):
        first = self._aligned(self.first_.predict_proba(X), self.classes_)
        return self.second_.predict_proba(self._table(X, first))

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


@register("context", description="two stages: a text model's probabilities for the sentence's "
                                 "neighbours and the rest of its article, plus its own and its "
                                 "neighbours' words, position and shape + logistic regression")
def context(seed: int, C: float = CONTEXT_C):
    return ContextClassifier(C=C, random_state=seed)
