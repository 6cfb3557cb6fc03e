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


def corpus_stats(frames: dict, headlines: dict[str, str] | None = None) -> dict:
    """Counts for every split and for the corpus as a whole (key ``all``).

    Also the measurable hard cases per split and, for the whole corpus, the diversity of
    its text (:func:`diversity`). ``headlines`` maps article ids to headlines.
    """
    import pandas as pd

    frames = dict(frames)
    frames["all"] = pd.concat(list(frames.values()), ignore_index=True)
    out: dict[str, dict] = {key: {} for key in (
        "splits", "labels", "boilerplate_kinds", "boilerplate_placement", "outlets", "topics",
        "forms", "article_length", "hard_cases")}
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
        out["hard_cases"][split] = hard_case_counts(frame, headlines)
    out["diversity"] = diversity(frames["all"])
    return out


def format_stats(stats: dict) -> str:
    """A readable multi-table text of :func:`corpus_stats`."""
    splits = list(stats["splits"])
    lines = []

    def table(title: str, rows: dict[str, dict]) -> None:
        keys = sorted({k for split in splits for k in rows[split]},
                      key=lambda k: list(rows["all"]).index(k) if k in rows["all"] else 0)
        lines.append(title)
        width = max(16, *(len(str(k)) + 2 for k in keys))
        lines.append(f"  {'':<{width}}" + "".join(f"{s:>12}" for s in splits))
        for key in keys:
            lines.append(f"  {key:<{width}}" + "".join(f"{rows[s].get(key, 0):>12}" for s in splits))
        lines.append("")

    table("split sizes", {s: stats["splits"][s] for s in splits})
    table("sentences per label", stats["labels"])
    table("boilerplate sentences per kind", stats["boilerplate_kinds"])
    table("boilerplate placement (relative to the reporting)", stats["boilerplate_placement"])
    table("articles per form", stats["forms"])
    table("articles per topic", stats["topics"])
    table("articles per outlet", stats["outlets"])
    table("sentences per article", stats["article_length"])
    table("hard cases (measured from text and labels)", stats["hard_cases"])
    if "plan" in stats:
        lines.append("the manifest's plan beside what was written")
        lines.append(f"  {'':<28}{'planned':>10}{'written':>10}")
        for key, row in stats["plan"].items():
            lines.append(f"  {key:<28}{row['planned']:>10}{row['written']:>10}")
        lines.append("")
    lines.append("text diversity (whole corpus)")
    for group, row in stats["diversity"].items():
        words = row["words_per_sentence"]
        lines.append(f"  {group:<12} {row['sentences']} sentences ({row['distinct_sentences']} distinct); "
                     f"distinct 1/2/3-grams {row['distinct_1grams']:.3f}/{row['distinct_2grams']:.3f}/"
                     f"{row['distinct_3grams']:.3f}; words per sentence mean {words['mean']}, "
                     f"sd {words['sd']}, 5-50-95% {words['p5']}-{words['median']}-{words['p95']}")
    return "\n".join(lines).rstrip() + "\n"


QUOTE_MARK = r"[\"“”«»]"
ATTRIBUTION = r"\b(?:said|says|told|according to|reported|confirmed|announced|wrote|posted)\b"
APPEAL_KINDS = ("donation", "subscription", "newsletter", "social_app", "outlet_notice")
STOPWORDS = frozenset(
    "about above after again against their there these those which while would could should "
    "being other under where before since until because every still first years today".split())


def _content_words(text: str) -> set[str]:
    import re

    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in STOPWORDS}


def hard_case_counts(frame, headlines: dict[str, str] | None = None) -> dict[str, int]:
    """Counts of the hard cases that can be measured from the text and labels alone.

    ``headlines`` (article id -> headline) lets appeals that mention the story be counted:
    an appeal mentions it when it shares a word of five or more letters with the headline.
    """
    label, text = frame["label"], frame["text"]
    quote_mark = text.str.contains(QUOTE_MARK, regex=True)
    digits = text.str.count(r"\d+(?:[.,]\d+)*")
    out = {
        "quotes without quotation marks": int(((label == "quote") & ~quote_mark).sum()),
        "attributed event facts": int(((label == "event_fact") & text.str.contains(ATTRIBUTION, regex=True)).sum()),
        "quotation marks outside quotes": int(((label != "quote") & (label != BOILERPLATE) & quote_mark).sum()),
        "context with 3+ numbers": int(((label == "context") & (digits >= 3)).sum()),
        "boilerplate not at the end": int((placement(frame) != "end").sum()),
        "boilerplate with quotation marks": int(((label == BOILERPLATE) & quote_mark).sum()),
    }
    if headlines is not None:
        appeals = frame[(label == BOILERPLATE) & frame["boilerplate_kind"].isin(APPEAL_KINDS)]
        out["appeals that mention the story"] = int(sum(
            bool(_content_words(t) & _content_words(headlines.get(a, "")))
            for t, a in zip(appeals["text"], appeals["article_id"])))
    return out


def diversity(frame) -> dict[str, dict]:
    """Distinct word n-gram ratios and sentence-length spread, for reporting and boilerplate."""
    import numpy as np

    out = {}
    for group, part in (("reporting", frame[frame["label"] != BOILERPLATE]),
                        ("boilerplate", frame[frame["label"] == BOILERPLATE])):
        tokens = [t.lower().split() for t in part["text"]]
        row = {"sentences": len(tokens), "distinct_sentences": int(part["text"].nunique())}
        for n in (1, 2, 3):
            grams = [tuple(ws[i:i + n]) for ws in tokens for i in range(len(ws) - n + 1)]
            row[f"distinct_{n}grams"] = round(len(set(grams)) / max(len(grams), 1), 4)
        lengths = np.array([len(ws) for ws in tokens]) if tokens else np.zeros(1)
        row["words_per_sentence"] = {
            "mean": round(float(lengths.mean()), 2), "sd": round(float(lengths.std()), 2),
            "p5": int(np.percentile(lengths, 5)), "median": int(np.median(lengths)),
            "p95": int(np.percentile(lengths, 95))}
        out[group] = row
    return out


def plan_comparison(manifest, stats: dict) -> dict[str, dict]:
    """What the manifest planned beside what was written: articles, sentences, boilerplate.

    ``manifest`` is ``data/manifest.csv`` as a DataFrame; ``stats`` is :func:`corpus_stats`.
    Authors could add boilerplate beyond the plan but not leave planned boilerplate out.
    """
    from collections import Counter

    planned_kinds: Counter = Counter()
    planned_places: Counter = Counter()
    for place in ("top", "mid", "end"):
        for cell in manifest[f"bp_{place}"].fillna(""):
            kinds = str(cell).split()
            planned_kinds.update(kinds)
            planned_places[place] += len(kinds)
    written = stats["splits"]["all"]
    out = {"articles": {"planned": int(len(manifest)), "written": written["articles"]},
           "sentences": {"planned": int(manifest["n_sentences"].sum()), "written": written["sentences"]}}
    for place in ("top", "mid", "end"):
        out[f"boilerplate at {place}"] = {"planned": planned_places[place],
                                          "written": stats["boilerplate_placement"]["all"][place]}
    for kind in KINDS:
        out[f"boilerplate {kind}"] = {"planned": planned_kinds[kind],
                                      "written": stats["boilerplate_kinds"]["all"][kind]}
    return out
