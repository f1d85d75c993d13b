"""Section 3: synthetic dossiers at several multiples of today's size, built the same way.

Each size is built with the nav of today's mkdocs.yml (every page listed) and, where asked, with
one index page per section in the nav ("indexes", see bench/synth.py) to show what the nav costs.
"""
from __future__ import annotations

from pathlib import Path

from . import measure, synth


def run(work: Path, sizes: list[int], runs: int, pdf_from: int = 100, navs=("full",), runs_large: int | None = None) -> dict:
    out = {}
    for nav in navs:
        for scale in sizes:
            key = f"{scale}x" + ("" if nav == "full" else f"-{nav}")
            project = work / f"synth-{key}"
            counts = synth.generate(project, scale, nav=nav)
            no_pdf = scale >= pdf_from or nav != "full"  # PDFs do not depend on the nav: made once per size
            n = runs_large if (runs_large and scale >= 100) else runs
            builds = [measure.build(project, work / f"synth-{key}-site", no_pdf=no_pdf) for _ in range(n)]
            s = measure.summary(builds)
            pages = sum(counts.pages.values())
            without_pdf = s["seconds"] - s["phases"]["pdf"]
            out[key] = {
                "scale": scale, "nav": nav, "pdfs": not no_pdf, "sources": counts.sources,
                "paragraphs": counts.paragraphs, "figures": counts.figures, "partners": counts.partners,
                "resources": counts.resources, "pages": counts.pages, "build": s,
                "seconds_per_page": s["seconds"] / pages, "seconds_per_page_without_pdf": without_pdf / pages,
            }
            base = next(r for r in out.values() if r["nav"] == nav)  # the smallest size of this nav
            out[key]["per_page_vs_smallest"] = out[key]["seconds_per_page_without_pdf"] / base["seconds_per_page_without_pdf"]
    return out
