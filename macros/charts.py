"""Charts drawn at build time: dossier + page language -> markup. No script needed.

Each chart is a <figure> of HTML text and small SVG drawings, and below it a table of the same
figures (the accessible alternative, in its own scroll box). The text is HTML, so it wraps to the
column it is given and keeps its size at every width; only the bars and the scale are SVG, drawn in
percent of the column's width (no viewBox: nothing is scaled down, text included). One layout for
narrow columns (the label above its bar) and one for wide ones (the label beside it): a container
query in dossier.css swaps them, on the chart's own width rather than the window's.

Every bar is a link to its figure's quoted words, its text the figure as the dossier formats it
(qualifier included). The only other numbers on a chart are its scale: round values the dossier
computes from the figures (`ticks`), marked as generated (figlink.GENERATED). Amounts in different
units are never drawn against one scale: a chart shows one panel, with its own scale, per unit.

Which figures a chart shows is read from the data (`CHARTS`), never from a list of ids.
The output is reproducible byte for byte: data order, Decimal arithmetic, fixed rounding, no ids from counters.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from . import figlink, fmt, links
from .inline import Ctx, esc, fig_link, value_text
from .model import Dossier, Figure
from .render import period_text

BAR_H = 18  # px: the height of a bar (its SVG), at every width
AXIS_H = 26  # px: the scale's SVG, its tick labels and tick marks
TICK_Y = 15  # px: the baseline of a tick label inside the scale's SVG
MOST_STEPS = 5  # a scale has at most this many steps between its ticks (readable at 320 px)
STEPS = (Decimal(1), Decimal(2), Decimal(5))  # times a power of ten: round steps (no 2.5: no half-step labels like 7.5)
SHARE_TICKS = (Decimal(0), Decimal(25), Decimal(50), Decimal(75), Decimal(100))  # quarters of the whole
OPEN_ABOVE = frozenset({"more-than", "at-least"})  # qualifiers whose figure may lie beyond its number


@dataclass(frozen=True)
class Chart:
    name: str
    select: Callable[[Dossier], tuple[Figure, ...]]
    by_partner: bool  # group the bars under partner names
    whole: bool  # True: each bar is a share drawn against the whole; False: amounts on a scale of their unit
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
            f'{drawing(ctx, spec, figs)}{table(ctx, name, figs)}</figure>')


# --- the scale -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Scale:
    """A value axis: `ticks` from 0 to its end, in `unit` divided by 10**`exponent` (9: billions)."""
    unit: str | None
    exponent: int
    ticks: tuple[Decimal, ...]

    @property
    def end(self) -> Decimal:
        return self.ticks[-1]

    def at(self, value) -> Decimal:
        """Where `value` (in the figure's own unit) lies on the scale, in percent of its length."""
        return self.tick_at(Decimal(str(value)).scaleb(-self.exponent))

    def tick_at(self, tick: Decimal) -> Decimal:
        """Where a value in the scale's units (a tick) lies, in percent of its length."""
        return min(max(tick / self.end * 100, Decimal(0)), Decimal(100))


def ticks(top: Decimal, open_above: bool = False) -> tuple[Decimal, ...]:
    """Round ticks from 0 to `top` or just past it: steps of 1, 2 or 5 times a power of ten, the
    smallest that needs at most MOST_STEPS steps. `open_above`: the largest figure is "more than" `top`,
    so the scale goes a step beyond it (a bar that ends at the scale's end would read as its limit)."""
    if top <= 0:
        return (Decimal(0), Decimal(1))
    power = (top / MOST_STEPS).adjusted()  # the power of ten of the smallest step that could do
    while True:
        for m in STEPS:
            step = m.scaleb(power)
            n = int((top / step).to_integral_value(ROUND_FLOOR)) + 1 if open_above else int((top / step).to_integral_value(ROUND_CEILING))
            if n <= MOST_STEPS:
                return tuple(_plain(step * i) for i in range(max(n, 1) + 1))
        power += 1


def _plain(x: Decimal) -> Decimal:
    """50, not 5E+1 or 50.0: the same digits on every machine."""
    return x.quantize(Decimal(1)) if x == x.to_integral_value() else x.normalize()


def scales(spec: Chart, figs: tuple[Figure, ...]) -> dict[str | None, Scale]:
    """One scale per unit, in the order the units first appear. Shares: 0 to 100 %, in quarters."""
    if spec.whole:
        return {unit: Scale(unit, 0, SHARE_TICKS) for unit in dict.fromkeys(f.unit for f in figs)}
    out: dict[str | None, Scale] = {}
    for unit in dict.fromkeys(f.unit for f in figs):
        members = [f for f in figs if f.unit == unit]
        largest = max(members, key=lambda f: Decimal(str(f.value)))
        top = Decimal(str(largest.value))
        exponent = fmt.exponent(top)  # the scale word the figures' own text uses: 200 billion -> 9
        opened = any(f.qualifier in OPEN_ABOVE and Decimal(str(f.value)) == top for f in members)
        out[unit] = Scale(unit, exponent, ticks(top.scaleb(-exponent), open_above=opened))
    return out


def tick_text(ctx: Ctx, spec: Chart, value: Decimal) -> str:
    """A tick's label in the page's language: 25 %, 25%; 2,5; 2.5 (the scale word is in the axis title)."""
    return fmt.percent(value, ctx.language) if spec.whole else fmt.amount(value, ctx.language)


def axis_title(ctx: Ctx, spec: Chart, scale: Scale) -> str:
    """What the scale counts, in the page's language: "Amount, US$ billion"; "Share of the whole"."""
    if spec.whole:
        return ctx.t(f"chart.{spec.name}.axis")
    unit = ctx.t(f"chart.unit.{scale.unit}", scale=fmt.scale_word(scale.exponent, ctx.language)).strip()
    return ctx.t(f"chart.{spec.name}.axis", unit=unit)


def _pc(x: Decimal) -> str:
    """A position in percent, rounded the same way on every machine: 0%, 28%, 33.33%."""
    return f"{x.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".") + "%"


def _tick_class(i: int, count: int) -> str:
    """The first label starts at its tick and the last ends at it (they stay inside the column); the rest are centred."""
    return " dossier-chart__tick--first" if i == 0 else " dossier-chart__tick--last" if i == count - 1 else ""


def axis(ctx: Ctx, spec: Chart, scale: Scale) -> str:
    """The scale above a panel: its title, and tick labels and tick marks along the bars' column."""
    title = axis_title(ctx, spec, scale)
    shown = [tick_text(ctx, spec, t) for t in scale.ticks]
    name = ctx.t("chart.scale", title=title, start=shown[0], end=shown[-1])
    labels = "".join(
        f'<text class="dossier-chart__tick{_tick_class(i, len(shown))}" x="{_pc(scale.tick_at(t))}" '
        f'y="{TICK_Y}"{figlink.gen_attr("scale")}>{esc(s)}</text>' for i, (t, s) in enumerate(zip(scale.ticks, shown)))
    marks = "".join(f'<rect class="dossier-chart__tick-mark" x="{_pc(scale.tick_at(t))}" y="{TICK_Y + 4}" '
                    f'width="1" height="{AXIS_H - TICK_Y - 4}"/>' for t in scale.ticks)
    return (f'<div class="dossier-chart__axis-row">'
            f'<p class="dossier-chart__axis-title">{esc(title)}</p>'
            f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-chart__axis" width="100%" height="{AXIS_H}" '
            f'role="img" aria-label="{esc(name)}">{marks}{labels}</svg></div>')


# --- the drawing ---------------------------------------------------------------------------

OTHER_DEFINITION = "another-definition"  # an observation's editorial verdict: the source counts something else


def _other_definition(ctx: Ctx, fig: Figure) -> bool:
    """An observation says the figure's source counts something other than what the chart shows
    (e.g. Belt and Road "engagement", contracts and investment together, drawn as investment)."""
    return any(o.verdict.kind == OTHER_DEFINITION for o in ctx.dossier.observations_of.get(fig.id, ()))


def _label(ctx: Ctx, fig: Figure) -> str:
    period = period_text(ctx, fig)
    return f"{fig.label(ctx.lang)} ({period})" if period else fig.label(ctx.lang)


def drawing(ctx: Ctx, spec: Chart, figs: tuple[Figure, ...]) -> str:
    """The chart itself: caveat, one panel per unit (its scale, then its bars), the key and how to read it."""
    parts: list[str] = []
    if spec.caveat:
        parts.append(f'<p class="dossier-chart__caveat">{esc(ctx.t(f"chart.{spec.name}.caveat"))}</p>')
    for unit, scale in scales(spec, figs).items():
        rows, group = [], None
        for fig in (f for f in figs if f.unit == unit):
            if spec.by_partner and fig.partners != group:
                group = fig.partners
                names = ", ".join(ctx.dossier.partner(p).name(ctx.lang) for p in fig.partners)
                rows.append(f'<p class="dossier-chart__group">{esc(names)}</p>')
            rows.append(_row(ctx, spec, fig, scale))
        parts.append(f'<div class="dossier-chart__panel">{axis(ctx, spec, scale)}{"".join(rows)}</div>')
    if any(_other_definition(ctx, f) for f in figs):  # the key to the outlined bars (not colour alone: a dashed outline, a lighter fill)
        parts.append(f'<p class="dossier-chart__key">'
                     f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-chart__key-swatch" width="24" height="14" aria-hidden="true">'
                     f'<rect class="dossier-chart__bar dossier-chart__bar--{OTHER_DEFINITION}" x="1" y="1" width="22" height="12"/></svg> '
                     f'{esc(ctx.t("chart.another_definition"))}</p>')
    parts.append(f'<p class="dossier-chart__how">{esc(ctx.t(f"chart.{spec.name}.how"))}</p>')
    return f'<div class="dossier-chart">{"".join(parts)}</div>'


def _row(ctx: Ctx, spec: Chart, fig: Figure, scale: Scale) -> str:
    """One figure: its label, then its value and bar as one link to the figure's quote in its source."""
    value = value_text(ctx, fig)
    other = _other_definition(ctx, fig)
    label = f"{_label(ctx, fig)} ({ctx.t('verdict.' + OTHER_DEFINITION)})" if other else _label(ctx, fig)
    name = ctx.t("chart.mark", label=label, value=value)
    kind = f" dossier-chart__bar--{OTHER_DEFINITION}" if other else ""
    href = links.quote_href(ctx.page, fig)
    grid = "".join(f'<rect class="dossier-chart__grid" x="{_pc(scale.tick_at(t))}" y="0" width="1" height="{BAR_H}"/>'
                   for t in scale.ticks[1:])
    track = f'<rect class="dossier-chart__track" x="0" y="0" width="100%" height="{BAR_H}"/>' if spec.whole else ""
    length = max(scale.at(fig.value), Decimal("0.5"))  # a figure near zero still shows a sliver
    return (f'<div class="dossier-chart__row">'
            f'<p class="dossier-chart__label"{figlink.gen_attr("label")}>{esc(_label(ctx, fig))}</p>'
            f'<a class="dossier-chart__mark" href="{esc(href)}" aria-label="{esc(name)}" data-fig="{esc(fig.id)}">'
            f'<span class="dossier-chart__value">{esc(value)}</span>'
            f'<svg xmlns="http://www.w3.org/2000/svg" class="dossier-chart__bars" width="100%" height="{BAR_H}" aria-hidden="true">'
            f'{track}{grid}<rect class="dossier-chart__bar dossier-chart__bar--{esc(fig.qualifier)}{kind}" x="0" y="0" '
            f'width="{_pc(length)}" height="{BAR_H}"/><rect class="dossier-chart__zero" x="0" y="0" width="1" height="{BAR_H}"/></svg></a></div>')


# --- the table below it --------------------------------------------------------------------

def _other_note(ctx: Ctx, fig: Figure) -> str:
    if not _other_definition(ctx, fig):
        return ""
    return f' <strong class="dossier-chart__other">({esc(ctx.t("verdict." + OTHER_DEFINITION))})</strong>'


def table(ctx: Ctx, name: str, figs: tuple[Figure, ...]) -> str:
    """The chart's figures as a table, in a box of its own that scrolls sideways when the table is
    wider than the column (never the page): focusable and named, so a keyboard can scroll it."""
    caption = ctx.t("chart.data", title=ctx.t(f"chart.{name}.title"))
    head = "".join(f'<th scope="col">{esc(ctx.t(k))}</th>' for k in ("table.value", "table.measures", "table.partners"))
    rows = "".join(
        f'<tr><td>{fig_link(ctx, f)}</td><td{figlink.gen_attr("label")}>{esc(_label(ctx, f))}{_other_note(ctx, f)}</td>'
        f'<td>{esc(", ".join(ctx.dossier.partner(p).name(ctx.lang) for p in f.partners)) or "—"}</td></tr>'
        for f in figs)
    return (f'<div class="dossier-chart-table" role="region" aria-label="{esc(caption)}" tabindex="0">'
            f'<table class="dossier-chart-table__table"><caption>{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>')
