"""Shared fixtures: a small synthetic data home, and the shipped corpus."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"

OUTLETS = """
[[outlet]]
code = "aaa"
name = "Test Outlet A"
region = "nowhere"
type = "daily"

[[outlet]]
code = "bbb"
name = "Test Outlet B"
region = "nowhere"
type = "weekly"

[[outlet]]
code = "ccc"
name = "Test Outlet C"
region = "nowhere"
type = "nonprofit"
reserved = true
"""


def _words(seed: str, k: int) -> str:
    """``k`` made-up words drawn from ``seed``: sentences of different articles share none."""
    digest = hashlib.sha256(seed.encode()).hexdigest()
    syllables = ["ka", "lo", "mir", "ten", "vos", "ul", "dra", "pe", "sin", "gor", "ba", "tre"]
    return " ".join("".join(syllables[int(digest[4 * i + j], 16) % 12] for j in range(3))
                    for i in range(k))


def article_text(article_id: str, outlet: str, n: int = 6) -> str:
    """A small valid source article whose reporting sentences are unique to ``article_id``."""
    body = [
        "boilerplate:credit | By Test Writer",
        "",
        f"event_fact | The {_words(article_id + 'e', 4)} happened on Monday.",
        f'quote | "It {_words(article_id + "q", 3)}," said an official.',
        f"context | Background: {_words(article_id + 'c', 5)}.",
        "",
        "boilerplate:related_link | Read more: another story",
    ]
    body += [f"context | More {_words(article_id + str(i), 5)}." for i in range(n - 5)]
    body += ["boilerplate:donation | Support our newsroom today."]
    header = (f"id: {article_id}\noutlet: {outlet}\ntopic: politics\nform: wire\n"
              f"date: 2024-01-0{1 + len(article_id) % 9}\nheadline: Headline of {article_id}\n\n")
    return header + "\n".join(body) + "\n"


def make_data_home(folder: Path, n_per_outlet: int = 12) -> Path:
    (folder / "source").mkdir(parents=True)
    (folder / "outlets.toml").write_text(OUTLETS, encoding="utf-8")
    for outlet in ("aaa", "bbb", "ccc"):
        (folder / "source" / outlet).mkdir()
        for i in range(1, n_per_outlet + 1):
            article_id = f"{outlet}-{i:03d}"
            (folder / "source" / outlet / f"{article_id}.txt").write_text(
                article_text(article_id, outlet), encoding="utf-8")
    return folder


@pytest.fixture
def data_home(tmp_path) -> Path:
    """A synthetic data home with a built release (3 outlets, one reserved)."""
    from benchmark.release import write_release

    home = make_data_home(tmp_path / "data")
    write_release(home)
    return home


@pytest.fixture(scope="session")
def shipped() -> Path:
    if not (SHIPPED / "release").is_dir():
        pytest.skip("no shipped release")
    return SHIPPED
