"""Run one build in a subprocess (bench/build_once.py) and split its time into phases."""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_ONCE = Path(__file__).resolve().parent / "build_once.py"
PROJECT_PARTS = ["mkdocs.yml", "data", "docs", "hooks", "macros", "overrides"]
PDF_LOG = re.compile(r"PDF briefs: (\d+) PDFs for '(\w+)' in ([\d.]+) s")
PDF_MADE = re.compile(r"PDF briefs: \d+ PDFs for '(\w+)' in [\d.]+ s \((\d+) made")  # the rest came from the cache


class BuildFailed(RuntimeError):
    pass


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A snapshot of the project (so edits made meanwhile in the work tree do not mix into a run)."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pdf"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def build(project: Path, site_dir: Path, *, no_pdf: bool = False, drop_plugins=(), drop_hooks=(), add_hooks=(),
          docs_dir: Path | None = None, plain_material: bool = False, env: dict | None = None,
          profile: Path | None = None) -> dict:
    """Build `project` once in a fresh Python process; return its seconds, memory and phase split."""
    args = [sys.executable, str(BUILD_ONCE), str(Path(project) / "mkdocs.yml"), str(site_dir)]
    for p in drop_plugins:
        args += ["--drop-plugin", p]
    for h in drop_hooks:
        args += ["--drop-hook", h]
    for h in add_hooks:
        args += ["--add-hook", str(h)]
    args += ["--docs-dir", str(docs_dir)] if docs_dir else []
    args += ["--plain-material"] if plain_material else []
    args += ["--profile", str(profile)] if profile else []
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", prefix="bench-timings-") as timings:
        run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOSSIER_TIMINGS=timings.name,
                       DOSSIER_PDF="0" if no_pdf else "1", **(env or {}))
        start = time.perf_counter()
        proc = subprocess.run(args, cwd=project, env=run_env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if proc.returncode != 0 or not proc.stdout.strip():
            raise BuildFailed(f"build of {project} failed (exit {proc.returncode}):\n" + proc.stderr[-4000:])
        lines = [json.loads(line) for line in Path(timings.name).read_text().splitlines() if line.strip()]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = wall
    result["pdf_log"] = [{"count": int(n), "lang": lang, "seconds": float(s)} for n, lang, s in PDF_LOG.findall(proc.stderr)]
    result["pdf_made"] = {lang: int(n) for lang, n in PDF_MADE.findall(proc.stderr)}
    return split(result, lines)


def split(result: dict, timing_lines: list[dict]) -> dict:
    """Attribute the build's seconds to data load, macro calls, macro templating, PDFs, other
    plugins and hooks, and mkdocs itself (the rest: markdown, theme templates, file copies)."""
    by_phase: dict[str, float] = {}
    macro_calls: dict[str, dict] = {}
    for line in timing_lines:
        by_phase[line["phase"]] = by_phase.get(line["phase"], 0.0) + line["seconds"]
        if line["phase"] == "macros":
            slot = macro_calls.setdefault(line["name"], {"seconds": 0.0, "calls": 0})
            slot["seconds"] += line["seconds"]
            slot["calls"] += line["calls"]
    events = result.get("events", {})

    def events_of(test) -> float:
        return sum(v for k, v in events.items() if test(k))

    load, macros = by_phase.get("load", 0.0), by_phase.get("macros", 0.0)
    phases = {  # event times exclude data loads (build_once.EventClock), so nothing is counted twice
        "data_load": load,
        "macro_calls": macros,
        "macro_templating": max(0.0, events_of(lambda k: k.startswith("macros.")) - macros),
        "pdf": events_of(lambda k: k.startswith("hooks/pdf")),
        "other_plugins_hooks": events_of(lambda k: not k.startswith(("macros.", "hooks/pdf", "i18n.post_build"))),
    }
    phases["mkdocs"] = max(0.0, result["seconds"] - sum(phases.values()))
    result["phases"] = phases
    result["load_calls"] = sum(line["calls"] for line in timing_lines if line["phase"] == "load")
    result["macro_calls"] = macro_calls
    result["extra_phases"] = {k: v for k, v in by_phase.items() if k not in ("load", "macros")}
    return result


def median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else 0.0


def summary(runs: list[dict]) -> dict:
    """Median of each number over several builds."""
    phases = {k: median(r["phases"][k] for r in runs) for k in runs[0]["phases"]}
    return {
        "runs": len(runs),
        "seconds": median(r["seconds"] for r in runs),
        "seconds_all": [round(r["seconds"], 3) for r in runs],
        "process_seconds": median(r["process_seconds"] for r in runs),
        "cpu_seconds": median(r["cpu_seconds"] for r in runs),
        "peak_rss_mb": median(r["maxrss_kb"] for r in runs) / 1024,
        "peak_rss_children_mb": median(r["children_maxrss_kb"] for r in runs) / 1024,
        "phases": phases,
        "macro_calls": {name: {"seconds": median(r["macro_calls"].get(name, {}).get("seconds", 0) for r in runs),
                               "calls": runs[0]["macro_calls"][name]["calls"]}
                        for name in runs[0]["macro_calls"]},
        "load_calls": runs[0].get("load_calls", 0),
        "pdf_log": runs[0]["pdf_log"],
        "pdf_seconds": median(sum(x["seconds"] for x in r["pdf_log"]) for r in runs),
        "pdf_count": sum(x["count"] for x in runs[0]["pdf_log"]),
        "pdf_made": runs[-1].get("pdf_made", {}),  # rendered, not from the cache (the last run's)
    }


def page_count(project: Path) -> dict[str, int]:
    docs = Path(project) / "docs"
    return {lang.name: sum(1 for _ in lang.rglob("*.md")) for lang in sorted(docs.iterdir())
            if lang.is_dir() and lang.name != "assets"}
