"""`make bench`: measure the dossier and write bench/out/report.md and bench/out/report.json.

Settings (environment variables):
  BENCH_RUNS=3            builds per measurement (the median is reported)
  BENCH_SIZES=1,10,100    synthetic dossier sizes, in multiples of today's
  BENCH_PDF_UP_TO=10      largest synthetic size built with PDFs (larger ones skip them)
  BENCH_RUNS_LARGE=1      builds per measurement for synthetic sizes of 100× and more
  BENCH_NAVS=full,indexes synthetic nav styles (see bench/synth.py)
  BENCH_OBSERVATIONS=10   observations of other sources per figure in one more growth series (0: none)
  BENCH_EDIT_ROUNDS=5     edits timed under `mkdocs serve`
  BENCH_ONLY=full,check,pdfcache,datalayer,growth,editloop,reader,lighthouse   a subset of the sections
  BENCH_OUT=bench/out     where the report goes
  BENCH_WORK=/tmp/...     scratch directory (default: a new temporary directory, removed after)
"""
from __future__ import annotations

import datetime
import json
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from . import (
    check_bench,
    datalayer,
    editloop,
    fullbuild,
    growth,
    lighthouse,
    machine,
    measure,
    pdf_cache_bench,
    pdfs,
    reader,
    report,
)

HERE = Path(__file__).resolve().parent
SECTIONS = ["full", "check", "pdfcache", "datalayer", "growth", "editloop", "reader", "lighthouse"]
NOTES = HERE / "NOTES.md"  # hand-written before/after of the optimisations, appended to the report


def settings() -> dict:
    return {
        "runs": int(os.environ.get("BENCH_RUNS", "3")),
        "sizes": [int(x) for x in os.environ.get("BENCH_SIZES", "1,10,100").split(",") if x.strip()],
        "pdf_up_to": int(os.environ.get("BENCH_PDF_UP_TO", "10")),
        "runs_large": int(os.environ.get("BENCH_RUNS_LARGE", "1")),
        "navs": [x.strip() for x in os.environ.get("BENCH_NAVS", "full,indexes").split(",") if x.strip()],
        "observations": int(os.environ.get("BENCH_OBSERVATIONS", "10")),
        "edit_rounds": int(os.environ.get("BENCH_EDIT_ROUNDS", "5")),
        "only": [x.strip() for x in os.environ.get("BENCH_ONLY", ",".join(SECTIONS)).split(",") if x.strip()],
        "out": os.environ.get("BENCH_OUT", str(HERE / "out")),
    }


def main() -> int:
    st = settings()
    unknown = set(st["only"]) - set(SECTIONS)
    if unknown:
        print(f"BENCH_ONLY: unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        return 2
    work = Path(os.environ.get("BENCH_WORK") or tempfile.mkdtemp(prefix="dossier-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    info = machine.describe()
    started = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    sections: dict = {}

    def section(key: str, name: str, fn):
        print(f"[bench] {name} ...", flush=True)
        try:
            sections[key] = fn()
        except Exception as exc:  # report the failure and carry on with the other sections
            traceback.print_exc()
            sections[key] = {"error": f"{type(exc).__name__}: {exc}"[:3000]}

    runs = st["runs"]
    if "full" in st["only"]:
        section("full_build", "full build of the real dossier", lambda: fullbuild.run(work, runs))
        full = sections["full_build"]
        if full.get("pdf_files"):
            log = {"pdfs": full["pdf_count"], "seconds": full["pdf_seconds"], "per_edition": full["pdf_log"]}
            section("pdfs", "PDFs one by one and all together", lambda: pdfs.run(work / "real-site", runs, log))
    if "check" in st["only"]:
        section("check", "make check in a fresh process", lambda: check_bench.run(work, runs))
    if "pdfcache" in st["only"]:
        section("pdf_cache", "incremental PDFs: nothing changed, one figure edited",
                lambda: pdf_cache_bench.run(work, runs))
    if "datalayer" in st["only"]:
        section("data_layer", "data layer: macros vs plain markdown", lambda: datalayer.run(work, runs))
    if "growth" in st["only"]:
        section("growth", f"growth at {st['sizes']}×",
                lambda: growth.run(work, st["sizes"], runs, pdf_from=st["pdf_up_to"] + 1, navs=st["navs"],
                                   runs_large=st["runs_large"], observations=st["observations"]))
    if "editloop" in st["only"]:
        section("edit_loop", "edit loop under mkdocs serve", lambda: editloop.run(work, st["edit_rounds"]))
    if {"reader", "lighthouse"} & set(st["only"]):
        site = work / "real-site"
        if not site.exists():
            measure.build(measure.copy_project(work / "real"), site)
        paths = reader.pages(work / "real")
        if "reader" in st["only"]:
            from .static_server import serving

            def downloads():
                with serving(site) as base:
                    return reader.record(base, paths)
            section("reader", "what a reader downloads", downloads)
        if "lighthouse" in st["only"]:
            section("lighthouse", "Lighthouse", lambda: lighthouse.run(site, paths))

    st["loadavg_at_end"] = machine.loadavg()
    st["work_dir"] = str(work)
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    raw = {"generated": started.isoformat(), "machine": info, "settings": st, "sections": sections}
    (work / "results.json").write_text(json.dumps(raw, default=str, ensure_ascii=False), encoding="utf-8")
    report.write(Path(st["out"]), started.isoformat(), info, st, sections, notes)
    print(f"[bench] report: {st['out']}/report.md and report.json")
    if not os.environ.get("BENCH_WORK"):
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
