"""One print document -> one PDF file, written atomically; runs inside a worker process.

WeasyPrint reads only files of the site being built (`SiteOnly`): no other local path, no
network, no attachments. Every font must be embedded and of the family the print stylesheet asks
for (a missing font would otherwise be replaced silently). A PDF is published 0644 like every
other file of the site.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .pdf_job import FONT_FAMILY, Job, PdfError  # noqa: F401  (the names callers and tests use)

PUBLISHED_MODE = 0o644  # what mkdocs gives every other file of the site
# Tagged PDF/UA-1: structure tree, /Lang, /MarkInfo, DisplayDocTitle; WeasyPrint logs an error
# (a warning of the build, which --strict stops) for an image without a text alternative.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def identifier(job: Job) -> bytes:
    """The PDF's /ID, from what it shows: the same document gives the same bytes on every build."""
    return hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode()


class SiteOnly(URLFetcher):
    """WeasyPrint's URL fetcher, restricted to files under the built site (and inline `data:`).
    Anything else (another local path, a symlink out of the site, http(s), any other scheme)
    stops the PDF, naming the page and the address, instead of leaving a hole or a leak in it."""

    def __init__(self, site_dir: str | Path, page: str):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.site = Path(site_dir).resolve()
        self.page = page

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()  # symlinks resolved: no way out of the site
            if path.is_relative_to(self.site) and path.is_file():
                return super().fetch(url, headers)
            why = "a file outside the built site" if not path.is_relative_to(self.site) else "a file the site does not have"
        else:
            why = f"a '{scheme or 'relative'}' address (PDFs read only the built site)"
        raise FatalURLFetchingError(f"{self.page}: the print document asks for {url}, {why} — "
                                    "link images and styles of the site itself (docs/images/, overrides/assets/)")


def site_dir_of(job: Job) -> Path:
    """The built site a job may read: its base URL's directory."""
    return Path(unquote(urlsplit(job.base_url).path))


class _Refused(HTMLParser):
    """What a print document may not carry, found in one pass: `rel="attachment"` (on <a> or <link>), which
    makes WeasyPrint embed the target in the PDF; an <svg> whose first element is not its <title>, as
    WeasyPrint takes a drawing's text alternative (the tagged PDF's /Alt) only from that <title>. (An
    <img> without alt WeasyPrint reports itself.)"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attachments: list[str] = []
        self.open_svg = False
        self.untitled = 0

    def handle_starttag(self, tag, attrs):
        rel = dict(attrs).get("rel") or ""
        if "attachment" in rel.lower().split():
            self.attachments.append(f"<{tag} href=\"{dict(attrs).get('href', '')}\">")
        if self.open_svg:
            self.untitled += tag != "title"
            self.open_svg = False
        if tag == "svg":
            self.open_svg = True

    def handle_endtag(self, tag):
        if tag == "svg" and self.open_svg:
            self.untitled += 1
            self.open_svg = False


def refuse(job: Job) -> None:
    """Stop a print document that asks for an attachment or has a drawing without a text alternative."""
    found = _Refused()
    found.feed(job.html)
    if found.attachments:
        raise PdfError(f"{job.name}: {found.attachments[0]} asks for a file attachment in the PDF, which the dossier "
                       "never publishes — remove rel=\"attachment\" from the link")
    if found.untitled:
        raise PdfError(f"{job.name}: {found.untitled} SVG drawing(s) without a text alternative — give each <svg> "
                       "a <title> first (what the chart shows), which screen readers read in the PDF")


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
    families = [_squashed(f) for f in job.font_family.split("|")]
    wrong = [name for name, embedded in fonts if not embedded or not any(f in _squashed(name) for f in families)]
    if wrong:
        raise PdfError(f"{job.name}: fonts {', '.join(wrong)} are not embedded {' or '.join(job.font_family.split('|'))} "
                       "fonts — install the fonts of .ci/debian-packages.txt (make test installs them)")


def _squashed(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


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
        refuse(job)
        fetcher = SiteOnly(site_dir_of(job), job.name)
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        document.write_pdf(tmp, stylesheets=[CSS(filename=job.stylesheet, url_fetcher=fetcher)], **PDF_OPTIONS,
                           pdf_identifier=identifier(job))
        _check_fonts(job, tmp)
        os.chmod(tmp, PUBLISHED_MODE)  # mkstemp made it 0600: a web server running as another user could not read it
        os.replace(tmp, out)
    except PdfError:
        _discard(tmp, out)
        raise
    except FatalURLFetchingError as exc:  # SiteOnly's refusal already names the page and the address
        _discard(tmp, out)
        raise PdfError(str(exc)) from None
    except Exception as exc:  # WeasyPrint, Pango, files: name the page and the cause
        _discard(tmp, out)
        raise PdfError(f"{job.name}: the PDF could not be produced: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(collect)
    return collect.messages


def _discard(*paths) -> None:
    for p in paths:
        Path(p).unlink(missing_ok=True)
