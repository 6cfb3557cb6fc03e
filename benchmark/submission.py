"""Read and validate a labelled file: a submission (predictions) or a user's gold file.

The one validator at the boundary of the scorer. Files are CSV (``.csv``) or JSON Lines
(``.jsonl``, ``.ndjson``), UTF-8. Accepted as they are: a UTF-8 byte-order mark, CRLF line
ends, blank lines in JSONL, and white space around a label (it is stripped). Everything else
that is off is refused with one :class:`~benchmark.errors.InputError` that names the file,
the line or the first offending ids with their count, and the fix.

Columns: ``id`` and ``label`` (required); optionally one probability column per label,
``p_event_fact, p_quote, p_context, p_boilerplate``, all four or none, each in [0, 1] and
summing to 1 (within 1e-3) on every row. A submission has no other columns; a gold file
may carry more (``article_id`` is used to resample by article, and ``outlet``, ``topic``,
``form``, ``boilerplate_kind`` give breakdowns).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from benchmark.errors import InputError
from benchmark.labels import LABELS

PROBA_COLUMNS: tuple[str, ...] = tuple(f"p_{label}" for label in LABELS)
REQUIRED: tuple[str, ...] = ("id", "label")
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
PROBA_TOLERANCE = 1e-3
SHOWN = 3


@dataclass
class Labelled:
    """A validated labelled file: ids, label codes and, if given, probabilities."""

    path: Path
    format: str
    table: object  # pyarrow.Table with the file's columns
    ids: object  # pyarrow string Array
    codes: object  # numpy int8 array of label codes
    proba: object | None  # numpy (n, 4) float64 array or None
    ids_sorted: bool | None = None  # ids strictly increasing (None: not checked)

    def line_of(self, row: int) -> int:
        return _line_numbers(self.path, self.format)[row]


def _sample(values) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:SHOWN])
    return shown + (", ..." if len(values) > SHOWN else "")


def _line_numbers(path: Path, fmt: str) -> list[int]:
    """File line of each data row (only computed on the error path)."""
    with open(path, "rb") as fh:
        raw_lines = fh.read().split(b"\n")
    if fmt == "csv":
        return list(range(2, len(raw_lines) + 2))
    return [i for i, raw in enumerate(raw_lines, start=1) if raw.strip()]


def _diagnose(path: Path, fmt: str, error: Exception) -> InputError:
    """Find the line behind a pyarrow parse error by reading the file in Python."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return InputError(f"bytes that are not UTF-8 (at column {exc.start + 1})",
                              path=path, line=number, fix="save the file as UTF-8")
    text = data.decode("utf-8")
    if fmt == "csv":
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows, [])
        for number, row in enumerate(rows, start=2):
            if row and len(row) != len(header):
                return InputError(f"{len(row)} fields where the header has {len(header)}",
                                  path=path, line=number,
                                  fix="quote fields that hold commas and give every row the header's columns")
    else:
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                return InputError(f"malformed JSON ({exc.msg})", path=path, line=number,
                                  fix="write one JSON object per line")
            if not isinstance(value, dict):
                return InputError("a JSON line that is not an object", path=path, line=number,
                                  fix='write one object per line, like {"id": "...", "label": "..."}')
            for key in REQUIRED:
                if key in value and not isinstance(value[key], str):
                    return InputError(f"{key} must be a string, got {value[key]!r}", path=path,
                                      line=number, fix=f"quote the {key}")
            for key in PROBA_COLUMNS:
                if key in value and not isinstance(value[key], (int, float)):
                    return InputError(f"{key} must be a number, got {value[key]!r}",
                                      path=path, line=number, fix="write probabilities as numbers")
    return InputError(f"cannot be read ({error})", path=path,
                      fix=f"write {'CSV with a header row' if fmt == 'csv' else 'one JSON object per line'}")


def _string_arrays(table):
    """Every string array a table holds: plain chunks, and the dictionaries of encoded ones."""
    import pyarrow as pa

    for column in table.columns:
        for chunk in column.chunks:
            if pa.types.is_dictionary(chunk.type):
                chunk = chunk.dictionary
            if pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type):
                yield chunk


def _validate_utf8(table) -> None:
    """Raise ``pyarrow.ArrowInvalid`` if a string holds bytes that are not UTF-8.

    Pure ASCII (every byte below 128, the usual case for ids and labels) is valid UTF-8 and
    is checked with one numpy reduction; anything else gets pyarrow's full validation.
    """
    import numpy as np

    for strings in _string_arrays(table):
        data = strings.buffers()[2]
        if data is not None and data.size and np.frombuffer(data, dtype=np.uint8).max() >= 128:
            strings.validate(full=True)


def read_table(path: Path, fmt: str):
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.json as pjson

    try:
        if fmt == "csv":  # decode without pyarrow's UTF-8 pass, then check (cheaper on ASCII)
            table = pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(
                column_types={"id": pa.string(), "label": pa.dictionary(pa.int32(), pa.string()),
                              "article_id": pa.string()},
                check_utf8=False, strings_can_be_null=False, quoted_strings_can_be_null=False))
            _validate_utf8(table)
            return table
        return pjson.read_json(path)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _diagnose(path, fmt, exc) from None


def check_path(path: str | Path) -> tuple[Path, str]:
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", path=path, fix="check the path")
    if path.is_dir():
        raise InputError("is a folder, not a file", path=path,
                         fix="pass the CSV or JSONL file inside it")
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown file type {path.suffix or '(none)'!r}", path=path,
                         fix="name the file .csv or .jsonl")
    if path.stat().st_size == 0:
        raise InputError("empty file", path=path,
                         fix="write a header row 'id,label' and one row per sentence")
    return path, fmt


def _check_columns(path: Path, names: list[str], strict: bool) -> None:
    wanted = (*REQUIRED, *PROBA_COLUMNS)
    for required in REQUIRED:
        if required not in names:
            near = difflib.get_close_matches(required, names, n=1, cutoff=0.6)
            hint = f" (found {near[0]!r}: rename it)" if near else ""
            raise InputError(f"no {required!r} column{hint}", path=path, line=1,
                             fix=f"give the file the columns {', '.join(REQUIRED)}; it has {', '.join(names) or 'none'}")
    proba = [c for c in names if c in PROBA_COLUMNS]
    if proba and len(proba) != len(PROBA_COLUMNS):
        missing = [c for c in PROBA_COLUMNS if c not in names]
        raise InputError(f"probability columns incomplete: missing {', '.join(missing)}",
                         path=path, line=1, fix="give all four p_<label> columns or none")
    if strict:
        extra = [c for c in names if c not in wanted]
        if extra:
            near = difflib.get_close_matches(extra[0], wanted, n=1, cutoff=0.6)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise InputError(f"unexpected column {extra[0]!r}", path=path, line=1,
                             fix=f"{hint}a submission has only id, label and p_<label> columns")


def _label_codes(labelled_path: Path, fmt: str, labels):
    """Label strings (plain or dictionary-encoded, chunked) -> int8 codes; white space is stripped."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if labels.null_count:
        row = int(np.flatnonzero(labels.is_null().to_numpy(zero_copy_only=False))[0])
        raise InputError("a row has no label", path=labelled_path,
                         line=_line_numbers(labelled_path, fmt)[row], fix="give every row a label")
    known = pa.array(LABELS)
    if pa.types.is_dictionary(labels.type):  # CSV: each chunk has a few distinct strings, map those
        parts = []
        for chunk in labels.chunks:
            mapping = pc.index_in(pc.utf8_trim_whitespace(chunk.dictionary), value_set=known)
            mapping = mapping.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int8)
            parts.append(mapping[chunk.indices.to_numpy(zero_copy_only=False)])
        codes = np.concatenate(parts) if parts else np.empty(0, dtype=np.int8)
    else:
        found = pc.index_in(pc.utf8_trim_whitespace(labels), value_set=known)
        codes = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int8)
    bad = np.flatnonzero(codes < 0)
    if len(bad):
        values = dict.fromkeys(labels.take(pa.array(bad[:50])).cast(pa.string()).to_pylist())
        raise InputError(
            f"{len(bad)} rows with an unknown label ({_sample(values)})", path=labelled_path,
            line=_line_numbers(labelled_path, fmt)[int(bad[0])],
            fix=f"use one of {', '.join(LABELS)} (lower case, as written)")
    return codes


def _probabilities(path: Path, fmt: str, table):
    import numpy as np
    import pyarrow as pa

    columns = []
    for name in PROBA_COLUMNS:
        column = table.column(name)
        if not (pa.types.is_floating(column.type) or pa.types.is_integer(column.type)):
            raise InputError(f"{name} must be numeric, found {column.type}", path=path, line=1,
                             fix="write probabilities as numbers between 0 and 1")
        columns.append(column.to_numpy().astype(np.float64))
    proba = np.column_stack(columns)
    lines = None
    bad = np.flatnonzero(~np.isfinite(proba).all(axis=1))
    if len(bad):
        lines = _line_numbers(path, fmt)
        raise InputError(f"{len(bad)} rows with a missing probability", path=path,
                         line=lines[int(bad[0])], fix="give all four probabilities on every row")
    bad = np.flatnonzero(((proba < 0) | (proba > 1)).any(axis=1))
    if len(bad):
        lines = _line_numbers(path, fmt)
        raise InputError(f"{len(bad)} rows with a probability outside [0, 1]", path=path,
                         line=lines[int(bad[0])], fix="write probabilities between 0 and 1")
    bad = np.flatnonzero(np.abs(proba.sum(axis=1) - 1.0) > PROBA_TOLERANCE)
    if len(bad):
        lines = _line_numbers(path, fmt)
        row = int(bad[0])
        raise InputError(
            f"{len(bad)} rows whose probabilities sum to other than 1 (first: {proba[row].sum():.4f})",
            path=path, line=lines[row], fix=f"normalise each row to sum to 1 (within {PROBA_TOLERANCE})")
    return proba


def is_sorted(values) -> bool:
    """True if a pyarrow string array is in ascending order (vectorised, no copy)."""
    import pyarrow.compute as pc

    n = len(values)
    return n < 2 or not pc.any(pc.less(values.slice(1), values.slice(0, n - 1))).as_py()


def sorted_values(values):
    """The array in ascending order; no work if it is sorted already (release files are)."""
    import pyarrow.compute as pc

    return values if is_sorted(values) else values.take(pc.sort_indices(values))


def strictly_increasing(values) -> bool:
    """True if a pyarrow string array is sorted with no value repeated (one vectorised pass)."""
    import pyarrow.compute as pc

    n = len(values)
    return n < 2 or pc.all(pc.less(values.slice(0, n - 1), values.slice(1))).as_py()


def duplicate_ids(ids) -> list[str]:
    """Ids that occur more than once, each listed once, in sorted order."""
    import pyarrow.compute as pc

    if strictly_increasing(ids):  # the release's order and any sorted file: one pass
        return []
    ordered = sorted_values(ids)
    n = len(ordered)
    same = pc.equal(ordered.slice(1), ordered.slice(0, n - 1))
    if not pc.any(same).as_py():
        return []
    return list(dict.fromkeys(ordered.slice(1).filter(same).to_pylist()))


def read_labelled(path: str | Path, *, strict: bool = True,
                  check_duplicates: bool = True) -> Labelled:
    """Read and validate a labelled file.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` or ``.jsonl`` file with ``id`` and ``label`` columns.
    strict : bool, default=True
        Refuse columns other than ``id``, ``label`` and ``p_<label>`` (submissions). Pass
        False for gold files, which may carry metadata.
    check_duplicates : bool, default=True
        Refuse repeated ids. The scorer passes False for a submission and checks only when
        the submission's ids are not the gold ids in the same order.

    Raises
    ------
    InputError
        On the first problem found, naming the file, the line and the fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "pred.csv"
    >>> _ = tmp.write_text("id,label\\na-000,quote\\na-001,boilerplate\\n")
    >>> read_labelled(tmp).codes.tolist()
    [1, 3]
    >>> _ = tmp.write_text("id,label\\na-000,quote\\na-001,boilerplat\\n")
    >>> read_labelled(tmp)
    Traceback (most recent call last):
    ...
    benchmark.errors.InputError: ...pred.csv:3: 1 rows with an unknown label ('boilerplat'); fix: ...
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    path, fmt = check_path(path)
    table = read_table(path, fmt)
    _check_columns(path, table.column_names, strict)
    if table.num_rows == 0:
        raise InputError("no rows, only a header", path=path,
                         fix="write one row per sentence of the split")
    ids = table.column("id").combine_chunks()
    if not pa.types.is_string(ids.type) and not pa.types.is_large_string(ids.type):
        raise InputError(f"ids must be strings, found {ids.type}", path=path, line=1,
                         fix="write ids as text, like abc-001-000")
    if ids.null_count or pc.min(pc.binary_length(ids)).as_py() == 0:
        empty = pc.or_kleene(ids.is_null(), pc.equal(pc.binary_length(ids), 0)).to_numpy(zero_copy_only=False)
        row = int(np.flatnonzero(empty)[0])
        raise InputError(f"{int(empty.sum())} rows without an id", path=path,
                         line=_line_numbers(path, fmt)[row], fix="give every row its sentence id")
    codes = _label_codes(path, fmt, table.column("label"))
    ids_sorted = strictly_increasing(ids) if check_duplicates else None
    dupes = duplicate_ids(ids) if check_duplicates and not ids_sorted else []
    if dupes:
        raise InputError(f"{len(dupes)} ids given more than once ({_sample(dupes)})", path=path,
                         fix="give one row per sentence id")
    proba = _probabilities(path, fmt, table) if PROBA_COLUMNS[0] in table.column_names else None
    return Labelled(path=path, format=fmt, table=table, ids=ids, codes=codes, proba=proba,
                    ids_sorted=ids_sorted)
