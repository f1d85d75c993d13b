"""Render functions: model + language -> HTML, tested without building a site."""
from __future__ import annotations

import dataclasses
import re
from html import unescape

import pytest

from macros import inline, render
from macros.load import load_dossier
from macros.model import L10n, Note
from tests.helpers import ROOT, fixture_data


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("data")))


def ctx(dossier, lang="ru", page="partners/turkey.md"):
    return inline.Ctx(dossier, lang, page)


@pytest.mark.parametrize("page, href", [
    ("partners/turkey.md", "../../sources/sample-source/#sample-source-p1--uranium-share"),
    ("index.md", "sources/sample-source/#sample-source-p1--uranium-share"),
    ("figures.md", "../sources/sample-source/#sample-source-p1--uranium-share"),
    ("sources/sample-source.md", "#sample-source-p1--uranium-share"),
])
def test_figure_link_points_at_the_quote_from_any_page(dossier, page, href):
    html = inline.fig_link(ctx(dossier, page=page), dossier.figure_by_id["uranium-share"])
    assert f'href="{href}"' in html
    assert 'data-paragraph="1"' in html and ">40\u00a0%</a>" in html


def test_figure_link_in_english_formats_for_english(dossier):
    html = inline.fig_link(ctx(dossier, "en"), dossier.figure_by_id["gas-reserves"])
    assert ">3.8\u00a0trillion\u00a0m³</a>" in html


def with_quote(fig, fid: str, quote: str):
    return dataclasses.replace(fig, id=fid, citation=dataclasses.replace(fig.citation, quote=quote))


def test_overlapping_quotes_are_split_into_segments(dossier):
    text = "alpha beta gamma delta"
    a = with_quote(dossier.figures[0], "a", "alpha beta gamma")
    b = with_quote(dossier.figures[0], "b", "beta gamma delta")
    html = render.highlighted(text, [a, b])
    assert html == ('<mark class="dossier-quote" data-figs="a">alpha </mark><mark class="dossier-quote" data-figs="a b">beta gamma</mark>'
                    '<mark class="dossier-quote" data-figs="b"> delta</mark>')


def test_the_named_occurrence_of_a_quote_is_highlighted(dossier):
    text = "Москва остается партнёром. Москва остается поставщиком."
    first = with_quote(dossier.figures[0], "a", "Москва остается")
    second = dataclasses.replace(first, id="b", citation=dataclasses.replace(first.citation, occurrence=2))
    assert render.highlighted(text, [first]) == (
        '<mark class="dossier-quote" data-figs="a">Москва остается</mark> партнёром. Москва остается поставщиком.')
    assert render.highlighted(text, [second]) == (
        'Москва остается партнёром. <mark class="dossier-quote" data-figs="b">Москва остается</mark> поставщиком.')
    assert render.highlighted(text, [first, second]).count('<mark class="dossier-quote"') == 2


def test_source_text_has_anchors_numbers_targets_and_rules(dossier):
    src = dossier.sources["sample-source"]
    html = render.source_text(ctx(dossier, page="sources/sample-source.md"), src)
    css = render.highlight_css(dossier.figures)
    assert "<style" not in html and "<" not in css  # the rules go into assets/dossier.css (hooks/highlight.py)
    assert html.count('<section class="dossier-src-para') == 2
    assert 'id="sample-source-p1"' in html and 'id="sample-source-p2"' in html
    for fig in dossier.figures:
        target = f"{fig.citation.source}-{fig.citation.paragraph}--{fig.id}"
        section = re.search(rf'<section[^>]*id="{fig.citation.source}-{fig.citation.paragraph}".*?</section>', html, re.S).group(0)
        assert f'id="{target}"' in section
        assert f'[id="{target}"]:target ~ * mark[data-figs~="{fig.id}"]' in css
    assert "«о сотрудничестве»" in html  # verbatim, quotation marks kept


def test_english_source_text_shows_original_and_own_rendering(dossier):
    src = dossier.sources["sample-source"]
    html = unescape(render.source_text(ctx(dossier, "en", "sources/sample-source.md"), src))
    assert "Original (Russian)" in html and "The dossier’s own translation" in html
    assert 'lang="ru"' in html
    # the rendering, with the words each figure's English quote rendering rests on highlighted
    assert ('<p lang="en" data-cited=""><mark class="dossier-quote" data-figs="uranium-share">Astana accounts for 40% of world uranium output</mark>'
            ', and <mark class="dossier-quote" data-figs="gas-reserves">gas reserves amount to 3.8\u00a0trillion cubic metres</mark>.</p>') in html


def test_grouped_by_resource_puts_figures_about_the_whole_first_under_a_lead_line(dossier):
    md = render.grouped(ctx(dossier), dossier.by_partner["turkey"], "resource")
    assert md.startswith('<p class="dossier-group-lead" id="resource-none">Цифры о партнёрстве в целом')
    assert 'id="fig-gas-reserves"' in md and 'id="fig-agreement-date"' in md


def test_data_text_is_escaped_everywhere(dossier):
    evil = '<script>alert(1)</script><img src=x onerror=alert(1)>'
    fig = dataclasses.replace(dossier.figures[0], label=L10n(ru=evil, en=evil), notes=(Note(L10n(ru=evil, en=evil)),))
    for html in (render.figure_item(ctx(dossier), fig), render.key_figures(ctx(dossier), (fig,)),
                 render.figures_table(ctx(dossier, page="figures.md"), (fig,))):
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;" in html


def test_key_figures_prefers_numbers_and_limits(dossier):
    html = render.key_figures(ctx(dossier), dossier.figures, limit=2)
    assert html.count('class="dossier-fig-card"') == 2


def test_real_home_grid_counts_match_data():
    d = load_dossier(ROOT / "data")
    html = render.grid(inline.Ctx(d, "en", "index.md"))
    russia_oil = sum(1 for f in d.by_partner["russia"] if "oil" in f.resources)
    assert f'href="partners/russia/#resource-oil" data-generated="count">{russia_oil}</a>' in html
    assert html.count("<tr>") == len(d.partners) + 1


def test_a_figure_in_two_groups_has_one_permalink_id(dossier):
    both = dataclasses.replace(dossier.figure_by_id["gas-reserves"], partners=("turkey", "turkey2"))
    d2 = dataclasses.replace(dossier, partners=dossier.partners + (dataclasses.replace(dossier.partners[0], id="turkey2"),))
    md = render.grouped(inline.Ctx(d2, "ru", "resources/uranium.md"), (both,), "partner")
    assert md.count('id="fig-gas-reserves"') == 1 and md.count('class="dossier-fig-item"') == 2
