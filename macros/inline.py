"""The lower layer of rendering: the page context (`Ctx`), escaping, and the inline pieces every block
is made of — a figure's link and badge, an observation's link, data texts with their placeholders
filled, editorial notes and the one short form of a citation. The blocks (macros/render.py for
figures and sources, macros/observations.py for other sources) are built from these.

Every text that comes from data goes through `esc`: it is escaped for HTML *and* for Markdown,
which runs over the macros' output, so data text is never treated as markup of either kind.

Markup of an observation link (html_policy.py allows it):

    <a class="dossier-obs" href="<reference url>#:~:text=<fragment>" data-obs="<id>" data-verdict="<kind>">value</a>
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import figlink, fmt, links, quotes
from .i18n import plural, text
from .languages import Language
from .model import FLAGGED, Citation, Dossier, Figure, Note, Observation, Reference, Source, most_serious
from .observed import PLACEHOLDER


@dataclass(frozen=True)
class Ctx:
    dossier: Dossier
    lang: str
    page: str  # docs path of the page being rendered, e.g. "partners/china.md"
    repo_url: str | None = None  # mkdocs.yml repo_url: "edit data" links point into it
    site_url: str | None = None  # mkdocs.yml site_url: figure links carry their paragraph's published address

    def __post_init__(self):
        if self.lang not in self.dossier.languages.published:
            raise ValueError(f"{self.lang}/{self.page}: the page's language '{self.lang}' is not published in "
                             f"data/languages.yml (published: {', '.join(self.dossier.languages.published)}) — "
                             "add it there with published: true, or remove it from mkdocs.yml's i18n languages")

    def t(self, key: str, **fields) -> str:
        return text(self.dossier.strings, key, self.lang, **fields)

    def plural(self, key: str, count: int, **fields) -> str:
        """The form of `key` for `count` (CLDR rules), {n} written with the language's digit grouping."""
        return plural(self.dossier.strings, key, self.lang, count, **{"n": fmt.amount(count, self.language), **fields})

    @property
    def language(self) -> Language:
        return self.dossier.languages[self.lang]

    def url(self, to_page: str, anchor: str | None = None) -> str:
        """Relative URL of another page of the same edition, as it will be published."""
        return links.href(self.page, to_page, anchor)


# Characters Python-Markdown (with attr_list, abbr, footnotes, tables) reads as syntax inside a line,
# attribute values included (its link and code patterns run before raw HTML is set aside): links,
# images, footnote and abbreviation markers, emphasis, code, attribute lists, backslash escapes,
# table cells. As numeric references they are shown as themselves and never parsed. ('#' only
# matters in a heading: `_heading` escapes it.)
_MARKDOWN_SYNTAX = [(c, f"&#{ord(c)};") for c in "\\`*_{}[]()!|"]


CITED = f' {figlink.CITED}=""'  # the source's own words: cited data (macros/figlink.py)


def esc(value: object) -> str:
    """Data text as text: HTML-escaped, and Markdown syntax characters turned into character references."""
    out = html.escape(str(value), quote=True)
    for char, reference in _MARKDOWN_SYNTAX:  # str.replace per character: several times faster than str.translate
        if char in out:
            out = out.replace(char, reference)
    return out


# --- single figures ------------------------------------------------------------------------

def value_text(ctx: Ctx, fig: Figure) -> str:
    return fmt.figure_value(fig, ctx.language, ctx.dossier.strings)


def fig_link(ctx: Ctx, fig: Figure) -> str:
    """A figure as the reader meets it: its formatted value, linked to the quoted words (markup:
    macros/figlink.py), carrying the passage's address for print; then its badge."""
    cite = fig.citation
    number = None if cite.referenced else ctx.dossier.cited(cite)[1].number
    found = ctx.dossier.observations_of.get(fig.id, ())
    print_url = printed_url(ctx.dossier, ctx.site_url, ctx.lang, cite) if ctx.site_url else None
    return figlink.link(esc, href=links.quote_href(ctx.page, fig), fig_id=fig.id, source=cite.source,
                        paragraph_number=number, print_url=print_url, text=value_text(ctx, fig),
                        numeric=fig.is_numeric, verdicts=figlink.verdicts_of(found),
                        verdict_sources=[publisher(ctx, o, o.source) for o in found]) + badge(ctx, fig)


def badge_kind(d: Dossier, fig: Figure) -> str | None:
    """What a reader must know before trusting a figure: the most serious verdict of its other sources
    when it is one to flag (model.FLAGGED; a figure no other source states is unconfirmed), else "note"
    when the dossier has an editorial note on it, else None."""
    found = d.observations_of.get(fig.id, ())
    kind = most_serious(o.verdict.kind for o in found) if found else "unconfirmed"
    if kind in FLAGGED:
        return kind
    return "note" if fig.notes else None


def badge(ctx: Ctx, fig: Figure) -> str:
    """The badge beside a figure wherever it is shown: a link to where it is explained (who says what on
    "Where sources disagree"; the notes and what was searched on "All figures"), its meaning in its title."""
    kind = badge_kind(ctx.dossier, fig)
    if kind is None:
        return ""
    page = links.DISAGREEMENTS_PAGE if kind in DISPUTED else links.FIGURES_PAGE
    explain = ctx.t(f"verdict.explain.{kind}")
    if kind == "note":
        explain = plain(ctx, fig.notes[0].text(ctx.lang), fig)
    return (f' <a class="dossier-badge dossier-badge--{esc(kind)}" href="{esc(ctx.url(page, links.figure_anchor(fig.id)))}"'
            f' title="{esc(explain)}">{esc(ctx.t(f"badge.{kind}"))}</a>')


DISPUTED = frozenset({"differs", "another-definition", "another-period"})  # listed on "Where sources disagree"


# --- citations: the one short form, in every place a source is named ---------------------------

def source_citation(d: Dossier, lang: str, src: Source) -> str:
    """Authors, «title», publisher, translator (plain text, in `lang`)."""
    t = lambda key, **kw: text(d.strings, key, lang, **kw)  # noqa: E731
    parts = [", ".join(a.name(lang) for a in src.authors), d.languages[lang].quoted(src.title), src.publisher(lang)]
    if src.translation:
        tr = src.translation
        genitive = (tr.translator_genitive or tr.translator)(lang)
        parts.append(t("cite.translated_by", translator=tr.translator(lang), translator_genitive=genitive))
    return ", ".join(parts)


def source_citation_html(ctx: Ctx, src: Source) -> str:
    """source_citation as HTML: the title marked with its own language where it is not the page's."""
    title = ctx.dossier.languages[ctx.lang].quoted(src.title)
    plain = esc(source_citation(ctx.dossier, ctx.lang, src))
    if src.title_language == ctx.lang:
        return plain
    return plain.replace(esc(title), f'<span lang="{esc(src.title_language)}">{esc(title)}</span>', 1)


def reference_citation(d: Dossier, lang: str, ref: Reference) -> str:
    """A referenced source in full (plain text, in `lang`): publisher, «title» (or why there is none), date."""
    title = d.languages[lang].quoted(ref.title) if ref.title else ref.title_note(lang)
    published = fmt.iso_date(ref.published, d.languages[lang]) if ref.published else ref.published_note(lang)
    return ", ".join(part for part in (ref.publisher(lang), title, published) if part)


def reference_citation_html(ctx: Ctx, ref: Reference) -> str:
    """reference_citation as HTML: the title marked with its own language where it is not the page's."""
    plain = esc(reference_citation(ctx.dossier, ctx.lang, ref))
    title_lang = ref.title_language or ref.language
    if not ref.title or title_lang == ctx.lang:
        return plain
    title = esc(ctx.dossier.languages[ctx.lang].quoted(ref.title))
    return plain.replace(title, f'<span lang="{esc(title_lang)}">{title}</span>', 1)


def reference_short(d: Dossier, lang: str, ref: Reference) -> str:
    """A referenced source in short: its publisher and year ("USGS, 2025")."""
    return f"{ref.publisher(lang)}, {ref.published[:4]}" if ref.published else ref.publisher(lang)


def citation_text(d: Dossier, lang: str, cite: Citation) -> str:
    """The citation of quoted words: the source's, then the paragraph number; or the referenced source's."""
    if cite.referenced:
        return reference_citation(d, lang, d.references[cite.source])
    src, para = d.cited(cite)
    return f"{source_citation(d, lang, src)}, {text(d.strings, 'cite.paragraph', lang, n=para.number)}"


def passage_url(d: Dossier, site_url: str, lang: str, cite: Citation) -> str:
    """The address a reader of paper or of the downloads is given for the quoted words: the paragraph
    of the dossier's copy, or the publisher's page with the words highlighted (a text fragment)."""
    if cite.referenced:
        return links.text_fragment_url(d.references[cite.source].url, cite.quote)
    return links.paragraph_url(site_url, lang, cite)


def printed_url(d: Dossier, site_url: str, lang: str, cite: Citation) -> str:
    """The address printed for a reader of paper to type: the paragraph of the dossier's copy, or the
    publisher's page (a text fragment is no use on paper)."""
    return d.references[cite.source].url if cite.referenced else links.paragraph_url(site_url, lang, cite)


def quote_rendering(d: Dossier, lang: str, cite: Citation) -> str | None:
    """The quote in `lang` when the source is in another language (the loader checked it is there), as the
    paragraph's rendering writes it: its spacing (a no-break space before a scale word) is the rendering's.
    A referenced source's quote has no paragraph here: its rendering is the dossier's own, as written."""
    if d.work(cite).language == lang or lang not in cite.renderings:
        return None
    words = cite.renderings(lang)
    if cite.referenced:
        return words
    text_ = d.sources[cite.source].paragraph(cite.paragraph).renderings(lang)
    found = quotes.locate(words, text_ or "")
    return text_[found[0][0]:found[0][1]] if found else words

CLASS = "dossier-obs"
ATTRIBUTES = frozenset({"href", "data-obs", "data-verdict"})


def obs_value_text(ctx: Ctx, o: Observation) -> str:
    """The observation's value formatted like a figure's (fmt.observation_value)."""
    return fmt.observation_value(ctx.dossier.figure_by_id[o.figure], o, ctx.language, ctx.dossier.strings)


def as_of_text(ctx: Ctx, o: Observation) -> str:
    return fmt.period(o.as_of, ctx.language, ctx.dossier.strings) if o.as_of else ""


def when_text(ctx: Ctx, o: Observation) -> str:
    """The observation's date as a phrase: "as of 2 July 2024" for a day, "for 2022", "for 2005–2024" or
    "for November 2022" for a year, a period or a month («на 2 июля 2024 г.», «за 2022 г.», «за 2005–2024 гг.»)."""
    if not o.as_of:
        return ""
    key = ("obs.as_of" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", o.as_of) else "obs.for_year" if re.fullmatch(r"\d{4}", o.as_of)
           else "obs.for_range" if "/" in o.as_of else "obs.for_part")
    return ctx.t(key, date=as_of_text(ctx, o))


def obs_href(ctx: Ctx, o: Observation) -> str:
    """The source's address, with a text fragment (#:~:text=) when one is given."""
    ref = ctx.dossier.references.get(o.source)
    if ref is None:  # an observation of a source the dossier reproduces: its page
        return ctx.url(links.source_page(o.source))
    return links.text_fragment_url(ref.url, o.fragment)


def ref_href(ctx: Ctx, rid: str) -> str:
    return ctx.url(links.REFERENCES_PAGE, links.reference_anchor(rid))


def obs_link(ctx: Ctx, o: Observation) -> str:
    return (f'<a class="{CLASS}" href="{esc(obs_href(ctx, o))}" data-obs="{esc(o.id)}" data-verdict="{esc(o.verdict.kind)}">'
            f'{esc(obs_value_text(ctx, o))}</a>')


def filled(ctx: Ctx, text: str, fig: Figure | None = None, o: Observation | None = None, linked: bool = True) -> str:
    """A data text with its placeholders replaced by links ({value}: the figure's or the
    observation's value; {obs:<id>}: that observation's), every other piece escaped. `linked=False`:
    the figure's own {value} as marked text, where the figure's link is next to it already."""
    by_id = {x.id: x for x in ctx.dossier.observations}
    out, at = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(esc(text[at:m.start()]))
        name, oid, as_of = m.group(1), m.group(2), m.group(3)
        if oid:
            other = by_id[oid]
            out.append(figlink.generated(esc, as_of_text(ctx, other), "as-of") if as_of else obs_link(ctx, other))
        elif name == "value":
            out.append(obs_link(ctx, o) if o else fig_link(ctx, fig) if linked else
                       figlink.generated(esc, fmt.figure_value(fig, ctx.language, ctx.dossier.strings), "value"))
        elif name == "as_of":
            out.append(figlink.generated(esc, as_of_text(ctx, o), "as-of"))
        else:  # {period}
            out.append(figlink.generated(esc, fmt.period(fig.period, ctx.language, ctx.dossier.strings), "period"))
        at = m.end()
    out.append(esc(text[at:]))
    return "".join(out)


def plain(ctx: Ctx, text: str, fig: Figure | None = None) -> str:
    """A data text with its placeholders replaced by plain values (for a title attribute)."""
    by_id = {x.id: x for x in ctx.dossier.observations}

    def value(m):
        name, oid, as_of = m.group(1), m.group(2), m.group(3)
        if oid:
            return as_of_text(ctx, by_id[oid]) if as_of else obs_value_text(ctx, by_id[oid])
        if name == "value" and fig is not None:
            return fmt.figure_value(fig, ctx.language, ctx.dossier.strings)
        if name == "period" and fig is not None:
            return fmt.period(fig.period, ctx.language, ctx.dossier.strings)
        return m.group(0)
    return PLACEHOLDER.sub(value, text)


def cite_marks(ctx: Ctx, oids) -> str:
    """Small superscript links to the references a note cites, numbered in order. Each carries the
    first cited observation of its reference (data-obs): the print document makes that observation's
    footnote of it, in the one numbering of its notes (macros/print_doc.py)."""
    by_id = {x.id: x for x in ctx.dossier.observations}
    first = dict(reversed([(by_id[i].source, i) for i in oids]))  # reference -> its first cited observation
    sources = list(dict.fromkeys(by_id[i].source for i in oids))
    marks = (f'<a class="dossier-obs-cite"{figlink.gen_attr("footnote")} href="{esc(ref_href(ctx, s))}" data-obs="{esc(first[s])}"'
             f' title="{esc(publisher(ctx, None, s))}">[{n}]</a>'
             for n, s in enumerate(sources, 1))
    return f'<sup class="dossier-obs-cites">{"".join(marks)}</sup>' if sources else ""


def note_html(ctx: Ctx, note: Note, fig: Figure | None = None) -> str:
    return (f'<p class="dossier-fig-note" role="note"><strong>{esc(ctx.t("ui.editorial_note"))}:</strong> '
            f'{filled(ctx, note.text(ctx.lang), fig)}{cite_marks(ctx, note.cites)}</p>')


def publisher(ctx: Ctx, o: Observation | None, source: str) -> str:
    if o is not None and o.stated_by:
        return o.stated_by(ctx.lang)
    ref = ctx.dossier.references.get(source)
    if ref:
        return ref.publisher(ctx.lang)
    return ctx.dossier.sources[source].publisher(ctx.lang)
