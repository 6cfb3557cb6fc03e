"""The train, predict and reproduce verbs: the only place the harness imports ``baselines``.

Data flows one way: the release -> a baseline's fit/predict -> prediction files -> the
scorer, exactly as a user's own model would go.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmark import DATASET_VERSION, SCORER_VERSION, __version__
from benchmark.errors import InputError
from benchmark.labels import LABELS
from benchmark.loaders import FEATURE_COLUMNS, load_split
from benchmark.release import atomic_write
from benchmark.submission import PROBA_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
EVAL_SPLITS = ("validation", "test", "test_unseen")
RESULTS_SCHEMA = "newsroles.results/1"
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"
TIMES_START, TIMES_END = "<!-- timings:start -->", "<!-- timings:end -->"


def fit_baseline(name: str, *, split: str = "train", seed: int = 0, data_home=None):
    import baselines

    model = baselines.create(name, seed=seed)
    frame = load_split(split, data_home=data_home)
    model.fit(frame[list(FEATURE_COLUMNS)], frame["label"])
    return model


def train(name: str, *, out: Path, split: str = "train", seed: int = 0, data_home=None,
          quiet: bool = False) -> None:
    from benchmark.modelfile import save_model

    model = fit_baseline(name, split=split, seed=seed, data_home=data_home)
    save_model(model, {"baseline": name, "seed": seed, "trained_on": split,
                       "dataset_version": DATASET_VERSION, "newsroles": __version__}, out)
    if not quiet:
        print(f"trained {name} on {split}; wrote {out}")


def read_input_sentences(path: Path):
    """A user's sentences (JSONL): id, article_id, position, text required; the rest unknown."""
    import pandas as pd

    from benchmark.submission import check_path, read_table

    path, fmt = check_path(path)
    frame = read_table(path, fmt).to_pandas()
    missing = [c for c in ("id", "article_id", "position", "text") if c not in frame.columns]
    if missing:
        raise InputError(f"input lacks {', '.join(missing)}", path=path, line=1,
                         fix="give every record id, article_id, position and text")
    if frame.empty:
        raise InputError("no records", path=path, fix="write one JSON object per sentence")
    frame["position"] = pd.to_numeric(frame["position"], errors="raise").astype("int64")
    for column in ("outlet", "topic", "form"):
        if column not in frame:
            frame[column] = ""
    if "n_sentences" not in frame:
        frame["n_sentences"] = frame.groupby("article_id")["id"].transform("size").astype("int64")
    if "paragraph" not in frame:
        frame["paragraph"] = -1
    return frame[list(FEATURE_COLUMNS)]


def prediction_frame(model, frame):
    """id, label and p_<label> columns for every row of ``frame``."""
    import numpy as np
    import pandas as pd

    proba = model.predict_proba(frame[list(FEATURE_COLUMNS)])
    full = np.zeros((len(frame), len(LABELS)))
    for j, cls in enumerate(model.classes_):
        full[:, LABELS.index(cls)] = proba[:, j]
    out = pd.DataFrame({"id": frame["id"].to_numpy(),
                        "label": np.asarray(LABELS, dtype=object)[full.argmax(axis=1)]})
    for j, column in enumerate(PROBA_COLUMNS):
        out[column] = np.round(full[:, j], 6)
    return out


def write_predictions(pred, out: Path) -> None:
    atomic_write(out, pred.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def predict(model_path: Path, *, out: Path, split: str | None = None, input_path: Path | None = None,
            data_home=None) -> None:
    from benchmark.modelfile import load_model

    model, meta = load_model(model_path)
    frame = load_split(split, data_home=data_home) if split else read_input_sentences(input_path)
    write_predictions(prediction_frame(model, frame), out)
    print(f"predicted {len(frame)} sentences with {meta.get('baseline', 'model')}; wrote {out}")


def _result_row(record: dict) -> dict:
    """The reproducible part of a score record (no dates, paths or environment)."""
    return {key: record[key] for key in ("macro_f1", "appeal_f1", "accuracy", "clean_rate")} | {
        "macro_f1_ci": record["ci"]["macro_f1"], "appeal_f1_ci": record["ci"]["appeal_f1"],
        "f1": {label: row["f1"] for label, row in record["per_class"].items()},
        "ids_sha256": record["gold"]["ids_sha256"],
        "confusion": record["confusion_matrix"]["counts"],
    }


def failure_notes(results: dict) -> str:
    """Where the best baseline (by test macro-F1) fails, in words, from the results."""
    rows = {name: entry["splits"] for name, entry in results["baselines"].items()}
    best = max(rows, key=lambda name: rows[name]["test"]["macro_f1"])
    test, unseen = rows[best]["test"], rows[best]["test_unseen"]
    cells = [(test["confusion"][g][p], LABELS[g], LABELS[p]) for g in range(len(LABELS))
             for p in range(len(LABELS)) if g != p]
    cells.sort(reverse=True)
    errors = sum(n for n, _, _ in cells)
    top = "; ".join(f"{gold} taken for {pred} {n} times" for n, gold, pred in cells[:3])
    share = sum(n for n, _, _ in cells[:3]) / max(errors, 1)
    bp = LABELS.index("boilerplate")
    missed = sum(test["confusion"][bp][p] for p in range(len(LABELS)) if p != bp)
    dropped = sum(test["confusion"][g][bp] for g in range(len(LABELS)) if g != bp)
    worst = min(LABELS, key=lambda label: test["f1"][label])
    return (
        f"Where the best baseline fails: `{best}` makes {errors} errors on `test`. The most "
        f"frequent are {top}, {100 * share:.0f}% of them together; its weakest label is "
        f"`{worst}` (F1 {_pct(test['f1'][worst])}). Between reporting and boilerplate it misses "
        f"{missed} boilerplate sentences and drops {dropped} reporting ones. On `test_unseen`, "
        f"outlets it never saw, macro-F1 falls from {_pct(test['macro_f1'])} to "
        f"{_pct(unseen['macro_f1'])} ({_pct(test['macro_f1'] - unseen['macro_f1'])} points), appeal F1 "
        f"from {_pct(test['appeal_f1'])} to {_pct(unseen['appeal_f1'])} and the clean rate from "
        f"{_pct(test['clean_rate'])} to {_pct(unseen['clean_rate'])}: a new site's wording costs "
        "most on whole-article cleaning.\n")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def results_markdown(results: dict) -> str:
    """The results table: one row per baseline and evaluation split."""
    head = ("| baseline | split | macro-F1 (95% CI) | appeal F1 (95% CI) | "
            + " | ".join(f"F1 {label}" for label in LABELS) + " | clean rate |")
    lines = [head, "|" + "---|" * (5 + len(LABELS))]
    for name, entry in results["baselines"].items():
        for split, row in entry["splits"].items():
            lo, hi = row["macro_f1_ci"]
            alo, ahi = row["appeal_f1_ci"]
            lines.append(
                f"| {name} | {split} | {_pct(row['macro_f1'])} ({_pct(lo)}-{_pct(hi)}) | "
                f"{_pct(row['appeal_f1'])} ({_pct(alo)}-{_pct(ahi)}) | "
                + " | ".join(_pct(row["f1"][label]) for label in LABELS)
                + f" | {_pct(row['clean_rate'])} |")
    return "\n".join(lines) + "\n"


def timings_markdown(timings: dict) -> str:
    lines = ["| baseline | train (s) | predict, all evaluation splits (s) |", "|---|---:|---:|"]
    lines += [f"| {name} | {t['train_seconds']:.2f} | {t['predict_seconds']:.2f} |"
              for name, t in timings.items()]
    return "\n".join(lines) + "\n"


def _between(text: str, start_mark: str, end_mark: str, content: str, readme: Path) -> str:
    start, end = text.find(start_mark), text.find(end_mark)
    if start < 0 or end < start:
        raise InputError(f"no {start_mark} ... {end_mark} markers", path=readme,
                         fix="put the two markers where the table belongs")
    return text[:start + len(start_mark)] + "\n" + content + text[end:]


def update_readme(readme: Path, table: str, timings: str | None = None) -> None:
    """Put the results table (and, if given, the timings table) between the README's markers."""
    text = _between(readme.read_text(encoding="utf-8"), MARK_START, MARK_END, table, readme)
    if timings is not None:
        text = _between(text, TIMES_START, TIMES_END, timings, readme)
    atomic_write(readme, text.encode("utf-8"))


def reproduce(*, only: list[str] | None = None, results: Path | None = None,
              readme: Path | None = None, data_home=None, seed: int = 0) -> dict:
    """Train every baseline on train, predict and score every evaluation split, write tables."""
    import baselines
    from tqdm import tqdm

    from benchmark.scoring import score

    names = only or baselines.names()
    for name in names:
        baselines.registry.entry(name)  # refuse an unknown name before any work
    missing = [n for n in names if not baselines.registry.entry(n).available()]
    for name in missing:
        extra = baselines.registry.entry(name).needs
        print(f"skipped {name}: it needs the optional extra newsroles[{extra}] "
              f"(pip install torch==2.13.0 && pip install -e '.[{extra}]'); its committed row is kept",
              file=sys.stderr)
    names = [n for n in names if n not in missing]
    results = results or ROOT / "results"
    readme = readme or ROOT / "README.md"
    out = {"schema": RESULTS_SCHEMA, "dataset_version": DATASET_VERSION,
           "scorer_version": SCORER_VERSION, "seed": seed, "baselines": {}}
    timings = {}
    frames = {split: load_split(split, data_home=data_home) for split in EVAL_SPLITS}
    with tqdm(total=len(names) * (1 + len(EVAL_SPLITS)), desc="reproduce", unit="step") as bar:
        for name in names:
            bar.set_postfix_str(f"{name}: train")
            started = time.perf_counter()
            model = fit_baseline(name, seed=seed, data_home=data_home)
            train_seconds = time.perf_counter() - started
            bar.update()
            predict_seconds, rows = 0.0, {}
            for split, frame in frames.items():
                bar.set_postfix_str(f"{name}: {split}")
                started = time.perf_counter()
                pred = prediction_frame(model, frame)
                predict_seconds += time.perf_counter() - started
                path = results / "predictions" / name / f"{split}.csv"
                write_predictions(pred, path)
                rows[split] = _result_row(score(path, split=split, data_home=data_home))
                bar.update()
            out["baselines"][name] = {"description": baselines.describe(name), "splits": rows}
            timings[name] = {"train_seconds": round(train_seconds, 3),
                             "predict_seconds": round(predict_seconds, 3)}
    if only or missing:  # keep the committed rows of the baselines not run
        previous = results / "results.json"
        if previous.is_file():
            kept = json.loads(previous.read_text(encoding="utf-8"))["baselines"]
            out["baselines"] = {**{k: v for k, v in kept.items() if k not in out["baselines"]},
                                **out["baselines"]}
            order = [n for n in baselines.names() if n in out["baselines"]]
            out["baselines"] = {n: out["baselines"][n] for n in order}
    atomic_write(results / "results.json", (json.dumps(out, indent=2) + "\n").encode("utf-8"))
    atomic_write(results / "timings.json", (json.dumps(timings, indent=2) + "\n").encode("utf-8"))
    table = results_markdown(out) + "\n" + failure_notes(out)
    atomic_write(results / "results.md", table.encode("utf-8"))
    if readme.is_file():
        update_readme(readme, table, None if only or missing else timings_markdown(timings))
    print(table, end="")
    print(timings_markdown(timings), end="")
    return out
