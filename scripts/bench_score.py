"""Time the scorer against the floor of just reading its two input files with pyarrow.

Writes a gold file and a submission of N sentences (default 1,000,000; about 20 sentences
per article, labels drawn by the corpus's rough frequencies, predictions 80% right), then in
one run times:

- floor: ``pyarrow.csv.read_csv`` of both files, nothing else;
- scorer: ``benchmark.scoring.score`` end to end (read, validate, align, every metric and
  the 1,000-resample article bootstrap);
- optionally (``--sklearn``) pandas reading + join + ``sklearn.metrics.classification_report``.

Floor and scorer are timed in interleaved rounds; prints the best of each and their ratio,
and the median of the per-round ratios. Target: scorer / floor <= 2 for a submission
in the split's order (as ``newsroles predict`` writes it); a shuffled one is timed too.

Usage: python scripts/bench_score.py [--n 1000000] [--sklearn]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmark.labels import LABELS  # noqa: E402
from benchmark.scoring import score  # noqa: E402


def write_files(folder: Path, n: int, seed: int = 0) -> tuple[Path, Path]:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    rng = np.random.default_rng(seed)
    article = np.arange(n) // 20
    position = np.arange(n) % 20
    article_ids = np.char.add("art", np.char.zfill(article.astype(str), 7))
    ids = np.char.add(article_ids, np.char.add("-", np.char.zfill(position.astype(str), 3)))
    gold = rng.choice(len(LABELS), size=n, p=[0.3, 0.25, 0.27, 0.18])
    pred = np.where(rng.random(n) < 0.8, gold, rng.integers(0, len(LABELS), n))
    names = np.asarray(LABELS)
    gold_path, pred_path = folder / "gold.csv", folder / "pred.csv"
    pcsv.write_csv(pa.table({"id": ids, "label": names[gold],
                             "article_id": article_ids}), gold_path)
    pcsv.write_csv(pa.table({"id": ids, "label": names[pred]}), pred_path)
    order = rng.permutation(n)
    shuffled_path = folder / "pred_shuffled.csv"
    pcsv.write_csv(pa.table({"id": ids[order], "label": names[pred][order]}), shuffled_path)
    return gold_path, pred_path, shuffled_path


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (best is reported)")
    parser.add_argument("--sklearn", action="store_true", help="also time pandas + sklearn")
    args = parser.parse_args()
    import pyarrow.csv as pcsv

    with tempfile.TemporaryDirectory() as tmp:
        gold, pred, shuffled = write_files(Path(tmp), args.n)
        timed(lambda: (pcsv.read_csv(gold), pcsv.read_csv(pred)))  # warm the page cache
        score(pred, gold=gold)  # and the imports
        floors, scorers = [], []
        for _ in range(args.rounds):  # interleaved, so that a noisy spell hits both
            floors.append(timed(lambda: (pcsv.read_csv(gold), pcsv.read_csv(pred))))
            scorers.append(timed(lambda: score(pred, gold=gold)))
        floor, scorer = min(floors), min(scorers)
        print(f"sentences: {args.n:,}; articles: {args.n // 20:,}; bootstrap: 1000 resamples; "
              f"best of {args.rounds} interleaved rounds")
        print(f"floor  (pyarrow reads both files): {floor:.3f} s")
        print(f"scorer (everything, bootstrap incl.): {scorer:.3f} s  ratio {scorer / floor:.2f}x "
              f"(median of the rounds' ratios {np.median(np.divide(scorers, floors)):.2f}x)")
        other = min(timed(lambda: score(shuffled, gold=gold)) for _ in range(3))
        print(f"scorer, submission rows shuffled:     {other:.3f} s  ratio {other / floor:.2f}x")
        if args.sklearn:
            import pandas as pd
            from sklearn.metrics import classification_report

            def reference():
                g, p = pd.read_csv(gold), pd.read_csv(pred)
                joined = g.merge(p, on="id", suffixes=("_gold", "_pred"))
                classification_report(joined["label_gold"], joined["label_pred"])

            ref = timed(reference)
            print(f"pandas + sklearn classification_report: {ref:.3f} s  ratio {ref / floor:.2f}x")


if __name__ == "__main__":
    main()
