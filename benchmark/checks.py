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


NEAR_DUPLICATE_THRESHOLD = 0.8
NEAR_DUPLICATE_MAX_SHARE = 0.01


def near_duplicates(frame, *, threshold: float = NEAR_DUPLICATE_THRESHOLD, chunk: int = 2000):
    """Pairs of reporting sentences from different articles that are nearly the same text.

    Similarity is the cosine of TF-IDF vectors of the sentences' words, English stop words
    left out; pairs at or above ``threshold`` are returned as (id, id, similarity).
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    reporting = frame[frame["label"] != BOILERPLATE].reset_index(drop=True)
    if len(reporting) < 2:
        return []
    vectors = TfidfVectorizer(stop_words="english", lowercase=True,
                              dtype=np.float32).fit_transform(reporting["text"])
    articles = reporting["article_id"].to_numpy()
    ids = reporting["id"].to_numpy()
    pairs = []
    for start in range(0, len(reporting), chunk):
        sims = (vectors[start:start + chunk] @ vectors.T).tocoo()
        rows, cols = sims.row + start, sims.col
        keep = (sims.data >= threshold) & (rows < cols) & (articles[rows] != articles[cols])
        pairs += [(ids[r], ids[c], round(float(v), 3))
                  for r, c, v in zip(rows[keep], cols[keep], sims.data[keep])]
    return pairs


def check_near_duplicates(frames: dict) -> tuple[list[Problem], str]:
    """A problem if 1% or more of reporting sentences have a near-duplicate elsewhere."""
    import pandas as pd

    allf = pd.concat(list(frames.values()), ignore_index=True)
    pairs = near_duplicates(allf)
    involved = {i for a, b, _ in pairs for i in (a, b)}
    n_reporting = int((allf["label"] != BOILERPLATE).sum())
    share = len(involved) / max(n_reporting, 1)
    note = (f"near-duplicate reporting sentences across articles (TF-IDF word cosine >= "
            f"{NEAR_DUPLICATE_THRESHOLD}): {len(involved)} of {n_reporting} ({100 * share:.2f}%)")
    if share >= NEAR_DUPLICATE_MAX_SHARE:
        return _problem(f"{note}, limit {100 * NEAR_DUPLICATE_MAX_SHARE:.0f}%", sorted(involved),
                        "rewrite one sentence of each pair"), note
    return [], note
