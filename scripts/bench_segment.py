"""Sentence-boundary F1 of newsroles' segmenter against the corpus's gold segmentation.

Each article of the release is rebuilt as plain text (sentences of a paragraph joined by a
space, paragraphs by a blank line), segmented again, and the predicted sentence ends are
compared with the gold ones. Prints precision, recall, F1 and sentences per second, and
lists a few of the misses with ``--show N``.

Usage: python scripts/bench_segment.py [--show 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.loaders import load_split  # noqa: E402
from benchmark.segment import segment  # noqa: E402
from benchmark.splits import SPLITS  # noqa: E402


def article_texts():
    import pandas as pd

    frame = pd.concat([load_split(s) for s in SPLITS], ignore_index=True)
    for article_id, rows in frame.groupby("article_id", sort=True):
        paragraphs, ends, offset = [], [], 0
        for _, para in rows.groupby("paragraph", sort=True):
            parts = list(para["text"])
            for i, sentence in enumerate(parts):
                offset += len(sentence)
                ends.append(offset)
                offset += 1 if i < len(parts) - 1 else 0
            paragraphs.append(" ".join(parts))
            offset += 2
        yield article_id, "\n\n".join(paragraphs), ends


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    tp = fp = fn = n = 0
    misses = []
    elapsed = 0.0
    for article_id, text, gold_ends in article_texts():
        started = time.perf_counter()
        spans = segment(text)
        elapsed += time.perf_counter() - started
        predicted = {s.end for s in spans}
        gold = set(gold_ends)
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        n += len(gold)
        for end in sorted(gold ^ predicted):
            misses.append((article_id, "missed" if end in gold else "extra", text[max(0, end - 50):end + 30]))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"gold sentences: {n}; boundaries found {tp}, extra {fp}, missed {fn}")
    print(f"precision {precision:.4f}  recall {recall:.4f}  F1 {2 * precision * recall / (precision + recall):.4f}")
    print(f"segmentation speed: {n / elapsed:.0f} sentences/s")
    for article_id, kind, context in misses[:args.show]:
        print(f"  {article_id} {kind}: ...{context!r}")


if __name__ == "__main__":
    main()
