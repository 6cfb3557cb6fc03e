"""A static HTML report of one or more submissions on a split, beside the committed baselines.

``write_report(submissions, split=..., out=...)`` scores every submission (as
``newsroles score`` does, refusing bad input the same way), then writes ``out/index.html``
and its PNG pictures into ``out``. The page needs no network: no external scripts, styles,
fonts or images; a small inline script sorts the leaderboard when a column header is
clicked.

The page holds a leaderboard (the submissions and the baselines of ``results/results.json``
for the same split) and, for each submission, a confusion-matrix heatmap, per-class
precision/recall/F1 bars, boilerplate recall by kind, macro-F1 and appeal F1 by outlet,
topic, form and position in the article (start, middle and end thirds by
``position / n_sentences``), and the sentences it got most confidently wrong (when the
submission has ``p_<label>`` columns).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmark import DATASET_VERSION, SCORER_VERSION, metrics
from benchmark.errors import InputError
from benchmark.labels import LABELS

GENERATOR = "newsroles report"
INDEX = "index.html"
TOP_ERRORS = 15
THIRDS = ("start", "middle", "end")
RESULTS_SCHEMA = "newsroles.results/1"


@dataclass
class Scored:
    """One submission: its display name, file-name prefix, score record and aligned arrays."""

    name: str
    slug: str
    record: dict
    pred: np.ndarray
    proba: np.ndarray | None
    groups: dict  # breakdowns: column -> group -> macro_f1, appeal_f1, n_sentences


def display_names(paths: list[Path]) -> list[str]:
    """Short unique names: the file stem, else ``parent/stem``, else numbered.

    >>> display_names([Path("a/majority.csv"), Path("b/test.csv"), Path("c/test.csv")])
    ['majority', 'b/test', 'c/test']
    """
    stems = [p.stem for p in paths]
    names = [s if stems.count(s) == 1 else f"{p.parent.name}/{s}" for p, s in zip(paths, stems)]
    return [n if names.count(n) == 1 else f"{n} ({i + 1})" for i, n in enumerate(names)]


def position_thirds(position: np.ndarray, n_sentences: np.ndarray) -> np.ndarray:
    """0, 1 or 2: the start, middle or end third of the article, by ``position / n_sentences``.

    >>> position_thirds(np.array([0, 1, 2, 3, 4, 5]), np.full(6, 6)).tolist()
    [0, 0, 1, 1, 2, 2]
    """
    n = np.maximum(n_sentences.astype(np.int64), 1)
    return np.clip(3 * position.astype(np.int64) // n, 0, 2)


def position_breakdown(gold_codes: np.ndarray, pred: np.ndarray, thirds: np.ndarray) -> dict:
    """Macro-F1, appeal F1 and sentence count per third, like the record's breakdowns."""
    cms = metrics.grouped_confusion(gold_codes, pred, thirds, len(THIRDS))
    f1s, appeal_f1 = metrics.macro_f1(cms), metrics.appeal(cms)["f1"]
    return {name: {"macro_f1": float(f1s[i]), "appeal_f1": float(appeal_f1[i]),
                   "n_sentences": int(cms[i].sum())} for i, name in enumerate(THIRDS) if cms[i].sum()}


def confident_errors(gold_codes: np.ndarray, pred: np.ndarray, proba: np.ndarray | None,
                     n: int = TOP_ERRORS) -> np.ndarray | None:
    """Rows of the ``n`` wrong predictions with the highest probability of the predicted label.

    Ties keep the gold order. None when there are no probabilities.

    >>> confident_errors(np.array([0, 1, 1]), np.array([1, 1, 0]),
    ...                  np.array([[.3, .7, 0, 0], [0, 1, 0, 0], [.9, .1, 0, 0]])).tolist()
    [2, 0]
    """
    if proba is None:
        return None
    wrong = np.flatnonzero(pred != gold_codes)
    confidence = proba[wrong, pred[wrong]]
    return wrong[np.argsort(-confidence, kind="stable")[:n]]


def read_results(path: Path | None, split: str) -> tuple[dict, str | None]:
    """The committed baselines' rows for ``split`` (name -> row) and a note when there are none.

    ``path`` None means the repository's ``results/results.json``, which may be absent (an
    installed package has none); a path given explicitly must be a results file.
    """
    from benchmark.modelling import ROOT

    explicit = path is not None
    path = Path(path) if explicit else ROOT / "results" / "results.json"
    if not path.is_file():
        if explicit:
            raise InputError("no such results file", path=path,
                             fix="give the results.json that 'newsroles reproduce' writes")
        return {}, f"No committed baseline results were found ({path})."
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"results file is not JSON ({exc})", path=path,
                         fix="give the results.json that 'newsroles reproduce' writes") from None
    if not isinstance(results, dict) or results.get("schema") != RESULTS_SCHEMA:
        raise InputError(f"not a {RESULTS_SCHEMA} file", path=path,
                         fix="give the results.json that 'newsroles reproduce' writes")
    rows = {name: entry["splits"][split] for name, entry in results["baselines"].items()
            if split in entry.get("splits", {})}
    return rows, None if rows else f"The committed results ({path}) have no baseline scored on {split}."


def _check_out(out: Path, files: list[str]) -> None:
    """Refuse to write over files of a folder that is not a newsroles report."""
    if out.exists() and not out.is_dir():
        raise InputError("is a file, not a folder", path=out, fix="give --out a new or report folder")
    if not out.is_dir():
        return
    index = out / INDEX
    if index.is_file():
        with open(index, "rb") as fh:
            if f'content="{GENERATOR}"'.encode() in fh.read(4096):
                return
    clash = next((name for name in files if (out / name).exists()), None)
    if clash is not None:
        raise InputError(f"already holds {clash} and is not a newsroles report", path=out,
                         fix="give --out a new or empty folder, or the folder of an earlier report")


def _slug(i: int, name: str) -> str:
    return f"s{i + 1}-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "submission")


def score_submissions(paths: list[Path], *, split: str, data_home=None) -> tuple[object, list[Scored]]:
    """Load the split's gold and score every submission; the first bad file stops everything."""
    from benchmark.scoring import align, load_gold, score
    from benchmark.submission import read_labelled

    gold = load_gold(split=split, data_home=data_home)
    thirds = position_thirds(gold.table.column("position").to_numpy(),
                             gold.table.column("n_sentences").to_numpy())
    scored = []
    for i, (path, name) in enumerate(zip(paths, display_names(paths))):
        pred, proba = align(gold, read_labelled(path, check_duplicates=False))
        record = score(path, split=split, data_home=data_home)
        groups = record["breakdowns"] | {"position": position_breakdown(gold.codes, pred, thirds)}
        scored.append(Scored(name, _slug(i, name), record, pred, proba, groups))
    return gold, scored


def _pictures(item: Scored) -> dict[str, tuple[str, str, bytes]]:
    """key -> (file name, caption, PNG bytes) for one submission."""
    from benchmark import plots

    record = item.record
    pictures = {"confusion": ("Confusion matrix (rows gold, columns predicted; colour = share of the gold row)",
                              plots.confusion_png(record["confusion_matrix"]["counts"], LABELS))}
    per_class = record["per_class"]
    pictures["per-class"] = ("Precision, recall and F1 per class", plots.bars_png(
        [f"{label} ({per_class[label]['support']})" for label in LABELS],
        {name: [per_class[label][m] for label in LABELS]
         for name, m in (("precision", "precision"), ("recall", "recall"), ("F1", "f1"))},
        title="per class (gold support)"))
    kinds = record["kind_recall"]
    if kinds:
        pictures["kinds"] = ("Boilerplate recall by kind (gold support)", plots.bars_png(
            [f"{kind} ({row['support']})" for kind, row in kinds.items()],
            {"recall": [row["recall"] for row in kinds.values()]}, title="boilerplate recall by kind"))
    for column, rows in item.groups.items():
        if not rows:
            continue
        where = "third of the article" if column == "position" else column
        pictures[f"by-{column}"] = (f"Macro-F1 and appeal F1 by {where} (sentences)", plots.dots_png(
            [f"{name} ({row['n_sentences']})" for name, row in rows.items()],
            {"macro-F1": [row["macro_f1"] for row in rows.values()],
             "appeal F1": [row["appeal_f1"] for row in rows.values()]}, title=f"by {where}"))
    return {key: (f"{item.slug}-{key}.png", caption, png) for key, (caption, png) in pictures.items()}


# --- HTML ---------------------------------------------------------------------------------------

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1180px;
padding:1.5rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0}h2{margin-top:2.5rem;border-top:2px solid #ddd;padding-top:1rem}
.meta{color:#555}code{font-size:.9em}
table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
th,td{padding:.3rem .55rem;border-bottom:1px solid #e4e4e4;text-align:right;vertical-align:top}
th:first-child,td:first-child,td.text,th.text{text-align:left}
thead th{background:#f4f6f9;position:sticky;top:0}
th button{font:inherit;font-weight:600;border:0;background:none;cursor:pointer;padding:0;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
#leaderboard td:first-child{white-space:nowrap}tr.submission td:first-child{font-weight:600}
details{margin:.8rem 0}summary{cursor:pointer;color:#24466b}table.groups{font-size:.9em}.ci{color:#666;font-size:.85em}
.tag{font-size:.75em;padding:.05rem .35rem;border-radius:.3rem;background:#e8eef6;color:#24466b}
tr.baseline .tag{background:#eee;color:#555}
.grid{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
figure{margin:0;flex:0 1 calc(50% - .5rem)}@media (max-width:800px){figure{flex-basis:100%}}
figure img{width:100%;height:auto;border:1px solid #eee}figcaption{color:#555;font-size:.85em}
.note{background:#fff8e5;border-left:4px solid #e0a800;padding:.4rem .7rem}
td.text{max-width:34rem}
"""

SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var numeric = th.dataset.type === "number";
      var current = th.getAttribute("aria-sort");
      var ascending = current ? current === "descending" : !numeric;
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[column];
        return numeric ? parseFloat(cell.dataset.value) : cell.dataset.value || cell.textContent;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = numeric ? x - y : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
});
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _num(x: float | None, ci: list | None = None) -> str:
    value = "" if x is None else f"{x:.6f}"
    shown = _pct(x) + (f' <span class="ci">{_pct(ci[0])}–{_pct(ci[1])}</span>' if ci else "")
    return f'<td data-value="{value}">{shown}</td>'


LEADERBOARD_COLUMNS = [("name", "text"), ("source", "text"), ("macro-F1 (95% CI)", "number"),
                       ("appeal F1 (95% CI)", "number"), ("accuracy", "number"),
                       ("clean rate", "number")] + [(f"F1 {label}", "number") for label in LABELS]


def leaderboard_rows(scored: list[Scored], baselines: dict, gold_ids_sha256: str) -> list[dict]:
    """One row per submission and per committed baseline, best macro-F1 first."""
    rows = []
    for item in scored:
        r = item.record
        rows.append({"name": item.name, "source": "submission", "anchor": item.slug, "stale": False,
                     "macro_f1": r["macro_f1"], "macro_f1_ci": r["ci"]["macro_f1"],
                     "appeal_f1": r["appeal_f1"], "appeal_f1_ci": r["ci"]["appeal_f1"],
                     "accuracy": r["accuracy"], "clean_rate": r["clean_rate"],
                     "f1": {label: row["f1"] for label, row in r["per_class"].items()}})
    for name, row in baselines.items():
        rows.append({"name": name, "source": "baseline", "anchor": None,
                     "stale": row.get("ids_sha256") != gold_ids_sha256} | {
            key: row.get(key) for key in ("macro_f1", "macro_f1_ci", "appeal_f1", "appeal_f1_ci",
                                          "accuracy", "clean_rate", "f1")})
    return sorted(rows, key=lambda row: -(row["macro_f1"] or 0.0))


def _leaderboard_html(rows: list[dict]) -> str:
    head = "".join(
        f'<th data-type="{kind}"{" aria-sort=descending" if label.startswith("macro") else ""}'
        f'{" class=text" if kind == "text" else ""}><button type="button">{_e(label)}</button></th>'
        for label, kind in LEADERBOARD_COLUMNS)
    body = []
    for row in rows:
        name = _e(row["name"]) + (" †" if row["stale"] else "")
        if row["anchor"]:
            name = f'<a href="#{_e(row["anchor"])}">{name}</a>'
        f1 = row.get("f1") or {}
        body.append(
            f'<tr class="{row["source"]}" data-name="{_e(row["name"])}" data-source="{row["source"]}">'
            f'<td data-value="{_e(row["name"])}">{name}</td>'
            f'<td data-value="{row["source"]}"><span class="tag">{row["source"]}</span></td>'
            + _num(row["macro_f1"], row["macro_f1_ci"]) + _num(row["appeal_f1"], row["appeal_f1_ci"])
            + _num(row["accuracy"]) + _num(row["clean_rate"])
            + "".join(_num(f1.get(label)) for label in LABELS) + "</tr>")
    return (f'<table id="leaderboard" class="sortable"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _errors_html(gold, item: Scored) -> str:
    rows = confident_errors(gold.codes, item.pred, item.proba)
    if rows is None:
        return ('<p class="note">This submission has no probability columns '
                '(<code>p_event_fact, p_quote, p_context, p_boilerplate</code>), so its errors '
                'cannot be ranked by confidence.</p>')
    if not len(rows):
        return "<p>No sentence is labelled wrong.</p>"
    table = gold.table.take(rows).select(["id", "outlet", "text"]).to_pylist()
    body = []
    for row, r in zip(table, rows):
        g, p = int(gold.codes[r]), int(item.pred[r])
        body.append(f'<tr><td><code>{_e(row["id"])}</code></td><td class="text">{_e(row["outlet"])}</td>'
                    f"<td class=text>{LABELS[g]}</td><td class=text>{LABELS[p]}</td>"
                    f"<td>{item.proba[r, p]:.3f}</td><td>{item.proba[r, g]:.3f}</td>"
                    f'<td class="text">{_e(row["text"])}</td></tr>')
    return ('<table class="errors"><thead><tr><th>id</th><th class=text>outlet</th><th class=text>gold</th>'
            '<th class=text>predicted</th><th>p(predicted)</th><th>p(gold)</th><th class=text>sentence</th>'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _groups_html(item: Scored) -> str:
    """The breakdowns' numbers, folded away under the pictures."""
    tables = []
    for column, rows in item.groups.items():
        body = "".join(f'<tr><td>{_e(name)}</td><td>{_pct(row["macro_f1"])}</td>'
                       f'<td>{_pct(row["appeal_f1"])}</td><td>{row["n_sentences"]}</td></tr>'
                       for name, row in rows.items())
        tables.append(f'<table class="groups"><thead><tr><th>{_e(column)}</th><th>macro-F1</th>'
                      f'<th>appeal F1</th><th>sentences</th></tr></thead><tbody>{body}</tbody></table>')
    return (f'<details><summary>Breakdowns as tables</summary><div class="grid">{"".join(tables)}</div>'
            "</details>")


def _submission_html(gold, item: Scored, pictures: dict) -> str:
    r = item.record
    log_loss = f", log-loss {r['log_loss']:.3f}" if r.get("log_loss") is not None else ""
    figures = "".join(f'<figure><img src="{_e(file)}" alt="{_e(caption)}"><figcaption>{_e(caption)}'
                      f"</figcaption></figure>" for file, caption, _ in pictures.values())
    return (
        f'<section id="{_e(item.slug)}"><h2>{_e(item.name)}</h2>'
        f'<p class="meta"><code>{_e(r["submission"]["path"])}</code> · SHA-256 '
        f'<code>{r["submission"]["sha256"][:12]}</code></p>'
        f"<p>macro-F1 <b>{_pct(r['macro_f1'])}</b> (95% CI {_pct(r['ci']['macro_f1'][0])}–"
        f"{_pct(r['ci']['macro_f1'][1])}) · appeal F1 <b>{_pct(r['appeal_f1'])}</b> (95% CI "
        f"{_pct(r['ci']['appeal_f1'][0])}–{_pct(r['ci']['appeal_f1'][1])}; precision "
        f"{_pct(r['appeal']['precision'])}, recall {_pct(r['appeal']['recall'])}) · accuracy "
        f"{_pct(r['accuracy'])} · clean rate {_pct(r['clean_rate'])}{log_loss}</p>"
        f'<div class="grid">{figures}</div>{_groups_html(item)}'
        f"<h3>Most confidently wrong</h3>{_errors_html(gold, item)}</section>")


def render_html(gold, scored: list[Scored], rows: list[dict], pictures: dict, notes: list[str]) -> str:
    """The page: header, notes (HTML, escaped by the caller), leaderboard, one section per submission."""
    first = scored[0].record["gold"]
    created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    notes = list(notes)
    if any(row["stale"] for row in rows):
        notes.append("† scored on a different version of this split (its ids differ from the "
                     "release's): rerun <code>newsroles reproduce</code> to compare like with like.")
    notes_html = "".join(f'<p class="note">{note}</p>' for note in notes)
    sections = "".join(_submission_html(gold, item, pictures[item.slug]) for item in scored)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="generator" content="{GENERATOR}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsroles report · {_e(first['split'])}</title><style>{STYLE}</style></head><body>"
        f"<h1>newsroles report · {_e(first['split'])}</h1>"
        f'<p class="meta">{first["n_sentences"]} sentences in {first["n_articles"]} articles · '
        f"dataset {DATASET_VERSION} · scorer {SCORER_VERSION} · intervals: 95% bootstrap over "
        f"articles, {scored[0].record['ci']['n_boot']} resamples · generated {created}</p>"
        f"{notes_html}<h2>Leaderboard</h2>"
        "<p class=meta>Scores in %. Click a column header to sort; click again to reverse.</p>"
        f"{_leaderboard_html(rows)}{sections}"
        f"<script>{SORT_SCRIPT}</script></body></html>\n")


def write_report(submissions: list[str | Path], *, split: str, out: str | Path, data_home=None,
                 results: str | Path | None = None) -> Path:
    """Score the submissions and write the report folder; return the path of ``index.html``.

    Parameters
    ----------
    submissions : list of str or Path
        Submission files for ``split`` (validated as by ``newsroles score``).
    split : str
        The released split they predict.
    out : str or Path
        The report folder, created if needed. A folder holding files of the same names that
        is not an earlier newsroles report is refused.
    results : str or Path, optional
        A ``results.json`` of baselines (default: the repository's ``results/results.json``,
        skipped with a note when absent).

    Raises
    ------
    InputError
        On the first bad file, before anything is written.
    """
    from benchmark.release import atomic_write

    if not submissions:
        raise InputError("no submissions given", fix="name one or more prediction files")
    out = Path(out)
    paths = [Path(p) for p in submissions]
    baselines, note = read_results(None if results is None else Path(results), split)
    gold, scored = score_submissions(paths, split=split, data_home=data_home)
    pictures = {item.slug: _pictures(item) for item in scored}
    files = [INDEX] + [file for pics in pictures.values() for file, _, _ in pics.values()]
    _check_out(out, files)
    rows = leaderboard_rows(scored, baselines, scored[0].record["gold"]["ids_sha256"])
    page = render_html(gold, scored, rows, pictures, [_e(note)] if note else [])
    for pics in pictures.values():
        for file, _, png in pics.values():
            atomic_write(out / file, png)
    atomic_write(out / INDEX, page.encode("utf-8"))
    return out / INDEX
