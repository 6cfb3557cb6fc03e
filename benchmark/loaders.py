"""Load the released splits: as pandas, as a scikit-learn Bunch, or as a datasets.DatasetDict.

The data folder is found, in order, from the ``data_home`` argument, the ``NEWSROLES_DATA``
environment variable, or the ``data/`` folder of the repository this package sits in.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmark.errors import InputError
from benchmark.labels import LABELS
from benchmark.splits import SPLITS

FEATURE_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "outlet", "topic", "form", "position", "n_sentences", "paragraph",
    "text",
)
"""What a model may use. Only ``id, article_id, position, text`` are known for scraped text."""

ENV_VAR = "NEWSROLES_DATA"


def get_data_home(data_home: str | Path | None = None, *, need_release: bool = True) -> Path:
    """The data folder: ``data_home``, else ``$NEWSROLES_DATA``, else the repository's data/.

    With ``need_release`` (the default) a folder without a built release is refused.
    """
    if data_home is None:
        data_home = os.environ.get(ENV_VAR) or Path(__file__).resolve().parent.parent / "data"
    data_home = Path(data_home)
    if need_release and not (data_home / "release").is_dir():
        raise InputError("no release folder in the data home", path=data_home,
                         fix=f"install newsroles from a clone (pip install -e .), set {ENV_VAR} "
                             "to its data/ folder, or run 'newsroles data build'")
    return data_home


def _check_split(split: str) -> None:
    if split not in SPLITS:
        import difflib

        near = difflib.get_close_matches(split, SPLITS, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise InputError(f"unknown split {split!r}",
                         fix=f"{hint}use one of {', '.join(SPLITS)}")


def split_path(split: str, *, data_home: str | Path | None = None) -> Path:
    _check_split(split)
    return get_data_home(data_home) / "release" / f"{split}.jsonl"


def read_records(path: str | Path):
    """A release-format JSONL file as a pyarrow Table (string, int64 columns)."""
    import pyarrow as pa
    import pyarrow.json as pj

    schema = pa.schema([
        (name, pa.int64() if name in ("position", "n_sentences", "paragraph") else pa.string())
        for name in (*FEATURE_COLUMNS, "label", "boilerplate_kind")
    ])
    return pj.read_json(path, parse_options=pj.ParseOptions(explicit_schema=schema,
                                                             unexpected_field_behavior="ignore"))


def load_split(split: str, *, data_home: str | Path | None = None):
    """The sentence records of one split as a pandas DataFrame, in file order.

    Examples
    --------
    >>> from benchmark import load_split
    >>> frame = load_split("validation")
    >>> list(frame.columns)[:4]
    ['id', 'article_id', 'outlet', 'topic']
    >>> sorted(set(frame["label"])) == sorted(LABELS)
    True
    """
    return read_records(split_path(split, data_home=data_home)).to_pandas()


def load_articles(*, data_home: str | Path | None = None):
    """One row per article: id, split, outlet and its name, topic, form, date, headline."""
    import pandas as pd

    path = get_data_home(data_home) / "release" / "articles.jsonl"
    return pd.read_json(path, lines=True, dtype={"article_id": str, "date": str})


def load_newsroles(*, split: str = "train", data_home: str | Path | None = None,
                   return_X_y: bool = False, as_frame: bool = False):
    """Load one split, scikit-learn style.

    Parameters
    ----------
    split : {"train", "validation", "test", "test_unseen"}, default="train"
    data_home : str or Path, default=None
        The data folder; defaults to ``$NEWSROLES_DATA`` or the repository's ``data/``.
    return_X_y : bool, default=False
        Return ``(X, y)`` instead of a Bunch.
    as_frame : bool, default=False
        If True, ``X`` is the DataFrame of :data:`FEATURE_COLUMNS` and ``y`` a Series of
        label strings. If False, ``X`` is the list of sentence texts and ``y`` an array of
        label codes (the index into ``target_names``).

    Returns
    -------
    Bunch with ``data``, ``target``, ``target_names``, ``frame`` (as_frame only),
    ``feature_names`` and ``DESCR``; or ``(data, target)`` if ``return_X_y``.

    Examples
    --------
    >>> from benchmark import load_newsroles
    >>> X, y = load_newsroles(split="validation", return_X_y=True, as_frame=True)
    >>> len(X) == len(y)
    True
    >>> bunch = load_newsroles(split="validation")
    >>> bunch.target_names
    ['event_fact', 'quote', 'context', 'boilerplate']
    """
    import numpy as np
    from sklearn.utils import Bunch

    frame = load_split(split, data_home=data_home)
    if as_frame:
        data, target = frame[list(FEATURE_COLUMNS)], frame["label"].rename("label")
    else:
        data = frame["text"].tolist()
        target = frame["label"].map({label: i for i, label in enumerate(LABELS)}).to_numpy(np.int64)
    if return_X_y:
        return data, target
    card = get_data_home(data_home) / "release" / "README.md"
    return Bunch(data=data, target=target, target_names=list(LABELS),
                 frame=frame if as_frame else None, feature_names=list(FEATURE_COLUMNS),
                 DESCR=card.read_text(encoding="utf-8"))


def load_dataset_dict(*, data_home: str | Path | None = None,
                      cache_dir: str | Path | None = None):
    """All splits as a ``datasets.DatasetDict``, offline, through the release's card.

    ``label`` is a ``ClassLabel`` with the names of :data:`benchmark.LABELS`.
    """
    import datasets

    folder = (get_data_home(data_home) / "release").resolve()
    return datasets.load_dataset(str(folder), cache_dir=None if cache_dir is None else str(cache_dir))
