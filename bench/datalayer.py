"""Section 2: what the data layer costs. The same pages are built twice, alternately: through the
macros, and as the markdown the macros produced (captured once by bench/capture_md.py) with the
macros plugin removed and everything else (theme, plugins, hooks) kept. PDFs are off in both, as
they are made from the finished pages and would be the same in both."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import measure

CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_md.py"


def shadow_docs(project: Path, work: Path) -> Path:
    captured, shadow = work / "captured", work / "shadow-docs"
    for d in (captured, shadow):
        shutil.rmtree(d, ignore_errors=True)
    measure.build(project, work / "capture-site", no_pdf=True, add_hooks=[CAPTURE_HOOK],
                  env={"DOSSIER_CAPTURE_MD": str(captured)})
    shutil.copytree(project / "docs", shadow)
    for md in captured.rglob("*.md"):
        shutil.copy2(md, shadow / md.relative_to(captured))
    return shadow


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "datalayer")
    shadow = shadow_docs(project, work)
    with_macros, plain = [], []
    for _ in range(runs):
        with_macros.append(measure.build(project, work / "dl-site-macros", no_pdf=True))
        plain.append(measure.build(project, work / "dl-site-plain", no_pdf=True, drop_plugins=["macros"], docs_dir=shadow))
    a, b = measure.summary(with_macros), measure.summary(plain)
    return {"with_macros": a, "plain_markdown": b, "ratio": a["seconds"] / b["seconds"],
            "added_percent": (a["seconds"] / b["seconds"] - 1) * 100, "target_percent": 15}
