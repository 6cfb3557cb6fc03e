"""Check authored articles against the manifest: format, metadata, length, boilerplate plan.

For authors and reviewers of a batch. Prints one line per problem and a summary; exit 1 if
any problem was found. Placement: boilerplate before the first reporting sentence is "top",
after the last is "end", anything between is "mid".

Usage: python scripts/check_source.py [OUTLET_CODE ...]
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmark.errors import InputError  # noqa: E402
from benchmark.source import parse_article, placements  # noqa: E402


def main(codes: list[str]) -> int:
    with open(ROOT / "data" / "manifest.csv", encoding="utf-8") as fh:
        manifest = {row["article_id"]: row for row in csv.DictReader(fh)}
    source = ROOT / "data" / "source"
    paths = sorted(p for code in (codes or [""]) for p in (source / code).rglob("*.txt"))
    problems, seen, n_sent = [], collections.defaultdict(list), 0
    for path in paths:
        try:
            article = parse_article(path)
        except InputError as exc:
            problems.append(str(exc))
            continue
        spec = manifest.get(article.id)
        if spec is None:
            problems.append(f"{path}: id {article.id} is not in data/manifest.csv")
            continue
        for key in ("outlet", "topic", "form", "date"):
            if getattr(article, key) != spec[key]:
                problems.append(f"{path}: {key} {getattr(article, key)!r} != manifest {spec[key]!r}")
        n = len(article.sentences)
        n_sent += n
        want = int(spec["n_sentences"])
        if abs(n - want) > max(3, want // 5):
            problems.append(f"{path}: {n} sentences, manifest plans {want}")
        got = placements(article)
        for where in ("top", "mid", "end"):
            planned = collections.Counter(spec[f"bp_{where}"].split())
            have = collections.Counter(s.kind for s, w in zip(article.sentences, got) if w == where)
            lacking = planned - have
            if lacking:
                problems.append(f"{path}: {where} lacks boilerplate {dict(lacking)}")
        for s in article.sentences:
            if s.label != "boilerplate":
                seen[s.text].append(f"{article.id}:{s.line}")
    for path in sorted((source).rglob("*.txt")):  # repeats are checked against the whole corpus
        if path in paths:
            continue
        try:
            other = parse_article(path)
        except InputError:
            continue
        for s in other.sentences:
            if s.label != "boilerplate" and s.text in seen:
                seen[s.text].append(f"{other.id}:{s.line}")
    for text, where in seen.items():
        if len(where) > 1:
            problems.append(f"reporting sentence repeated in {', '.join(where)}: {text[:60]!r}")
    for line in problems:
        print(line)
    print(f"{len(paths)} articles, {n_sent} sentences, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
