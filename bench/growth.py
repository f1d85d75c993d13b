"""Section 3: synthetic dossiers at several multiples of today's size, built the same way.

Each size is built with the nav of today's mkdocs.yml (every page listed) and, where asked, with
one index page per section in the nav ("indexes", see bench/synth.py) to show what the nav costs.
"""
from __future__ import annotations

from pathlib import Path

from . import measure, synth


OBSERVATIONS = 10  # per figure: a dossier whose every figure is checked against ten other sources (issue 11)


def run(work: Path, sizes: list[int], runs: int, pdf_from: int = 100, navs=("full",), runs_large: int | None = None) -> dict:
    out = {}
    for nav in navs:
        for scale in sizes:
            key = f"{scale}x" + ("" if nav == "full" else f"-{nav}")
            project = work / f"synth-{key}"
            counts = synth.generate(project, scale, nav=nav, observations=OBSERVATIONS)
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
            same_nav = [r for r in out.values() if r["nav"] == nav]  # sizes built so far with this nav, smallest first
            per_page = out[key]["seconds_per_page_without_pdf"]
            out[key]["per_page_vs_smallest"] = per_page / same_nav[0]["seconds_per_page_without_pdf"]
            # 1x is dominated by fixed start-up costs; the step from the previous size shows the growth itself
            out[key]["per_page_vs_previous"] = per_page / same_nav[-2]["seconds_per_page_without_pdf"] if len(same_nav) > 1 else 1.0
    return out
