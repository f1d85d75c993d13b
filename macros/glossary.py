"""The glossary: terms from data/glossary.yml, the Glossary page, and the tooltips on every page.

Tooltips use Python-Markdown's `abbr` extension (Material shows them): at render time the page's
markdown gets one `*[form]: explanation` line per form, in the page's language. `abbr` only
touches markdown text, never raw HTML blocks or attributes, so figure links, tables drawn by the
macros and HTML attributes are left alone.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .model import LANGS, L10n, Term, Where
from .problems import Problem

_WORD_EDGE = re.compile(r"^\w.*\w$|^\w$", re.S)


def terms_from(data: list[dict], where: Callable[[tuple], Where], problems: list[Problem]) -> tuple[Term, ...]:
    """Schema-valid records -> Terms; a repeated id or a form claimed twice is a problem."""
    terms = tuple(_term(d, where((i,))) for i, d in enumerate(data))
    first_id: dict[str, Term] = {}
    owner: dict[tuple[str, str], Term] = {}
    for t in terms:
        if t.id in first_id:
            problems.append(Problem(t.where.path, t.where.line, t.id,
                                    f"duplicate term id '{t.id}' (first at line {first_id[t.id].where.line})",
                                    "ids are unique: rename this one (never rename a published id)"))
        first_id.setdefault(t.id, t)
        for lang in LANGS:
            for form in t.forms[lang]:
                if not _WORD_EDGE.match(form):
                    problems.append(Problem(t.where.path, t.where.line, t.id,
                                            f"form '{form}' ({lang}) does not start and end with a letter or digit",
                                            "tooltips attach to whole words: drop quotation marks and punctuation "
                                            "from the form, e.g. «Росатом» -> Росатом"))
                other = owner.setdefault((lang, form), t)
                if other is not t:
                    problems.append(Problem(t.where.path, t.where.line, t.id,
                                            f"form '{form}' ({lang}) is also listed by term '{other.id}' (line {other.where.line})",
                                            "a word can explain only one term: keep the form in one of them"))
    return terms


def _term(d: dict, where: Where) -> Term:
    l10n = lambda x: L10n(ru=x["ru"], en=x["en"]) if x else None  # noqa: E731
    return Term(id=d["id"], term=l10n(d["term"]), expansion=l10n(d.get("expansion")), definition=l10n(d["definition"]),
                forms={lang: tuple(d["forms"][lang]) for lang in LANGS}, where=where)


def tooltip(term: Term, lang: str) -> str:
    """What the reader sees on hover: the expansion (for an abbreviation), then the definition."""
    if term.expansion:
        expansion = term.expansion(lang)
        return f"{expansion[:1].upper()}{expansion[1:]}. {term.definition(lang)}"
    return term.definition(lang)


def abbreviations(terms: tuple[Term, ...], lang: str) -> str:
    """Markdown `abbr` definitions for one language: every form, and its capitalised variant
    (a form in small letters also begins sentences and headings)."""
    lines: dict[str, str] = {}
    for t in terms:
        for form in t.forms[lang]:
            for variant in (form, form[:1].upper() + form[1:]):
                lines.setdefault(variant, f"*[{variant}]: {' '.join(tooltip(t, lang).split())}")
    return "\n".join(lines.values())


def term_anchor(term: Term) -> str:
    return f"term-{term.id}"


def page_html(terms: tuple[Term, ...], lang: str, esc: Callable[[str], str]) -> str:
    """The Glossary page body: every term in alphabetical order of the page's language."""
    items = []
    for t in sorted(terms, key=lambda t: (t.term(lang).strip("«»“”\"").casefold(), t.id)):
        expansion = f' <span class="glossary__expansion">— {esc(t.expansion(lang))}</span>' if t.expansion else ""
        items.append(f'<dt id="{esc(term_anchor(t))}"><dfn>{esc(t.term(lang))}</dfn>{expansion}</dt>'
                     f'<dd>{esc(t.definition(lang))}</dd>')
    return f'<dl class="glossary">{"".join(items)}</dl>'


def with_abbreviations(markdown: str, terms: tuple[Term, ...], lang: str) -> str:
    """The page's markdown followed by the `abbr` definitions of its language, for the forms it
    contains: a definition of an absent form changes nothing, yet each one costs Python-Markdown
    time on every page (all 149 of them took ~0.1 s per page: bench/REPORT.md)."""
    text = unwrap_forms(markdown, terms, lang).rstrip()
    lines = [line for line in abbreviations(terms, lang).splitlines() if line[2:line.index("]: ")] in text]
    return f"{text}\n\n" + "\n".join(lines) + "\n" if lines else markdown


_SOFT_BREAK = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line break inside a paragraph (not a blank line)


def unwrap_forms(markdown: str, terms: tuple[Term, ...], lang: str) -> str:
    """Put a multi-word form that prose wraps across two lines back on one line ("Организации
    тюркских\nгосударств"): `abbr` matches forms with single spaces only. In markdown a line break
    inside a paragraph is a space, so the page reads the same."""
    for t in terms:
        for form in t.forms[lang]:
            words = form.split()
            if len(words) < 2 or words[-1] not in markdown:  # cheap test first: a regex per form per page is slow
                continue
            # "(?<!\w)" checked after the first letter, not before it: a pattern that begins with a
            # character set lets the regex engine skip ahead quickly (3× faster over a rendered page)
            first = f"[{re.escape(words[0][:1])}{re.escape(words[0][:1].upper())}](?<!\\w.){re.escape(words[0][1:])}"
            pattern = _SOFT_BREAK.join([first, *map(re.escape, words[1:])]) + r"(?!\w)"
            markdown = re.sub(pattern, lambda m: " ".join(m.group(0).split()), markdown)
    return markdown


_FIGURE_LINK = re.compile(r'(<a class="fig[ "][^>]*>)(.*?)(</a>)', re.S)
_ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")


_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.S)


def without_tooltips_in_headings(html: str) -> str:
    """Titles stay plain: a tooltip in a heading is noise, and Material copies headings into the
    table of contents and the search index."""
    return _HEADING.sub(lambda m: m.group(1) + _ABBR_TAG.sub("", m.group(3)) + m.group(4), html)


def without_tooltips_in_figure_links(html: str) -> str:
    """A figure written inline in prose is a link whose own hover shows its source: unwrap any
    <abbr> the markdown put inside its text (the figure's words stay, the nested tooltip goes)."""
    return _FIGURE_LINK.sub(lambda m: m.group(1) + _ABBR_TAG.sub("", m.group(2)) + m.group(3), html)
