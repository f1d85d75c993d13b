"""Section 1: the real dossier built in full (both editions, PDFs included), each run with empty build
caches of its own (PDFs, compiled templates, renderings, verdicts): what a clean clone's first build
costs, whatever the user's caches hold. Rebuilds are sections 1b (PDFs) and 2 (warm rows)."""
from __future__ import annotations

from pathlib import Path

from . import datalayer, measure


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "real")
    builds = [measure.build(project, work / "real-site",
                            env={**datalayer.caches(work / f"full-caches-{i}"), "DOSSIER_PDF_CACHE": str(work / f"full-pdf-{i}")})
              for i in range(runs)]
    out = measure.summary(builds)
    out["pages"] = measure.page_count(project)
    out["pdf_files"] = sum(1 for _ in (work / "real-site").rglob("*.pdf"))
    return out
