"""Charts drawn at build time: well-formed SVG, every bar a link to its quote, only sourced numbers."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from macros import charts, fmt, links
from macros.i18n import text
from macros.languages import published
from macros.load import load_dossier
from macros.render import Ctx
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


def render(name: str, lang: str, page: str = PAGE) -> str:
    return charts.chart(Ctx(DOSSIER, lang, page), name)


def svg_of(markup: str) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", markup, re.S)
    assert match, "no <svg> in the chart"
    return ET.fromstring(match.group(0))  # raises if the SVG is not well-formed XML


def marks(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f".//{SVG}a")


CASES = [(name, lang) for name in charts.CHARTS for lang in LANGS]


def test_each_chart_selects_its_figures_from_the_data():
    assert set(EXPECTED) == set(charts.CHARTS)
    for name, ids in EXPECTED.items():
        assert len(ids) >= 5, name  # the dossier has at least five of each
        assert {f.id for f in charts.CHARTS[name].select(DOSSIER)} == ids


@pytest.mark.parametrize("name,lang", CASES)
def test_svg_is_well_formed_and_named(name, lang):
    svg = svg_of(render(name, lang))
    assert svg.tag == f"{SVG}svg"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and title.text == text(DOSSIER.strings, f"chart.{name}.title", lang)
    assert desc is not None and desc.text
    assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
    # No role: role="img" makes the children presentational, which would hide the bar links from
    # assistive technology (axe: nested-interactive); role="group" is not valid on <svg> (Nu checker).
    assert svg.get("role") is None


@pytest.mark.parametrize("name,lang", CASES)
def test_every_mark_links_to_its_figures_quote(name, lang):
    ctx = Ctx(DOSSIER, lang, PAGE)
    found = set()
    for a in marks(svg_of(render(name, lang))):
        fig = DOSSIER.figure_by_id[a.get("data-fig")]
        assert a.get("href") == ctx.url(links.source_page(fig.citation.source), links.quote_anchor(fig))
        assert a.find(f"{SVG}title").text == a.get("aria-label")
        assert fig.label(lang) in a.get("aria-label")
        assert a.find(f"{SVG}rect[@class]") is not None
        found.add(fig.id)
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name,lang", CASES)
def test_values_are_the_figures_formatted_in_the_page_language(name, lang):
    for a in marks(svg_of(render(name, lang))):
        fig = DOSSIER.figure_by_id[a.get("data-fig")]
        shown = a.find(f"{SVG}text").text
        assert shown == fmt.figure_value(fig, DOSSIER.languages[lang], DOSSIER.strings)
        if fig.qualifier != "exact":  # "more than", "about", "almost" are on the bar, not only in the table
            word = text(DOSSIER.strings, f"qualifier.{fig.qualifier}", lang, value="").strip()
            assert word in shown, (fig.id, shown)
    ru = {a.get("data-fig"): a.find(f"{SVG}text").text for a in marks(svg_of(render(name, "ru")))}
    en = {a.get("data-fig"): a.find(f"{SVG}text").text for a in marks(svg_of(render(name, "en")))}
    assert ru.keys() == en.keys() and any(ru[k] != en[k] for k in ru)


def _all_text(svg: ET.Element) -> str:
    texts = [" ".join(el.itertext()) for el in svg.iter() if el.tag in (f"{SVG}text", f"{SVG}title", f"{SVG}desc")]
    texts += [el.get("aria-label") or "" for el in svg.iter()]
    return "\n".join(texts)


@pytest.mark.parametrize("name,lang", CASES)
def test_no_number_on_a_chart_that_is_not_a_sourced_figure(name, lang):
    svg = svg_of(render(name, lang))
    remaining = _all_text(svg)
    figs = [DOSSIER.figure_by_id[i] for i in sorted(EXPECTED[name])]
    allowed = [fmt.figure_value(f, DOSSIER.languages[lang], DOSSIER.strings) for f in figs]
    allowed += [fmt.period(f.period, DOSSIER.languages[lang], DOSSIER.strings) for f in figs if f.period]
    for shown in sorted(allowed, key=len, reverse=True):
        remaining = remaining.replace(shown, "")
    stray = re.findall(r".{0,30}\d.{0,30}", remaining)
    assert not stray, f"a number the data does not state: {stray}"


def test_bar_lengths_follow_the_values():
    for lang in LANGS:
        for a in marks(svg_of(render("shares", lang))):
            fig = DOSSIER.figure_by_id[a.get("data-fig")]
            track, bar = a.findall(f"{SVG}rect")
            assert float(track.get("width")) == charts.BAR_MAX  # the whole
            assert float(bar.get("width")) == pytest.approx(charts.BAR_MAX * fig.value / 100, abs=0.05)
        widths = {a.get("data-fig"): float(a.find(f"{SVG}rect").get("width")) for a in marks(svg_of(render("investment", lang)))}
        largest = max(EXPECTED["investment"], key=lambda i: DOSSIER.figure_by_id[i].value)
        assert widths[largest] == charts.BAR_MAX
        for fid, width in widths.items():
            assert width == pytest.approx(charts.BAR_MAX * DOSSIER.figure_by_id[fid].value
                                          / DOSSIER.figure_by_id[largest].value, abs=0.05)


@pytest.mark.parametrize("lang", LANGS)
def test_the_caveat_is_written_on_the_investment_chart(lang):
    svg = svg_of(render("investment", lang))
    caveat = text(DOSSIER.strings, "chart.investment.caveat", lang)
    shown = [el for el in svg.iter(f"{SVG}text") if el.get("class") == "dossier-chart__caveat"]
    assert len(shown) == 1
    assert " ".join(t.text for t in shown[0]) == caveat  # every wrapped line, in order, visible text
    other = text(DOSSIER.strings, "chart.investment.caveat", "en" if lang == "ru" else "ru")
    assert other not in _all_text(svg)


@pytest.mark.parametrize("name,lang", CASES)
def test_the_table_beside_the_chart_lists_the_same_figures(name, lang):
    markup = render(name, lang)
    table = markup[markup.index("<table"):]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", table, re.S)
    assert len(rows) == len(EXPECTED[name])
    assert set(re.findall(r'data-fig="([^"]+)"', table)) == EXPECTED[name]


def test_same_svg_every_time_and_in_every_process():
    here = {(n, lang): render(n, lang) for n, lang in CASES}
    assert here == {(n, lang): render(n, lang) for n, lang in CASES}
    script = ("import sys; from macros import charts; from macros.load import load_dossier; from macros.render import Ctx;"
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

@pytest.mark.parametrize("lang", LANGS)
def test_built_charts_page_links_every_bar_to_an_existing_anchor(built_site, lang):
    page = built_site / links.edition_prefix(lang) / "charts" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "assets/dossier.css" in html
    assert ".dossier-chart-svg" in (built_site / "assets" / "dossier.css").read_text(encoding="utf-8")
    svgs = [ET.fromstring(s) for s in re.findall(r"<svg\b[^>]*class=\"dossier-chart-svg\".*?</svg>", html, re.S)]
    assert len(svgs) == len(charts.CHARTS)
    base = "/" + page.parent.relative_to(built_site).as_posix() + "/"
    for svg in svgs:
        for a in marks(svg):
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

@pytest.mark.parametrize("lang, words", [("ru", "другое определение"), ("en", "another definition")])
def test_a_bar_of_another_definition_is_outlined_with_a_legend_and_says_so_in_words(lang, words):
    from dataclasses import replace

    d = load_dossier(ROOT / "data")
    html = charts.chart(Ctx(d, lang, "charts.md"), "investment")
    svg = ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group())
    ns = {"s": "http://www.w3.org/2000/svg"}
    marked = {a.get("data-fig") for a in svg.iterfind(".//s:a", ns)
              if "dossier-chart__bar--another-definition" in a.find("s:rect[@class]", ns).get("class") or
              any("another-definition" in (r.get("class") or "") for r in a.iterfind("s:rect", ns))}
    assert "china-investment-2025-h1" in marked  # its observation: Belt and Road "engagement", contracts + investment
    assert "russia-joint-projects-value" not in marked
    for fid in marked:
        assert any(o.verdict.kind == "another-definition" for o in d.observations_of[fid])
        mark = next(a for a in svg.iterfind(".//s:a", ns) if a.get("data-fig") == fid)
        assert f"({words})" in mark.get("aria-label")
    desc = svg.find("s:desc", ns).text
    assert text(d.strings, "chart.another_definition", lang) in desc
    assert svg.find(".//s:rect[@class='dossier-chart__bar dossier-chart__bar--another-definition dossier-chart__key']", ns) is not None  # the legend's key
    assert f"({words})" in re.search(r"<table>.*</table>", html, re.S).group()
    plain = charts.chart(Ctx(replace(d, observations_of={}), lang, "charts.md"), "investment")  # driven by the verdicts
    assert "another-definition" not in plain and text(d.strings, "chart.another_definition", lang) not in plain
