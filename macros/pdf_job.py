"""What one PDF is made from, and its error: light enough to import in a build whose PDFs all come
from the cache (macros/pdf_render.py, which renders them, loads WeasyPrint: ~0.4 s)."""
from __future__ import annotations

from dataclasses import dataclass

# What overrides/assets/print.css asks for: DejaVu (Cyrillic, Latin, symbols), then Droid Sans Fallback
# for Chinese, Japanese and Korean (titles of referenced sources).
FONT_FAMILY = "DejaVu|Droid Sans Fallback"


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
