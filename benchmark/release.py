"""Build the release from the authored source: sentence records, one JSONL file per split.

``build_release(data_home)`` reads ``data/source`` and ``data/outlets.toml`` and returns the
file contents (name -> bytes) that ``data/release/`` must hold; ``write_release`` writes them.
The build is deterministic, so a test can compare the committed release byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from benchmark.errors import InputError
from benchmark.source import Article, read_source
from benchmark.splits import SPLITS, assign_split, read_outlets, reserved_outlets

COLUMNS: tuple[str, ...] = (
    "id", "article_id", "outlet", "topic", "form", "position", "n_sentences", "paragraph",
    "text", "label", "boilerplate_kind",
)
"""The fields of a sentence record, in file order."""


def article_records(article: Article) -> list[dict]:
    n = len(article.sentences)
    return [
        {
            "id": article.sentence_id(position), "article_id": article.id,
            "outlet": article.outlet, "topic": article.topic, "form": article.form,
            "position": position, "n_sentences": n, "paragraph": s.paragraph,
            "text": s.text, "label": s.label, "boilerplate_kind": s.kind,
        }
        for position, s in enumerate(article.sentences)
    ]


ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "split", "outlet", "outlet_name", "topic", "form", "date", "headline",
    "n_sentences",
)
"""The fields of ``articles.jsonl``: one record per article."""


def corpus_records(data_home: str | Path) -> tuple[dict[str, list[dict]], list[dict]]:
    """Sentence records grouped by split (in SPLITS order), and one record per article."""
    data_home = Path(data_home)
    outlets = read_outlets(data_home / "outlets.toml")
    names = {o["code"]: o["name"] for o in outlets}
    reserved = reserved_outlets(outlets)
    grouped: dict[str, list[dict]] = {split: [] for split in SPLITS}
    articles = []
    for article in read_source(data_home / "source"):
        if article.outlet not in names:
            raise InputError(f"outlet {article.outlet!r} is not in outlets.toml",
                             path=article.path, line=2, fix="add the outlet to outlets.toml")
        split = assign_split(article.id, article.outlet, reserved)
        grouped[split].extend(article_records(article))
        articles.append({"article_id": article.id, "split": split, "outlet": article.outlet,
                         "outlet_name": names[article.outlet], "topic": article.topic,
                         "form": article.form, "date": article.date, "headline": article.headline,
                         "n_sentences": len(article.sentences)})
    return grouped, articles


def split_records(data_home: str | Path) -> dict[str, list[dict]]:
    """Every sentence record of the corpus, grouped by split (in SPLITS order)."""
    return corpus_records(data_home)[0]


def to_jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def build_release(data_home: str | Path) -> dict[str, bytes]:
    """The release files (name -> bytes): one JSONL per split, the articles, the card."""
    from benchmark.card import render_card  # card pulls in stats; keep this module light

    data_home = Path(data_home)
    grouped, articles = corpus_records(data_home)
    files = {f"{split}.jsonl": to_jsonl(records) for split, records in grouped.items()}
    files["articles.jsonl"] = to_jsonl(articles)
    files["README.md"] = render_card(grouped, articles, data_home).encode("utf-8")
    return files


def _umask_mode() -> int:
    """The mode a plain ``open()`` would give a new file (mkstemp's files are 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | Path, content: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_text_writer(path: str | Path):
    """A text stream to a temporary file beside ``path``, renamed into place on success only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_release(data_home: str | Path, out: str | Path | None = None) -> dict[str, bytes]:
    """Build the release and write it to ``out`` (default ``<data_home>/release``)."""
    files = build_release(data_home)
    out = Path(out) if out is not None else Path(data_home) / "release"
    for name, content in files.items():
        atomic_write(out / name, content)
    return files
