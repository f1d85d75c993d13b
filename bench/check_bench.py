"""`make check` as a contributor runs it: a fresh process over a snapshot of the project, its seconds."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from . import measure


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "check-project")
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "macros.check", str(project)], cwd=measure.ROOT,
                              capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise RuntimeError(f"make check found problems in the snapshot:\n{proc.stdout[-3000:]}")
    return {"seconds": measure.median(seconds), "seconds_all": [round(s, 2) for s in seconds]}
