"""Split assignment: reserved outlets go to test_unseen, the rest by a stable hash of the id.

The hash depends only on the article id, so adding articles never moves old ones.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from benchmark.errors import InputError

SPLITS: tuple[str, ...] = ("train", "validation", "test", "test_unseen")
HASHED_SHARES = (("train", 70), ("validation", 10), ("test", 20))  # percent of non-reserved


def hash_bucket(article_id: str) -> int:
    """A number in [0, 100) from the SHA-256 of the article id.

    >>> hash_bucket("clb-001") == hash_bucket("clb-001")
    True
    """
    return int.from_bytes(hashlib.sha256(article_id.encode("utf-8")).digest()[:8], "big") % 100


def assign_split(article_id: str, outlet: str, reserved: frozenset[str]) -> str:
    """The split of an article: ``test_unseen`` for a reserved outlet, else by hash bucket."""
    if outlet in reserved:
        return "test_unseen"
    bucket, upper = hash_bucket(article_id), 0
    for split, share in HASHED_SHARES:
        upper += share
        if bucket < upper:
            return split
    raise AssertionError("shares do not add up to 100")


def read_outlets(path: str | Path) -> list[dict]:
    """The outlet registry (``data/outlets.toml``): a list of dicts with code, name, ..."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            outlets = tomllib.load(fh)["outlet"]
    except FileNotFoundError:
        raise InputError("outlet registry not found", path=path,
                         fix="pass the data folder that holds outlets.toml") from None
    except (tomllib.TOMLDecodeError, KeyError) as exc:
        raise InputError(f"bad outlet registry ({exc})", path=path,
                         fix="write [[outlet]] tables with code, name, region, type") from None
    codes = [o["code"] for o in outlets]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise InputError(f"outlet codes given twice: {', '.join(dupes)}", path=path,
                         fix="give every outlet its own code")
    return outlets


def reserved_outlets(outlets: list[dict]) -> frozenset[str]:
    return frozenset(o["code"] for o in outlets if o.get("reserved"))
