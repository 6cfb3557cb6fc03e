"""Model files: written and read with skops, refusing any type not on the trusted list.

A model file holds ``{"model": estimator, "meta": {...}}``. Loading lists the file's types
that skops does not trust by default and refuses the file if any is not in
:data:`TRUSTED`, so no untrusted code runs on load.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmark.errors import InputError
from benchmark.release import atomic_write

TRUSTED: frozenset[str] = frozenset({
    "baselines.context.ContextClassifier",
    "baselines.embed.SentenceEmbedder",
    "baselines.features.text_of",
    "baselines.features.with_neighbours",
    "baselines.rules.RulesClassifier",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
})
"""Types a newsroles model file may hold beyond skops's own defaults."""


def save_model(model, meta: dict, path: str | Path) -> None:
    """Write ``model`` and its metadata to ``path`` (skops, deflate-compressed), atomically."""
    import skops.io as sio

    atomic_write(path, sio.dumps({"model": model, "meta": meta}, compression=zipfile.ZIP_DEFLATED))


def load_model(path: str | Path):
    """Read a model file; return ``(model, meta)``. Refuse untrusted types with InputError."""
    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise InputError("no such model file", path=path,
                         fix="pass a file written by 'newsroles train NAME --out FILE'")
    data = path.read_bytes()
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # skops raises several types for a file that is not its own
        raise InputError(f"not a skops model file ({type(exc).__name__})", path=path,
                         fix="pass a file written by 'newsroles train NAME --out FILE'") from None
    refused = sorted(set(untrusted) - TRUSTED)
    if refused:
        raise InputError(f"model file holds untrusted types: {', '.join(refused)}", path=path,
                         fix="only load model files written by 'newsroles train'")
    loaded = sio.loads(data, trusted=sorted(untrusted))
    if not isinstance(loaded, dict) or "model" not in loaded or "meta" not in loaded:
        raise InputError("not a newsroles model file", path=path,
                         fix="pass a file written by 'newsroles train NAME --out FILE'")
    return loaded["model"], loaded["meta"]
