"""Reference classifiers for newsroles, each a scikit-learn estimator on the sentence frame.

``baselines.registry`` maps names to factories; importing this package registers every
family. Estimators take the DataFrame of :data:`benchmark.FEATURE_COLUMNS` as ``X`` and the
label strings as ``y``.
"""

from baselines.registry import create, describe, names, register

from baselines import simple, rules, linear, context, embed  # noqa: E402,F401  (registers its families)

__all__ = ["create", "describe", "names", "register"]
