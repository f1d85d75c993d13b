"""Glossary tooltips belong to prose: remove those the markdown put inside figure links and headings,
and make the others links to their term on the Glossary page (reachable by keyboard and touch).

The tooltips themselves are added by macros.on_post_page_macros (markdown `abbr` definitions in
the page's language); the HTML transform lives in macros/glossary.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import inline, links, site  # noqa: E402
from macros.glossary import (  # noqa: E402
    linked_terms,
    term_anchor,
    without_tooltips_in_figure_links,
    without_tooltips_in_headings,
)


def on_page_content(html, page, config, files):
    html = without_tooltips_in_headings(without_tooltips_in_figure_links(html))
    if site.broken() or "<abbr" not in html:
        return html
    here, lang = site.page_path(page), site.page_lang(page)
    return linked_terms(html, site.dossier().glossary, lang,
                        lambda term: inline.esc(links.href(here, links.GLOSSARY_PAGE, term_anchor(term))))
