"""newsroles: a benchmark for the roles of sentences in news articles.

The harness: labels, the corpus and its loaders, splits, scoring, reports and the command
line. Reference classifiers live in the separate ``baselines`` package.
"""

__version__ = "0.1.0"
DATASET_VERSION = "0.2.0"
SCORER_VERSION = "1.0.0"

from benchmark.errors import InputError  # noqa: E402
from benchmark.labels import KINDS, LABELS, REPORTING  # noqa: E402
from benchmark.loaders import FEATURE_COLUMNS, load_dataset_dict, load_newsroles, load_split  # noqa: E402

__all__ = [
    "FEATURE_COLUMNS", "InputError", "KINDS", "LABELS", "REPORTING",
    "load_newsroles", "load_split", "load_dataset_dict",
    "__version__", "DATASET_VERSION", "SCORER_VERSION",
]
