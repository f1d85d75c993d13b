"""Other sources on the pages (issue 11): "What other sources say" under a figure, the "Where sources
disagree" list and the references page, built from the inline pieces of macros/inline.py (observation
links, notes with their placeholders filled)."""
from __future__ import annotations

from babel import Locale

from . import figlink, fmt, links
from .inline import (
    CITED,
    DISPUTED,
    Ctx,
    citation_text,
    esc,
    fig_link,
    filled,
    obs_link,
    passage_url,
    plain,
    publisher,
    quote_rendering,
    ref_href,
    when_text,
)
from .model import SERIOUSNESS, VERDICTS, Figure, L10n, Observation

BADGES = ("differs", "another-definition", "another-period", "unconfirmed", "note")  # inline.badge_kind's

REFERENCES_PAGE = links.REFERENCES_PAGE
DISAGREEMENTS_PAGE = links.DISAGREEMENTS_PAGE
reference_anchor = links.reference_anchor


def plain_glossary(dossier) -> tuple:
    """The glossary with the {obs:…} of its definitions replaced by the values as plain text: the
    tooltips (markdown `abbr` titles) carry no link. The terms themselves when none cites one."""
    from dataclasses import replace as with_

    if not any("{" in t.definition(lang) for t in dossier.glossary for lang in t.definition):
        return dossier.glossary
    published = dossier.languages.published

    def text(term, lang):
        return plain(Ctx(dossier, lang, "glossary.md"), term.definition(lang)) if lang in published else term.definition(lang)
    return tuple(with_(t, definition=L10n({lang: text(t, lang) for lang in t.definition})) for t in dossier.glossary)


def verdict_text(ctx: Ctx, o: Observation) -> str:
    """The verdict as a reader reads it: its word, the size of a difference, and what qualifies it (the
    tolerance's edge, a period the figure does not state), never hidden."""
    v = o.verdict
    label = ctx.t(f"verdict.{v.kind}")
    if v.kind == "differs" and v.difference is not None:
        fig = ctx.dossier.figure_by_id[o.figure]
        sign = "+" if v.difference > 0 else "−"
        if fig.kind == "share":
            shown = fmt.bound(ctx.t("verdict.points", n=fmt.amount(round(abs(v.difference), 1), ctx.language)))
        elif v.relative is not None:
            shown = fmt.percent(round(abs(v.relative) * 100), ctx.language)
        else:
            shown = fmt.amount(abs(v.difference), ctx.language)
        label = f"{label}: {sign}{shown}"
    qualifiers = []
    if v.edge:
        qualifiers.append(ctx.t("verdict.edge"))
    if v.period_unstated and o.as_of:
        qualifiers.append(ctx.t("verdict.period_unstated", as_of=when_text(ctx, o)))
    return label + (f" ({'; '.join(qualifiers)})" if qualifiers else "")


def obs_item(ctx: Ctx, o: Observation) -> str:
    when = f' <span class="dossier-fig-obs__as-of"{figlink.gen_attr("as-of")}>({esc(when_text(ctx, o))})</span>' if o.as_of else ""
    note = f' <span class="dossier-fig-obs__note">{esc(o.verdict.note(ctx.lang))}</span>' if o.verdict.note else ""
    return (f'<li class="dossier-fig-obs__item dossier-fig-obs--{esc(o.verdict.kind)}">'
            f'<a href="{esc(ref_href(ctx, o.source))}"{figlink.gen_attr("record")}>{esc(publisher(ctx, o, o.source))}</a>{when}: {obs_link(ctx, o)} — '
            f'<span class="dossier-fig-obs__verdict"{figlink.gen_attr("verdict")}>{esc(verdict_text(ctx, o))}</span>.{note}</li>')


def figure_block(ctx: Ctx, fig: Figure, only=None) -> str:
    """"What other sources say" under a figure (`only`: those verdicts alone); with none recorded, that
    the figure is unconfirmed and what was searched."""
    found = [o for o in ctx.dossier.observations_of.get(fig.id, ()) if only is None or o.verdict.kind in only]
    head = f'<p class="dossier-fig-obs__title">{esc(ctx.t("obs.title"))}</p>'
    if not found:
        why = (f'<p class="dossier-fig-obs__searched"><strong>{esc(ctx.t("obs.none_searched"))}:</strong> '
               f'{filled(ctx, fig.unconfirmed.searched(ctx.lang), fig)}</p>') if fig.unconfirmed else ""
        return (f'<div class="dossier-fig-obs dossier-fig-obs--none">{head}<p>{esc(ctx.t("obs.none"))}.</p>{why}</div>')
    return f'<div class="dossier-fig-obs">{head}<ul>{"".join(obs_item(ctx, o) for o in found)}</ul></div>'


def disagreements(ctx: Ctx) -> str:
    """The figures whose other sources differ, count something else or speak of another period, the most
    serious first (then the largest difference): for each, who says what, and what the verdict means."""
    rank = {k: i for i, k in enumerate(SERIOUSNESS)}
    entries = []
    for n, fig in enumerate(ctx.dossier.figures):
        flagged = [o for o in ctx.dossier.observations_of.get(fig.id, ()) if o.verdict.kind in DISPUTED]
        if flagged:
            worst = min(rank[o.verdict.kind] for o in flagged)
            size = max((abs(o.verdict.relative or 0) for o in flagged if rank[o.verdict.kind] == worst), default=0)
            entries.append((worst, -size, n, fig, flagged))
    if not entries:
        return f'<p>{esc(ctx.t("obs.no_disagreements"))}</p>'
    out = []
    for worst, _, _, fig, flagged in sorted(entries, key=lambda e: e[:3]):
        kind = SERIOUSNESS[worst]
        target = esc(ctx.url(links.FIGURES_PAGE, links.figure_anchor(fig.id)))
        others = len(ctx.dossier.observations_of.get(fig.id, ())) - len(flagged)
        more = (f'<p class="dossier-disagreement__others"{figlink.gen_attr("count")}>{esc(ctx.plural("obs.others_agree", others))}</p>' if others else "")
        out.append(f'<li class="dossier-disagreement" id="{esc(links.figure_anchor(fig.id))}">'
                   f'<p><a href="{target}"{figlink.gen_attr("label")}>{esc(fig.label(ctx.lang))}</a>: {fig_link(ctx, fig)}</p>'
                   f'<p class="dossier-disagreement__why">{esc(ctx.t(f"verdict.explain.{kind}"))}.</p>'
                   f'{figure_block(ctx, fig, only=DISPUTED)}{more}</li>')
    return f'<ul class="dossier-disagreements">{"".join(out)}</ul>'


def verdict_legend(ctx: Ctx) -> str:
    """Every badge and verdict with what it means, in the page's language (the method page)."""
    badges = "".join(f'<dt><span class="dossier-badge dossier-badge--{k}">{esc(ctx.t(f"badge.{k}"))}</span></dt>'
                     f'<dd>{esc(ctx.t(f"verdict.explain.{k}"))}.</dd>' for k in (*BADGES,))
    verdicts = "".join(f'<dt>{esc(ctx.t(f"verdict.{k}"))}</dt><dd>{esc(ctx.t(f"verdict.explain.{k}"))}.</dd>'
                       for k in VERDICTS)
    return (f'<dl class="dossier-legend dossier-legend--badges">{badges}</dl>'
            f'<p>{esc(ctx.t("obs.legend_verdicts"))}</p><dl class="dossier-legend">{verdicts}</dl>')


def language_name(ctx: Ctx, code: str) -> str:
    """A language by name in the page's language: data/languages.yml's, else Babel's, else the code."""
    if code in ctx.dossier.languages.by_code:
        return ctx.dossier.languages.name(code, ctx.lang)
    return Locale.parse(ctx.language.locale).languages.get(code, code)


def references(ctx: Ctx) -> str:
    """Every referenced source's record, with the observations and figures it supports."""
    d, lang = ctx.dossier, ctx.lang
    out = []
    for ref in sorted(d.references.values(), key=lambda r: r.id):
        title = (f'<span lang="{esc(ref.title_language or ref.language)}">{esc(d.languages[lang].quoted(ref.title))}</span>'
                 if ref.title else esc(ref.title_note(lang)))
        rows = [("ref.publisher", esc(ref.publisher(lang))), ("ref.kind", esc(ref.kind(lang))), ("ref.title", title)]
        if ref.authors:
            rows.append(("ref.authors", esc(", ".join(a.name(lang) for a in ref.authors))))
        published = fmt.iso_date(ref.published, ctx.language) if ref.published else ref.published_note(lang)
        rows += [("ref.published", esc(published)), ("ref.url", f'<a href="{esc(ref.url)}">{esc(ref.url)}</a>'),
                 ("ref.accessed", esc(fmt.iso_date(ref.accessed, ctx.language))),
                 ("ref.language", esc(language_name(ctx, ref.language)))]
        cited = [o for o in d.observations if o.source == ref.id]
        items = "".join(
            f'<li>{obs_link(ctx, o)} — <a href="{esc(ctx.url(links.FIGURES_PAGE, links.figure_anchor(o.figure)))}">'
            f'{esc(d.figure_by_id[o.figure].label(lang))}</a> ({figlink.generated(esc, verdict_text(ctx, o), "verdict")})</li>' for o in cited)
        body = "".join(f'<dt>{esc(ctx.t(k))}</dt><dd{figlink.gen_attr("record")}>{v}</dd>' for k, v in rows)
        observed = f'<p>{esc(ctx.t("ref.cited_by"))}</p><ul>{items}</ul>' if items else ""
        out.append(f'<section class="dossier-ref-record" id="{esc(reference_anchor(ref.id))}">'
                   f'<h2{figlink.gen_attr("record")}>{esc(ref.publisher(lang))}: {title}</h2><dl>{body}</dl>'
                   f'{observed}{quoted_blocks(ctx, ref)}</section>')
    return "\n".join(out) + "\n"


def quoted_blocks(ctx: Ctx, ref) -> str:
    """The words the dossier quotes from a referenced source, one block per distinct quote, as a source
    page shows a paragraph (figure links land here, the preview card reads it): the words as written,
    beside the dossier's rendering in another edition's language, what they state in the dossier's own
    words, the figures they state, and the way on to the publisher's page with the words highlighted."""
    d, lang = ctx.dossier, ctx.lang
    by_quote: dict[str, list[Figure]] = {}
    for f in d.figures:
        if f.citation.referenced and f.citation.source == ref.id:
            by_quote.setdefault(f.citation.quote, []).append(f)
    if not by_quote:
        return ""
    blocks = []
    cite = esc(citation_text(d, lang, next(iter(by_quote.values()))[0].citation))
    for quote_, figs in by_quote.items():
        first = figs[0].citation
        ids = " ".join(f.id for f in figs)
        targets = "".join(f'<span class="dossier-cite-target" id="{esc(links.quote_anchor(f))}"></span>' for f in figs)
        original = (f'<p class="dossier-src-para__text" lang="{esc(ref.language)}"{CITED}>'
                    f'<mark class="dossier-quote" data-figs="{esc(ids)}">{esc(quote_)}</mark></p>')
        rendered = quote_rendering(d, lang, first)
        if rendered is not None:
            tag = esc(ctx.t("ui.original", language=d.languages.name(ref.language, lang)))
            text_ = (f'<div class="dossier-src-para__pair"><div class="dossier-src-para__rendering">'
                     f'<p class="dossier-src-para__tag">{esc(ctx.t("ui.own_translation"))}</p>'
                     f'<p lang="{esc(lang)}"{CITED}><mark class="dossier-quote" data-figs="{esc(ids)}">{esc(rendered)}</mark></p></div>'
                     f'<div class="dossier-src-para__original"><p class="dossier-src-para__tag">{tag}</p>{original}</div></div>')
        else:
            text_ = original
        states = "".join(f'<p class="dossier-ref-quote__states"><strong>{esc(ctx.t("ui.states"))}:</strong> '
                         f'{filled(ctx, f.citation.states(lang), f, linked=False)}</p>' for f in figs if f.citation.states)
        stated = ", ".join(f'<a href="{esc(ctx.url(links.FIGURES_PAGE, links.figure_anchor(f.id)))}">{esc(f.label(lang))}</a>'
                           for f in figs)
        url = passage_url(d, ctx.site_url or "", lang, first)
        blocks.append(
            f'<section class="dossier-src-para dossier-ref-quote" id="{esc(links.referenced_quote_anchor(first))}"'
            f' aria-label="{esc(ctx.t("ui.quoted_words"))}" data-cite="{cite}">{targets}{text_}{states}'
            f'<p class="dossier-ref-quote__open"><a href="{esc(url)}">{esc(ctx.t("ref.open_quote"))}</a></p>'
            f'<div class="dossier-src-para__cited"><p>{esc(ctx.t("ref.figures"))}</p><p>{stated}</p></div></section>')
    return f'<p>{esc(ctx.t("ref.quoted"))}</p>' + "".join(blocks)
