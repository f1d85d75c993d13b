"""The blocks of the figure and source pages: dossier model + page language -> HTML/markdown, built
from the inline pieces of macros/inline.py (escaping included: every data text goes through `esc`)."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from . import figlink, fmt, links, observations, quotes
from .inline import (
    CITED,
    Ctx,
    badge_kind,
    citation_text,
    esc,
    fig_link,
    filled,
    note_html,
    plain,
    quote_rendering,
    reference_citation_html,
    reference_short,
    source_citation,
    source_citation_html,
    value_text,
)
from .model import Entity, Figure, Source, Where


def cite_link(ctx: Ctx, fig: Figure) -> str:
    cite = fig.citation
    if cite.referenced:
        shown = reference_short(ctx.dossier, ctx.lang, ctx.dossier.references[cite.source])
    else:
        src, para = ctx.dossier.cited(cite)
        shown = f"{src.short_title(ctx.lang)}, {ctx.t('cite.paragraph_short', n=para.number)}"
    return (f'<a class="dossier-fig-cite" href="{esc(links.quote_href(ctx.page, fig))}"{figlink.gen_attr("citation")}>'
            f'{esc(shown)}</a>')


def quote_lang(ctx: Ctx, fig: Figure) -> str:
    """The language of the quoted words (the source's): their `lang` and their quotation marks."""
    return ctx.dossier.work(fig.citation).language


def quote_html(ctx: Ctx, fig: Figure) -> str:
    """The quoted words: in an edition of another language than the source's, the dossier's rendering first
    (the reader's language), then the words as written, labelled as the original."""
    lang = quote_lang(ctx, fig)
    rendered = quote_rendering(ctx.dossier, ctx.lang, fig.citation)
    tag = (f' <span class="dossier-fig-item__tag">({esc(ctx.t("ui.original_of_quote", language=ctx.dossier.languages.name(lang, ctx.lang)))})</span>'
           if rendered is not None else "")
    original = (f'<p class="dossier-fig-item__quote" lang="{esc(lang)}"{CITED}>'
                f'{esc(ctx.dossier.languages[lang].quoted(fig.citation.quote))}'
                + (f'<span lang="{esc(ctx.lang)}">{tag}</span>' if tag else "") + '</p>')
    if rendered is None:
        return original
    return (f'<p class="dossier-fig-item__quote dossier-fig-item__quote--rendering" lang="{esc(ctx.lang)}"{CITED}>'
            f'{esc(ctx.language.quoted(rendered))} <span class="dossier-fig-item__tag">({esc(ctx.t("ui.quote_translation"))})</span></p>'
            + original)


def notes(ctx: Ctx, fig: Figure) -> str:
    return "".join(note_html(ctx, n, fig) for n in fig.notes)


def other_sources(ctx: Ctx, fig: Figure) -> str:
    """"What other sources say" about a figure (macros/observations.py)."""
    return observations.figure_block(ctx, fig)


def period_text(ctx: Ctx, fig: Figure) -> str:
    return fmt.period(fig.period, ctx.language, ctx.dossier.strings)


def figure_item(ctx: Ctx, fig: Figure, anchor: bool = True) -> str:
    """One figure in a grouped list: value, label, period, citation and editorial notes.
    `anchor` gives it the figure's permalink id (only its first appearance on a page has it)."""
    period = period_text(ctx, fig)
    period_html = f' <span class="dossier-fig-item__period"{figlink.gen_attr("period")}>({esc(period)})</span>' if period else ""
    id_attr = f' id="{esc(links.figure_anchor(fig.id))}"' if anchor else ""
    return (f'<div class="dossier-fig-item"{id_attr}>'
            f'<div class="dossier-fig-item__value">{fig_link(ctx, fig)}</div>'
            f'<div class="dossier-fig-item__body"><p class="dossier-fig-item__label"><span{figlink.gen_attr("label")}>{esc(fig.label(ctx.lang))}</span>{period_html}</p>'
            f'{quote_html(ctx, fig)}{states_html(ctx, fig)}'
            f'<p class="dossier-fig-item__source">{esc(ctx.t("ui.source"))}: {cite_link(ctx, fig)}{data_link(ctx, fig.where)}</p>'
            f'{notes(ctx, fig)}{other_sources(ctx, fig)}</div></div>')


def states_html(ctx: Ctx, fig: Figure) -> str:
    """A referenced quote's statement in the dossier's own words (a reproduced source's has its paragraph)."""
    states = fig.citation.states
    if not states:
        return ""
    return (f'<p class="dossier-fig-item__states"><strong>{esc(ctx.t("ui.states"))}:</strong> '
            f'{filled(ctx, states(ctx.lang), fig, linked=False)}</p>')


def data_link(ctx: Ctx, where: Where) -> str:
    """A small link to the data record a block was rendered from (file and line on the repository host)."""
    if not ctx.repo_url:
        return ""
    return (f' <a class="dossier-data-edit" href="{esc(links.data_record_url(ctx.repo_url, where))}"'
            f' title="{esc(where.path)}:{where.line}">{esc(ctx.t("ui.edit_data"))}</a>')


def key_figures(ctx: Ctx, figs: tuple[Figure, ...], limit: int = 4) -> str:
    """The key-figures box: the first numeric figures of a page, as cards."""
    chosen = [f for f in figs if f.is_numeric][:limit] or list(figs[:limit])
    if not chosen:
        return ""
    cards = "".join(
        f'<div class="dossier-fig-card" role="listitem"><div class="dossier-fig-card__value">{fig_link(ctx, f)}</div>'
        f'<div class="dossier-fig-card__label"{figlink.gen_attr("label")}>{esc(f.label(ctx.lang))}'
        + (f' <span class="dossier-fig-card__period">({esc(period_text(ctx, f))})</span>' if f.period else "")
        + "</div></div>" for f in chosen)
    return (f'<div class="dossier-key-figures" role="list" aria-label="{esc(ctx.t("ui.key_figures"))}">{cards}</div>')


# --- groups of figures ---------------------------------------------------------------------

def _heading(level: int, title: str, anchor: str) -> str:
    """A markdown heading with an explicit anchor, so it is in the table of contents."""
    return f"{'#' * level} {esc(title).replace('#', '&#35;')} {{ #{anchor} }}"


def grouped(ctx: Ctx, figs: tuple[Figure, ...], by: str) -> str:
    """Figures grouped by resource (on a partner page) or by partner (on a resource page)."""
    blocks, anchored = [], set()
    for e in ctx.dossier.entities(by):
        members = [f for f in figs if e.id in f.entity_ids(by)]
        if members:
            blocks.append(_heading(3, e.name(ctx.lang), links.group_anchor(by, e.id)))
            blocks.append(_items(ctx, members, anchored))
    rest = [f for f in figs if not f.entity_ids(by)]
    if rest:  # first, under a lead line rather than a heading: they are about the page's subject as a whole
        lead = (f'<p class="dossier-group-lead" id="{esc(links.group_anchor(by, "none"))}">{esc(ctx.t(f"ui.no_{by}"))}</p>')
        blocks[:0] = [lead, _items(ctx, rest, anchored)]
    return "\n\n".join(blocks)


def _items(ctx: Ctx, figs, anchored: set[str] | None = None) -> str:
    """A list of figure items; a figure already listed under another group keeps no second id."""
    anchored = set() if anchored is None else anchored
    items = []
    for f in figs:
        items.append(figure_item(ctx, f, anchor=f.id not in anchored))
        anchored.add(f.id)
    return '<div class="dossier-fig-list">' + "".join(items) + "</div>"


def entity_links(ctx: Ctx, kind: str, ids) -> str:
    wanted = set(ids)
    items = [f'<li><a href="{esc(ctx.url(links.entity_page(kind, e.id)))}">{esc(e.name(ctx.lang))}</a></li>'
             for e in ctx.dossier.entities(kind) if e.id in wanted]
    if items:
        return f'<ul class="dossier-entity-links">{"".join(items)}</ul>'
    index = ctx.url(links.entity_page(kind, "index"))
    return f'<p>{esc(ctx.t(f"ui.no_related_{kind}"))} <a href="{esc(index)}">{esc(ctx.t(f"ui.all_{kind}s"))}</a></p>'



def sources_used(ctx: Ctx, figs) -> str:
    """The sources `figs` quote: the reproduced ones (linked to their page), then the referenced ones
    (linked to their record on the references page)."""
    d = ctx.dossier
    items = [f'<li{figlink.gen_attr("citation")}><a href="{esc(ctx.url(links.source_page(s.id)))}">{esc(s.short_title(ctx.lang))}</a>: '
             f'{source_citation_html(ctx, s)}</li>' for s in d.sources_cited(figs)]
    items += [f'<li{figlink.gen_attr("citation")}><a href="{esc(ctx.url(links.REFERENCES_PAGE, links.reference_anchor(r.id)))}">'
              f'{esc(r.publisher(ctx.lang))}</a>: {reference_citation_html(ctx, r)}</li>' for r in d.references_cited(figs)]
    return f'<ul class="dossier-sources-used">{"".join(items)}</ul>' if items else f"<p>{esc(ctx.t('ui.none'))}</p>"


def entity_cards(ctx: Ctx, kind: str) -> str:
    cards = "".join(
        f'<li class="dossier-entity-card"><a href="{esc(ctx.url(links.entity_page(kind, e.id)))}"><strong>{esc(e.name(ctx.lang))}</strong></a>'
        f'<span>{filled(ctx, e.summary(ctx.lang))}</span>'
        f'<span class="dossier-entity-card__count"{figlink.gen_attr("count")}>{esc(ctx.plural("ui.figure_count", len(ctx.dossier.figures_of(kind, e.id))))}</span></li>'
        for e in ctx.dossier.entities(kind))
    return f'<ul class="dossier-entity-cards">{cards}</ul>'


def source_cards(ctx: Ctx) -> str:
    """Every source document: its short title (linked to its page), citation and figure count."""
    d = ctx.dossier
    cards = "".join(
        f'<li class="dossier-entity-card"><a href="{esc(ctx.url(links.source_page(s.id)))}"{figlink.gen_attr("citation")}><strong>{esc(s.short_title(ctx.lang))}</strong></a>'
        f'<span{figlink.gen_attr("citation")}>{source_citation_html(ctx, s)}</span>'
        f'<span class="dossier-entity-card__count"{figlink.gen_attr("count")}>{esc(ctx.plural("ui.figure_count", sum(len(d.by_paragraph.get((s.id, p.id), ())) for p in s.paragraphs)))}</span></li>'
        for s in d.sources.values())
    return f'<ul class="dossier-entity-cards">{cards}</ul>'


GRID_MAX = 20  # partners and resources the home-page grid shows at most (a 500×600 grid is 9 MB: bench/REPORT.md)


def _most_cited(entities: tuple[Entity, ...], index: dict, limit: int) -> tuple[Entity, ...]:
    """All entities when they fit; otherwise the `limit` with the most figures, kept in data order."""
    if len(entities) <= limit:
        return entities
    keep = set(sorted((e.id for e in entities), key=lambda eid: -len(index.get(eid, ())))[:limit])
    return tuple(e for e in entities if e.id in keep)


def grid(ctx: Ctx) -> str:
    """Partner x resource table: how many figures connect each pair, linked to the partner's group."""
    d = ctx.dossier
    partners, resources = _most_cited(d.partners, d.by_partner, GRID_MAX), _most_cited(d.resources, d.by_resource, GRID_MAX)
    head = "".join(f'<th scope="col"><a href="{esc(ctx.url(links.resource_page(r.id)))}">{esc(r.name(ctx.lang))}</a></th>'
                   for r in resources)
    rows = []
    for p in partners:
        counts = Counter(r for f in d.by_partner.get(p.id, ()) for r in f.resources)
        cells = []
        for r in resources:
            n = counts[r.id]
            cells.append(f'<td><a href="{esc(ctx.url(links.partner_page(p.id), links.group_anchor("resource", r.id)))}"{figlink.gen_attr("count")}>{n}</a></td>'
                         if n else '<td class="dossier-grid__empty">·</td>')
        rows.append(f'<tr><th scope="row"><a href="{esc(ctx.url(links.partner_page(p.id)))}">{esc(p.name(ctx.lang))}</a></th>{"".join(cells)}</tr>')
    caption = ctx.t("ui.grid_caption")
    if (len(partners), len(resources)) != (len(d.partners), len(d.resources)):
        caption += ". " + ctx.t("ui.grid_top", partners=ctx.plural("ui.grid_partners", len(partners)),
                                  resources=ctx.plural("ui.grid_resources", len(resources)))
    return scroll(ctx, f'<table class="dossier-grid"><caption{figlink.gen_attr("count")}>{esc(caption)}</caption>'
                       f'<thead><tr><th scope="col">{esc(ctx.t("ui.partner"))}</th>{head}</tr></thead>'
                       f'<tbody>{"".join(rows)}</tbody></table>', caption)


def figures_table(ctx: Ctx, figs: tuple[Figure, ...]) -> str:
    """Every figure in one table, a reader's tool: each row is the figure's permalink (fig-<id>), and carries
    what overrides/assets/figures-table.js filters and sorts by (partners, resources, kind, verdict, value).
    Without the script it is the whole table; on a narrow screen each row is a card (dossier.css)."""
    d = ctx.dossier
    columns = ("table.value", "table.measures", "table.connected", "table.source")
    head = "".join(f'<th scope="col">{esc(ctx.t(k))}</th>' for k in columns)
    labels = [esc(ctx.t(k)) for k in columns]
    rows = []
    for f in figs:
        links_ = [f'<a href="{esc(ctx.url(links.partner_page(p)))}">{esc(d.partner(p).name(ctx.lang))}</a>' for p in f.partners]
        links_ += [f'<a href="{esc(ctx.url(links.resource_page(r)))}">{esc(d.resource(r).name(ctx.lang))}</a>' for r in f.resources]
        period = period_text(ctx, f)
        period_html = f' <span class="dossier-fig-item__period"{figlink.gen_attr("period")}>({esc(period)})</span>' if period else ""
        found = d.observations_of.get(f.id, ())
        more_count = len(f.notes) + len(found)
        more = (f'<details class="dossier-row-more"><summary{figlink.gen_attr("count")}>'
                f'{esc(ctx.plural("table.more", more_count))}</summary>{notes(ctx, f)}{other_sources(ctx, f)}</details>'
                if more_count else other_sources(ctx, f))
        sort_value = f.value if f.is_numeric and isinstance(f.value, (int, float)) else ""
        rows.append(
            f'<tr id="{esc(links.figure_anchor(f.id))}"{_citation_data(ctx, f)}'
            f' data-partners="{esc(" ".join(f.partners))}" data-resources="{esc(" ".join(f.resources))}"'
            f' data-kind="{esc(f.kind)}" data-verdict="{esc(badge_kind(d, f) or "agrees")}" data-sort="{esc(sort_value)}">'
            f'<td data-label="{labels[0]}">{fig_link(ctx, f)}</td>'
            f'<td data-label="{labels[1]}"><span{figlink.gen_attr("label")}>{esc(f.label(ctx.lang))}</span>{period_html}{more}</td>'
            f'<td data-label="{labels[2]}">{", ".join(links_) or "—"}</td><td data-label="{labels[3]}">{cite_link(ctx, f)}'
            f'<span class="dossier-fig-permalink-cell"><a class="dossier-fig-permalink" href="#{esc(links.figure_anchor(f.id))}" '
            f'aria-label="{esc(ctx.t("permalink.link"))}: {esc(f.label(ctx.lang))}">#</a></span></td></tr>')
    return scroll(ctx, f'<table class="dossier-figures-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
                  ctx.t("table.caption"))


def scroll(ctx: Ctx, table: str, label: str) -> str:
    """A table inside its own scroll container: on a narrow screen it scrolls there, never the page
    (focusable and named, so keyboard users can scroll it too)."""
    return f'<div class="dossier-scroll" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'


def _citation_data(ctx: Ctx, fig: Figure) -> str:
    """What the reader scripts need to cite a figure: what it states, and where (with the paragraph)."""
    period = period_text(ctx, fig)
    stated = f"{fig.label(ctx.lang)}: {value_text(ctx, fig)}" + (f" ({period})" if period else "")
    return (f' data-cite-figure="{esc(stated)}"'
            f' data-cite-source="{esc(citation_text(ctx.dossier, ctx.lang, fig.citation))}"')


# --- source documents ----------------------------------------------------------------------

def source_record(ctx: Ctx, src: Source) -> str:
    """The bibliographic record: what is known of the document, and what is not."""
    rows = [("record.title", f'<span lang="{esc(src.title_language)}">{esc(src.title)}</span>'),
            ("record.kind", esc(src.kind(ctx.lang))),
            ("record.authors", "<br>".join(
                esc(a.name(ctx.lang)) + (f" — {esc(a.affiliation(ctx.lang))}" if a.affiliation else "") for a in src.authors)),
            ("record.publisher", esc(src.publisher(ctx.lang)))]
    if src.original_url:
        rows.append(("record.original_url", f'<a href="{esc(src.original_url)}">{esc(src.original_url)}</a>'))
    elif src.original_url_note:
        rows.append(("record.original_url", esc(src.original_url_note(ctx.lang))))
    if src.translation:
        tr = src.translation
        rows.append(("record.translator", esc(tr.translator(ctx.lang))))
        venue = f'<a href="{esc(tr.url)}">{esc(tr.venue)}</a>' if tr.url else esc(tr.venue)
        rows.append(("record.translation_venue", venue))
    rows.append(("record.date", source_date_html(ctx, src)))
    if src.credits:
        rows.append(("record.credits", "<br>".join(f'<span lang="{esc(src.language)}">{esc(c)}</span>' for c in src.credits)))
    body = "".join(f'<tr><th scope="row">{esc(ctx.t(k))}</th><td>{v}</td></tr>' for k, v in rows)
    edit = f'<p class="dossier-source-record__edit">{data_link(ctx, src.where).strip()}</p>' if ctx.repo_url else ""
    return scroll(ctx, f'<table class="dossier-source-record"{figlink.gen_attr("record")}>{body}</table>', ctx.t("record.caption")) + edit


def source_date(ctx: Ctx, src: Source) -> str:
    d = src.date
    if d.known and d.value:
        return fmt.iso_date(d.value, ctx.language)
    parts = [ctx.t("record.date_unknown")]
    if d.not_before:
        parts.append(ctx.t("record.not_before", date=fmt.iso_date(d.not_before, ctx.language)))
    if d.not_after:
        parts.append(ctx.t("record.not_after", date=fmt.iso_date(d.not_after, ctx.language)))
    text_ = "; ".join(parts)
    return f"{_sentence(text_)} {plain(ctx, d.note(ctx.lang))}" if d.note else text_


def _sentence(text_: str) -> str:
    """A text ended as a sentence: «13 декабря 2025 г.» keeps its one point, never «г..»."""
    return text_ if text_.endswith(".") else text_ + "."


def source_date_html(ctx: Ctx, src: Source) -> str:
    """The date row of a source record: its note's placeholders as links to the observations."""
    d = src.date
    if d.known and d.value or not d.note:
        return esc(source_date(ctx, src))
    head = esc(source_date(ctx, replace(src, date=replace(d, note=None))))
    return f"{_sentence(head)} {filled(ctx, d.note(ctx.lang))}"


def highlighted(text_: str, figs, lang: str | None = None) -> str:
    """The paragraph with every cited passage wrapped in <mark>; overlapping quotes are split
    into segments, each carrying the ids of all figures that quote it. With `lang`, `text_` is the
    paragraph's rendering in that language and the passages are the quotes' renderings."""
    cuts = {0, len(text_)}
    spans = []
    for f in figs:
        cite = f.citation
        if lang is None:
            words, occurrence = cite.quote, cite.occurrence or 1
        elif lang in cite.renderings:
            words, occurrence = cite.renderings(lang), 1
        else:
            continue
        for start, end in quotes.locate(words, text_, occurrence):
            spans.append((start, end, f.id))
            cuts.update((start, end))
    out = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:]):
        ids = [fid for s, e, fid in spans if s <= a and b <= e]
        piece = esc(text_[a:b])
        out.append(f'<mark class="dossier-quote" data-figs="{esc(" ".join(ids))}">{piece}</mark>' if ids else piece)
    return "".join(out)


def source_text(ctx: Ctx, src: Source) -> str:
    """Every paragraph, verbatim, with its anchor, number, highlights and citing figures; beside it
    the dossier's own rendering when the edition's language is not the source's (never in its own)."""
    out = []
    cite = esc(source_citation(ctx.dossier, ctx.lang, src))
    original_tag = esc(ctx.t("ui.original", language=ctx.dossier.languages.name(src.language, ctx.lang)))
    for p in src.paragraphs:
        figs = ctx.dossier.by_paragraph.get((src.id, p.id), ())
        anchor = links.paragraph_anchor(src.id, p.id)
        targets = "".join(f'<span class="dossier-cite-target" id="{esc(links.quote_anchor(f))}"></span>' for f in figs)
        original = f'<p class="dossier-src-para__text" lang="{esc(src.language)}"{CITED}>{highlighted(p.text, figs)}</p>'
        rendering = src.rendering(p, ctx.lang)
        if rendering is not None:  # the reader's language first: the dossier's rendering, then the original
            body = (f'<div class="dossier-src-para__pair">'
                    f'<div class="dossier-src-para__rendering"><p class="dossier-src-para__tag">{esc(ctx.t("ui.own_translation"))}</p>'
                    f'<p lang="{esc(ctx.lang)}"{CITED}>{highlighted(rendering, figs, ctx.lang)}</p></div>'
                    f'<div class="dossier-src-para__original">'
                    f'<p class="dossier-src-para__tag">{original_tag}</p>{original}</div></div>')
        else:
            body = original
        cited = ""
        if figs:
            items = "".join(
                f'<li><a href="{esc(ctx.url(links.FIGURES_PAGE, links.figure_anchor(f.id)))}"{figlink.gen_attr("value")}>'
                f'{esc(value_text(ctx, f))}</a> — {figlink.generated(esc, f.label(ctx.lang), "label")}{_used_on(ctx, f)}</li>' for f in figs)
            cited = f'<div class="dossier-src-para__cited"><p>{esc(ctx.t("ui.cited_by"))}</p><ul>{items}</ul></div>'
        para_notes = "".join(note_html(ctx, n) for n in ctx.dossier.paragraph_notes.get((src.id, p.id), ()))
        if para_notes:
            cited += f'<div class="dossier-src-para__notes">{para_notes}</div>'
        label = esc(ctx.t("ui.paragraph", n=p.number))
        out.append(f'<section class="dossier-src-para dossier-src-para--{esc(p.role)}" id="{esc(anchor)}" aria-label="{label}"'
                   f' data-cite="{cite}">{targets}'
                   f'<a class="dossier-src-para__num" href="#{esc(anchor)}" title="{label}"{figlink.gen_attr("paragraph-number")}>{p.number}</a>{body}{cited}</section>')
    return "\n".join(out) + "\n"


def _used_on(ctx: Ctx, fig: Figure) -> str:
    pages = [(links.partner_page(p), ctx.dossier.partner(p)) for p in fig.partners]
    pages += [(links.resource_page(r), ctx.dossier.resource(r)) for r in fig.resources]
    if not fig.partners and not fig.resources:
        return f' ({ctx.t("ui.used_on")}: <a href="{esc(ctx.url(links.OVERVIEW_PAGE, links.figure_anchor(fig.id)))}">{esc(ctx.t("ui.overview"))}</a>)'
    used = ", ".join(f'<a href="{esc(ctx.url(page, links.figure_anchor(fig.id)))}">{esc(e.name(ctx.lang))}</a>' for page, e in pages)
    return f" ({esc(ctx.t('ui.used_on'))}: {used})"


def highlight_css(figs) -> str:
    """CSS that highlights exactly the quoted words of the figure whose anchor is targeted, in a source's
    paragraph or in a referenced source's block. Works without JavaScript: the anchor is a sibling that
    precedes the text. hooks/highlight.py appends it to the site's stylesheet: pages carry no <style>."""
    rules = [f'[id="{links.quote_anchor(f)}"]:target ~ * mark[data-figs~="{f.id}"]' for f in figs]
    if not rules:
        return ""
    return ",\n".join(rules) + " { background: var(--dossier-hl); outline: 2px solid var(--dossier-hl-edge); }\n"
