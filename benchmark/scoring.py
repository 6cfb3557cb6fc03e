"""Score a submission against a split or a gold file: align ids, count, build the record.

``score(submission, split=...)`` returns the result record (a plain dict) that
:mod:`benchmark.report` renders and ``--json`` prints. Reading and validation are in
:mod:`benchmark.submission`, the arithmetic in :mod:`benchmark.metrics`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmark import DATASET_VERSION, SCORER_VERSION, __version__, metrics
from benchmark.errors import InputError
from benchmark.labels import BOILERPLATE, KINDS, LABELS
from benchmark.submission import (SHOWN, Labelled, duplicate_ids, read_labelled, sorted_values,
                                  strictly_increasing)

SCHEMA = "newsroles.score/1"
BREAKDOWNS = ("outlet", "topic", "form")
N_BOOT = 1000
SEED = 0


@dataclass
class Gold:
    name: str  # the split name, or the gold file's path
    split: str | None
    ids: object  # pyarrow string Array
    codes: np.ndarray
    table: object  # pyarrow Table with any metadata columns
    ids_sorted: bool | None = None  # ids strictly increasing (None: not checked)

    def article_codes(self) -> tuple[np.ndarray, int]:
        """Article index of every sentence, from ``article_id`` or else the id's stem."""
        import pyarrow.compute as pc

        if "article_id" in self.table.column_names:
            articles = self.table.column("article_id").combine_chunks()
        else:  # ids follow <article_id>-<NNN>; any other id is its own unit
            articles = pc.replace_substring_regex(self.ids, pattern=r"-\d+$", replacement="")
        n = len(articles)
        if n == 0:
            return np.zeros(0, dtype=np.int32), 0
        # release order: each article one run of rows. Runs whose first values strictly
        # increase hold distinct articles, so they are numbered in turn.
        changes = pc.not_equal(articles.slice(1), articles.slice(0, n - 1)).to_numpy(zero_copy_only=False)
        bounds = np.concatenate(([0], np.flatnonzero(changes) + 1, [n]))
        if strictly_increasing(articles.take(bounds[:-1])):
            runs = len(bounds) - 1
            return np.repeat(np.arange(runs, dtype=np.int32), np.diff(bounds)), runs
        encoded = pc.dictionary_encode(articles)
        return encoded.indices.to_numpy(zero_copy_only=False), len(encoded.dictionary)


def load_gold(*, split: str | None = None, gold: str | Path | None = None,
              data_home: str | Path | None = None) -> Gold:
    """The gold labels of a released split, or of a user's labelled file."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if (split is None) == (gold is None):
        raise InputError("give exactly one of --split and --gold",
                         fix="score against a released split or your own labelled file")
    if gold is not None:
        labelled = read_labelled(gold, strict=False)
        return Gold(str(gold), None, labelled.ids, labelled.codes, labelled.table, labelled.ids_sorted)
    from benchmark.loaders import read_records, split_path

    table = read_records(split_path(split, data_home=data_home))
    codes = pc.index_in(table.column("label"), value_set=pa.array(LABELS))
    return Gold(split, split, table.column("id").combine_chunks(),
                codes.to_numpy(zero_copy_only=False).astype(np.int8), table)


def align(gold: Gold, sub: Labelled) -> tuple[np.ndarray, np.ndarray | None]:
    """The submission's codes (and probabilities) in gold order; refuse missing or unknown ids."""
    import pyarrow.compute as pc

    if sub.ids.equals(gold.ids):  # same ids in the same order: compares the buffers
        return sub.codes, sub.proba
    where = pc.index_in(gold.ids, value_set=sub.ids)  # one hash join
    if not where.null_count and len(sub.ids) == len(gold.ids):
        # the gold ids are distinct, so finding all of them in as many rows makes the rows
        # a permutation of the gold ids: no duplicate and no unknown id is left
        order = where.to_numpy(zero_copy_only=False)
        return sub.codes[order], None if sub.proba is None else sub.proba[order]
    dupes = duplicate_ids(sub.ids)  # something is off: find what, for the message
    if dupes:
        raise InputError(
            f"{len(dupes)} ids given more than once ({', '.join(dupes[:SHOWN])}"
            f"{', ...' if len(dupes) > SHOWN else ''})", path=sub.path, fix="give one row per sentence id")
    if where.null_count:
        missing = gold.ids.filter(where.is_null()).to_pylist()
        raise InputError(
            f"{len(missing)} sentences of {gold.name} have no prediction "
            f"({', '.join(missing[:SHOWN])}{', ...' if len(missing) > SHOWN else ''})",
            path=sub.path, fix=f"predict every sentence of {gold.name}, one row per id")
    known = pc.is_in(sub.ids, value_set=gold.ids)
    if not pc.all(known).as_py():
        unknown = sub.ids.filter(pc.invert(known)).to_pylist()
        raise InputError(
            f"{len(unknown)} ids are not in {gold.name} "
            f"({', '.join(unknown[:SHOWN])}{', ...' if len(unknown) > SHOWN else ''})",
            path=sub.path, fix="drop them, or score against the split they come from")
    raise AssertionError("unreachable: distinct gold ids all found in as many distinct rows")


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def ids_sha256(ids, *, presorted: bool = False, block: int = 1 << 16) -> str:
    r"""SHA-256 of the ids, sorted, each followed by a newline: names exactly what was scored.

    ``presorted=True`` skips the order check for ids known to be in order. Ids of one width
    (the release's) are hashed ``block`` at a time through one small reused buffer.

    >>> import pyarrow as pa
    >>> ids_sha256(pa.array(["b-001", "a-000"])) == hashlib.sha256(b"a-000\nb-001\n").hexdigest()
    True
    """
    import pyarrow.compute as pc

    ids = ids if presorted else sorted_values(ids)
    offsets = np.frombuffer(ids.buffers()[1], dtype=np.int32)[ids.offset:ids.offset + len(ids) + 1]
    lengths = np.diff(offsets)
    digest = hashlib.sha256()
    if len(ids) and (lengths == lengths[0]).all():
        width = int(lengths[0])
        data = np.frombuffer(ids.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
        data = data.reshape(len(ids), width)
        lines = np.full((min(block, len(ids)), width + 1), ord("\n"), dtype=np.uint8)
        for start in range(0, len(ids), block):
            part = data[start:start + block]
            lines[:len(part), :width] = part
            digest.update(lines[:len(part)])
        return digest.hexdigest()
    lines = pc.binary_join_element_wise(ids, "\n", "")
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)
    start, stop = offsets[lines.offset], offsets[lines.offset + len(lines)]
    digest.update(memoryview(lines.buffers()[2])[start:stop])
    return digest.hexdigest()


def _environment() -> dict[str, str]:
    import pyarrow

    return {"python": platform.python_version(), "platform": sys.platform,
            "numpy": np.__version__, "pyarrow": pyarrow.__version__, "newsroles": __version__}


def _rounded(x) -> float:
    return round(float(x), 6)


def _class_table(cm: np.ndarray) -> dict[str, dict]:
    pc_ = metrics.per_class(cm)
    return {label: {"precision": _rounded(pc_["precision"][i]), "recall": _rounded(pc_["recall"][i]),
                    "f1": _rounded(pc_["f1"][i]), "support": int(pc_["support"][i])}
            for i, label in enumerate(LABELS)}


def _breakdowns(gold: Gold, pred: np.ndarray) -> dict[str, dict]:
    import pyarrow.compute as pc

    out = {}
    for column in BREAKDOWNS:
        if column not in gold.table.column_names:
            continue
        encoded = pc.dictionary_encode(gold.table.column(column)).combine_chunks()
        names = encoded.dictionary.to_pylist()
        cms = metrics.grouped_confusion(gold.codes, pred, encoded.indices.to_numpy(zero_copy_only=False), len(names))
        f1s, appeal_f1 = metrics.macro_f1(cms), metrics.appeal(cms)["f1"]
        out[column] = {name: {"macro_f1": _rounded(f1s[i]), "appeal_f1": _rounded(appeal_f1[i]),
                              "n_sentences": int(cms[i].sum())}
                       for i, name in sorted(enumerate(names), key=lambda p: p[1])}
    return out


def _kind_recall(gold: Gold, pred: np.ndarray) -> dict[str, dict]:
    import pyarrow as pa
    import pyarrow.compute as pc

    if "boilerplate_kind" not in gold.table.column_names:
        return {}
    kinds = pc.index_in(gold.table.column("boilerplate_kind"), value_set=pa.array(KINDS))
    kinds = kinds.to_numpy(zero_copy_only=False)
    is_bp = gold.codes == LABELS.index(BOILERPLATE)
    rows = is_bp & ~np.isnan(kinds.astype(np.float64))
    recall, support = metrics.recall_by_group(
        (pred[rows] == metrics.BP).astype(np.float64), kinds[rows].astype(np.int64), len(KINDS))
    return {kind: {"recall": _rounded(recall[i]), "support": int(support[i])}
            for i, kind in enumerate(KINDS) if support[i]}


def score(submission: str | Path, *, split: str | None = None, gold: str | Path | None = None,
          data_home: str | Path | None = None, n_boot: int = N_BOOT, seed: int = SEED) -> dict:
    """Score a submission file; return the result record.

    Parameters
    ----------
    submission : str or Path
        CSV or JSONL with ``id,label`` (and optionally ``p_<label>``) for every sentence.
    split : str, optional
        A released split to score against.
    gold : str or Path, optional
        A labelled CSV or JSONL file to score against instead of a split.
    n_boot : int, default=1000
        Bootstrap resamples (over articles) for the 95% intervals.
    seed : int, default=0
        Seed of the bootstrap.

    Returns
    -------
    dict
        The record: ``macro_f1``, ``appeal_f1``, ``per_class`` and the rest, see
        :func:`benchmark.report.validate_record`.
    """
    from concurrent.futures import ThreadPoolExecutor

    # pyarrow's reading and the hashing release the GIL: the gold file's checks overlap the
    # submission's reading, and the hashing overlaps the metrics
    with ThreadPoolExecutor(max_workers=2) as pool:
        gold_future = pool.submit(load_gold, split=split, gold=gold, data_home=data_home)
        sub_future = pool.submit(read_labelled, submission, check_duplicates=False)
        gold_data = gold_future.result()
        sub = sub_future.result()
        gold_hash = pool.submit(ids_sha256, gold_data.ids, presorted=bool(gold_data.ids_sorted))
        sub_hash = pool.submit(sha256_file, sub.path)
        pred, proba = align(gold_data, sub)
        record = _metrics_record(gold_data, pred, proba, n_boot=n_boot, seed=seed)
        gold_ids_sha256, submission_sha256 = gold_hash.result(), sub_hash.result()
    return {
        "schema": SCHEMA,
        "scorer_version": SCORER_VERSION,
        "dataset_version": DATASET_VERSION if split else None,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "environment": _environment(),
        "gold": {"split": split, "path": None if split else str(gold),
                 "n_sentences": int(len(gold_data.codes)), "n_articles": record.pop("n_articles"),
                 "ids_sha256": gold_ids_sha256},
        "submission": {"path": str(submission), "sha256": submission_sha256,
                       "has_probabilities": proba is not None},
    } | record


def _metrics_record(gold_data: Gold, pred: np.ndarray, proba, *, n_boot: int, seed: int) -> dict:
    articles, n_articles = gold_data.article_codes()
    article_cm = metrics.grouped_confusion(gold_data.codes, pred, articles, n_articles)
    cm = article_cm.sum(axis=0)
    boot = metrics.bootstrap(article_cm, n_boot=n_boot, seed=seed)
    appeal = metrics.appeal(cm)
    return {
        "n_articles": int(n_articles),
        "macro_f1": _rounded(metrics.macro_f1(cm)),
        "appeal_f1": _rounded(appeal["f1"]),
        "accuracy": _rounded(metrics.accuracy(cm)),
        "appeal": {k: _rounded(v) for k, v in appeal.items()},
        "ci": {"level": 0.95, "n_boot": n_boot, "seed": seed, "unit": "article",
               "resampled_units": boot["units"],
               "macro_f1": [_rounded(v) for v in metrics.interval(boot["macro_f1"])],
               "appeal_f1": [_rounded(v) for v in metrics.interval(boot["appeal_f1"])]},
        "per_class": _class_table(cm),
        "confusion_matrix": {"labels": list(LABELS), "counts": cm.astype(int).tolist()},
        "clean_rate": _rounded(metrics.clean_rate(article_cm)),
        "log_loss": None if proba is None else _rounded(metrics.log_loss(gold_data.codes, proba)),
        "kind_recall": _kind_recall(gold_data, pred),
        "breakdowns": _breakdowns(gold_data, pred),
    }
