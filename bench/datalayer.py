"""Section 2: what the data layer costs. The same pages are built four times, in turn: through the
macros, and as the markdown the macros produced (captured once by bench/capture_md.py) with the
macros plugin removed, both without the page allow-list and page-check hooks (captured markdown carries
the numbers and markers that only macros may write, so they rightly refuse it; they cost the same in
both); then the
dossier's own build, everything on, against that markdown as plain Material would build it: no macros,
no hooks, no theme overrides (issue 12's comparison; i18n and search stay, as any bilingual Material
site has them). PDFs are off in all four, as they are made from the finished pages."""
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
    with_macros, plain, dossier, material = [], [], [], []
    policy = ["hooks/html_policy.py", "hooks/page_checks.py"]  # they refuse captured markdown (see above)
    for _ in range(runs):
        with_macros.append(measure.build(project, work / "dl-site-macros", no_pdf=True, drop_hooks=policy))
        plain.append(measure.build(project, work / "dl-site-plain", no_pdf=True, drop_plugins=["macros"],
                                   drop_hooks=policy, docs_dir=shadow))
        dossier.append(measure.build(project, work / "dl-site-dossier", no_pdf=True))
        material.append(measure.build(project, work / "dl-site-material", no_pdf=True, drop_plugins=["macros"],
                                      docs_dir=shadow, plain_material=True))
    a, b = measure.summary(with_macros), measure.summary(plain)
    d, m = measure.summary(dossier), measure.summary(material)
    return {"with_macros": a, "plain_markdown": b, "ratio": a["seconds"] / b["seconds"],
            "added_percent": (a["seconds"] / b["seconds"] - 1) * 100, "target_percent": 15,
            "dossier": d, "plain_material": m, "vs_material": d["seconds"] / m["seconds"], "vs_material_target": 1.3}
