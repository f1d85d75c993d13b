"""Section "pdfcache": incremental PDFs (issue 12, item 5).

1. A build with nothing changed (the PDF cache warm) against a build without PDFs: target ≤ 1.3×.
2. After editing one figure (its label, in both languages), how many PDFs the next build makes:
   expected, per edition, the briefs of the pages that show it and the full dossier.

The copy of the project has no git history, so its content date would follow the edited file's
time; SOURCE_DATE_EPOCH pins it to the real project's date, as git does for an uncommitted edit.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import measure

ROOT = Path(__file__).resolve().parent.parent


def _epoch() -> str:
    from macros import content_date
    return str(int(content_date.content_date(ROOT).timestamp()))


def pick_figure(project: Path) -> str:
    """The figure shown on the fewest partner and resource pages (at least one)."""
    from macros.load import load_dossier
    d = load_dossier(project / "data")
    return min((f for f in d.figures if f.partners or f.resources),
               key=lambda f: (len(f.partners) + len(f.resources), f.id)).id


def edit_label(project: Path, fid: str) -> None:
    """Append a word to the figure's label in both languages (what every row of the figure shows)."""
    path = project / "data" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'- id: "{fid}"')
    block_end = text.find("\n- id: ", start + 1)
    block_end = len(text) if block_end < 0 else block_end
    block = re.sub(r'(label:\n\s+ru: "[^"]*)', r"\1 (правка)", text[start:block_end], count=1)
    block = re.sub(r'(label:\n\s+ru: "[^"]*"\n\s+en: "[^"]*)', r"\1 (edited)", block, count=1)
    path.write_text(text[:start] + block + text[block_end:], encoding="utf-8")


def pages_showing(site: Path, fid: str) -> dict[str, int]:
    """Per edition, the built pages that link the figure (data-fig), partner and resource pages only."""
    out: dict[str, int] = {}
    for lang, root in (("ru", site), ("en", site / "en")):
        pages = [p for kind in ("partners", "resources") for p in (root / kind).glob("*/index.html")]
        out[lang] = sum(1 for p in pages if f'data-fig="{fid}"' in p.read_text(encoding="utf-8"))
    return out


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "pdfcache")
    env = {"DOSSIER_PDF_CACHE": str(work / "pdfcache-cache"), "SOURCE_DATE_EPOCH": _epoch()}
    site = work / "pdfcache-site"
    cold = measure.build(project, site, env=env)  # fills the cache
    warm = measure.summary([measure.build(project, site, env=env) for _ in range(runs)])
    no_pdf = measure.summary([measure.build(project, site, env=env, no_pdf=True) for _ in range(runs)])
    fid = pick_figure(project)
    shown = pages_showing(site, fid)  # the pages of the last build (no PDFs, the same HTML)
    edit_label(project, fid)
    edited = measure.build(project, site, env=env)
    ratio = warm["seconds"] / no_pdf["seconds"]
    return {
        "runs": runs, "cold_seconds": cold["seconds"], "cold_made": cold["pdf_made"],
        "warm_seconds": warm["seconds"], "warm_made": warm["pdf_made"], "no_pdf_seconds": no_pdf["seconds"],
        "warm_vs_no_pdf": ratio,
        "edited_figure": fid, "pages_showing": shown,
        "expected_made": {lang: n + 1 for lang, n in shown.items()},  # its briefs + the full dossier
        "edited_made": edited["pdf_made"], "edited_seconds": edited["seconds"],
        "pdfs": sum(x["count"] for x in edited["pdf_log"]),
    }
