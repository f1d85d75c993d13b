"""Section 4: seconds per PDF brief and for all PDFs, reusing bench/pdf_bench.py's job list.

Runs in its own process (it imports the project's hooks):  python -m bench.pdfs SITE_DIR RUNS
Prints one JSON line: all PDFs as the build makes them (two workers), and each PDF alone.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(site: Path, runs: int, hook_log: dict | None = None) -> dict:
    """Time the PDFs of an already built site; fall back to the build's own log lines."""
    proc = subprocess.run([sys.executable, "-m", "bench.pdfs", str(site), str(runs)], cwd=ROOT,
                          capture_output=True, text=True)
    try:
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        out = {"error": f"bench.pdfs failed (exit {proc.returncode}): {proc.stderr[-1500:]}"}
    if hook_log:
        out["during_build"] = hook_log
    return out


def measure(site: Path, runs: int) -> dict:
    from bench import pdf_bench
    from macros import briefs as step
    from macros import links, pdf_render

    cfg = pdf_bench.configs(site)
    jobs = pdf_bench.all_jobs(site, cfg)
    parallel = [pdf_bench.timed(lambda: step.run(jobs, workers=step.WORKERS, use_cache=False)) for _ in range(runs)]
    alone = {}
    for job in jobs:
        alone[job.out] = statistics.median(pdf_bench.timed(lambda j=job: pdf_render.render(j)) for _ in range(runs))
    dossier = {k: v for k, v in alone.items() if Path(k).stem == links.DOSSIER_PDF}
    briefs = {k: v for k, v in alone.items() if k not in dossier}
    total = statistics.median(parallel)
    return {
        "pdfs": len(jobs), "briefs": len(briefs), "workers": step.WORKERS, "runs": runs,
        "all_pdfs_seconds": total, "seconds_per_pdf": total / len(jobs),
        "brief_alone_mean_seconds": statistics.mean(briefs.values()) if briefs else None,
        "brief_alone_max_seconds": max(briefs.values()) if briefs else None,
        "full_dossier_alone_seconds": {Path(k).relative_to(site).as_posix(): v for k, v in dossier.items()},
        "total_bytes": sum(Path(j.out).stat().st_size for j in jobs),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]))))
