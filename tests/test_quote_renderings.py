"""A figure's quote in the other edition's language (quote_renderings): taken from the dossier's
rendering of the paragraph, checked like the original, shown beside it in that edition."""
from __future__ import annotations

from dataclasses import replace
from html import unescape

import pytest

from macros import inline, print_doc, quotes, render
from macros.load import load_dossier, quote_rendering_problems
from macros.model import L10n
from tests.helpers import fixture_data, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)


def rendering_problems(fig, d=DOSSIER, para=None):
    src, cited = d.cited(fig.citation)
    return [str(p) for p in quote_rendering_problems(fig, src, para or cited, d.languages)]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The tests' own small dossier (tests/fixtures/base): a Russian source and its English rendering."""
    return load_dossier(fixture_data(tmp_path_factory.mktemp("base")))


def stated(base, ru: str, quote: str, en: str, rendering: str, **fields):
    """A figure of the base dossier made to quote `quote` from the Russian sentence `ru`, rendered `rendering`
    within the English `en`, with its other fields replaced; and that paragraph."""
    fig = base.figure_by_id["uranium-share"]
    para = replace(base.cited(fig.citation)[1], text=ru, renderings=L10n({"en": en}))
    cite = replace(fig.citation, quote=quote, renderings=L10n({"en": rendering}))
    return replace(fig, citation=cite, **fields), para


# --- the data -------------------------------------------------------------------------------------

REPRODUCED = [f for f in DOSSIER.figures if not f.citation.referenced]  # a referenced quote has no paragraph


@pytest.mark.parametrize("fig", REPRODUCED, ids=[f.id for f in REPRODUCED])
def test_every_quote_has_its_rendering_once_in_the_paragraphs_rendering_in_each_other_edition(fig):
    src, para = DOSSIER.cited(fig.citation)
    others = tuple(lang for lang in DOSSIER.languages.published if lang != src.language)
    assert set(fig.citation.renderings.languages) == set(others)
    for lang in others:
        assert len(quotes.locate(fig.citation.renderings(lang), para.renderings(lang))) == 1, lang


def test_the_english_rendering_is_read_for_its_qualifier_in_english(base):
    fig, para = stated(base, "Компания контролирует почти четверть добычи урана в стране.",
                       "контролирует почти четверть добычи урана в стране",
                       "The company controls almost a quarter of the country’s uranium output.",
                       "controls almost a quarter of the country’s uranium output", value=25, qualifier="almost")
    assert rendering_problems(fig, base, para) == []
    (line,) = rendering_problems(replace(fig, qualifier="approximate"), base, para)
    assert line.startswith(f"{fig.where.path}:{fig.at('quote_renderings')[1]}: {fig.id}: quote_renderings.en: "
                           "the quote says «almost» (almost) but qualifier is 'approximate'"), line


@pytest.mark.parametrize("fields, ru, quote, en, words, message", [
    ({"kind": "volume", "value": 30_000_000_000, "unit": "barrel"},
     "Запасы нефти оцениваются в 30 миллиардов баррелей.", "оцениваются в 30 миллиардов баррелей",
     "Oil reserves are put at 30\u00a0billion barrels.", "put at 30\u00a0billion barrels",
     "value 30000000 does not appear in the quote (numbers the quote states: 30000000000); it is off by a scale: "
     "«30\u00a0billion» (billion = 10^9)"),
    ({"kind": "count", "value": 1_000_000, "unit": None, "qualifier": "approximate"},
     "В регионе проживает около миллиона казахов.", "проживает около миллиона казахов",
     "About a million Kazakhs live in the region.", "About a million Kazakhs live", None),
    ({"kind": "duration", "value": 2, "unit": "year"},
     "За последние два года Запад увеличил инвестиции и количество саммитов.",
     "За последние два года Запад увеличил инвестиции и количество саммитов",
     "Over the past two years the West has stepped up investment and summits.",
     "Over the past two years the West has stepped up investment and summits", None),
], ids=["scale-word", "number-word", "duration-word"])
def test_english_number_words_and_scales_are_read(base, fields, ru, quote, en, words, message):
    fig, para = stated(base, ru, quote, en, words, **fields)
    assert rendering_problems(fig, base, para) == []
    if message is not None:
        wrong = replace(fig, value=fig.value // 1000)
        assert any(message in line for line in rendering_problems(wrong, base, para)), rendering_problems(wrong, base, para)


def test_a_rendering_in_an_unpublished_language_is_named(base):
    fig = base.figure_by_id["uranium-share"]
    cite = replace(fig.citation, renderings=type(fig.citation.renderings)({**fig.citation.renderings.texts, "de": "40 %"}))
    (line,) = rendering_problems(replace(fig, citation=cite), base)
    assert "a quote rendering in 'de', which the dossier does not publish — remove it, or publish 'de'" in line


# --- where it is shown ------------------------------------------------------------------------------

def test_the_english_edition_shows_the_original_and_the_rendering_together(base):
    fig = base.figure_by_id["uranium-share"]
    en = unescape(render.figure_item(inline.Ctx(base, "en", "resources/uranium.md"), fig))
    assert ('<p class="dossier-fig-item__quote dossier-fig-item__quote--rendering" lang="en" data-cited="">“Astana accounts for 40% of world uranium '
            'output” <span class="dossier-fig-item__tag">(the dossier’s translation)</span></p>'
            '<p class="dossier-fig-item__quote" lang="ru" data-cited="">«На Астану приходится 40% мирового производства урана»'
            '<span lang="en"> <span class="dossier-fig-item__tag">(original, Russian)</span></span></p>') in en  # the reader's language first
    ru = unescape(render.figure_item(inline.Ctx(base, "ru", "resources/uranium.md"), fig))
    assert "fig-item__quote--rendering" not in ru and "Astana accounts" not in ru


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_source_page_highlights_each_rendering_in_the_translation_column(base, lang):
    src = base.sources["sample-source"]
    html = render.source_text(inline.Ctx(base, lang, "sources/sample-source.md"), src).replace("\u00a0", " ")
    for fig in base.figures:  # two of them share a paragraph (a number and its scale word are kept together: nbsp)
        rendering = inline.esc(fig.citation.renderings("en"))
        marked = f'<mark class="dossier-quote" data-figs="{fig.id}">'
        if lang == "en":
            column = html.split('class="dossier-src-para__rendering"')
            assert any(marked + rendering + "</mark>" in c.split("</section>")[0] for c in column[1:]), f"{fig.id}: not highlighted"
        else:
            assert "dossier-src-para__rendering" not in html and rendering not in html


def test_the_pdf_footnote_labels_the_rendering_as_the_dossiers_translation(base):
    fid = "agreement-date"
    en = print_doc.Edition(base, "en", "https://example.org/", "Dossier", "Author", "2025-01-01", "1 January 2025")
    ru = replace(en, lang="ru")
    assert print_doc.footnote_rendering(en, fid) == ("the dossier’s translation",
                                                     "In September 2024 the two countries signed a cooperation agreement")
    assert print_doc.footnote_rendering(ru, fid) is None
    note = print_doc._footnote(en, fid, "n1")
    text = "".join(note.itertext())
    para = base.cited(base.figure_by_id[fid].citation)[1].number  # the source is cited once, at the start
    assert text.startswith(f"¶\u00a0{para}: В сентябре 2024 года две страны подписали соглашение «о сотрудничестве» "
                           "(the dossier’s translation: In September 2024 the two countries signed a cooperation agreement)."), text
    original, rendering = note.iter("q")
    assert original[0].get("lang") == "ru" and rendering.get("class") == "dossier-footnote__rendering"  # in the edition's language
