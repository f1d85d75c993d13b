"""A figure's quote in the other edition's language (quote_renderings): taken from the dossier's
rendering of the paragraph, checked like the original, shown beside it in that edition."""
from __future__ import annotations

from dataclasses import replace
from html import unescape

import pytest

from hooks import print_doc
from macros import quotes, render
from macros.load import quote_rendering_problems
from macros.model import L10n
from tests.helpers import real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)


def rendering_problems(fig):
    src, para = DOSSIER.cited(fig.citation)
    return [str(p) for p in quote_rendering_problems(fig, src, para, DOSSIER.languages)]


# --- the data -------------------------------------------------------------------------------------

REPRODUCED = [f for f in DOSSIER.figures if not f.citation.referenced]  # a referenced quote has no paragraph


@pytest.mark.parametrize("fig", REPRODUCED, ids=[f.id for f in REPRODUCED])
def test_every_quote_has_its_rendering_once_in_the_paragraphs_rendering_in_each_other_edition(fig):
    src, para = DOSSIER.cited(fig.citation)
    others = tuple(lang for lang in DOSSIER.languages.published if lang != src.language)
    given = set(fig.citation.renderings.languages)
    # every edition's, and those of a language of the table not published yet (an edition in preparation)
    assert set(others) <= given <= set(DOSSIER.languages.codes) - {src.language}
    for lang in given:
        assert len(quotes.locate(fig.citation.renderings(lang), para.renderings(lang))) == 1, lang


def test_the_english_rendering_is_read_for_its_qualifier_in_english():
    fig = DOSSIER.figure_by_id["rosatom-uranium-share"]  # "controls almost a quarter of …"
    assert rendering_problems(fig) == []
    (line,) = rendering_problems(replace(fig, qualifier="approximate"))
    assert line.startswith(f"{fig.where.path}:{fig.at('quote_renderings')[1]}: rosatom-uranium-share: quote_renderings.en: "
                           "the quote says «almost» (almost) but qualifier is 'approximate'"), line


@pytest.mark.parametrize("fid, words, message", [
    ("oil-proven-reserves", "put at 30\u00a0billion barrels", "value 30000000 does not appear in the quote (numbers the quote "
     "states: 30000000000); it is off by a scale: «30\u00a0billion» (billion = 10^9)"),
    ("kazakhs-in-xinjiang", "About a million Kazakhs live", None),
    ("west-engagement-period", "Over the past two years the West has stepped up investment and summits", None),
])
def test_english_number_words_and_scales_are_read(fid, words, message):
    fig = DOSSIER.figure_by_id[fid]
    assert fig.citation.renderings("en") == words
    if message is None:
        assert rendering_problems(fig) == []
    else:
        wrong = replace(fig, value=fig.value // 1000)
        assert any(message in line for line in rendering_problems(wrong)), rendering_problems(wrong)


def test_a_rendering_in_a_language_not_yet_published_is_read_as_a_published_one():
    langs = DOSSIER.languages
    assert "kk" in langs.codes  # data/languages.yml knows Kazakh, published or not
    fig = DOSSIER.figure_by_id["rosatom-uranium-share"]
    src, para = DOSSIER.cited(fig.citation)
    fig = replace(fig, citation=replace(fig.citation, renderings=L10n(
        {**fig.citation.renderings.texts, "kk": "уран өндірудің төрттен біріне жуығын"})))
    with_kk = replace(para, renderings=L10n({**para.renderings.texts, "kk": "елдегі уран өндірудің төрттен біріне жуығын бақылайды"}))
    without_kk = replace(para, renderings=L10n({k: v for k, v in para.renderings.texts.items() if k != "kk"}))
    assert quote_rendering_problems(fig, src, with_kk, langs) == []
    (line,) = [str(p) for p in quote_rendering_problems(replace(fig, qualifier="more-than"), src, with_kk, langs)
               if "quote_renderings.kk" in str(p)]  # (the English rendering says so too)
    assert "quote_renderings.kk: the quote says «жуығын» (almost) but qualifier is 'more-than'" in line, line
    (line,) = [str(p) for p in quote_rendering_problems(fig, src, without_kk, langs)]
    assert "a quote rendering in 'kk', but paragraph p5 has no rendering in it" in line, line


def test_a_rendering_in_an_unknown_language_is_named():
    fig = DOSSIER.figure_by_id["uranium-world-share"]
    cite = replace(fig.citation, renderings=type(fig.citation.renderings)({**fig.citation.renderings.texts, "de": "40 %"}))
    (line,) = rendering_problems(replace(fig, citation=cite))
    assert "a quote rendering in 'de', which the dossier does not publish — remove it, or publish 'de'" in line


# --- where it is shown ------------------------------------------------------------------------------

def test_the_english_edition_shows_the_original_and_the_rendering_together():
    fig = DOSSIER.figure_by_id["uranium-world-share"]
    en = unescape(render.figure_item(render.Ctx(DOSSIER, "en", "resources/uranium.md"), fig))
    assert ('<p class="dossier-fig-item__quote dossier-fig-item__quote--rendering" lang="en" data-cited="">“Astana accounts for 40% of world uranium '
            'production” <span class="dossier-fig-item__tag">(the dossier’s translation)</span></p>'
            '<p class="dossier-fig-item__quote" lang="ru" data-cited="">«На Астану приходится 40% мирового производства урана»'
            '<span lang="en"> <span class="dossier-fig-item__tag">(original, Russian)</span></span></p>') in en  # the reader's language first
    ru = unescape(render.figure_item(render.Ctx(DOSSIER, "ru", "resources/uranium.md"), fig))
    assert "fig-item__quote--rendering" not in ru and "Astana accounts" not in ru


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_source_page_highlights_each_rendering_in_the_translation_column(lang):
    src = DOSSIER.sources["kazakhstan-critical-minerals"]
    html = render.source_text(render.Ctx(DOSSIER, lang, "sources/kazakhstan-critical-minerals.md"), src)
    fig = DOSSIER.figure_by_id["rosatom-uranium-share"]
    rendering = render.esc(fig.citation.renderings("en"))
    marked = f'<mark class="dossier-quote" data-figs="{fig.id}">'
    if lang == "en":
        column = html.split('class="dossier-src-para__rendering"')
        assert any(marked + rendering + "</mark>" in c.split("</section>")[0] for c in column[1:]), "not highlighted"
    else:
        assert "dossier-src-para__rendering" not in html and rendering not in html


def test_the_pdf_footnote_labels_the_rendering_as_the_dossiers_translation():
    fid = "rosatom-uranium-share"
    en = print_doc.Edition(DOSSIER, "en", "https://example.org/", "Dossier", "Author", "2025-01-01", "1 January 2025")
    ru = replace(en, lang="ru")
    assert print_doc.footnote_rendering(en, fid) == ("the dossier’s translation",
                                                     "controls almost a quarter of the country’s uranium output")
    assert print_doc.footnote_rendering(ru, fid) is None
    note = print_doc._footnote(en, fid, "n1")
    text = "".join(note.itertext())
    para = DOSSIER.cited(DOSSIER.figure_by_id[fid].citation)[1].number  # the source is cited once, at the start
    assert text.startswith(f"¶\u00a0{para}: контролирует почти четверть добычи урана в стране (the dossier’s translation: "
                           "controls almost a quarter of the country’s uranium output)."), text
    original, rendering = note.iter("q")
    assert original[0].get("lang") == "ru" and rendering.get("class") == "dossier-footnote__rendering"  # in the edition's language
