"""Release checks: what ``newsroles data check`` refuses.

Each check takes the split frames and returns problems; a problem names the offending ids
(the first few and how many). The command line prints one line per problem and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.labels import BOILERPLATE, KINDS, LABELS

SHOWN = 5


@dataclass(frozen=True)
class Problem:
    what: str
    ids: tuple[str, ...]
    fix: str

    def __str__(self) -> str:
        shown = ", ".join(self.ids[:SHOWN]) + (", ..." if len(self.ids) > SHOWN else "")
        return f"{self.what}: {len(self.ids)} ({shown}); fix: {self.fix}"


def _problem(what: str, ids, fix: str) -> list[Problem]:
    ids = tuple(sorted(dict.fromkeys(str(i) for i in ids)))
    return [Problem(what, ids, fix)] if ids else []


def normalise_text(series):
    """Case-folded text with runs of white space made one space: how leaks are matched."""
    return series.str.casefold().str.split().str.join(" ")


def check_frames(frames: dict, reserved: frozenset[str]) -> list[Problem]:
    """All release checks on ``frames`` (split name -> sentence DataFrame)."""
    import pandas as pd

    tagged = [f.assign(split=name) for name, f in frames.items()]
    allf = pd.concat(tagged, ignore_index=True)
    out: list[Problem] = []
    out += _problem("unknown labels", allf.loc[~allf["label"].isin(LABELS), "id"],
                    f"use one of {', '.join(LABELS)}")
    is_bp = allf["label"] == BOILERPLATE
    bad_kind = (is_bp & ~allf["boilerplate_kind"].isin(KINDS)) | (~is_bp & (allf["boilerplate_kind"] != ""))
    out += _problem("boilerplate kind missing, unknown, or set on a reporting sentence",
                    allf.loc[bad_kind, "id"], f"give boilerplate one of {', '.join(KINDS)}, others none")
    out += _problem("duplicate sentence ids", allf.loc[allf["id"].duplicated(), "id"],
                    "give every sentence its own id")
    spans = allf.groupby("article_id")["split"].nunique()
    out += _problem("articles spanning splits", spans[spans > 1].index,
                    "rebuild the release with 'newsroles data build'")
    unseen = allf["split"] == "test_unseen"
    leaked = allf.loc[~unseen & allf["outlet"].isin(reserved), "article_id"]
    out += _problem("articles of reserved outlets outside test_unseen", leaked,
                    "rebuild the release with 'newsroles data build'")
    stray = allf.loc[unseen & ~allf["outlet"].isin(reserved), "article_id"]
    out += _problem("articles of unreserved outlets in test_unseen", stray,
                    "rebuild the release with 'newsroles data build'")
    reporting = allf[allf["label"] != BOILERPLATE]
    train_text = set(normalise_text(reporting.loc[reporting["split"] == "train", "text"]))
    tests = reporting[reporting["split"].isin(["test", "test_unseen"])]
    out += _problem("reporting sentences of a test split whose text stands in train",
                    tests.loc[normalise_text(tests["text"]).isin(train_text), "id"],
                    "rewrite the repeated sentence so that each reporting sentence is unique")
    return out
