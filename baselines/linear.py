"""Linear text models of the sentence alone: word n-grams + logistic regression, and
character n-grams + linear SVM.

Hyperparameters were chosen on ``validation`` only (``python scripts/tune_baselines.py``);
the grid and the scores behind each choice are in ``results/tuning.json``.
"""

from __future__ import annotations

from baselines.features import text_of
from baselines.registry import register

TFIDF_LOGREG_C = 3.0
CHAR_SVM_C = 0.3


def _words(**kwargs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                           token_pattern=r"(?u)\b\w+\b|[^\w\s]", **kwargs)


@register("tfidf-logreg", description="TF-IDF word 1-2-grams of the sentence + logistic regression")
def tfidf_logreg(seed: int, C: float = TFIDF_LOGREG_C):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    return make_pipeline(FunctionTransformer(text_of), _words(),
                         LogisticRegression(C=C, max_iter=3000, random_state=seed))


@register("char-svm", description="TF-IDF character 2-5-grams of the sentence + linear SVM "
                                  "(probabilities by sigmoid calibration)")
def char_svm(seed: int, C: float = CHAR_SVM_C):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                            max_features=300_000)
    svm = LinearSVC(C=C, random_state=seed)
    return make_pipeline(FunctionTransformer(text_of), chars,
                         CalibratedClassifierCV(svm, cv=3, method="sigmoid"))
