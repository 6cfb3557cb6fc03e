"""The dataset card of the release (``data/release/README.md``), a Hugging Face card.

Its YAML header carries ``configs`` (one data file per split) and ``dataset_info.features``
with the label as a ``class_label``, so ``datasets.load_dataset(<release folder>)`` works
offline. The body is rendered from the same counts that ``newsroles data stats`` prints.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmark import DATASET_VERSION
from benchmark.labels import KINDS, LABELS
from benchmark.splits import SPLITS

FEATURES = (
    ("id", "string"), ("article_id", "string"), ("outlet", "string"), ("topic", "string"),
    ("form", "string"), ("position", "int64"), ("n_sentences", "int64"),
    ("paragraph", "int64"), ("text", "string"), ("label", None),
    ("boilerplate_kind", "string"),
)


def _yaml_header(stats: dict) -> str:
    lines = [
        "---", "license: cc-by-4.0", "language:", "- en", "pretty_name: newsroles",
        "task_categories:", "- text-classification", "size_categories:", "- 10K<n<100K",
        "configs:", "- config_name: default", "  data_files:",
    ]
    for split in SPLITS:
        lines += [f"  - split: {split}", f"    path: {split}.jsonl"]
    lines += ["dataset_info:", "  features:"]
    for name, dtype in FEATURES:
        lines.append(f"  - name: {name}")
        if dtype is None:
            lines += ["    dtype:", "      class_label:", "        names:"]
            lines += [f"          '{code}': {label}" for code, label in enumerate(LABELS)]
        else:
            lines.append(f"    dtype: {dtype}")
    lines.append("  splits:")
    for split in SPLITS:
        lines += [f"  - name: {split}", f"    num_examples: {stats['splits'][split]['sentences']}"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def _md_table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _by_split(stats: dict, key: str, order=None) -> str:
    cols = list(SPLITS) + ["all"]
    keys = list(order) if order else list(stats[key]["all"])
    rows = [[k] + [stats[key][s].get(k, 0) for s in cols] for k in keys]
    return _md_table([key.replace("_", " ")] + cols, rows)


def _diversity_table(div: dict) -> str:
    rows = [[group, row["sentences"], row["distinct_sentences"], row["distinct_1grams"],
             row["distinct_2grams"], row["distinct_3grams"], row["words_per_sentence"]["mean"],
             row["words_per_sentence"]["sd"],
             f"{row['words_per_sentence']['p5']}-{row['words_per_sentence']['median']}-{row['words_per_sentence']['p95']}"]
            for group, row in div.items()]
    return _md_table(["text", "sentences", "distinct", "distinct 1-grams", "distinct 2-grams",
                      "distinct 3-grams", "words/sentence", "sd", "5-50-95%"], rows)


def agreement_file(folder: Path, stem: str, round_: int, suffix: str) -> Path:
    """A file of the blind second pass: ``sample.csv`` in round 1, ``sample_round2.csv`` in 2."""
    return folder / (f"{stem}{suffix}" if round_ == 1 else f"{stem}_round{round_}{suffix}")


def _agreement_round(folder: Path, round_: int) -> str | None:
    """One round of the blind second pass: its kappa table and its adjudication, or None."""
    import csv

    name = lambda stem, suffix: agreement_file(folder, stem, round_, suffix)  # noqa: E731
    if not name("summary", ".json").is_file():
        return None
    summary = json.loads(name("summary", ".json").read_text(encoding="utf-8"))
    outlets = set()
    if name("sample", ".csv").is_file():
        with open(name("sample", ".csv"), encoding="utf-8") as fh:
            outlets = {row["outlet"] for row in csv.DictReader(fh)}
    scope = "every outlet of the corpus at the time" if round_ == 1 else "the outlets added since"
    text = (
        f"Round {round_}: a second, blind pass relabelled {summary['articles']} articles "
        f"({summary['sentences']} sentences; two per outlet, {len(outlets)} outlets, {scope}; "
        "spread over the forms) from the text alone. Raw agreement on the four labels: "
        f"{100 * summary['raw_agreement']:.1f}%. Cohen's kappa against the authored labels:\n\n"
        + _md_table(["scope", "kappa"], [[k, v] for k, v in summary["kappa"].items()]))
    table = name("disagreements", ".csv")
    if table.is_file():
        with open(table, encoding="utf-8") as fh:
            disagreements = list(csv.DictReader(fh))
        decided = [r for r in disagreements if r["adjudicated"]]
        first = sum(r["adjudicated"] == r["authored"] for r in decided)
        second = sum(r["adjudicated"] == r["second_pass"] for r in decided)
        done = "All" if len(decided) == len(disagreements) else f"{len(decided)} of"
        text += (f"\n{done} {len(disagreements)} disagreements (labels or boilerplate kinds) were "
                 f"adjudicated: {first} kept the authored label, {second} took the second "
                 f"pass's, {len(decided) - first - second} a third; the corpus carries the "
                 f"adjudicated labels. Each is listed with its reason in `data/agreement/"
                 f"{table.name}` of the repository.\n")
    return text


def _agreement_section(data_home: Path) -> str:
    rounds = []
    for round_ in range(1, 10):
        part = _agreement_round(data_home / "agreement", round_)
        if part is None:
            break
        rounds.append(part)
    return "\n".join(rounds) or "No second labelling pass has been recorded for this version yet.\n"


def render_card(grouped: dict[str, list[dict]], articles: list[dict], data_home: str | Path) -> str:
    import pandas as pd

    from benchmark.release import COLUMNS
    from benchmark.stats import corpus_stats

    frames = {s: pd.DataFrame(grouped[s], columns=list(COLUMNS)) for s in SPLITS}
    stats = corpus_stats(frames, {a["article_id"]: a["headline"] for a in articles})
    total = stats["splits"]["all"]
    body = f"""
# newsroles {DATASET_VERSION}

Sentence roles in news articles. Every sentence of every article is labelled `event_fact`,
`quote`, `context` or `boilerplate`, and every boilerplate sentence carries a kind (donation
appeal, newsletter prompt, related-story link, credit, ...). The headline task is telling
the reporting apart from the publisher's own text inside scraped article bodies.

This release holds {total['articles']} articles and {total['sentences']} sentences from
{total['outlets']} outlets.

## How it was made

All text is original, written for this benchmark. The outlets, their house styles and every
person in the articles are invented; places, institutions and public events may be real, but
no real person's words are quoted. The corpus was planned before it was written: a seeded
manifest (`data/manifest.csv` in the repository) fixes each article's outlet, topic, form,
length, where its boilerplate stands and which hard cases it must contain. Authors wrote
each outlet's house style first (its appeal wordings, prompts, credit lines and section
prefixes, reused across its articles with variants, as real sites do) and labelled every
sentence while writing, following the labelling manual (`data/GUIDELINES.md`).

## Splits

- `train`, `validation`, `test`: 70/10/20 by a SHA-256 hash of the article id, so adding
  articles never moves old ones; no article spans two splits.
- `test_unseen`: every article of the outlets reserved for it; no sentence of those outlets
  stands in any other split. It measures whether a model learned what an appeal is rather
  than one site's wording.

{_by_split(stats, 'splits', ('articles', 'sentences', 'outlets'))}
## Labels

{_by_split(stats, 'labels', LABELS)}
## Boilerplate kinds

{_by_split(stats, 'boilerplate_kinds', KINDS)}
Where boilerplate stands relative to the reporting (before the first reporting sentence,
between reporting sentences, after the last):

{_by_split(stats, 'boilerplate_placement', ('top', 'mid', 'end'))}
## Forms and topics (articles)

{_by_split(stats, 'forms')}
{_by_split(stats, 'topics')}
## Outlets (articles)

{_by_split(stats, 'outlets')}
## Hard cases

Counted from the text and the labels (an appeal mentions the story when it shares a word of
five or more letters with the headline):

{_by_split(stats, 'hard_cases')}
## Text diversity

{_diversity_table(stats['diversity'])}
## Agreement

{_agreement_section(Path(data_home))}
## Fields

`id` (`<article_id>-<NNN>`, 0-based position), `article_id`, `outlet` (code of an invented
outlet), `topic`, `form`, `position`, `n_sentences`, `paragraph` (0-based), `text`,
`label`, `boilerplate_kind` (empty unless the label is `boilerplate`).

## Intended uses

Training and evaluating sentence-role classifiers; cleaning scraped article text of
publisher boilerplate; studying how well such models transfer to unseen outlets.

## Known limitations

- Written text, not scraped pages: authored to resemble real pages, but its house styles
  are fewer and more regular than the web's. Report results on real scraped text separately.
- English only. Labels of a single author per article, with a blind second pass on a sample.
- Outlet codes and article ids are visible to models; `test_unseen` is the split where
  knowing the outlet cannot help.

## Licence

The data is released under CC BY 4.0; the code of the repository under the MIT licence.
"""
    return _yaml_header(stats) + body
