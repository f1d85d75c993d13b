"""How long the PDF briefs take: every brief and the full dossier, both languages, from a built site.

    python -m bench.pdf_bench [--runs 3] [--site DIR]

Without --site the site is built once into bench/out/pdf-site (PDFs included). Each run then
remakes all PDFs the way the build does (hooks/pdf.py: print documents, WeasyPrint, two workers);
one more pass renders them one at a time to show what each PDF costs. Prints a small report and
writes it to bench/out/pdf_bench.json and bench/out/pdf_bench.md. Never asserted in a test.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from macros import briefs, links, pdf_render, print_doc  # noqa: E402
from macros.languages import published  # noqa: E402
from macros.site import dossier_for  # noqa: E402

LANGS = published()


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def configs(site: Path) -> dict[str, types.SimpleNamespace]:
    """What the hook reads from the mkdocs config, per language (mkdocs-static-i18n overrides site_name)."""
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    names = {lang.locale: lang.site_name for lang in cfg.plugins["i18n"].config.languages}
    return {lang: types.SimpleNamespace(site_dir=str(site), site_url=cfg.site_url, site_author=cfg.site_author,
                                        site_name=names.get(lang) or cfg.site_name, extra=dict(cfg.extra))
            for lang in LANGS}


def all_jobs(site: Path, cfg: dict) -> list[pdf_render.Job]:
    jobs = []
    for lang in LANGS:
        dossier = dossier_for(cfg[lang])
        root = site / links.edition_prefix(lang)
        pages = print_doc.dossier_pages(dossier) + [links.HOME_PAGE]
        built = {p: root / links.page_url(p) / "index.html" for p in pages}
        jobs += briefs.jobs_for(briefs.edition(cfg[lang], dossier, lang), site, built)
    return jobs


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an existing built site (default: build one)")
    args = parser.parse_args()
    site = args.site or OUT / "pdf-site"
    if not args.site:
        build_site(site)
    cfg = configs(site)

    prepare = [timed(lambda: all_jobs(site, cfg)) for _ in range(args.runs)]
    jobs = all_jobs(site, cfg)
    parallel = [timed(lambda: briefs.run(jobs, workers=briefs.WORKERS, use_cache=False)) for _ in range(args.runs)]
    each = sorted(((timed(lambda j=j: pdf_render.render(j)), j) for j in jobs), key=lambda x: -x[0])

    report = {
        "pdfs": len(jobs),
        "runs": args.runs,
        "workers": briefs.WORKERS,
        "prepare_print_documents_s": round(statistics.median(prepare), 3),
        "render_all_s_median": round(statistics.median(parallel), 3),
        "render_all_s_runs": [round(t, 3) for t in parallel],
        "render_one_at_a_time_s": round(sum(t for t, _ in each), 3),
        "slowest": [{"pdf": Path(j.out).relative_to(site).as_posix(), "s": round(t, 3),
                     "bytes": Path(j.out).stat().st_size} for t, j in each[:5]],
        "total_bytes": sum(Path(j.out).stat().st_size for j in jobs),
    }
    lines = [
        f"# PDF briefs: {report['pdfs']} PDFs (both languages), median of {args.runs} runs",
        "",
        f"- print documents from the built pages: {report['prepare_print_documents_s']} s",
        f"- all PDFs, {report['workers']} workers: {report['render_all_s_median']} s (runs: {report['render_all_s_runs']})",
        f"- all PDFs, one at a time: {report['render_one_at_a_time_s']} s",
        f"- total size: {report['total_bytes'] / 1024:.0f} KiB",
        "",
        "| slowest PDF | seconds | KiB |",
        "|---|---:|---:|",
        *(f"| {s['pdf']} | {s['s']} | {s['bytes'] / 1024:.0f} |" for s in report["slowest"]),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pdf_bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (OUT / "pdf_bench.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
