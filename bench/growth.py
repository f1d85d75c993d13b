"""Section 3: synthetic dossiers at several multiples of today's size, built the same way.

Each size is built with the nav of today's mkdocs.yml (every page listed) and, where asked, with
one index page per section in the nav ("indexes", see bench/synth.py) to show what the nav costs,
and, where asked, with `observations` observations of other sources per figure (issue 11).
"""
from __future__ import annotations

from pathlib import Path

from . import datalayer, measure, synth

NOT_BUILT = "not_built"  # {variant key: why its build stopped}


def run(work: Path, sizes: list[int], runs: int, pdf_from: int = 100, navs=("full",), runs_large: int | None = None,
        observations: int = 0) -> dict:
    out = {}
    variants = [(nav, 0) for nav in navs] + ([("full", observations)] if observations else [])
    for nav, per_figure in variants:
        for scale in sizes:
            variant = nav if not per_figure else f"{nav}, {per_figure} observations per figure"
            key = f"{scale}x" + ("" if nav == "full" else f"-{nav}") + (f"-obs{per_figure}" if per_figure else "")
            project = work / f"synth-{key}"
            counts = synth.generate(project, scale, nav=nav, observations=per_figure)
            no_pdf = scale >= pdf_from or variant != "full"  # PDFs do not depend on the nav: made once per size
            n = runs_large if (runs_large and scale >= 100) else runs
            try:
                builds = [measure.build(project, work / f"synth-{key}-site", no_pdf=no_pdf,  # each with empty caches:
                                        env={**datalayer.caches(work / f"caches-{key}-{i}"),  # sizes compared alike
                                             "DOSSIER_PDF_CACHE": str(work / f"pdf-{key}-{i}")})
                          for i in range(n)]
            except measure.BuildFailed as exc:  # a size the dossier refuses (a data file past its limit): say so, go on
                problems = [line.strip() for line in str(exc).splitlines() if line.strip().startswith("data/")]
                out.setdefault(NOT_BUILT, {})[key] = problems[0] if problems else str(exc).splitlines()[0]
                continue
            s = measure.summary(builds)
            pages = sum(counts.pages.values())
            without_pdf = s["seconds"] - s["phases"]["pdf"]
            out[key] = {
                "scale": scale, "nav": variant, "pdfs": not no_pdf, "observations": counts.observations,
                "references": counts.references, "sources": counts.sources,
                "paragraphs": counts.paragraphs, "figures": counts.figures, "partners": counts.partners,
                "resources": counts.resources, "pages": counts.pages, "build": s,
                "seconds_per_page": s["seconds"] / pages, "seconds_per_page_without_pdf": without_pdf / pages,
            }
            same_nav = [r for k, r in out.items() if k != NOT_BUILT and r["nav"] == variant]  # sizes built so far with this nav, smallest first
            per_page = out[key]["seconds_per_page_without_pdf"]
            out[key]["per_page_vs_smallest"] = per_page / same_nav[0]["seconds_per_page_without_pdf"]
            # 1x is dominated by fixed start-up costs; the step from the previous size shows the growth itself
            out[key]["per_page_vs_previous"] = per_page / same_nav[-2]["seconds_per_page_without_pdf"] if len(same_nav) > 1 else 1.0
    return out
