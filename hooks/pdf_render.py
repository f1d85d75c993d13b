"""One print document -> one PDF file, written atomically; runs inside a worker process.

Nothing is fetched from the network; every font must be embedded and of the family the print
stylesheet asks for (a missing font would otherwise be replaced silently).
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

FONT_FAMILY = "DejaVu"  # what docs/assets/print.css asks for: Cyrillic, Latin, symbols


class PdfError(Exception):
    """A PDF that could not be produced; the message names the page."""


@dataclass(frozen=True)
class Job:
    name: str  # shown in messages: the page (or pages) the PDF is made from
    html: str  # the print document
    base_url: str  # where relative URLs of the document resolve (the built site, file://)
    stylesheet: str  # path of the print stylesheet
    out: str  # the published address of the PDF, on disk
    font_family: str = FONT_FAMILY


def local_only() -> URLFetcher:
    """WeasyPrint's URL fetcher, restricted to files of the build (and inline data); a resource
    that cannot be fetched stops the PDF instead of leaving a hole in it."""
    return URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def fonts_of(path: str) -> list[tuple[str, bool]]:
    """(base font name, embedded?) for every font the PDF's pages use."""
    found = {}
    for page in pypdf.PdfReader(path).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = (desc_font.get("/FontDescriptor") or {})
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return sorted(found.items())


def _check_fonts(job: Job, path: str) -> None:
    fonts = fonts_of(path)
    if not fonts:
        raise PdfError(f"{job.name}: the PDF has no text fonts")
    wrong = [name for name, embedded in fonts if not embedded or job.font_family.lower() not in name.lower()]
    if wrong:
        raise PdfError(f"{job.name}: fonts {', '.join(wrong)} are not embedded {job.font_family} fonts — install "
                       f"the {job.font_family} fonts (Debian: fonts-dejavu-core fonts-dejavu-extra)")


def render(job: Job) -> list[str]:
    """Write job.out; return WeasyPrint's warnings. On any failure no file is left at job.out."""
    out = Path(job.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.part", dir=out.parent)
    os.close(fd)
    try:
        fetcher = local_only()
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document.write_pdf(tmp, stylesheets=[CSS(filename=job.stylesheet, url_fetcher=fetcher)])
        _check_fonts(job, tmp)
        os.replace(tmp, out)
    except PdfError:
        _discard(tmp, out)
        raise
    except (Exception, FatalURLFetchingError) as exc:  # WeasyPrint, Pango, files: name the page and the cause
        _discard(tmp, out)
        raise PdfError(f"{job.name}: the PDF could not be produced: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(collect)
    return collect.messages


def _discard(*paths) -> None:
    for p in paths:
        Path(p).unlink(missing_ok=True)
