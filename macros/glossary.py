"""The glossary: terms from data/glossary.yml, the Glossary page, and the tooltips on every page.

Tooltips use Python-Markdown's `abbr` extension (Material shows them): at render time the page's
markdown gets one `*[form]: explanation` line per form, in the page's language. `abbr` only
touches markdown text, never raw HTML blocks or attributes, so figure links, tables drawn by the
macros and HTML attributes are left alone.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import figlink
from .model import L10n, Term, Where
from .problems import Problem

_WORD_EDGE = re.compile(r"^\w.*\w$|^\w$", re.S)


def terms_from(data: list[dict], where: Callable[[tuple], Where], problems: list[Problem],
               langs: tuple[str, ...]) -> tuple[Term, ...]:
    """Schema-valid records -> Terms (forms in each published language of `langs`);
    a repeated id or a form claimed twice is a problem."""
    terms = tuple(_term(d, where((i,)), langs) for i, d in enumerate(data))
    first_id: dict[str, Term] = {}
    owner: dict[tuple[str, str], Term] = {}
    for t in terms:
        if t.id in first_id:
            problems.append(Problem(t.where.path, t.where.line, t.id,
                                    f"duplicate term id '{t.id}' (first at line {first_id[t.id].where.line})",
                                    "ids are unique: rename this one (never rename a published id)"))
        first_id.setdefault(t.id, t)
        for lang in langs:
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


def _term(d: dict, where: Where, langs: tuple[str, ...]) -> Term:
    l10n = lambda x: L10n(x) if x else None  # noqa: E731
    return Term(id=d["id"], term=l10n(d["term"]), expansion=l10n(d.get("expansion")), definition=l10n(d["definition"]),
                forms={lang: tuple(d["forms"][lang]) for lang in langs}, where=where)


def tooltip(term: Term, lang: str) -> str:
    """What the reader sees on hover: the expansion (for an abbreviation), then the definition."""
    if term.expansion:
        expansion = term.expansion(lang)
        return f"{expansion[:1].upper()}{expansion[1:]}. {term.definition(lang)}"
    return term.definition(lang)


def abbreviations(terms: tuple[Term, ...], lang: str) -> str:
    """Markdown `abbr` definitions for one language: every form, and its capitalised variant
    (a form in small letters also begins sentences and headings)."""
    return "\n".join(v.line for v in _table(terms, lang).variants)


def term_anchor(term: Term) -> str:
    return f"term-{term.id}"


def page_html(terms: tuple[Term, ...], lang: str, esc: Callable[[str], str],
              definition: Callable[[str], str] | None = None) -> str:
    """The Glossary page body: every term in alphabetical order of the page's language.
    `definition` turns a definition into HTML (inline.filled: its {obs:…} become links); else escaped."""
    definition = definition or esc
    items = []
    for t in sorted(terms, key=lambda t: (t.term(lang).strip("«»“”\"").casefold(), t.id)):
        expansion = f' <span class="dossier-glossary__expansion">— {esc(t.expansion(lang))}</span>' if t.expansion else ""
        items.append(f'<dt id="{esc(term_anchor(t))}"><dfn>{esc(t.term(lang))}</dfn>{expansion}</dt>'
                     f'<dd>{definition(t.definition(lang))}</dd>')
    return f'<dl class="dossier-glossary">{"".join(items)}</dl>'


def with_abbreviations(markdown: str, terms: tuple[Term, ...], lang: str) -> str:
    """The page's markdown followed by the `abbr` definitions of its language, for the forms it
    contains: a definition of an absent form changes nothing, yet each one costs Python-Markdown
    time on every page (all 149 of them took ~0.1 s per page: bench/REPORT.md). Run it after
    `unwrap_forms`, which puts multi-word forms broken across lines back on one line."""
    table, present = _table(terms, lang), _words(markdown)
    text = markdown.rstrip()
    lines = [v.line for v in table.variants if v.words <= present and v.text in text]
    return f"{text}\n\n" + "\n".join(lines) + "\n" if lines else markdown


_SOFT_BREAK = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line break inside a paragraph (not a blank line)
_WORD = re.compile(r"\w+")


def unwrap_forms(markdown: str, terms: tuple[Term, ...], lang: str) -> str:
    """Put a multi-word form that prose wraps across two lines back on one line ("Организации
    тюркских\nгосударств"): `abbr` matches forms with single spaces only. In markdown a line break
    inside a paragraph is a space, so the page reads the same."""
    present = _words(markdown)
    for words, pattern in _table(terms, lang).wrappable:
        if words <= present:  # a regex only where every word of the form is on the page
            markdown = pattern.sub(lambda m: " ".join(m.group(0).split()), markdown)
    return markdown


def _words(text: str) -> frozenset[str]:
    """The page's words, case-folded: one pass, then each form is a set test instead of a text scan."""
    return frozenset(_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class _Variant:
    text: str                # the form as a page writes it ("ЕАЭС", "Росатом", "Организация тюркских государств")
    words: frozenset[str]    # its words, case-folded
    line: str                # its `abbr` definition


@dataclass(frozen=True)
class _Table:
    variants: tuple[_Variant, ...]
    wrappable: tuple[tuple[frozenset[str], re.Pattern], ...]  # multi-word forms: their words, a wrapped-form pattern


_tables: dict[tuple[int, str], tuple[tuple[Term, ...], _Table]] = {}


def _table(terms: tuple[Term, ...], lang: str) -> _Table:
    """Everything per-page work needs from the glossary in one language, built once per glossary."""
    kept = _tables.get((id(terms), lang))
    if kept is not None and kept[0] is terms:
        return kept[1]
    variants: dict[str, _Variant] = {}
    wrappable = []
    for t in terms:
        tip = " ".join(tooltip(t, lang).split())
        for form in t.forms[lang]:
            words = frozenset(_WORD.findall(form.casefold()))
            for variant in (form, form[:1].upper() + form[1:]):
                variants.setdefault(variant, _Variant(variant, words, f"*[{variant}]: {tip}"))
            parts = form.split()
            if len(parts) > 1:
                # "(?<!\w)" checked after the first letter, not before it: a pattern that begins with a
                # character set lets the regex engine skip ahead quickly (3× faster over a rendered page)
                head = parts[0]
                first = f"[{re.escape(head[:1])}{re.escape(head[:1].upper())}](?<!\\w.){re.escape(head[1:])}"
                pattern = _SOFT_BREAK.join([first, *map(re.escape, parts[1:])]) + r"(?!\w)"
                wrappable.append((words, re.compile(pattern)))
    table = _Table(tuple(variants.values()), tuple(wrappable))
    if len(_tables) > 8:  # `mkdocs serve` loads a new glossary per rebuild: keep only recent ones
        _tables.clear()
    _tables[(id(terms), lang)] = (terms, table)
    return table


_ABBR_TAG = re.compile(r"</?abbr\b[^<>]*>")


_HEADING = re.compile(r"(<h([1-6])\b[^<>]*>)((?:[^<]|<(?!/?h[1-6]\b))*?)(</h\2>)")  # stops at the next heading tag


def without_tooltips_in_headings(html: str) -> str:
    """Titles stay plain: a tooltip in a heading is noise, and Material copies headings into the
    table of contents and the search index."""
    return _HEADING.sub(lambda m: m.group(1) + _ABBR_TAG.sub("", m.group(3)) + m.group(4), html)


def without_tooltips_in_figure_links(html: str) -> str:
    """A figure written inline in prose is a link whose own hover shows its source: unwrap any
    <abbr> the markdown put inside its text (the figure's words stay, the nested tooltip goes)."""
    return figlink.PATTERN.sub(lambda m: m.group(1) + _ABBR_TAG.sub("", m.group(2)) + m.group(3), html)


_LINKABLE = re.compile(r'<a\b[^<>]*>|</a>|<abbr title="([^"<>]*)">([^<>]*)</abbr>')


def linked_terms(html: str, terms: tuple[Term, ...], lang: str, href: Callable[[Term], str]) -> str:
    """Each tooltip of running text made a link to its term on the Glossary page (`href`), so that keyboard
    and touch reach it too; a tooltip already inside a link (a figure, a heading's permalink) is left as it is."""
    forms = {v.text: t for t in terms for v in _table((t,), lang).variants}
    out, at, inside = [], 0, 0
    for m in _LINKABLE.finditer(html):
        token = m.group()
        if m.group(2) is None and token != "</a>":
            inside += 1
        elif token == "</a>":
            inside = max(0, inside - 1)
        elif not inside and m.group(2) in forms:
            out += [html[at:m.start()], f'<a class="dossier-term" href="{href(forms[m.group(2)])}">{token}</a>']
            at = m.end()
    return "".join(out) + html[at:]
