"""Time ``newsroles reproduce`` for every family but embed-logreg, in one run.

Runs the verb in a subprocess, writing into a temporary results folder and README copy (the
committed ones are left alone), and prints the wall time beside the 120 s budget.

Usage: python scripts/bench_reproduce.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import baselines

    names = [n for n in baselines.names() if n != "embed-logreg"]
    with tempfile.TemporaryDirectory() as tmp:
        readme = Path(tmp) / "README.md"
        shutil.copy(ROOT / "README.md", readme)
        command = [sys.executable, "-m", "benchmark", "reproduce", "--results", str(Path(tmp) / "results"),
                   "--readme", str(readme), *[a for n in names for a in ("--only", n)]]
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
    print(f"reproduce ({', '.join(names)}): {elapsed:.1f} s; budget 120 s; ratio {elapsed / 120:.2f}")


if __name__ == "__main__":
    main()
