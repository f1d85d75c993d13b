"""Section 2: what the data layer costs. The same pages are built four times, in turn: through the
macros, and as the markdown the macros produced (captured once by bench/capture_md.py) with the
macros plugin removed (once with the build caches warm, once with them empty: every page rendered),
both without the page allow-list and page-check hooks (captured markdown carries
the numbers and markers that only macros may write, so they rightly refuse it; they cost the same in
both); then the
dossier's own build, everything on, against that markdown as plain Material would build it: no macros,
no hooks, no theme overrides (issue 12's comparison; i18n and search stay, as any bilingual Material
site has them). PDFs are off in all four, as they are made from the finished pages. The dossier's
build runs twice per round: cold, with empty build caches (the verdicts of macros/verdicts.py and the
compiled templates of hooks/template_cache.py; what a clean clone or CI pays), then warm, with what
the cold build kept (a rebuild after an edit elsewhere). The bench keeps these caches in its own
folders, never in the user's cache."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import measure

CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_md.py"


def caches(folder: Path) -> dict:
    """The environment that puts the build's caches in `folder` (macros/verdicts.py, hooks/template_cache.py)."""
    return {"DOSSIER_VERDICT_CACHE": str(folder / "verdicts")}


def shadow_docs(project: Path, work: Path, env: dict | None = None) -> Path:
    captured, shadow = work / "captured", work / "shadow-docs"
    for d in (captured, shadow):
        shutil.rmtree(d, ignore_errors=True)
    measure.build(project, work / "capture-site", no_pdf=True, add_hooks=[CAPTURE_HOOK],
                  env={"DOSSIER_CAPTURE_MD": str(captured), **(env or {})})
    shutil.copytree(project / "docs", shadow)
    for md in captured.rglob("*.md"):
        shutil.copy2(md, shadow / md.relative_to(captured))
    return shadow


def run(work: Path, runs: int) -> dict:
    project = measure.copy_project(work / "datalayer")
    shared = caches(work / "caches")  # the data-layer pair: both warm alike
    shadow = shadow_docs(project, work, shared)
    with_macros, plain, cold, warm, material = [], [], [], [], []
    macros_cold, plain_cold = [], []  # the pair again with empty caches: every page rendered, every check run
    policy = ["hooks/html_policy.py", "hooks/page_checks.py"]  # they refuse captured markdown (see above)
    for i in range(runs):
        with_macros.append(measure.build(project, work / "dl-site-macros", no_pdf=True, drop_hooks=policy, env=shared))
        plain.append(measure.build(project, work / "dl-site-plain", no_pdf=True, drop_plugins=["macros"],
                                   drop_hooks=policy, docs_dir=shadow, env=shared))
        macros_cold.append(measure.build(project, work / "dl-site-macros", no_pdf=True, drop_hooks=policy,
                                         env=caches(work / f"caches-pair-macros-{i}")))
        plain_cold.append(measure.build(project, work / "dl-site-plain", no_pdf=True, drop_plugins=["macros"],
                                        drop_hooks=policy, docs_dir=shadow, env=caches(work / f"caches-pair-plain-{i}")))
        fresh = caches(work / f"caches-cold-{i}")  # empty before the cold build, filled by it
        cold.append(measure.build(project, work / "dl-site-dossier", no_pdf=True, env=fresh))
        warm.append(measure.build(project, work / "dl-site-dossier", no_pdf=True, env=fresh))
        material.append(measure.build(project, work / "dl-site-material", no_pdf=True, drop_plugins=["macros"],
                                      docs_dir=shadow, plain_material=True, env=shared))
    a, b = measure.summary(with_macros), measure.summary(plain)
    c, w, m = measure.summary(cold), measure.summary(warm), measure.summary(material)
    ac, bc = measure.summary(macros_cold), measure.summary(plain_cold)
    return {"with_macros": a, "plain_markdown": b, "ratio": a["seconds"] / b["seconds"],
            "added_percent": (a["seconds"] / b["seconds"] - 1) * 100, "target_percent": 15,
            "with_macros_cold": ac, "plain_markdown_cold": bc,
            "added_percent_cold": (ac["seconds"] / bc["seconds"] - 1) * 100,
            "dossier": c, "dossier_warm": w, "plain_material": m,
            "vs_material": c["seconds"] / m["seconds"], "vs_material_warm": w["seconds"] / m["seconds"],
            "vs_material_cpu": c["cpu_seconds"] / m["cpu_seconds"], "vs_material_warm_cpu": w["cpu_seconds"] / m["cpu_seconds"],
            "vs_material_target": 1.3}
