"""The figure link: its markup is written here and read back through here.

The contract (inline.fig_link writes it; change the readers with it):

    <a class="dossier-fig" href="…#<source>-<paragraph>--<figure>" data-fig="<figure id>"
       data-source="<source id>" data-paragraph="<paragraph number>"
       data-print-url="<published address of the paragraph>"
       data-verdicts="<verdict>,<verdict>" data-verdict-sources="<who>|<who>">value</a>

`class` is "dossier-fig dossier-fig--text" for a figure with no number (rank, claim); `data-source` names a
reference, and `data-paragraph` is absent, for a quote of a referenced source (its href leads to its block on the
references page, which leads on to the publisher); `data-print-url` is absent when the build has no site_url; `data-verdicts` (the figure's observations' verdicts, in data
order, comma-separated: macros.model.VERDICTS) is absent when the figure has no observation; `data-verdict-sources`
names who states each of them, in the same order, separated by " | ". Readers:
- overrides/assets/preview.js: the selector `a.fig[data-fig]` (SELECTOR), then href, data-fig and data-verdicts;
- hooks/print_addresses.py (`numbered_addresses`): letters the page's distinct print addresses, writes
  the letter on each link (`data-print-note`) and the list of addresses at the end of the article;
- overrides/assets/print.css: `a.dossier-fig[data-print-note]::after` prints that letter when a page is
  printed, and the list (`.dossier-print-addresses`, hidden on screen) each address once;
- macros/print_doc.py: `figure_id` on each parsed element (a footnote per figure), `PRINT_URL` and
  `PRINT_NOTE` dropped, the list of addresses left out;
- macros/glossary.py: `PATTERN` finds the link's text in rendered HTML (no tooltip inside it);
- macros/html_policy.py: `ATTRIBUTES` are allowed on <a> in a page.

Below it, the other markers of where a number on a page comes from, and the check of a built page
that reads them (typed_digits; hooks/html_policy.py runs it on every page's content).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

CLASS = "dossier-fig"
TEXT_CLASS = "dossier-fig--text"  # a figure without a number: its value is words
SELECTOR = f"a.{CLASS}[data-fig]"
FIG = "data-fig"
PRINT_URL = "data-print-url"
PRINT_NOTE = "data-print-note"  # browser print: the letter of the link's address in the page's list (numbered_addresses)
PRINT_ADDRESSES = "dossier-print-addresses"  # that list, at the end of the article: printed, hidden on screen
VERDICTS = "data-verdicts"
VERDICT_SOURCES = "data-verdict-sources"
ATTRIBUTES = frozenset({"href", FIG, "data-source", "data-paragraph", PRINT_URL, VERDICTS, VERDICT_SOURCES})  # html_policy allows them
# (opening tag)(text)(</a>); the text stops at the next <a or </a>, so an unclosed link costs no rescan of the page
PATTERN = re.compile(r'(<a class="dossier-fig[ "][^<>]*>)((?:[^<]|<(?!/?a\b))*?)(</a>)')


def link(esc: Callable[[object], str], *, href: str, fig_id: str, source: str, paragraph_number: int | None,
         print_url: str | None, text: str, numeric: bool = True, verdicts: Sequence[str] = (),
         verdict_sources: Sequence[str] = ()) -> str:
    """The link markup; `esc` escapes every value (inline.esc), `text` included. `verdicts`: those
    of the figure's observations (verdicts_of), and who states each (`verdict_sources`), shown by the preview card."""
    cls = CLASS if numeric else f"{CLASS} {TEXT_CLASS}"
    printed = f' {PRINT_URL}="{esc(print_url)}"' if print_url else ""
    judged = f' {VERDICTS}="{esc(",".join(verdicts))}"' if verdicts else ""
    if verdicts and verdict_sources:
        judged += f' {VERDICT_SOURCES}="{esc(" | ".join(s.replace("|", "/") for s in verdict_sources))}"'
    paragraph = f' data-paragraph="{paragraph_number}"' if paragraph_number is not None else ""
    return (f'<a class="{cls}" href="{esc(href)}" {FIG}="{esc(fig_id)}" data-source="{esc(source)}"'
            f'{paragraph}{printed}{judged}>{esc(text)}</a>')


_OPENING = re.compile(r'<a class="dossier-fig[ "][^<>]*>')
_PRINTED = re.compile(rf' {PRINT_URL}="([^"]*)"')


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: CSS's lower-alpha counter style, which numbers the printed list."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def numbered_addresses(html: str, title: str) -> str:
    """A built page whose printout shows each paragraph address once: every figure link with a print
    address gets `data-print-note="<letter>"`, the place of its address among the page's distinct
    addresses in reading order (a, b, … z, aa: `letters`), and the article ends with those addresses as
    a list, hidden on screen (the `hidden` attribute) and shown, lettered, by print.css. Letters, not
    numbers: an editorial note's "[1]" on the same page stands for another source. `title` (plain
    text) heads the list. A page without print addresses, or already lettered, is returned as it is."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start or f'class="{PRINT_ADDRESSES}"' in html:
        return html
    order: dict[str, int] = {}

    def number(m: re.Match) -> str:
        tag = m.group(0)
        printed = _PRINTED.search(tag)
        if printed is None or f" {PRINT_NOTE}=" in tag:
            return tag
        n = order.setdefault(printed.group(1), len(order) + 1)
        return f'{tag[:-1]} {PRINT_NOTE}="{letters(n)}">'

    article = _OPENING.sub(number, html[start:end])
    if not order:
        return html
    from html import escape

    # an attribute value as the page has it is already escaped text (&amp;, &quot;)
    items = "".join(f'<li><span {GENERATED}="address">{url}</span></li>' for url in order)
    block = (f'<div class="{PRINT_ADDRESSES}" hidden><p class="{PRINT_ADDRESSES}__title">{escape(title)}</p>'
             f'<ol>{items}</ol></div>')
    return html[:start] + article + block + html[end:]


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


# --- where a number on a page comes from (issue 11, "nothing unsourced") ---------------------
# Every digit a reader sees inside a page's <article> is in one of these, or the build stops
# (hooks/html_policy.py through checks.content_problems, typed_digits):
#   a.fig / a.chart__mark[data-fig]  a figure (link to its quote);   a.obs  an observation (link to its source);
#   [data-generated="<what>"]        written by the dossier from its own data (a count, a date of a
#                                    record, a page number): render functions wrap it with `generated`;
#   [data-cited]                     a paragraph of a source reproduced in full (its digits are cited data);
#   a.footnote-ref                   a footnote's number, counted by Markdown;
#   <code>, <pre>, <kbd>, .dossier-example   an example the page shows as such (a page writes
#                                    <span class="dossier-example">…</span> or { .dossier-example } around a sample).
GENERATED = "data-generated"
CITED = "data-cited"
EXAMPLE = "dossier-example"
MARKED_CLASSES = frozenset({CLASS, "dossier-obs", "dossier-chart__mark", EXAMPLE, "footnote-ref"})  # footnote-ref: Markdown numbers it
MARKED_TAGS = frozenset({"code", "pre", "kbd", "script", "style", "title", "desc"})  # desc/title: the SVG's text alternative repeats marked text
MARKED_ATTRS = frozenset({GENERATED, CITED})
_DIGITS = re.compile(r"\d+(?:[.,\u00a0 ]\d+)*")  # \d: the digits of every script (text_chars refuses them at the source too)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def generated(esc: Callable[[object], str], text: object, what: str) -> str:
    """Text the dossier writes from its own data (`what`: count, period, record...), marked as such."""
    return f'<span {GENERATED}="{esc(what)}">{esc(text)}</span>'


def gen_attr(what: str) -> str:
    """The marker as an attribute, for an element a render function writes itself."""
    return f' {GENERATED}="{what}"'


def _marked(tag: str, attrs: dict) -> bool:
    if tag in MARKED_TAGS or MARKED_ATTRS & attrs.keys():
        return True
    return bool(MARKED_CLASSES & set((attrs.get("class") or "").split()))


def typed_digits(events, title_cited: bool = False) -> list[str]:
    """The digits in the text of `events` outside every marked element, in order. `events` is a page's HTML
    read once: ("<", tag, attrs) for a start tag, ("/", tag) for an end tag, ("text", data) (html_policy.read
    gives them for page content). `title_cited`: the page's <h1> is a source's own title, as published."""
    found: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, marked or inside a marked one)
    for event in events:
        kind = event[0]
        if kind == "<" and event[1] not in _VOID:
            tag = event[1]
            inside = bool(stack and stack[-1][1]) or (title_cited and tag == "h1")
            stack.append((tag, inside or _marked(tag, dict(event[2]))))
        elif kind == "/" and event[1] not in _VOID:
            while stack:  # tolerate unclosed elements (<p>, <li>) as browsers do
                if stack.pop()[0] == event[1]:
                    break
        elif kind == "text" and not (stack and stack[-1][1]):
            found.extend(_DIGITS.findall(event[1]))
    return found


def typed_digits_in_article(html: str, title_cited: bool = False) -> list[str]:
    """typed_digits of the text inside a whole built page's <article> (the theme's chrome around it skipped)."""
    from html.parser import HTMLParser

    events: list[tuple] = []

    class Events(HTMLParser):
        def handle_starttag(self, tag, attrs):
            events.append(("<", tag, attrs))

        def handle_endtag(self, tag):
            events.append(("/", tag))

        def handle_data(self, data):
            events.append(("text", data))

    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return []
    Events(convert_charrefs=True).feed(html[html.find(">", start) + 1:end])  # inside the article: the chrome left out
    return typed_digits(events, title_cited)
