"""The figure link: its markup is written here and read back through here.

The contract (render.fig_link writes it; change the readers with it):

    <a class="fig" href="…#<source>-<paragraph>--<figure>" data-fig="<figure id>"
       data-source="<source id>" data-paragraph="<paragraph number>"
       data-print-url="<published address of the paragraph>">value</a>

`class` is "fig fig--text" for a figure with no number (rank, claim); `data-print-url` is absent
when the build has no site_url. Readers:
- docs/assets/preview.js: the selector `a.fig[data-fig]` (SELECTOR), then href and data-fig;
- docs/assets/print.css: `a.fig[data-print-url]::after` prints the address when a page is printed;
- hooks/print_doc.py: `figure_id` on each parsed element (a footnote per figure), `PRINT_URL` dropped;
- macros/glossary.py: `PATTERN` finds the link's text in rendered HTML (no tooltip inside it);
- macros/html_policy.py: `ATTRIBUTES` are allowed on <a> in a page.
"""
from __future__ import annotations

import re
from collections.abc import Callable

CLASS = "fig"
TEXT_CLASS = "fig--text"  # a figure without a number: its value is words
SELECTOR = "a.fig[data-fig]"
FIG = "data-fig"
PRINT_URL = "data-print-url"
ATTRIBUTES = frozenset({"href", FIG, "data-source", "data-paragraph", PRINT_URL})  # macros/html_policy.py allows them
PATTERN = re.compile(r'(<a class="fig[ "][^>]*>)(.*?)(</a>)', re.S)  # (opening tag)(text)(</a>)


def link(esc: Callable[[object], str], *, href: str, fig_id: str, source: str, paragraph_number: int,
         print_url: str | None, text: str, numeric: bool = True) -> str:
    """The link markup; `esc` escapes every value (render.esc), `text` included."""
    cls = CLASS if numeric else f"{CLASS} {TEXT_CLASS}"
    printed = f' {PRINT_URL}="{esc(print_url)}"' if print_url else ""
    return (f'<a class="{cls}" href="{esc(href)}" {FIG}="{esc(fig_id)}" data-source="{esc(source)}"'
            f' data-paragraph="{paragraph_number}"{printed}>{esc(text)}</a>')


def figure_id(el) -> str | None:
    """The figure an element links to, if it is a figure link (an ElementTree element of a built page)."""
    if el.tag != "a" or CLASS not in (el.get("class") or "").split():
        return None
    return el.get(FIG) or None
