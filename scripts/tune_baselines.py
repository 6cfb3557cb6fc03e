"""Choose the baselines' hyperparameters on the validation split, never on a test split.

Fits each family on ``train`` for every value of its grid, scores macro-F1 on
``validation`` with the harness's metric code, prints the table and writes
``results/tuning.json``. The chosen values are then written into ``baselines/linear.py``
by hand (TFIDF_LOGREG_C, CHAR_SVM_C in linear.py, CONTEXT_C in context.py,
EMBED_LOGREG_C in embed.py), so the registry stays plain code.

Usage: python scripts/tune_baselines.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GRID = {
    "tfidf-logreg": [0.3, 1.0, 3.0, 10.0],
    "char-svm": [0.1, 0.3, 1.0],
    "context": [1.0, 3.0, 10.0],
    "embed-logreg": [1.0, 3.0, 10.0],
}


def main() -> None:
    import numpy as np

    from baselines.registry import entry
    from benchmark import FEATURE_COLUMNS, LABELS, load_split
    from benchmark import metrics

    train, valid = load_split("train"), load_split("validation")
    gold = valid["label"].map(LABELS.index).to_numpy()
    table = {}
    for name, values in GRID.items():
        table[name] = {}
        for C in values:
            model = entry(name).factory(0, C=C).fit(train[list(FEATURE_COLUMNS)], train["label"])
            pred = np.array([LABELS.index(p) for p in model.predict(valid[list(FEATURE_COLUMNS)])])
            cm = metrics.grouped_confusion(gold, pred, np.zeros(len(gold), dtype=int), 1)[0]
            table[name][str(C)] = round(float(metrics.macro_f1(cm)), 4)
            print(f"{name:<14} C={C:<6} validation macro-F1 {table[name][str(C)]:.4f}", flush=True)
        best = max(table[name], key=table[name].get)
        print(f"{name:<14} best C={best}")
    out = ROOT / "results" / "tuning.json"
    out.write_text(json.dumps({"split": "validation", "metric": "macro_f1", "grid": table}, indent=2) + "\n")


if __name__ == "__main__":
    main()
