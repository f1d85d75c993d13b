"""Section 1: the real dossier built in full (both editions, PDFs included)."""
from __future__ import annotations

from pathlib import Path

from . import measure


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "real")
    builds = [measure.build(project, work / "real-site") for _ in range(runs)]
    out = measure.summary(builds)
    out["pages"] = measure.page_count(project)
    out["pdf_files"] = sum(1 for _ in (work / "real-site").rglob("*.pdf"))
    return out
