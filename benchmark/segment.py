"""Sentence segmentation of article text, keeping every sentence's characters exactly.

Text is first split into blocks at line breaks (a blank line starts a new paragraph; on
scraped pages every line is a block of its own), then each block into sentences by pysbd
(``clean=False``, character spans). Before pysbd sees a block, URLs and the abbreviations
"a.m."/"p.m." are masked with characters of the same length, because pysbd splits inside
them; the sentence text is then cut from the original block by its span, so nothing is lost
or changed beyond the white space between sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|io|co\.uk|ie|au)(?:/\S*)?",
                 re.IGNORECASE)
CLOCK = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A sentence: its paragraph (0-based), its text, and where it stands in the input."""

    paragraph: int
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _mask(block: str) -> str:
    masked = URL.sub(lambda m: "x" * len(m.group()), block)
    return CLOCK.sub(lambda m: m.group(1) + "_m_", masked)


def split_block(block: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one block of text, surrounding white space trimmed."""
    spans = []
    for piece in _segmenter().segment(_mask(block)):
        start, end = piece.start, piece.end
        while start < end and block[start].isspace():
            start += 1
        while end > start and block[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def segment(text: str) -> list[Span]:
    """Split an article's text into sentences.

    Examples
    --------
    >>> [s.text for s in segment("Rain fell at 5 p.m. Monday. See www.example.org/a?b=1 now.\\n\\nDonate today.")]
    ['Rain fell at 5 p.m. Monday.', 'See www.example.org/a?b=1 now.', 'Donate today.']
    >>> [s.paragraph for s in segment("One.\\nTwo.\\n\\nThree.")]
    [0, 0, 1]
    """
    out: list[Span] = []
    paragraph, offset, seen_text = 0, 0, False
    for line in text.split("\n"):
        if not line.strip():
            if seen_text:
                paragraph, seen_text = paragraph + 1, False
        else:
            for start, end in split_block(line):
                out.append(Span(paragraph, line[start:end], offset + start, offset + end))
            seen_text = True
        offset += len(line) + 1
    return out
