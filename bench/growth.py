"""Section 3: synthetic dossiers at several multiples of today's size, built the same way."""
from __future__ import annotations

from pathlib import Path

from . import measure, synth

NO_PDF_FROM = 100  # from this scale on, PDFs are left out (a 100x dossier has ~2,200 of them)


def run(work: Path, sizes: list[int], runs: int, pdf_from: int = NO_PDF_FROM) -> dict:
    out = {}
    for scale in sizes:
        project = work / f"synth-{scale}x"
        counts = synth.generate(project, scale)
        no_pdf = scale >= pdf_from
        builds = [measure.build(project, work / f"synth-{scale}x-site", no_pdf=no_pdf) for _ in range(runs)]
        s = measure.summary(builds)
        pages = sum(counts.pages.values())
        without_pdf = s["seconds"] - s["phases"]["pdf"]
        out[f"{scale}x"] = {
            "scale": scale, "pdfs": not no_pdf, "sources": counts.sources, "paragraphs": counts.paragraphs,
            "figures": counts.figures, "partners": counts.partners, "resources": counts.resources,
            "pages": counts.pages, "build": s,
            "seconds_per_page": s["seconds"] / pages, "seconds_per_page_without_pdf": without_pdf / pages,
        }
    base = out.get(f"{sizes[0]}x")
    for row in out.values():
        row["per_page_vs_smallest"] = row["seconds_per_page_without_pdf"] / base["seconds_per_page_without_pdf"]
    return out
