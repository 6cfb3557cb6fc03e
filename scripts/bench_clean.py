"""Time ``clean`` on plain text: sentences per second and the share spent segmenting.

Rebuilds every article of the test splits as plain text, cleans them with a model
(default: tfidf-logreg and context trained on train, one after the other), and prints, for
each, sentences per second end to end and the share of the time spent in segmentation, all
measured in one run.

Usage: python scripts/bench_clean.py [--baseline NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="append", help="default: tfidf-logreg and context")
    args = parser.parse_args()
    from benchmark.clean import Article, clean_stream
    from benchmark.modelling import fit_baseline
    from benchmark.segment import segment
    from scripts.bench_segment import article_texts

    texts = [Article(article_id, text) for article_id, text, _ in article_texts()]
    started = time.perf_counter()
    n = sum(len(segment(a.text)) for a in texts)
    seg_seconds = time.perf_counter() - started
    for name in args.baseline or ["tfidf-logreg", "context"]:
        model = fit_baseline(name)
        started = time.perf_counter()
        cleaned = list(clean_stream(iter(texts), model=model))
        total = time.perf_counter() - started
        removed = sum(s["removed"] for c in cleaned for s in c.sentences)
        print(f"{name}: {len(texts)} articles, {n} sentences ({removed} removed) in {total:.1f} s: "
              f"{n / total:.0f} sentences/s; segmentation {seg_seconds:.1f} s = "
              f"{100 * seg_seconds / total:.0f}% of the time")


if __name__ == "__main__":
    main()
