"""Build step: PDF briefs of every partner and resource page, and the full dossier, per language.

mkdocs-static-i18n builds the second language inside the first one's on_post_build, so this
hook's on_post_build runs once per language, right after that language's pages are written; the
adapter (macros/site.py) says which. Each PDF is made from the built page (its
article), turned into a print document (hooks/print_doc.py) and rendered by WeasyPrint with the
site's print stylesheet (hooks/pdf_render.py), two at a time.
"""
from __future__ import annotations

import concurrent.futures
import datetime
import logging
import multiprocessing
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the helpers and macros live beside them
    sys.path.insert(0, str(ROOT))

from hooks import content_date, kept_dossier, pdf_cache, pdf_job, verdicts  # noqa: E402  (print_doc: when a print document is composed; pdf_render, which loads WeasyPrint: when a PDF is rendered)
from macros import fmt, links, site  # noqa: E402
from macros.model import Dossier  # noqa: E402

if TYPE_CHECKING:  # for the annotations only
    from hooks import print_doc

log = logging.getLogger("mkdocs.hooks.pdf")
STYLESHEET = "assets/print.css"  # overrides/assets/print.css, published at the site root
WORKERS = 2

_built: dict[str, str] = {}  # {docs page: its built HTML file} of the edition being built


def pdfs_wanted(command: str | None, setting: str | None) -> bool:
    """DOSSIER_PDF=0 skips the PDFs in any build, =1 makes them under `mkdocs serve` too;
    unset: `mkdocs build` makes them, `mkdocs serve` does not (quick rebuilds)."""
    if setting not in (None, "", "0", "1"):
        raise PluginError(f"DOSSIER_PDF={setting!r}: use 0 (no PDFs) or 1 (PDFs, even under mkdocs serve)")
    if setting:
        return setting == "1"
    return command != "serve"


def pdf_names(dossier: Dossier) -> dict[str, str]:
    """{docs page: the PDF published for it}: the dossier on home, a brief per partner and resource page."""
    names = {links.HOME_PAGE: links.DOSSIER_PDF}
    for kind in ("partner", "resource"):
        names.update({links.entity_page(kind, e.id): e.id for e in dossier.entities(kind)})
    return names


def download_link(dossier: Dossier, names: dict[str, str], page) -> dict | None:
    """For overrides/partials/pdf-link.html: the PDF of this page (site-root path) and its label."""
    if page is None or getattr(page, "file", None) is None:
        return None
    lang, name = site.page_lang(page), names.get(site.page_path(page))
    if name is None:
        return None
    key = "pdf.download_dossier" if name == links.DOSSIER_PDF else "pdf.download_brief"
    return {"path": links.pdf_path(lang, name), "label": dossier.strings[key](lang), "lang": lang}


def project_root(config) -> Path:
    path = getattr(config, "config_file_path", None)  # mkdocs.yml; the benchmarks build copies of the project
    return Path(path).parent if path else ROOT


def edition(config, dossier: Dossier, lang: str) -> print_doc.Edition:
    """The edition's date is its content's (hooks/content_date.py), never the build day's."""
    from hooks import print_doc

    try:
        when = content_date.content_date(project_root(config))
    except content_date.ContentDateError as exc:
        raise PluginError(str(exc)) from None
    return print_doc.Edition(dossier=dossier, lang=lang, site_url=config.site_url, site_name=config.site_name,
                             author=config.site_author or config.site_name,
                             date=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                             date_shown=fmt.iso_date(when.date().isoformat(), dossier.languages[lang]))


def jobs_for(ed: print_doc.Edition, site_dir: Path, built: dict[str, Path], memo: tuple = ()) -> list[pdf_job.Job]:
    """Every PDF of one edition: the full dossier first (the longest), then one brief per page.
    With `memo` (what else the documents are made from: the code, data/), a print document whose
    built pages and edition are unchanged since an earlier build is taken from the PDF cache folder
    instead of being composed again (hooks/pdf_cache.py, `document`)."""
    from hooks import print_doc

    def chapter(page: str) -> print_doc.Chapter:
        if page not in built:
            raise print_doc.PrintDocError(f"{page}: the page was not built in the '{ed.lang}' edition")
        return print_doc.Chapter(page, Path(built[page]))

    def job(name: str, shown: str, pages: list[str], compose) -> pdf_job.Job:
        chapters = [chapter(p) for p in pages]
        key = pdf_cache.document_key(memo, _edition_fields(ed), str(site_dir.resolve()), name,
                                     [(c.page, c.built) for c in chapters]) if memo else None
        html = pdf_cache.document(key) if key else None
        if html is None:
            html = compose(chapters)
            if key:
                pdf_cache.keep_document(key, html)
        return pdf_job.Job(name=shown, html=html, base_url=site_dir.resolve().as_uri() + "/",
                           stylesheet=str(site_dir / STYLESHEET), out=str(site_dir / links.pdf_path(ed.lang, name)))

    d = ed.dossier
    pages = print_doc.dossier_pages(d)
    jobs = [job(links.DOSSIER_PDF, f"{ed.lang}: full dossier ({', '.join(pages)})", pages,
                lambda chapters: print_doc.full_dossier(ed, chapters))]
    for page, name in pdf_names(d).items():
        if name != links.DOSSIER_PDF:
            jobs.append(job(name, f"{ed.lang}/{page}", [page], lambda chapters: print_doc.brief(ed, chapters[0])))
    return jobs


def _edition_fields(ed) -> tuple:
    return (ed.lang, ed.site_url, ed.site_name, ed.author, ed.date, ed.date_shown)


def run(jobs: list[pdf_job.Job], workers: int = WORKERS, use_cache: bool = True) -> list[pdf_job.Job]:
    """Publish every job: from the cache when its inputs are unchanged (hooks/pdf_cache.py), else
    rendered and then cached. Report WeasyPrint's warnings per page (a PDF that gave any is not
    cached, so the next build warns again); raise one error naming every failure. Returns the jobs
    that were rendered."""
    keys = {job.out: pdf_cache.key(job.html, job.stylesheet, job.font_family) for job in jobs}
    if use_cache:
        jobs = [job for job in jobs if not pdf_cache.fetch(keys[job.out], job.out)]
    if not jobs:
        return []
    from hooks import pdf_render

    failures, results = [], []
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            results.append(_attempt(pdf_render.render, job))
    else:
        context = multiprocessing.get_context("fork")  # the workers inherit the loaded WeasyPrint
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(pdf_render.render, job) for job in jobs]
            results = [_attempt(f.result) for f in futures]
    for job, (warnings, error) in zip(jobs, results):
        for message in warnings:
            log.warning(f"PDF {job.name}: {message}")
        if error:
            failures.append(error)
        elif use_cache and not warnings:
            pdf_cache.store(keys[job.out], job.out)
    if failures:
        raise PluginError("PDF briefs failed:\n  " + "\n  ".join(failures))
    return jobs


def _attempt(fn, *args) -> tuple[list[str], str | None]:
    try:
        return fn(*args), None
    except pdf_job.PdfError as exc:
        return [], str(exc)


def build_pdfs(config, lang: str, built: dict[str, Path], workers: int = WORKERS) -> tuple[list, list]:
    """(every job of the edition, the jobs rendered, not taken from the cache)."""
    from hooks import print_doc

    dossier = site.dossier_for(config)  # the build's (also when called outside a build, as the tests do)
    site_dir = Path(config.site_dir)
    data = kept_dossier.key(site.data_dir(config))  # None for data/ with a symlink: nothing is remembered
    memo = (verdicts.code_digest(), data, pdf_cache.version("tinyhtml5")) if data else ()
    try:
        jobs = jobs_for(edition(config, dossier, lang), site_dir, built, memo)
    except print_doc.PrintDocError as exc:
        raise PluginError(f"PDF briefs failed: {exc}") from None
    return jobs, run(jobs, workers)


# --- mkdocs events -----------------------------------------------------------------------------

def on_pre_build(config):
    _built.clear()


def on_env(env, config, files):
    if site.broken():  # `mkdocs serve` with broken data: only the problem page (hooks/site.py)
        return env
    dossier = site.dossier()
    names = pdf_names(dossier)  # a dict, not a scan of every partner and resource per page
    env.globals["pdf_download"] = lambda page: download_link(dossier, names, page)
    return env


def on_post_page(output, page, config):
    _built[site.page_path(page)] = page.file.abs_dest_path
    return output


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the next edition's build
def on_post_build(config):
    if site.broken():
        return
    lang = site.building_language(config)
    if not pdfs_wanted(site.command(), os.environ.get("DOSSIER_PDF")):
        log.info("PDF briefs are not made in this build (DOSSIER_PDF=1 makes them, also under `mkdocs serve`)")
        return
    started = datetime.datetime.now()
    jobs, made = build_pdfs(config, lang, dict(_built))
    seconds = (datetime.datetime.now() - started).total_seconds()
    log.info(f"PDF briefs: {len(jobs)} PDFs for '{lang}' in {seconds:.1f} s "
             f"({len(made)} made, {len(jobs) - len(made)} from the cache {pdf_cache.cache_dir()})")
