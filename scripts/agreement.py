"""The second, blind labelling pass: draw the sample, then measure agreement.

    python scripts/agreement.py sample --out /tmp/blind   # texts without labels, for the pass
    python scripts/agreement.py score                     # kappa tables and disagreements
    python scripts/agreement.py sample --round 2 --out /tmp/blind2   # outlets added since

``sample`` picks two articles of every outlet (different forms where it can), seeded, and
writes ``data/agreement/sample.csv`` and one unlabelled text per article to ``--out``: the
headline, then the sentences one per line, blank lines between paragraphs. The second pass
writes ``data/agreement/second_pass/<article id>.txt`` with ``LABEL | sentence`` lines.
A later round (``--round N``) samples only the outlets that no earlier round covered, and
its files carry the round in their names (``sample_round2.csv``, ``summary_round2.json``,
``disagreements_round2.csv``): each round is scored against the labels as authored, before
that round's adjudication.

``score`` matches the second pass to the authored labels sentence by sentence (by text
within the article), and writes ``data/agreement/summary.json`` (Cohen's kappa overall, per
label one-vs-rest, boilerplate-vs-reporting, and over boilerplate kinds) and
``data/agreement/disagreements.csv`` (each disagreement with the authored, the second and the
adjudicated label; the adjudicated column is kept from an earlier run).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmark.card import agreement_file  # noqa: E402
from benchmark.labels import BOILERPLATE, LABELS  # noqa: E402
from benchmark.source import SEPARATOR, read_source  # noqa: E402

AGREEMENT = ROOT / "data" / "agreement"
SEED = 7


def round_file(stem: str, round_: int, suffix: str) -> Path:
    return agreement_file(AGREEMENT, stem, round_, suffix)


def _sampled_outlets(before_round: int) -> set[str]:
    outlets = set()
    for earlier in range(1, before_round):
        with open(round_file("sample", earlier, ".csv"), encoding="utf-8") as fh:
            outlets |= {row["outlet"] for row in csv.DictReader(fh)}
    return outlets


def sample(out: Path, per_outlet: int, round_: int = 1) -> None:
    articles = read_source(ROOT / "data" / "source")
    by_outlet = defaultdict(list)
    covered = _sampled_outlets(round_)
    for article in articles:
        if article.outlet not in covered:
            by_outlet[article.outlet].append(article)
    rng = random.Random(SEED if round_ == 1 else SEED * 100 + round_)
    chosen = []
    for outlet in sorted(by_outlet):
        pool = sorted(by_outlet[outlet], key=lambda a: a.id)[:5]
        rng.shuffle(pool)
        picked, forms = [], set()
        for article in pool:  # prefer forms not yet taken
            if article.form not in forms and len(picked) < per_outlet:
                picked.append(article)
                forms.add(article.form)
        picked += [a for a in pool if a not in picked][:per_outlet - len(picked)]
        chosen += picked
    out.mkdir(parents=True, exist_ok=True)
    AGREEMENT.mkdir(parents=True, exist_ok=True)
    with open(round_file("sample", round_, ".csv"), "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["article_id", "outlet", "form", "topic", "n_sentences"])
        for article in sorted(chosen, key=lambda a: a.id):
            writer.writerow([article.id, article.outlet, article.form, article.topic, len(article.sentences)])
            lines, paragraph = [f"headline: {article.headline}", ""], 0
            for s in article.sentences:
                if s.paragraph != paragraph:
                    lines.append("")
                    paragraph = s.paragraph
                lines.append(s.text)
            (out / f"{article.id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"sampled {len(chosen)} of {len(articles)} articles into {out}")


def _read_second(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not raw.strip() or raw.startswith("headline:"):
            continue
        label, sep, text = raw.partition(SEPARATOR)
        if not sep:
            raise SystemExit(f"{path}:{number}: expected 'LABEL | sentence'")
        pairs.append((label.strip(), text))
    return pairs


def score(force: bool = False, round_: int = 1) -> None:
    from sklearn.metrics import cohen_kappa_score

    authored = {a.id: a for a in read_source(ROOT / "data" / "source")}
    with open(round_file("sample", round_, ".csv"), encoding="utf-8") as fh:
        sample_ids = [row["article_id"] for row in csv.DictReader(fh)]
    kept = {}
    previous = round_file("disagreements", round_, ".csv")
    if previous.is_file():
        with open(previous, encoding="utf-8") as fh:
            kept = {row["id"]: row for row in csv.DictReader(fh)}
    if any(row["adjudicated"] for row in kept.values()) and not force:
        raise SystemExit("disagreements are adjudicated and the source carries the adjudicated "
                         "labels: scoring again would compare the second pass with them, not "
                         "with the first pass; pass --force to do it anyway")
    first, second, rows, unmatched, n_articles = [], [], [], 0, 0
    for article_id in sample_ids:
        path = AGREEMENT / "second_pass" / f"{article_id}.txt"
        if not path.is_file() or article_id not in authored:
            continue
        n_articles += 1
        article = authored[article_id]
        theirs = {text: label for label, text in _read_second(path)}
        for position, s in enumerate(article.sentences):
            if s.text not in theirs:
                unmatched += 1
                continue
            mine = f"{s.label}:{s.kind}" if s.kind else s.label
            other = theirs[s.text]
            first.append(mine)
            second.append(other)
            if mine != other:
                sid = article.sentence_id(position)
                rows.append({"id": sid, "text": s.text, "authored": mine, "second_pass": other,
                             "adjudicated": kept.get(sid, {}).get("adjudicated", ""),
                             "note": kept.get(sid, {}).get("note", "")})
    role = lambda v: v.split(":")[0]  # noqa: E731
    roles_a, roles_b = [role(v) for v in first], [role(v) for v in second]
    kappa = {"four labels": cohen_kappa_score(roles_a, roles_b)}
    for label in LABELS:
        kappa[label] = cohen_kappa_score([r == label for r in roles_a], [r == label for r in roles_b])
    kappa["boilerplate vs reporting"] = kappa.pop(BOILERPLATE)
    both_bp = [(a, b) for a, b in zip(first, second) if role(a) == role(b) == BOILERPLATE]
    if both_bp:
        kappa["kind, where both said boilerplate"] = cohen_kappa_score(*zip(*both_bp))
    agree = sum(role(a) == role(b) for a, b in zip(first, second)) / max(len(first), 1)
    summary = {"articles": n_articles, "sentences": len(first), "unmatched_sentences": unmatched,
               "raw_agreement": round(agree, 4),
               "kappa": {k: round(float(v), 3) for k, v in kappa.items()},
               "disagreements": len(rows)}
    round_file("summary", round_, ".json").write_text(json.dumps(summary, indent=2) + "\n",
                                                       encoding="utf-8")
    with open(previous, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "text", "authored", "second_pass", "adjudicated", "note"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(json.dumps(summary, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--per-outlet", type=int, default=2)
    p.add_argument("--round", type=int, default=1, help="2, 3, ...: only outlets not yet sampled")
    p = sub.add_parser("score")
    p.add_argument("--force", action="store_true", help="score even after adjudication")
    p.add_argument("--round", type=int, default=1)
    args = parser.parse_args()
    if args.verb == "sample":
        sample(args.out, args.per_outlet, args.round)
    else:
        score(args.force, args.round)


if __name__ == "__main__":
    main()
