"""The report's pictures as PNG bytes: a confusion-matrix heatmap, bar charts and dot plots.

matplotlib is imported inside the functions (it takes a while) and drawn through its Agg
canvas on a fresh ``Figure``, never through ``pyplot``, so no global state or display is
touched. The PNGs carry no date, so the same numbers give the same bytes.
"""

from __future__ import annotations

import io

import numpy as np

COLOURS = ("#3b6ea5", "#e0892f", "#5a9e57")
DPI = 110


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def confusion_png(counts, labels) -> bytes:
    """Heatmap of a confusion matrix (rows gold, columns predicted), coloured by row share.

    Each cell shows its count; the colour is the share of the gold row, so a rare class's
    errors stand out as much as a common one's.
    """
    from matplotlib.figure import Figure

    counts = np.asarray(counts, dtype=np.int64)
    rows = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, rows, out=np.zeros(counts.shape), where=rows > 0)
    fig = Figure(figsize=(5.2, 4.4), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    for (i, j), n in np.ndenumerate(counts):
        ax.text(j, i, str(n), ha="center", va="center", fontsize=10,
                color="white" if share[i, j] > 0.55 else "#1a1a1a")
    fig.colorbar(image, ax=ax, label="share of the gold row", shrink=0.85)
    return _png(fig)


def bars_png(names, series: dict[str, list[float]], *, title: str, xlabel: str = "score (%)") -> bytes:
    """Horizontal bars, one group per name and one bar per series, values in [0, 1] shown in %.

    Parameters
    ----------
    names : list of str
        One group of bars per name, drawn top to bottom in the given order.
    series : dict
        Series name -> one value per name (a fraction; drawn as a percentage and written
        beside its bar). A value of None draws no bar.
    """
    from matplotlib.figure import Figure

    names = list(names)
    k = len(series)
    height = 0.8 / max(k, 1)
    fig = Figure(figsize=(6.4, 0.9 + 0.32 * len(names) * max(k, 1) + 0.25 * k), layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(len(names), dtype=np.float64)
    for s, (label, values) in enumerate(series.items()):
        ys = positions + (s - (k - 1) / 2) * height
        shown = [(y, 100 * v) for y, v in zip(ys, values) if v is not None]
        if not shown:
            continue
        ys_, xs = zip(*shown)
        bars = ax.barh(ys_, xs, height=height * 0.92, color=COLOURS[s % len(COLOURS)], label=label)
        ax.bar_label(bars, fmt="%.1f", padding=2, fontsize=8)
    ax.set_yticks(positions, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    if k > 1:
        ax.legend(loc="lower right", fontsize=8, frameon=False, bbox_to_anchor=(1.0, 1.0), ncol=k)
    return _png(fig)


def dots_png(names, series: dict[str, list[float]], *, title: str, xlabel: str = "score (%)") -> bytes:
    """One row per name with a dot per series: compact for many groups (e.g. 40 outlets).

    Values are fractions, drawn as percentages; a value of None draws no dot.
    """
    from matplotlib.figure import Figure

    names = list(names)
    fig = Figure(figsize=(6.4, 1.1 + 0.24 * len(names)), layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(len(names))
    ax.hlines(positions, 0, 100, color="#e6e6e6", linewidth=0.8, zorder=0)
    markers = ("o", "D", "s")
    for s, (label, values) in enumerate(series.items()):
        shown = [(y, 100 * v) for y, v in zip(positions, values) if v is not None]
        if shown:
            ys, xs = zip(*shown)
            ax.scatter(xs, ys, s=26, marker=markers[s % len(markers)], color=COLOURS[s % len(COLOURS)],
                       label=label, zorder=2)
    ax.set_yticks(positions, names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlim(0, 101)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.8)
    ax.set_axisbelow(True)
    if len(series) > 1:
        ax.legend(loc="lower right", fontsize=8, frameon=False, bbox_to_anchor=(1.0, 1.0), ncol=len(series))
    return _png(fig)
