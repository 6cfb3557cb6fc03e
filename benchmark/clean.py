"""Clean scraped articles: segment, classify every sentence, drop the publisher's text.

Inputs are plain text (a file per article, or standard input), JSON Lines (one article per
line; the text field is configurable and every other field is passed through) or HTML
(through trafilatura, with settings that keep the inline text of the body so the classifier,
not the page structure, decides what is boilerplate). Articles are read, classified and
written as a stream, in batches, so memory stays flat however many there are; with
``jobs > 1`` batches are classified in parallel processes. An article that cannot be read
(bytes that are not UTF-8, no text, HTML with no article in it, a malformed JSON line) is
reported by name and skipped; the rest go on.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from benchmark import DATASET_VERSION, __version__
from benchmark.errors import InputError
from benchmark.labels import LABELS, REPORTING
from benchmark.segment import segment

DEFAULT_BASELINE = "context"
"""The model ``clean`` trains on first use: the best of the cheap baselines in the results."""
CACHE_ENV = "NEWSROLES_CACHE"
SUFFIX_FORMAT = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl"}
BATCH = 32


@dataclass
class Article:
    name: str
    text: str
    extra: dict | None = None  # the other fields of a JSONL record, passed through


@dataclass
class Skipped:
    name: str
    reason: str


@dataclass
class Cleaned:
    article: Article
    sentences: list[dict] = field(default_factory=list)

    def text(self) -> str:
        """The kept sentences, paragraphs separated by a blank line, each sentence's text as it was."""
        paragraphs: dict[int, list[str]] = {}
        for s in self.sentences:
            if not s["removed"]:
                paragraphs.setdefault(s["paragraph"], []).append(s["text"])
        return "\n\n".join(" ".join(p) for p in paragraphs.values())


# --- reading ----------------------------------------------------------------------------------

def _html_text(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=False,
                               fast=True, deduplicate=False)


def _from_text(name: str, raw: bytes, fmt: str) -> Article | Skipped:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(name, f"bytes that are not UTF-8 (byte {exc.start})")
    if fmt == "html":
        try:
            text = _html_text(text) or ""
        except Exception as exc:  # trafilatura/lxml raise many types on broken markup
            return Skipped(name, f"HTML that does not parse ({type(exc).__name__})")
        if not text.strip():
            return Skipped(name, "no article text found in the HTML")
    if not text.strip():
        return Skipped(name, "empty")
    return Article(name, text.replace("\r\n", "\n"))


def _from_jsonl(name: str, lines: Iterable[bytes], text_field: str, id_field: str) -> Iterator[Article | Skipped]:
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield Skipped(where, "bytes that are not UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            yield Skipped(where, f"no string field {text_field!r}")
            continue
        if not record[text_field].strip():
            yield Skipped(where, f"empty {text_field!r}")
            continue
        label = str(record.get(id_field, where))
        yield Article(label, record[text_field], record)


def _files(paths: list[str], fmt: str) -> Iterator[tuple[str, Path | None, str]]:
    """(name, path or None for stdin, format) for every input, folders walked in order."""
    for item in paths or ["-"]:
        if item == "-":
            yield "<stdin>", None, "text" if fmt == "auto" else fmt
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                kind = SUFFIX_FORMAT.get(child.suffix.lower()) if fmt == "auto" else fmt
                if kind and (fmt != "auto" or child.suffix.lower() in SUFFIX_FORMAT):
                    yield str(child), child, kind
        elif path.is_file():
            yield str(path), path, SUFFIX_FORMAT.get(path.suffix.lower(), "text") if fmt == "auto" else fmt
        else:
            raise InputError("no such file or folder", path=path, fix="check the path")


def read_articles(paths: list[str], *, fmt: str = "auto", text_field: str = "text",
                  id_field: str = "id") -> Iterator[Article | Skipped]:
    """Every article of the inputs, lazily, or a Skipped record for one that cannot be read."""
    for name, path, kind in _files(paths, fmt):
        if kind == "jsonl":
            handle = sys.stdin.buffer if path is None else open(path, "rb")
            try:
                yield from _from_jsonl(name, handle, text_field, id_field)
            finally:
                if path is not None:
                    handle.close()
        else:
            raw = sys.stdin.buffer.read() if path is None else path.read_bytes()
            yield _from_text(name, raw, kind)


# --- classifying ------------------------------------------------------------------------------

def sentence_frame(articles: list[Article]):
    """The sentence DataFrame a model takes, with only what is known of scraped text."""
    import pandas as pd

    rows = []
    for index, article in enumerate(articles):
        spans = segment(article.text)
        for position, s in enumerate(spans):
            rows.append({"id": f"a{index}-{position:03d}", "article_id": f"a{index}",
                         "outlet": "", "topic": "", "form": "", "position": position,
                         "n_sentences": len(spans), "paragraph": s.paragraph, "text": s.text,
                         "article_index": index})
    return pd.DataFrame(rows)


def classify(model, articles: list[Article], keep: frozenset[str]) -> list[Cleaned]:
    import numpy as np

    cleaned = [Cleaned(a) for a in articles]
    frame = sentence_frame(articles)
    if frame.empty:
        return cleaned
    proba = model.predict_proba(frame)
    full = np.zeros((len(frame), len(LABELS)))
    for j, cls in enumerate(model.classes_):
        full[:, LABELS.index(cls)] = proba[:, j]
    labels = np.asarray(LABELS)[full.argmax(axis=1)]
    for row, label, p in zip(frame.itertuples(index=False), labels, full):
        cleaned[row.article_index].sentences.append({
            "position": row.position, "paragraph": row.paragraph, "text": row.text,
            "label": str(label), **{f"p_{name}": round(float(v), 6) for name, v in zip(LABELS, p)},
            "removed": str(label) not in keep})
    return cleaned


_WORKER_MODEL = None


def _worker_init(model_path: str) -> None:
    global _WORKER_MODEL
    from benchmark.modelfile import load_model

    _WORKER_MODEL = load_model(model_path)[0]


def _worker_classify(args):
    batch, keep = args
    return classify(_WORKER_MODEL, batch, keep)


def _batches(items: Iterator[Article | Skipped], size: int) -> Iterator[tuple[list[Article], list[Skipped]]]:
    batch, skipped = [], []
    for item in items:
        (skipped if isinstance(item, Skipped) else batch).append(item)
        if len(batch) >= size:
            yield batch, skipped
            batch, skipped = [], []
    if batch or skipped:
        yield batch, skipped


def clean_stream(items: Iterator[Article | Skipped], *, model=None, model_path: Path | None = None,
                 keep: frozenset[str] = frozenset(REPORTING), jobs: int = 1,
                 batch_size: int = BATCH) -> Iterator[Cleaned | Skipped]:
    """Cleaned articles (and Skipped records) in input order."""
    if jobs <= 1:
        for batch, skipped in _batches(items, batch_size):
            yield from skipped
            yield from classify(model, batch, keep)
        return
    import multiprocessing

    pending = []  # skipped records are yielded in order with their batch
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_worker_init, initargs=(str(model_path),)) as pool:
        def work():
            for batch, skipped in _batches(items, batch_size):
                pending.append(skipped)
                yield batch, keep
        for result in pool.imap(_worker_classify, work()):
            yield from pending.pop(0)
            yield from result


# --- the default model ------------------------------------------------------------------------

def cache_dir() -> Path:
    """``$NEWSROLES_CACHE``, else the platform's user cache folder for newsroles."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import platformdirs

    return platformdirs.user_cache_path("newsroles")


def default_model_path(*, data_home=None) -> Path:
    """Where the default model is cached: named for the code version and the training data.

    The name carries the first 12 hex digits of the SHA-256 of the ``train`` split file, so a
    changed corpus is never classified with a model cached from an older one.
    """
    import hashlib

    from benchmark.loaders import split_path

    with open(split_path("train", data_home=data_home), "rb") as fh:
        train_sha = hashlib.file_digest(fh, "sha256").hexdigest()[:12]
    return cache_dir() / (f"{DEFAULT_BASELINE}-data{DATASET_VERSION}-train{train_sha}"
                          f"-newsroles{__version__}.skops")


def default_model(*, data_home=None) -> Path:
    """The default model file, trained on the shipped corpus and cached on first use."""
    path = default_model_path(data_home=data_home)
    if not path.is_file():
        from benchmark.modelling import train

        print(f"training the default model ({DEFAULT_BASELINE}) once; it is cached at {path}",
              file=sys.stderr)
        train(DEFAULT_BASELINE, out=path, data_home=data_home, quiet=True)
    return path


# --- writing ----------------------------------------------------------------------------------

def sentence_records(item: Cleaned) -> Iterator[dict]:
    for s in item.sentences:
        yield {"article": item.article.name, "id": f"{item.article.name}-{s['position']:03d}", **s}


def write_cleaned(items: Iterator[Cleaned | Skipped], out, *, output: str, text_field: str,
                  several: bool) -> tuple[int, int, list[Skipped]]:
    """Write to the text stream ``out``; return (articles, sentences, skipped)."""
    n_articles = n_sentences = 0
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            print(f"skipped {item.name}: {item.reason}", file=sys.stderr)
            continue
        n_articles += 1
        n_sentences += len(item.sentences)
        if output == "sentences":
            for record in sentence_records(item):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif item.article.extra is not None:  # JSONL in, JSONL out: the text field cleaned
            record = dict(item.article.extra)
            record[text_field] = item.text()
            record["removed_sentences"] = sum(s["removed"] for s in item.sentences)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if several:
                out.write(f"==> {item.article.name} <==\n")
            out.write(item.text() + "\n")
            if several:
                out.write("\n")
    return n_articles, n_sentences, skipped
