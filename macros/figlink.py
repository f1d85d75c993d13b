"""The figure link: its markup is written here and read back through here.

The contract (render.fig_link writes it; change the readers with it):

    <a class="fig" href="…#<source>-<paragraph>--<figure>" data-fig="<figure id>"
       data-source="<source id>" data-paragraph="<paragraph number>"
       data-print-url="<published address of the paragraph>"
       data-verdicts="<verdict>,<verdict>">value</a>

`class` is "fig fig--text" for a figure with no number (rank, claim); `data-print-url` is absent
when the build has no site_url; `data-verdicts` (the figure's observations' verdicts, in data
order, comma-separated: macros.model.VERDICTS) is absent when the figure has no observation. Readers:
- docs/assets/preview.js: the selector `a.fig[data-fig]` (SELECTOR), then href, data-fig and data-verdicts;
- docs/assets/print.css: `a.fig[data-print-url]::after` prints the address when a page is printed;
- hooks/print_doc.py: `figure_id` on each parsed element (a footnote per figure), `PRINT_URL` dropped;
- macros/glossary.py: `PATTERN` finds the link's text in rendered HTML (no tooltip inside it);
- macros/html_policy.py: `ATTRIBUTES` are allowed on <a> in a page.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

CLASS = "fig"
TEXT_CLASS = "fig--text"  # a figure without a number: its value is words
SELECTOR = "a.fig[data-fig]"
FIG = "data-fig"
PRINT_URL = "data-print-url"
VERDICTS = "data-verdicts"
ATTRIBUTES = frozenset({"href", FIG, "data-source", "data-paragraph", PRINT_URL, VERDICTS})  # macros/html_policy.py allows them
PATTERN = re.compile(r'(<a class="fig[ "][^>]*>)(.*?)(</a>)', re.S)  # (opening tag)(text)(</a>)


def link(esc: Callable[[object], str], *, href: str, fig_id: str, source: str, paragraph_number: int,
         print_url: str | None, text: str, numeric: bool = True, verdicts: Sequence[str] = ()) -> str:
    """The link markup; `esc` escapes every value (render.esc), `text` included. `verdicts`: those
    of the figure's observations (verdicts_of), shown by the preview card."""
    cls = CLASS if numeric else f"{CLASS} {TEXT_CLASS}"
    printed = f' {PRINT_URL}="{esc(print_url)}"' if print_url else ""
    judged = f' {VERDICTS}="{esc(",".join(verdicts))}"' if verdicts else ""
    return (f'<a class="{cls}" href="{esc(href)}" {FIG}="{esc(fig_id)}" data-source="{esc(source)}"'
            f' data-paragraph="{paragraph_number}"{printed}{judged}>{esc(text)}</a>')


def verdicts_of(observations) -> tuple[str, ...]:
    """The verdict kinds of a figure's observations, in data order (Dossier.observations_of[id])."""
    return tuple(o.verdict.kind for o in observations)


def verdicts(el) -> tuple[str, ...]:
    """The verdicts a figure link carries (an ElementTree element of a built page)."""
    return tuple(v for v in (el.get(VERDICTS) or "").split(",") if v)


def figure_id(el) -> str | None:
    """The figure an element links to, if it is a figure link (an ElementTree element of a built page)."""
    if el.tag != "a" or CLASS not in (el.get("class") or "").split():
        return None
    return el.get(FIG) or None
