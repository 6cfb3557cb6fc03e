"""Write data/manifest.csv: the plan the corpus is authored to.

One row per article: outlet, topic, form, date, target length, how many boilerplate
sentences stand at the top, in the middle and at the end, which boilerplate kinds, and which
hard cases the article must contain. The plan is seeded, so rerunning it gives the same file.
Authors write to it; ``newsroles data stats`` measures what was written against it.

Usage: python scripts/make_manifest.py [--out data/manifest.csv]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261125

TOPICS = [
    "politics", "economy", "energy", "environment", "health", "science", "technology",
    "courts_crime", "education", "transport", "sport", "culture", "conflict", "agriculture",
    "housing", "labour",
]
FOCUS = {  # outlets whose beat is one topic: that topic for about 60% of their articles
    "gmr": "agriculture", "dcn": "agriculture", "hhn": "health", "tsl": "technology",
    "fnm": "science", "vbd": "economy", "pla": "economy", "ldl": "economy",
    "gsc": "environment", "sns": "environment", "bwp": "politics", "ksl": "politics",
    "iwc": "politics", "gpo": "conflict", "rvi": "conflict", "spr": "culture",
}
FORMS = ["wire", "explainer", "live", "feature", "analysis", "brief"]
FORM_WEIGHTS_BY_TYPE = [  # (substring of the outlet's type, weights over FORMS)
    ("wire agency", [55, 3, 17, 3, 4, 18]),
    ("explainer", [12, 48, 10, 6, 14, 10]),
    ("magazine", [8, 10, 2, 44, 30, 6]),
    ("newsletter", [18, 30, 6, 8, 30, 8]),
    ("weekly", [34, 8, 6, 26, 12, 14]),
]
DEFAULT_FORM_WEIGHTS = [34, 14, 12, 14, 12, 14]
LENGTH = {  # sentences in the article, boilerplate included
    "brief": (4, 9), "wire": (10, 24), "explainer": (10, 26), "live": (16, 40),
    "feature": (20, 45), "analysis": (16, 36),
}
KINDS = {  # kind: (weight, placement weights top/mid/end)
    "related_link": (45, (0.05, 0.30, 0.65)),
    "credit": (18, (0.55, 0.05, 0.40)),
    "legal": (6, (0.0, 0.0, 1.0)),
    "newsletter": (7, (0.10, 0.45, 0.45)),
    "social_app": (6, (0.15, 0.25, 0.60)),
    "donation": (8, (0.10, 0.25, 0.65)),
    "subscription": (5, (0.35, 0.30, 0.35)),
    "outlet_notice": (4, (0.10, 0.10, 0.80)),
    "editor_note": (4, (0.40, 0.10, 0.50)),
    "correction": (3, (0.30, 0.0, 0.70)),
    "caption": (4, (0.55, 0.45, 0.0)),
    "interface": (4, (0.30, 0.30, 0.40)),
    "advertising": (3, (0.20, 0.70, 0.10)),
}
KIND_BOOST_BY_TYPE = [  # funding model -> kinds the outlet uses more
    ("donation", {"donation": 2.5, "outlet_notice": 2}),
    ("nonprofit", {"donation": 2.5, "outlet_notice": 3}),
    ("membership", {"donation": 3}),
    ("pledge", {"donation": 2.5, "social_app": 2}),
    ("paywall", {"subscription": 3, "legal": 2}),
    ("subscription", {"subscription": 2}),
    ("newsletter", {"newsletter": 3}),
    ("app", {"social_app": 2}),
    ("podcast", {"social_app": 2}),
    ("wire agency", {"credit": 3, "legal": 3, "related_link": 0.3}),
    ("ads", {"advertising": 3}),
    ("advertising", {"advertising": 3}),
    ("comments", {"interface": 3}),
    ("interface", {"interface": 3}),
    ("cookie", {"interface": 3}),
    ("corrections", {"correction": 4}),
    ("credits", {"caption": 2, "credit": 1.5}),
    ("captions", {"caption": 3}),
    ("bios", {"credit": 2}),
    ("market-data", {"legal": 3}),
    ("sponsor", {"advertising": 3}),
]
HARD_CASES = [
    "quote_without_marks", "attributed_fact", "numeric_context", "scare_quotes",
    "declined_comment", "teaser_with_quote", "descriptive_caption", "social_post",
    "method_statement", "next_steps", "reasons_quote", "prefix_labels", "topic_appeal",
]
APPEAL_KINDS = {"donation", "subscription", "newsletter", "social_app", "outlet_notice"}


def _outlets() -> list[dict]:
    with open(ROOT / "data" / "outlets.toml", "rb") as fh:
        return tomllib.load(fh)["outlet"]


def _form_weights(kind_of_outlet: str) -> list[int]:
    for key, weights in FORM_WEIGHTS_BY_TYPE:
        if key in kind_of_outlet:
            return weights
    return DEFAULT_FORM_WEIGHTS


def _kind_weights(kind_of_outlet: str) -> dict[str, float]:
    weights = {kind: w for kind, (w, _) in KINDS.items()}
    for key, boost in KIND_BOOST_BY_TYPE:
        if key in kind_of_outlet:
            for kind, factor in boost.items():
                weights[kind] *= factor
    return weights


def plan(rng: random.Random) -> list[dict]:
    rows = []
    outlets = _outlets()
    start, span = dt.date(2019, 1, 1), (dt.date(2026, 10, 31) - dt.date(2019, 1, 1)).days
    for index, outlet in enumerate(outlets):
        n_articles = 16 if outlet.get("reserved") else 15
        form_weights = _form_weights(outlet["type"])
        kind_weights = _kind_weights(outlet["type"])
        kinds, kweights = list(kind_weights), list(kind_weights.values())
        for number in range(1, n_articles + 1):
            focus = FOCUS.get(outlet["code"])
            topic = focus if focus and rng.random() < 0.6 else rng.choice(TOPICS)
            form = rng.choices(FORMS, form_weights)[0]
            low, high = LENGTH[form]
            n_sentences = rng.randint(low, high)
            n_bp = max(1, round(n_sentences * rng.uniform(0.10, 0.30)))
            if form == "brief":
                n_bp = rng.randint(1, 3)
            slots = {"top": [], "mid": [], "end": []}
            for kind in rng.choices(kinds, kweights, k=n_bp):
                where = rng.choices(["top", "mid", "end"], KINDS[kind][1])[0]
                if where == "mid" and n_sentences - n_bp < 4:
                    where = "end"
                slots[where].append(kind)
            chosen = set(sum(slots.values(), []))
            pool = [h for h in HARD_CASES if h != "topic_appeal"]
            if form != "explainer":
                pool.remove("prefix_labels")
            hard = rng.sample(pool, k=2 if form == "brief" else 3)
            if form == "explainer":
                hard = ["prefix_labels"] + [h for h in hard if h != "prefix_labels"][:2]
            if chosen & APPEAL_KINDS and rng.random() < 0.7:
                hard.append("topic_appeal")
            day = start + dt.timedelta(days=rng.randrange(span))
            rows.append({
                "article_id": f"{outlet['code']}-{number:03d}",
                "outlet": outlet["code"],
                "batch": index // 8 + 1,
                "topic": topic,
                "form": form,
                "date": day.isoformat(),
                "n_sentences": n_sentences,
                "bp_top": " ".join(sorted(slots["top"])),
                "bp_mid": " ".join(sorted(slots["mid"])),
                "bp_end": " ".join(sorted(slots["end"])),
                "hard_cases": " ".join(hard),
            })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "manifest.csv")
    args = parser.parse_args()
    rows = plan(random.Random(SEED))
    with open(args.out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} article specs to {args.out}")


if __name__ == "__main__":
    main()
