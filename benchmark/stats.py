"""Counts of the corpus: per split, label, boilerplate kind, outlet, topic, form, placement.

Computed from the release frames (split name -> sentence DataFrame), so ``newsroles data
stats`` reports exactly what users load.
"""

from __future__ import annotations

from benchmark.labels import BOILERPLATE, KINDS, LABELS


def placement(frame):
    """Series: "top", "mid" or "end" for every boilerplate row, relative to the reporting."""
    import numpy as np
    import pandas as pd

    reporting = frame["label"] != BOILERPLATE
    pos = frame["position"].where(reporting)
    first = pos.groupby(frame["article_id"]).transform("min")
    last = pos.groupby(frame["article_id"]).transform("max")
    where = np.select([frame["position"] < first, frame["position"] > last], ["top", "end"], "mid")
    return pd.Series(where, index=frame.index)[~reporting]


def _counts(series, order=None) -> dict[str, int]:
    counts = series.value_counts()
    keys = order if order is not None else sorted(counts.index)
    return {str(k): int(counts.get(k, 0)) for k in keys}


def corpus_stats(frames: dict) -> dict:
    """Counts for every split and for the corpus as a whole (key ``all``)."""
    import pandas as pd

    frames = dict(frames)
    frames["all"] = pd.concat(list(frames.values()), ignore_index=True)
    out: dict[str, dict] = {key: {} for key in (
        "splits", "labels", "boilerplate_kinds", "boilerplate_placement", "outlets", "topics",
        "forms", "article_length")}
    for split, frame in frames.items():
        articles = frame.drop_duplicates("article_id")
        out["splits"][split] = {"articles": int(len(articles)), "sentences": int(len(frame)),
                                "outlets": int(frame["outlet"].nunique())}
        out["labels"][split] = _counts(frame["label"], LABELS)
        bp = frame[frame["label"] == BOILERPLATE]
        out["boilerplate_kinds"][split] = _counts(bp["boilerplate_kind"], KINDS)
        out["boilerplate_placement"][split] = _counts(placement(frame), ("top", "mid", "end"))
        out["outlets"][split] = _counts(articles["outlet"])
        out["topics"][split] = _counts(articles["topic"])
        out["forms"][split] = _counts(articles["form"])
        lengths = articles["n_sentences"]
        out["article_length"][split] = (
            {"min": int(lengths.min()), "mean": round(float(lengths.mean()), 2),
             "max": int(lengths.max())} if len(lengths) else {"min": 0, "mean": 0.0, "max": 0})
    return out


def format_stats(stats: dict) -> str:
    """A readable multi-table text of :func:`corpus_stats`."""
    splits = list(stats["splits"])
    lines = []

    def table(title: str, rows: dict[str, dict]) -> None:
        keys = sorted({k for split in splits for k in rows[split]},
                      key=lambda k: list(rows["all"]).index(k) if k in rows["all"] else 0)
        lines.append(title)
        lines.append(f"  {'':<16}" + "".join(f"{s:>12}" for s in splits))
        for key in keys:
            lines.append(f"  {key:<16}" + "".join(f"{rows[s].get(key, 0):>12}" for s in splits))
        lines.append("")

    table("split sizes", {s: stats["splits"][s] for s in splits})
    table("sentences per label", stats["labels"])
    table("boilerplate sentences per kind", stats["boilerplate_kinds"])
    table("boilerplate placement (relative to the reporting)", stats["boilerplate_placement"])
    table("articles per form", stats["forms"])
    table("articles per topic", stats["topics"])
    table("articles per outlet", stats["outlets"])
    table("sentences per article", stats["article_length"])
    return "\n".join(lines).rstrip() + "\n"
