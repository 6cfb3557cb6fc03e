"""Read the authored source: one article per text file, one labelled sentence per line.

The format (``data/source/<outlet code>/<article id>.txt``)::

    id: clb-001
    outlet: clb
    topic: politics
    form: wire
    date: 2019-06-27
    headline: County board delays vote on jail expansion

    boilerplate:credit | By Dana Whitcombe, Staff writer

    event_fact | The county board on Tuesday postponed a vote on ...
    quote | "We are not ready," said board chair Ellis Marr.

A header of ``key: value`` lines ends at the first blank line. In the body, blank lines
separate paragraphs and every other line is ``LABEL | sentence`` where LABEL is one of
``event_fact``, ``quote``, ``context`` or ``boilerplate:KIND``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from benchmark.errors import InputError
from benchmark.labels import BOILERPLATE, KINDS, LABELS

HEADER_KEYS = ("id", "outlet", "topic", "form", "date", "headline")
SEPARATOR = " | "


@dataclass(frozen=True)
class Sentence:
    label: str
    kind: str  # "" unless label is boilerplate
    paragraph: int
    text: str
    line: int  # line number in the source file, for messages


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    topic: str
    form: str
    date: str
    headline: str
    sentences: tuple[Sentence, ...]
    path: str

    def sentence_id(self, position: int) -> str:
        return f"{self.id}-{position:03d}"


def _parse_label(field: str, path: Path, number: int) -> tuple[str, str]:
    label, _, kind = field.partition(":")
    if label not in LABELS:
        raise InputError(f"unknown label {field!r}", path=path, line=number,
                         fix=f"start the line with one of {', '.join(LABELS[:3])} or boilerplate:KIND")
    if label == BOILERPLATE:
        if kind not in KINDS:
            raise InputError(f"boilerplate needs a kind, got {kind!r}", path=path, line=number,
                             fix=f"write boilerplate:KIND with KIND one of {', '.join(KINDS)}")
    elif kind:
        raise InputError(f"only boilerplate takes a kind, got {field!r}", path=path,
                         line=number, fix=f"write {label} alone")
    return label, kind


def parse_article(path: str | Path) -> Article:
    """Parse one source file into an :class:`Article`; raise InputError naming the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path=path,
                         fix="save the file as UTF-8") from None
    header: dict[str, str] = {}
    number = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            break
        key, sep, value = raw.partition(":")
        if not sep or key not in HEADER_KEYS:
            raise InputError(f"bad header line {raw!r}", path=path, line=number,
                             fix=f"write 'key: value' with key one of {', '.join(HEADER_KEYS)}")
        if key in header:
            raise InputError(f"header key {key!r} given twice", path=path, line=number,
                             fix="keep one")
        header[key] = value.strip()
    missing = [k for k in HEADER_KEYS if not header.get(k)]
    if missing:
        raise InputError(f"header lacks {', '.join(missing)}", path=path, line=1,
                         fix="add the missing 'key: value' lines before the first blank line")
    try:
        dt.date.fromisoformat(header["date"])
    except ValueError:
        raise InputError(f"bad date {header['date']!r}", path=path,
                         fix="write the date as YYYY-MM-DD") from None
    if header["id"] != path.stem:
        raise InputError(f"id {header['id']!r} differs from the file name", path=path, line=1,
                         fix=f"name the file {header['id']}.txt or change the id")
    sentences: list[Sentence] = []
    paragraph, in_paragraph = 0, False
    for number, raw in enumerate(lines[number:], start=number + 1):
        if not raw.strip():
            if in_paragraph:
                paragraph, in_paragraph = paragraph + 1, False
            continue
        field, sep, text = raw.partition(SEPARATOR)
        if not sep:
            raise InputError("a sentence line needs 'LABEL | text'", path=path, line=number,
                             fix="put the label, ' | ' and the sentence on the line")
        if text != text.strip() or not text or "\t" in text:
            raise InputError("sentence is empty, has a tab or stray spaces at its ends",
                             path=path, line=number, fix="trim the sentence")
        label, kind = _parse_label(field.strip(), path, number)
        sentences.append(Sentence(label, kind, paragraph, text, number))
        in_paragraph = True
    if not sentences:
        raise InputError("article has no sentences", path=path, fix="add the body after the header")
    return Article(id=header["id"], outlet=header["outlet"], topic=header["topic"],
                   form=header["form"], date=header["date"], headline=header["headline"],
                   sentences=tuple(sentences), path=str(path))


def read_source(folder: str | Path) -> list[Article]:
    """Parse every ``*.txt`` article below ``folder``, sorted by article id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("source folder not found", path=folder,
                         fix="point at the folder holding <outlet>/<article id>.txt files")
    articles = [parse_article(p) for p in sorted(folder.rglob("*.txt"))]
    return sorted(articles, key=lambda a: a.id)


def placements(article: Article) -> list[str]:
    """Where each sentence stands relative to the reporting: "top", "mid" or "end".

    Top is before the first reporting sentence, end after the last, mid anything between.
    """
    reporting = [i for i, s in enumerate(article.sentences) if s.label != BOILERPLATE]
    first, last = (reporting[0], reporting[-1]) if reporting else (len(article.sentences), -1)
    return ["top" if i < first else "end" if i > last else "mid"
            for i in range(len(article.sentences))]
