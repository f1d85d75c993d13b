"""mkdocs' side of the PDF step (macros/briefs.py): which page was written where, the download link of each
page, and the briefs of an edition once its pages are written.

mkdocs-static-i18n builds the next edition inside this one's on_post_build, so on_post_build runs once per
edition, right after its pages are written; the adapter (macros/site.py) says which.
"""
from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the macros package lives beside them
    sys.path.insert(0, str(ROOT))

from macros import briefs, pdf_cache, site  # noqa: E402

_built: dict[str, str] = {}  # {docs page: its built HTML file} of the edition being built


def on_pre_build(config):
    _built.clear()


def on_env(env, config, files):
    if site.broken():  # `mkdocs serve` with broken data: only the problem page (hooks/site.py)
        return env
    dossier = site.dossier()
    names = briefs.pdf_names(dossier)  # a dict, not a scan of every partner and resource per page
    env.globals["pdf_download"] = lambda page: briefs.download_link(dossier, names, page)
    return env


def on_post_page(output, page, config):
    _built[site.page_path(page)] = page.file.abs_dest_path
    return output


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the next edition's build
def on_post_build(config):
    if site.broken():
        return
    lang = site.building_language(config)
    try:
        if not briefs.pdfs_wanted(site.command(), os.environ.get("DOSSIER_PDF")):
            briefs.log.info("PDF briefs are not made in this build (DOSSIER_PDF=1 makes them, also under `mkdocs serve`)")
            return
        started = datetime.datetime.now()
        jobs, made = briefs.build_pdfs(config, lang, dict(_built))
    except briefs.BriefsError as exc:
        raise PluginError(str(exc)) from None
    seconds = (datetime.datetime.now() - started).total_seconds()
    briefs.log.info(f"PDF briefs: {len(jobs)} PDFs for '{lang}' in {seconds:.1f} s "
                    f"({len(made)} made, {len(jobs) - len(made)} from the cache {pdf_cache.cache_dir()})")
