"""Render score records: a terminal table, Markdown, and the JSON record's validation."""

from __future__ import annotations

from benchmark.labels import LABELS

REQUIRED_KEYS = {
    "schema": str, "scorer_version": str, "created": str, "environment": dict, "gold": dict,
    "submission": dict, "macro_f1": float, "appeal_f1": float, "accuracy": float,
    "appeal": dict, "ci": dict, "per_class": dict, "confusion_matrix": dict,
    "clean_rate": float, "kind_recall": dict, "breakdowns": dict,
}


def validate_record(record: dict) -> dict:
    """Check that a score record has the schema's keys and types; return it unchanged.

    Raises ValueError naming the first key that is missing or of the wrong type.

    >>> validate_record({"schema": "newsroles.score/1"})
    Traceback (most recent call last):
    ...
    ValueError: score record lacks 'scorer_version' (expected str)
    """
    for key, kind in REQUIRED_KEYS.items():
        if key not in record:
            raise ValueError(f"score record lacks {key!r} (expected {kind.__name__})")
        value = record[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind):
            raise ValueError(f"score record field {key!r}: expected {kind.__name__}, got {type(value).__name__}")
    if not record["schema"].startswith("newsroles.score/"):
        raise ValueError(f"score record schema: expected newsroles.score/N, got {record['schema']!r}")
    if set(record["per_class"]) != set(LABELS):
        raise ValueError(f"score record per_class: expected keys {list(LABELS)}, got {sorted(record['per_class'])}")
    for key in ("macro_f1", "appeal_f1"):
        low, high = record["ci"][key]
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(f"score record ci.{key}: expected 0 <= low <= high <= 1, got {low}, {high}")
    return record


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def format_text(record: dict) -> str:
    """The readable terminal report of one score record."""
    gold = record["gold"]
    target = gold["split"] or gold["path"]
    ci = record["ci"]
    lines = [
        f"newsroles scorer {record['scorer_version']} · {target} · "
        f"{gold['n_sentences']} sentences in {gold['n_articles']} articles",
        "",
        f"  macro-F1     {_pct(record['macro_f1']):>6}   95% CI {_pct(ci['macro_f1'][0])}-{_pct(ci['macro_f1'][1])}",
        f"  appeal F1    {_pct(record['appeal_f1']):>6}   95% CI {_pct(ci['appeal_f1'][0])}-{_pct(ci['appeal_f1'][1])}"
        f"   (P {_pct(record['appeal']['precision'])}, R {_pct(record['appeal']['recall'])})",
        f"  accuracy     {_pct(record['accuracy']):>6}",
        f"  clean rate   {_pct(record['clean_rate']):>6}   (articles with all boilerplate flagged, no reporting dropped)",
    ]
    if record.get("log_loss") is not None:
        lines.append(f"  log-loss     {record['log_loss']:>6.3f}")
    lines += ["", f"  {'label':<13}{'precision':>10}{'recall':>10}{'F1':>8}{'support':>9}"]
    for label, row in record["per_class"].items():
        lines.append(f"  {label:<13}{_pct(row['precision']):>10}{_pct(row['recall']):>10}"
                     f"{_pct(row['f1']):>8}{row['support']:>9}")
    labels = record["confusion_matrix"]["labels"]
    lines += ["", "  confusion (rows gold, columns predicted)",
              f"  {'':<13}" + "".join(f"{label[:11]:>12}" for label in labels)]
    for label, row in zip(labels, record["confusion_matrix"]["counts"]):
        lines.append(f"  {label:<13}" + "".join(f"{n:>12}" for n in row))
    if record["kind_recall"]:
        lines += ["", "  boilerplate recall by kind"]
        for kind, row in record["kind_recall"].items():
            lines.append(f"  {kind:<15}{_pct(row['recall']):>7}  of {row['support']}")
    for column, groups in record["breakdowns"].items():
        lines += ["", f"  by {column:<11}{'macro-F1':>10}{'appeal F1':>11}{'sentences':>11}"]
        for name, row in groups.items():
            lines.append(f"  {name[:14]:<14}{_pct(row['macro_f1']):>10}{_pct(row['appeal_f1']):>11}{row['n_sentences']:>11}")
    return "\n".join(lines) + "\n"


def format_markdown(record: dict) -> str:
    """The headline numbers of one record as a Markdown table."""
    ci = record["ci"]
    rows = [
        ("macro-F1", _pct(record["macro_f1"]), f"{_pct(ci['macro_f1'][0])}-{_pct(ci['macro_f1'][1])}"),
        ("appeal F1", _pct(record["appeal_f1"]), f"{_pct(ci['appeal_f1'][0])}-{_pct(ci['appeal_f1'][1])}"),
        ("accuracy", _pct(record["accuracy"]), ""),
        ("clean rate", _pct(record["clean_rate"]), ""),
    ] + [(f"F1 {label}", _pct(row["f1"]), "") for label, row in record["per_class"].items()]
    out = ["| metric | value | 95% CI |", "|---|---:|---|"]
    out += [f"| {name} | {value} | {ci_text} |" for name, value, ci_text in rows]
    return "\n".join(out) + "\n"
