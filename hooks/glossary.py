"""Glossary tooltips belong to prose: remove those the markdown put inside figure links and headings.

The tooltips themselves are added by macros.on_post_page_macros (markdown `abbr` definitions in
the page's language); the HTML transform lives in macros/glossary.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros.glossary import without_tooltips_in_figure_links, without_tooltips_in_headings  # noqa: E402


def on_page_content(html, page, config, files):
    return without_tooltips_in_headings(without_tooltips_in_figure_links(html))
