"""Charts drawn at build time as SVG: dossier + page language -> markup. No script needed.

Each chart is a <figure>: an inline SVG (real <text>, so it prints and can be selected) and,
beside it, a table of the same figures as the accessible alternative. Every bar is a link to
its figure's quoted words. A chart prints no number of its own: the text on a bar is the
figure as the dossier formats it (qualifier included), there is no numeric axis.

Which figures a chart shows is read from the data (`CHARTS`), never from a list of ids.
The output is reproducible byte for byte: data order, fixed rounding, no ids from counters.
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from . import figlink, links
from .model import Dossier, Figure
from .render import Ctx, esc, fig_link, period_text, value_text

WIDTH = 640  # px at full size (text at its CSS size); narrower columns scale the whole SVG down
BAR_MAX = 360  # the longest bar (investment) or the whole (shares)
BAR_H = 18
INDENT = 12
WRAP = 84  # characters per line of running text inside the chart


@dataclass(frozen=True)
class Chart:
    name: str
    select: Callable[[Dossier], tuple[Figure, ...]]
    by_partner: bool  # group the bars under partner names
    whole: bool  # True: each bar is a share drawn against the whole; False: bars scaled to the largest
    caveat: bool  # print the chart's caveat string on the chart


def _investment(d: Dossier) -> tuple[Figure, ...]:
    """Money the source reports a partner investing or signing: kind money, with partners."""
    order = {p.id: i for i, p in enumerate(d.partners)}
    figs = [f for f in d.figures if f.kind == "money" and f.partners and f.value is not None]
    return tuple(sorted(figs, key=lambda f: order[f.partners[0]]))  # stable: data order within a partner


def _shares(d: Dossier) -> tuple[Figure, ...]:
    return tuple(f for f in d.figures if f.kind == "share" and f.value is not None)


CHARTS = {
    "investment": Chart("investment", _investment, by_partner=True, whole=False, caveat=True),
    "shares": Chart("shares", _shares, by_partner=False, whole=True, caveat=False),
}


class UnknownChart(KeyError):
    def __init__(self, name: str):
        self.what = f"unknown chart '{name}'"
        self.fix = f"use one of: {', '.join(sorted(CHARTS))}"
        super().__init__(f"{self.what} — {self.fix}")

    def __str__(self) -> str:
        return self.args[0]


def chart(ctx: Ctx, name: str) -> str:
    """The chart `name` with its data table, for the page in `ctx`."""
    if name not in CHARTS:
        raise UnknownChart(name)
    spec = CHARTS[name]
    figs = spec.select(ctx.dossier)
    if not figs:
        raise KeyError(f"chart '{name}' has no figures to show — see CHARTS in macros/charts.py for what it selects")
    title = ctx.t(f"chart.{name}.title")
    return (f'<figure class="dossier-chart-figure dossier-chart-figure--{name}" id="chart-{name}">'
            f'<figcaption class="dossier-chart-figure__title">{esc(title)}</figcaption>'
            f'{svg(ctx, spec, figs)}{table(ctx, name, figs)}</figure>')


# --- the SVG -------------------------------------------------------------------------------

def _n(x: float) -> str:
    """A coordinate, rounded the same way on every machine: 12, 12.5."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _lines(x: float, y: float, text: str, cls: str, step: float = 18, marked: str = "") -> tuple[str, float]:
    """Wrapped running text as one <text> with a <tspan> per line; returns (markup, next y).
    `marked`: what the dossier generated it from (figlink.GENERATED), for a figure's label and period."""
    rows = textwrap.wrap(text, WRAP) or [""]
    spans = "".join(f'<tspan x="{_n(x)}" y="{_n(y + i * step)}">{esc(r)}</tspan>' for i, r in enumerate(rows))
    attr = figlink.gen_attr(marked) if marked else ""
    return f'<text class="{cls}"{attr}>{spans}</text>', y + len(rows) * step


OTHER_DEFINITION = "another-definition"  # an observation's editorial verdict: the source counts something else


def _other_definition(ctx: Ctx, fig: Figure) -> bool:
    """An observation says the figure's source counts something other than what the chart shows
    (e.g. Belt and Road "engagement", contracts and investment together, drawn as investment)."""
    return any(o.verdict.kind == OTHER_DEFINITION for o in ctx.dossier.observations_of.get(fig.id, ()))


def _label(ctx: Ctx, fig: Figure) -> str:
    period = period_text(ctx, fig)
    return f"{fig.label(ctx.lang)} ({period})" if period else fig.label(ctx.lang)


def _scale(spec: Chart, figs: tuple[Figure, ...]) -> dict[str, float]:
    """Bar length per figure. Shares: part of the whole. Amounts: against the largest of the same unit."""
    if spec.whole:
        return {f.id: BAR_MAX * min(float(f.value), 100.0) / 100.0 for f in figs}
    largest: dict[str | None, float] = {}
    for f in figs:
        largest[f.unit] = max(largest.get(f.unit, 0.0), float(f.value))
    return {f.id: BAR_MAX * float(f.value) / largest[f.unit] for f in figs}


def svg(ctx: Ctx, spec: Chart, figs: tuple[Figure, ...]) -> str:
    title_id, desc_id = f"chart-{spec.name}-title", f"chart-{spec.name}-desc"
    how = ctx.t(f"chart.{spec.name}.how")
    caveat = ctx.t(f"chart.{spec.name}.caveat") if spec.caveat else ""
    parts: list[str] = []
    y = 18.0
    if caveat:
        top = y - 13
        text_, y = _lines(INDENT, y, caveat, "dossier-chart__caveat")
        parts.append(f'<rect class="dossier-chart__caveat-rule" x="0" y="{_n(top)}" width="4" height="{_n(y - top - 4)}"/>{text_}')
        y += 10
    lengths = _scale(spec, figs)
    group = None
    for fig in figs:
        if spec.by_partner and fig.partners != group:
            group = fig.partners
            names = ", ".join(ctx.dossier.partner(p).name(ctx.lang) for p in fig.partners)
            parts.append(f'<text class="dossier-chart__group" x="0" y="{_n(y + 6)}">{esc(names)}</text>')
            y += 26
        text_, y = _lines(INDENT, y, _label(ctx, fig), "dossier-chart__label", marked="label")
        parts.append(text_)
        parts.append(_mark(ctx, spec, fig, y - 12, lengths[fig.id]))
        y += BAR_H + 16
    legend = ctx.t("chart.another_definition") if any(_other_definition(ctx, f) for f in figs) else ""
    if legend:  # the key to the outlined bars, beside them (not colour alone: a dashed outline and a hatch-free lighter fill)
        parts.append(f'<rect class="dossier-chart__bar dossier-chart__bar--{OTHER_DEFINITION} dossier-chart__key" x="0" y="{_n(y - 12)}" width="24" height="14"/>')
        text_, y = _lines(32, y, legend, "dossier-chart__how")
        parts.append(text_)
        y += 6
    text_, y = _lines(0, y, how, "dossier-chart__how")
    parts.append(text_)
    height = y - 4
    # No role: the SVG's own (graphics-document) keeps the bar links reachable; role="img" would hide
    # them and "group" is not allowed on <svg> (Nu HTML Checker). The name and description come from
    # <title> and <desc>.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-chart-svg" width="{WIDTH}" height="{_n(height)}" viewBox="0 0 {WIDTH} {_n(height)}" '
            f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
            f'<title id="{title_id}">{esc(ctx.t(f"chart.{spec.name}.title"))}</title>'
            f'<desc id="{desc_id}">{esc(" ".join(x for x in (caveat, legend, how) if x))}</desc>'
            + "".join(parts) + "</svg>")


def _mark(ctx: Ctx, spec: Chart, fig: Figure, top: float, length: float) -> str:
    """One bar and its value, as a link to the figure's quote in its source."""
    value = value_text(ctx, fig)
    other = _other_definition(ctx, fig)
    label = f"{_label(ctx, fig)} ({ctx.t('verdict.' + OTHER_DEFINITION)})" if other else _label(ctx, fig)
    name = ctx.t("chart.mark", label=label, value=value)
    kind = f" dossier-chart__bar--{OTHER_DEFINITION}" if other else ""
    href = links.quote_href(ctx.page, fig)
    track = (f'<rect class="dossier-chart__track" x="{INDENT}" y="{_n(top)}" width="{BAR_MAX}" height="{BAR_H}"/>'
             if spec.whole else "")
    value_x = INDENT + (BAR_MAX if spec.whole else length) + 8
    return (f'<a class="dossier-chart__mark" href="{esc(href)}" aria-label="{esc(name)}" data-fig="{esc(fig.id)}">'
            f'<title>{esc(name)}</title>{track}'
            f'<rect class="dossier-chart__bar dossier-chart__bar--{esc(fig.qualifier)}{kind}" x="{INDENT}" y="{_n(top)}" '
            f'width="{_n(max(length, 2.0))}" height="{BAR_H}"/>'
            f'<text class="dossier-chart__value" x="{_n(value_x)}" y="{_n(top + 14)}">{esc(value)}</text></a>')


# --- the table beside it -------------------------------------------------------------------

def _other_note(ctx: Ctx, fig: Figure) -> str:
    if not _other_definition(ctx, fig):
        return ""
    return f' <strong class="dossier-chart__other">({esc(ctx.t("verdict." + OTHER_DEFINITION))})</strong>'


def table(ctx: Ctx, name: str, figs: tuple[Figure, ...]) -> str:
    head = "".join(f'<th scope="col">{esc(ctx.t(k))}</th>' for k in ("table.value", "table.measures", "table.partners"))
    rows = "".join(
        f'<tr><td>{fig_link(ctx, f)}</td><td{figlink.gen_attr("label")}>{esc(_label(ctx, f))}{_other_note(ctx, f)}</td>'
        f'<td>{esc(", ".join(ctx.dossier.partner(p).name(ctx.lang) for p in f.partners)) or "—"}</td></tr>'
        for f in figs)
    return (f'<table><caption>{esc(ctx.t("chart.data", title=ctx.t(f"chart.{name}.title")))}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
