"""Step 3 of the flow: PDF briefs of every partner and resource page, and the full dossier, per edition.

Each PDF is made from the built page (its article), turned into a print document (macros/print_doc.py)
and rendered by WeasyPrint with the site's print stylesheet (macros/pdf_render.py), two at a time; a PDF
whose inputs are unchanged comes from the cache (macros/pdf_cache.py). `config` is read by attribute
(site_dir, site_url, site_name, site_author, config_file_path): hooks/pdf.py is the engine's adapter.
"""
from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
from pathlib import Path
from typing import TYPE_CHECKING

from . import content_date, fmt, kept_dossier, links, pdf_cache, pdf_job, site, verdicts
from .model import Dossier

if TYPE_CHECKING:  # for the annotations only (print_doc: when a print document is composed; pdf_render,
    from . import print_doc  # which loads WeasyPrint: when a PDF is rendered)

log = logging.getLogger("mkdocs.dossier.briefs")
STYLESHEET = "assets/print.css"  # overrides/assets/print.css, published at the site root
WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent


class BriefsError(Exception):
    """The PDFs cannot be made: the message says which and why."""


def pdfs_wanted(command: str | None, setting: str | None) -> bool:
    """DOSSIER_PDF=0 skips the PDFs in any build, =1 makes them under `mkdocs serve` too;
    unset: `mkdocs build` makes them, `mkdocs serve` does not (quick rebuilds)."""
    if setting not in (None, "", "0", "1"):
        raise BriefsError(f"DOSSIER_PDF={setting!r}: use 0 (no PDFs) or 1 (PDFs, even under mkdocs serve)")
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
    """The edition's date is its content's (macros/content_date.py), never the build day's."""
    from . import print_doc

    try:
        when = content_date.content_date(project_root(config))
    except content_date.ContentDateError as exc:
        raise BriefsError(str(exc)) from None
    return print_doc.Edition(dossier=dossier, lang=lang, site_url=config.site_url, site_name=config.site_name,
                             author=config.site_author or config.site_name,
                             date=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                             date_shown=fmt.iso_date(when.date().isoformat(), dossier.languages[lang]))


def jobs_for(ed: print_doc.Edition, site_dir: Path, built: dict[str, Path], memo: tuple = ()) -> list[pdf_job.Job]:
    """Every PDF of one edition: the full dossier first (the longest), then one brief per page.
    With `memo` (what else the documents are made from: the code, data/), a print document whose
    built pages and edition are unchanged since an earlier build is taken from the PDF cache folder
    instead of being composed again (macros/pdf_cache.py, `document`)."""
    from . import print_doc

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
    """Publish every job: from the cache when its inputs are unchanged (macros/pdf_cache.py), else
    rendered and then cached. Report WeasyPrint's warnings per page (a PDF that gave any is not
    cached, so the next build warns again); raise one error naming every failure. Returns the jobs
    that were rendered."""
    keys = {job.out: pdf_cache.key(job.html, job.stylesheet, job.font_family) for job in jobs}
    if use_cache:
        jobs = [job for job in jobs if not pdf_cache.fetch(keys[job.out], job.out)]
    if not jobs:
        return []
    from . import pdf_render

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
        raise BriefsError("PDF briefs failed:\n  " + "\n  ".join(failures))
    return jobs


def _attempt(fn, *args) -> tuple[list[str], str | None]:
    try:
        return fn(*args), None
    except pdf_job.PdfError as exc:
        return [], str(exc)


def build_pdfs(config, lang: str, built: dict[str, Path], workers: int = WORKERS) -> tuple[list, list]:
    """(every job of the edition, the jobs rendered, not taken from the cache)."""
    from . import print_doc

    dossier = site.dossier_for(config)  # the build's (also when called outside a build, as the tests do)
    site_dir = Path(config.site_dir)
    data = kept_dossier.key(site.data_dir(config))  # None for data/ with a symlink: nothing is remembered
    memo = (verdicts.code_digest(), data, pdf_cache.version("tinyhtml5")) if data else ()
    try:
        jobs = jobs_for(edition(config, dossier, lang), site_dir, built, memo)
    except print_doc.PrintDocError as exc:
        raise BriefsError(f"PDF briefs failed: {exc}") from None
    return jobs, run(jobs, workers)
