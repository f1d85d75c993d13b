"""Charts drawn at build time: well-formed markup, every bar a link to its quote, a labelled scale,
only sourced numbers besides it, a layout that holds from a phone to a wide screen."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest

from macros import charts, figlink, fmt, links
from macros.i18n import text
from macros.inline import Ctx
from macros.languages import published
from macros.load import load_dossier
from macros.model import L10n, Observation, Verdict, Where
from tests.browser import screenshot
from tests.helpers import ROOT, real_dossier

LANGS = published()  # the editions, from data/languages.yml

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
SVG = "{http://www.w3.org/2000/svg}"
PAGE = "charts.md"
# What each chart must show, restated from the data rule (not from a list of ids).
EXPECTED = {
    "investment": {f.id for f in DOSSIER.figures if f.kind == "money" and f.partners},
    "shares": {f.id for f in DOSSIER.figures if f.kind == "share"},
}


def render(name: str, lang: str, page: str = PAGE, dossier=DOSSIER) -> str:
    return charts.chart(Ctx(dossier, lang, page), name)


def figure_of(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # raises if the chart is not well-formed (HTML written as XML, SVG in its namespace)


def classed(root: ET.Element, cls: str, tag: str | None = None) -> list[ET.Element]:
    return [el for el in root.iter() if cls in (el.get("class") or "").split() and (tag is None or el.tag == tag)]


def marks(root: ET.Element) -> list[ET.Element]:
    return classed(root, "dossier-chart__mark", "a")


def drawing(root: ET.Element) -> ET.Element:
    [found] = classed(root, "dossier-chart", "div")
    return found


def axes(root: ET.Element) -> list[ET.Element]:
    return classed(root, "dossier-chart__axis", f"{SVG}svg")


def ticks_shown(axis: ET.Element) -> list[str]:
    return [t.text for t in axis.iter(f"{SVG}text")]


def pct(el: ET.Element, attr: str) -> float:
    value = el.get(attr)
    assert value.endswith("%"), value
    return float(value[:-1])


CASES = [(name, lang) for name in charts.CHARTS for lang in LANGS]


def test_each_chart_selects_its_figures_from_the_data():
    assert set(EXPECTED) == set(charts.CHARTS)
    for name, ids in EXPECTED.items():
        assert len(ids) >= 5, name  # the dossier has at least five of each
        assert {f.id for f in charts.CHARTS[name].select(DOSSIER)} == ids


@pytest.mark.parametrize("name,lang", CASES)
def test_chart_is_well_formed_and_named(name, lang):
    fig = figure_of(render(name, lang))
    assert fig.tag == "figure" and fig.get("id") == f"chart-{name}"
    assert fig.find("figcaption").text == text(DOSSIER.strings, f"chart.{name}.title", lang)
    for bars in classed(fig, "dossier-chart__bars", f"{SVG}svg"):  # a drawing inside its link, named by the link
        assert bars.get("aria-hidden") == "true" and bars.get("viewBox") is None
    for axis in axes(fig):  # one image with a name that says what it counts and how far
        assert axis.get("role") == "img" and axis.get("viewBox") is None
        shown = ticks_shown(axis)
        assert shown[0] in axis.get("aria-label") and shown[-1] in axis.get("aria-label")


@pytest.mark.parametrize("name,lang", CASES)
def test_every_mark_links_to_its_figures_quote(name, lang):
    ctx = Ctx(DOSSIER, lang, PAGE)
    found = set()
    for a in marks(figure_of(render(name, lang))):
        fig = DOSSIER.figure_by_id[a.get("data-fig")]
        assert a.get("href") == ctx.url(links.cited_page(fig.citation), links.quote_anchor(fig))
        assert fig.label(lang) in a.get("aria-label")
        assert a.find(f"{SVG}svg/{SVG}rect[@class]") is not None  # the bar is inside the link
        found.add(fig.id)
    assert found == EXPECTED[name]


def _value(a: ET.Element) -> str:
    [span] = classed(a, "dossier-chart__value", "span")
    return span.text


@pytest.mark.parametrize("name,lang", CASES)
def test_values_are_the_figures_formatted_in_the_page_language(name, lang):
    for a in marks(figure_of(render(name, lang))):
        fig = DOSSIER.figure_by_id[a.get("data-fig")]
        shown = _value(a)
        assert shown == fmt.figure_value(fig, DOSSIER.languages[lang], DOSSIER.strings)
        if fig.qualifier != "exact":  # "more than", "about", "almost" are on the bar, not only in the table
            word = text(DOSSIER.strings, f"qualifier.{fig.qualifier}", lang, value="").strip()
            assert word in shown, (fig.id, shown)
    ru = {a.get("data-fig"): _value(a) for a in marks(figure_of(render(name, "ru")))}
    en = {a.get("data-fig"): _value(a) for a in marks(figure_of(render(name, "en")))}
    assert ru.keys() == en.keys() and any(ru[k] != en[k] for k in ru)


def _all_text(root: ET.Element, skip_scale: bool = False) -> str:
    texts = []

    def walk(el):
        if skip_scale and el.get(figlink.GENERATED) == "scale":
            return
        texts.append(el.text or "")
        texts.extend(v for k, v in el.attrib.items() if k.startswith("aria-"))
        for child in el:
            walk(child)
            texts.append(child.tail or "")
    walk(root)
    return "\n".join(texts)


@pytest.mark.parametrize("name,lang", CASES)
def test_no_number_on_a_chart_but_the_sourced_figures_and_the_scale(name, lang):
    chart = drawing(figure_of(render(name, lang)))
    remaining = _all_text(chart, skip_scale=True)
    figs = [DOSSIER.figure_by_id[i] for i in sorted(EXPECTED[name])]
    allowed = [fmt.figure_value(f, DOSSIER.languages[lang], DOSSIER.strings) for f in figs]
    allowed += [fmt.period(f.period, DOSSIER.languages[lang], DOSSIER.strings) for f in figs if f.period]
    allowed += [t for axis in axes(chart) for t in ticks_shown(axis)]  # the axis's name repeats its ends
    for shown in sorted(allowed, key=len, reverse=True):
        remaining = remaining.replace(shown, "")
    stray = re.findall(r".{0,30}\d.{0,30}", remaining)
    assert not stray, f"a number the data does not state and the scale does not show: {stray}"


# --- the scale -----------------------------------------------------------------------------

@pytest.mark.parametrize("top, open_above, expected", [
    ("200", False, "0 50 100 150 200"),
    ("200", True, "0 50 100 150 200 250"),  # "more than 200": the scale goes on past it
    ("66.4", False, "0 20 40 60 80"),
    ("23", False, "0 5 10 15 20 25"),
    ("11.7", False, "0 5 10 15"),
    ("0.7", False, "0 0.2 0.4 0.6 0.8"),
    ("100", False, "0 20 40 60 80 100"),
    ("5", True, "0 2 4 6"),
])
def test_ticks_are_round_and_reach_the_largest_figure(top, open_above, expected):
    ticks = charts.ticks(Decimal(top), open_above=open_above)
    assert " ".join(str(t) for t in ticks) == expected
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1 and len(ticks) - 1 <= charts.MOST_STEPS
    step = steps.pop()
    assert step.scaleb(-step.adjusted()).normalize() in {Decimal(1), Decimal(2), Decimal(5)}  # 1, 2 or 5 times a power of ten
    assert ticks[-1] > Decimal(top) if open_above else ticks[-1] >= Decimal(top)


def test_each_chart_has_a_scale_that_reaches_its_largest_figure():
    for name, spec in charts.CHARTS.items():
        figs = spec.select(DOSSIER)
        scales = charts.scales(spec, figs)
        assert list(scales) == list(dict.fromkeys(f.unit for f in figs))
        for unit, scale in scales.items():
            largest = max((f for f in figs if f.unit == unit), key=lambda f: f.value)
            assert scale.end.scaleb(scale.exponent) >= Decimal(str(largest.value)), name
            assert scale.ticks[0] == 0
    shares = charts.scales(charts.CHARTS["shares"], charts.CHARTS["shares"].select(DOSSIER))
    assert [str(t) for t in shares["percent"].ticks] == ["0", "25", "50", "75", "100"]  # the whole, in quarters
    money = charts.scales(charts.CHARTS["investment"], charts.CHARTS["investment"].select(DOSSIER))
    assert money["USD"].exponent == 9  # billions, as the figures are written


@pytest.mark.parametrize("lang, shares, money_title, shares_title", [
    ("ru", ["0\u00a0%", "25\u00a0%", "50\u00a0%", "75\u00a0%", "100\u00a0%"], "Сумма, млрд долл. США", "Доля от целого"),
    ("en", ["0%", "25%", "50%", "75%", "100%"], "Amount, US$ billion", "Share of the whole"),
])
def test_the_scale_is_labelled_in_the_page_language(lang, shares, money_title, shares_title):
    [axis] = axes(figure_of(render("shares", lang)))
    assert ticks_shown(axis) == shares
    [title] = classed(figure_of(render("shares", lang)), "dossier-chart__axis-title")
    assert title.text == shares_title
    money = figure_of(render("investment", lang))
    [axis] = axes(money)
    [title] = classed(money, "dossier-chart__axis-title")
    assert title.text == money_title
    scale = charts.scales(charts.CHARTS["investment"], charts.CHARTS["investment"].select(DOSSIER))["USD"]
    assert ticks_shown(axis) == [fmt.amount(t, DOSSIER.languages[lang]) for t in scale.ticks]
    assert axis.get("aria-label") == text(DOSSIER.strings, "chart.scale", lang, title=money_title,
                                          start=ticks_shown(axis)[0], end=ticks_shown(axis)[-1])


@pytest.mark.parametrize("lang, written", [("ru", "0,2"), ("en", "0.2")])
def test_a_tick_below_one_is_written_with_the_languages_decimal_mark(lang, written):
    ctx = Ctx(DOSSIER, lang, PAGE)
    assert charts.tick_text(ctx, charts.CHARTS["investment"], Decimal("0.2")) == written


@pytest.mark.parametrize("name,lang", CASES)
def test_tick_labels_are_marked_as_generated_by_the_dossier(name, lang):
    markup = render(name, lang)
    for axis in axes(figure_of(markup)):
        labels = list(axis.iter(f"{SVG}text"))
        assert labels and all(t.get(figlink.GENERATED) == "scale" for t in labels)
        positions = [pct(t, "x") for t in labels]
        assert positions[0] == 0 and positions[-1] == 100 and positions == sorted(positions)
    assert figlink.typed_digits_in_article(f"<article>{markup}</article>") == []  # the build's own check passes


def test_bar_lengths_follow_the_values_on_the_scale():
    for lang in LANGS:
        for a in marks(figure_of(render("shares", lang))):
            fig = DOSSIER.figure_by_id[a.get("data-fig")]
            track, bar = (a.find(f".//{SVG}rect[@class='dossier-chart__track']"),
                          next(r for r in a.iter(f"{SVG}rect") if "dossier-chart__bar" in r.get("class").split()))
            assert track.get("width") == "100%"  # the whole
            assert pct(bar, "width") == pytest.approx(fig.value, abs=0.01)  # a share of it: its percent
        money = figure_of(render("investment", lang))
        scale = charts.scales(charts.CHARTS["investment"], charts.CHARTS["investment"].select(DOSSIER))["USD"]
        end = float(scale.end.scaleb(scale.exponent))
        for a in marks(money):
            fig = DOSSIER.figure_by_id[a.get("data-fig")]
            bar = next(r for r in a.iter(f"{SVG}rect") if "dossier-chart__bar" in r.get("class").split())
            # a figure near zero still shows a sliver (macros/charts.py: half a percent of the axis)
            assert pct(bar, "width") == pytest.approx(max(100 * fig.value / end, 0.5), abs=0.01)
            grid = [pct(r, "x") for r in a.iter(f"{SVG}rect") if r.get("class") == "dossier-chart__grid"]
            assert grid == [float(t / scale.end * 100) for t in scale.ticks[1:]]  # gridlines at the ticks


def test_amounts_in_two_units_are_never_drawn_on_one_scale():
    """A figure in euros among dollars gets a panel and a scale of its own, titled in its unit. Whatever the
    data's units: every amount of the chart is made dollars but the last, made euros."""
    spec = charts.CHARTS["investment"]
    amounts = spec.select(DOSSIER)
    assert len(amounts) >= 2, "the investment chart needs two amounts for this test"
    euro = replace(amounts[-1], unit="EUR")
    units = {f.id: "USD" for f in amounts} | {euro.id: "EUR"}
    d = replace(DOSSIER, figures=tuple(replace(f, unit=units.get(f.id, f.unit)) for f in DOSSIER.figures))
    scales = charts.scales(spec, spec.select(d))
    assert list(scales) == ["USD", "EUR"]  # in the order the units first appear
    end = float(scales["EUR"].end.scaleb(scales["EUR"].exponent))
    assert euro.value <= end
    for lang in LANGS:
        chart = figure_of(render("investment", lang, dossier=d))
        panels = classed(chart, "dossier-chart__panel")
        titles = [classed(p, "dossier-chart__axis-title")[0].text for p in panels]
        assert len(panels) == 2 and titles == [
            text(d.strings, "chart.investment.axis", lang, unit=text(d.strings, f"chart.unit.{u}", lang,
                                                                     scale=fmt.scale_word(s.exponent, d.languages[lang])).strip())
            for u, s in scales.items()]
        [alone] = marks(panels[1])
        assert alone.get("data-fig") == euro.id
        bar = next(r for r in alone.iter(f"{SVG}rect") if "dossier-chart__bar" in r.get("class").split())
        assert pct(bar, "width") == pytest.approx(max(100 * euro.value / end, 0.5), abs=0.01)  # on its own scale


@pytest.mark.parametrize("lang", LANGS)
def test_the_caveat_is_written_on_the_investment_chart(lang):
    chart = figure_of(render("investment", lang))
    caveat = text(DOSSIER.strings, "chart.investment.caveat", lang)
    shown = classed(chart, "dossier-chart__caveat")
    assert len(shown) == 1 and shown[0].text == caveat  # visible text, before the bars
    other = text(DOSSIER.strings, "chart.investment.caveat", "en" if lang == "ru" else "ru")
    assert other not in _all_text(chart)


@pytest.mark.parametrize("name,lang", CASES)
def test_the_table_beside_the_chart_lists_the_same_figures_in_a_box_of_its_own(name, lang):
    markup = render(name, lang)
    [box] = classed(figure_of(markup), "dossier-chart-table", "div")
    caption = text(DOSSIER.strings, "chart.data", lang, title=text(DOSSIER.strings, f"chart.{name}.title", lang))
    assert box.get("role") == "region" and box.get("tabindex") == "0" and box.get("aria-label") == caption
    [table] = list(box)
    assert table.tag == "table" and table.get("class") == "dossier-chart-table__table"  # classed: Material's script leaves it alone
    assert table.find("caption").text == caption
    table_markup = markup[markup.index("<table"):]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", table_markup, re.S)
    assert len(rows) == len(EXPECTED[name])
    assert set(re.findall(r'data-fig="([^"]+)"', table_markup)) == EXPECTED[name]


@pytest.mark.project
def test_same_markup_every_time_and_in_every_process():
    here = {(n, lang): render(n, lang) for n, lang in CASES}
    assert here == {(n, lang): render(n, lang) for n, lang in CASES}
    script = ("import sys; from macros import charts; from macros.load import load_dossier; from macros.inline import Ctx;"
              "d = load_dossier('data');"
              f"sys.stdout.write('\\x00'.join(charts.chart(Ctx(d, l, {PAGE!r}), n) for n, l in {CASES!r}))")
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                             env=dict(os.environ, PYTHONHASHSEED=seed), check=True)
        assert run.stdout.decode("utf-8").split("\x00") == [here[c] for c in CASES], f"differs with PYTHONHASHSEED={seed}"


def test_unknown_chart_names_the_known_ones():
    with pytest.raises(charts.UnknownChart) as err:
        render("investments", "ru")
    assert "investment" in err.value.fix and "shares" in err.value.fix


# --- the built site ------------------------------------------------------------------------

def _charts_in(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r'<figure class="dossier-chart-figure\b.*?</figure>', html, re.S)]


@pytest.mark.parametrize("lang", LANGS)
def test_built_charts_page_links_every_bar_to_an_existing_anchor(built_site, lang):
    page = built_site / links.edition_prefix(lang) / "charts" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "assets/dossier.css" in html
    assert ".dossier-chart__bars" in (built_site / "assets" / "dossier.css").read_text(encoding="utf-8")
    figures = _charts_in(html)
    assert len(figures) == len(charts.CHARTS)
    base = "/" + page.parent.relative_to(built_site).as_posix() + "/"
    for fig in figures:
        for a in marks(fig):
            target = urlsplit(urljoin(base, a.get("href")))
            target_file = built_site / target.path.lstrip("/") / "index.html"
            assert target_file.exists(), a.get("href")
            assert f'id="{target.fragment}"' in target_file.read_text(encoding="utf-8"), a.get("href")


def test_home_page_carries_the_investment_chart(built_site):
    for lang in LANGS:
        html = (built_site / links.edition_prefix(lang) / "index.html").read_text(encoding="utf-8")
        assert 'id="chart-investment"' in html
        assert text(DOSSIER.strings, "chart.investment.caveat", lang)[:40] in html


# --- a bar whose source counts something else (issue 11) -----------------------------------------

def _bar(a: ET.Element) -> ET.Element:
    return next(r for r in a.iter(f"{SVG}rect") if "dossier-chart__bar" in (r.get("class") or "").split())


@pytest.mark.parametrize("lang, words", [("ru", "другое определение"), ("en", "another definition")])
def test_a_bar_of_another_definition_is_outlined_with_a_legend_and_says_so_in_words(lang, words):
    """Made on the real chart's figures, whatever their observations: the first amount is given an observation
    that counts something else, the second one that agrees, the others none."""
    real = load_dossier(ROOT / "data")
    amounts = charts.CHARTS["investment"].select(real)
    other, agreed = amounts[0], amounts[1]
    # a made-up observation; the figure's own source stands in for the other publisher's name
    seen = Observation(id="test-observation", figure=other.id, source=other.citation.source, stated_by=None, value=1,
                       unit=other.unit, qualifier="exact", as_of=None, locator=None, fragment=None,
                       summary=L10n(ru="{value}", en="{value}"), verdict=Verdict("agrees", computed=True),
                       where=Where("data/observations.yml", 1))
    d = replace(real, observations_of={
        other.id: (replace(seen, verdict=Verdict("another-definition", note=L10n(ru="н", en="n"))),),
        agreed.id: (replace(seen, figure=agreed.id),)})
    html = charts.chart(Ctx(d, lang, "charts.md"), "investment")
    chart = figure_of(html)
    marked = {a.get("data-fig") for a in marks(chart) if "dossier-chart__bar--another-definition" in _bar(a).get("class").split()}
    assert marked == {other.id}  # the bar whose source counts something else, and that one only
    mark = next(a for a in marks(chart) if a.get("data-fig") == other.id)
    assert f"({words})" in mark.get("aria-label")
    assert f"({words})" not in next(a for a in marks(chart) if a.get("data-fig") == agreed.id).get("aria-label")
    [key] = classed(chart, "dossier-chart__key")
    assert text(d.strings, "chart.another_definition", lang) in "".join(key.itertext())
    assert key.find(f"{SVG}svg/{SVG}rect[@class='dossier-chart__bar dossier-chart__bar--another-definition']") is not None  # the legend's key
    assert f"({words})" in re.search(r"<table.*</table>", html, re.S).group()
    plain = charts.chart(Ctx(replace(d, observations_of={}), lang, "charts.md"), "investment")  # driven by the verdicts
    assert "another-definition" not in plain and text(d.strings, "chart.another_definition", lang) not in plain


# --- in a browser: a phone, a laptop, and the ends of the range (issue 19) ------------------------

WIDTHS = (320, 390, 1366, 1920)  # the range, and the two widths a person looks at
SHOWN = (390, 1366)  # screenshots into test-artifacts/screenshots/

# Every element of the charts page's figures that holds text of its own, with the size it is drawn at:
# its computed font size times the scale its SVG applies (a viewBox would shrink it: none may).
_TEXT_SIZES = """() => [...document.querySelectorAll('.dossier-chart-figure, .dossier-chart-figure *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length)
  .map(e => { const scale = e instanceof SVGGraphicsElement ? e.getScreenCTM().a : 1;
              return [e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || ''), parseFloat(getComputedStyle(e).fontSize) * scale,
                      e.textContent.trim().slice(0, 30)]; })"""

# Each table's box: does it scroll (and only it), and is every cell inside what it scrolls?
_TABLE_BOXES = """() => [...document.querySelectorAll('.dossier-chart-table')].map(box => {
  const b = box.getBoundingClientRect(), cs = getComputedStyle(box);
  const cells = [...box.querySelectorAll('th, td')].map(c => c.getBoundingClientRect());
  return {left: b.left, right: b.right, overflowX: cs.overflowX, clientWidth: box.clientWidth, scrollWidth: box.scrollWidth,
          role: box.getAttribute('role'), label: box.getAttribute('aria-label'), tabindex: box.tabIndex,
          outside: cells.filter(c => c.left < b.left - 0.5 || c.right > b.left + box.scrollWidth + 0.5).length,
          cells: cells.length}; })"""

# Where each label is drawn against its bar, and the chart's own parts that reach past the figure.
_LAYOUT = """() => [...document.querySelectorAll('.dossier-chart-figure')].map(fig => {
  const f = fig.getBoundingClientRect();
  const rows = [...fig.querySelectorAll('.dossier-chart__row')].map(r => {
    const l = r.querySelector('.dossier-chart__label').getBoundingClientRect(), bar = r.querySelector('.dossier-chart__bars').getBoundingClientRect(),
          link = r.querySelector('.dossier-chart__mark').getBoundingClientRect();
    return {above: l.bottom <= bar.top + 0.5, beside: l.right <= bar.left + 0.5, barWidth: bar.width, linkHeight: link.height}; });
  const past = [...fig.querySelectorAll('.dossier-chart *')].filter(e => { const r = e.getBoundingClientRect();
    return r.width && (r.left < f.left - 1.5 || r.right > f.right + 1.5); }).map(e => e.tagName + '.' + e.getAttribute('class'));
  return {width: f.width, rows, past}; })"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_charts_page_reads_at_every_width(page, site_server, lang, width):
    """Nothing scrolls the page sideways; no chart text under 12 px; the label above its bar on a phone and
    beside it on a wide screen; each table in a named, focusable box that holds all its cells."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.url(links.edition_prefix(lang) + "charts/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    sizes = page.evaluate(_TEXT_SIZES)
    assert any(tag.startswith("text.dossier-chart__tick") for tag, _, _ in sizes)  # the scale is measured too
    small = [s for s in sizes if s[1] < 12]
    assert not small, f"text under 12 px at {width} px: {small}"

    layout = page.evaluate(_LAYOUT)
    assert len(layout) == len(charts.CHARTS)
    for chart in layout:
        assert not chart["past"], f"past the figure's edge: {chart['past']}"
        narrow = chart["width"] < 540  # the container query's threshold (dossier.css)
        for row in chart["rows"]:
            assert row["above"] if narrow else row["beside"], row
            assert row["linkHeight"] >= 24  # a touch target
            assert row["barWidth"] >= chart["width"] * (0.9 if narrow else 0.5)  # a narrow screen gets the full width

    caption = {name: text(DOSSIER.strings, "chart.data", lang, title=text(DOSSIER.strings, f"chart.{name}.title", lang))
               for name in charts.CHARTS}
    boxes = page.evaluate(_TABLE_BOXES)
    assert [b["label"] for b in boxes] == list(caption.values())
    for box in boxes:
        assert box["role"] == "region" and box["tabindex"] == 0 and box["overflowX"] == "auto"
        assert box["left"] >= 0 and box["right"] <= width  # the box is within the page
        assert box["cells"] and box["outside"] == 0  # and every cell is within the box (seen or scrolled to)
    if width in SHOWN:  # scrolling down only: Material shows its "back to top" button on the way up
        for what, above in (("#chart-investment", 60), ("#chart-investment .dossier-chart-table", 80)):
            page.locator(what).evaluate(f"e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - {above})")
            screenshot(page, f"charts-{lang}-{width}" + ("-table" if "table" in what else ""))

    wide = [i for i, b in enumerate(boxes) if b["scrollWidth"] > b["clientWidth"]]
    for i in wide:  # a table wider than its box: the keyboard scrolls it
        box = page.locator(".dossier-chart-table").nth(i)
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=3000)  # keyboard scrolling is animated
