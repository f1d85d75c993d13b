"""Text per language as data: the one table (data/languages.yml), the schema that follows from it,
a source whose original is English, and a site in three languages built from the same code."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from macros import inline, languages, render
from macros.load import load_dossier
from macros.model import L10n
from macros.problems import DossierError
from tests.helpers import FIXTURES, ROOT, build, fixture_data
from tests.trilingual import three_languages, with_english_source, with_placeholder_language

TRILINGUAL = FIXTURES / "trilingual"


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(with_english_source(fixture_data(tmp_path_factory.mktemp("english"))))


# --- the table ------------------------------------------------------------------------------------

def test_the_table_gives_the_editions_and_every_per_language_rule():
    table = languages.load(ROOT / "data")
    assert languages.published(ROOT / "data") == table.published == ("ru", "en", "kk")
    assert table.name("ru", "en") == "Russian" and table.name("en", "ru") == "английский"
    assert table["ru"].quoted("x") == "«x»" and table["en"].quoted("x") == "“x”"
    assert (table["ru"].locale, table["ru"].compact, table["en"].compact) == ("ru", "short", "long")
    assert table["ru"].stemmers == ("ru", "en") and table["en"].stemmers == ("en",)


def test_the_schema_of_every_text_follows_from_the_table():
    """The editor's copy in data/schema/common.schema.json is what the loader validates with;
    after editing data/languages.yml, `python -m tools.language_schema` rewrites it."""
    table = languages.load(ROOT / "data")
    on_disk = json.loads((ROOT / "data" / "schema" / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    generated = languages.schema_defs(table)
    assert {k: on_disk[k] for k in generated} == generated
    assert generated["l10n"]["required"] == list(table.published) and generated["language"]["enum"] == list(table.codes)
    assert set(table.published) <= set(table.codes)  # every edition is a language of the table


def test_an_l10n_is_a_frozen_mapping_over_languages():
    text = L10n({"ru": "Уран", "en": "Uranium"})
    assert text("en") == "Uranium" and text.languages == ("ru", "en") and "ru" in text
    assert text == L10n(ru="Уран", en="Uranium") and hash(text) == hash(L10n(en="Uranium", ru="Уран"))
    with pytest.raises(AttributeError):
        text.texts = {}
    with pytest.raises(TypeError):
        text.texts["de"] = "Uran"


def _problems(data: Path) -> list[str]:
    with pytest.raises(DossierError) as err:
        load_dossier(data)
    return [str(p) for p in err.value.problems]


def test_publishing_a_third_language_asks_for_it_in_every_text_by_file_and_line(tmp_path):
    data = fixture_data(tmp_path)
    three_languages(data)  # ru, en and de published
    found = _problems(data)
    assert "data/resources.yml:2: uranium: 'de' is missing (the text in German) — give the text in every published " \
           'language: ru: "...", en: "...", de: "..." (data/languages.yml lists them)' in found
    assert any(p.startswith("data/strings.yml:") and "'de' is missing" in p for p in found)


def test_a_paragraph_without_the_rendering_of_an_edition_is_named(tmp_path):
    data = fixture_data(tmp_path)
    three_languages(data)
    for path in [data / "figures.yml", data / "partners.yml", data / "resources.yml", data / "strings.yml"]:
        path.write_text(with_placeholder_language(path.read_text(encoding="utf-8"), "de"), encoding="utf-8")
    source = data / "sources" / "sample-source.yml"
    text = with_placeholder_language(source.read_text(encoding="utf-8"), "de")
    source.write_text(re.sub(r'(renderings: \{en: "Astana[^}]*?), de: "[^"]*"\}', r"\1}", text), encoding="utf-8")
    assert _problems(data) == ["data/sources/sample-source.yml:12: sample-source/p1: the dossier's rendering in de (German) "
                               'is missing — add renderings: {de: "…"}: the paragraph in that edition\'s language']


def test_a_text_in_a_language_the_table_does_not_know_is_named(tmp_path):
    data = fixture_data(tmp_path, {"resources.yml": ('name: {ru: "Уран", en: "Uranium"}',
                                                     'name: {ru: "Уран", en: "Uranium", tt: "Уран"}')})
    assert any("data/resources.yml:2: uranium: text in 'tt', which is not a language of data/languages.yml" in p
               for p in _problems(data))


def test_a_paragraph_rendered_in_its_own_language_is_refused(tmp_path):
    data = with_english_source(fixture_data(tmp_path))
    path = data / "sources" / "english-source.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('renderings: {ru: "Вымышленный',
                                                             'renderings: {en: "Again.", ru: "Вымышленный'),
                    encoding="utf-8")
    assert any(p.startswith("data/sources/english-source.yml:16: english-source/p1: a rendering in 'en', the source's "
                            "own language — remove it") for p in _problems(data))


def test_a_source_in_a_language_the_table_does_not_know_is_refused(tmp_path):
    data = fixture_data(tmp_path, {"sources/sample-source.yml": ('language: "ru"', 'language: "tt"')})
    assert any(p.startswith("data/sources/sample-source.yml:2: sample-source: field 'language' is 'tt'; allowed: ru, en")
               for p in _problems(data))


# --- a source whose original is English, in both editions --------------------------------------------

def source_page(dossier, lang: str, sid: str = "english-source") -> str:
    return render.source_text(inline.Ctx(dossier, lang, f"sources/{sid}.md"), dossier.sources[sid])


def test_an_english_original_is_shown_alone_on_the_english_edition(dossier):
    html = unescape(source_page(dossier, "en"))
    src = dossier.sources["english-source"]
    assert html.count('<p class="dossier-src-para__text" lang="en" data-cited="">') == 3
    assert "dossier-src-para__rendering" not in html and "Original (" not in html and "translation" not in html
    assert src.paragraphs[2].text in html and not any(p.renderings("ru") in html for p in src.paragraphs)


def test_an_english_original_has_the_russian_rendering_beside_it_on_the_russian_edition(dossier):
    html = unescape(source_page(dossier, "ru"))
    src = dossier.sources["english-source"]
    assert html.count("Оригинал (английский)") == 3 and html.count("Собственный перевод досье") == 3
    for p in src.paragraphs[::2]:
        assert f'<p lang="ru" data-cited="">{p.renderings("ru")}</p>' in html
    assert 'lang="en" data-cited=""><mark class="dossier-quote" data-figs="survey-sites">The survey counts 12 exploration sites</mark>' in html
    # the Russian rendering of the quote is highlighted in the translation column, like the original
    assert ('<p lang="ru" data-cited=""><mark class="dossier-quote" data-figs="survey-sites">Обзор насчитывает в регионе 12 участков разведки</mark>'
            ', из которых сегодня действуют только пять.</p>') in html


def test_an_english_quote_is_shown_with_its_russian_rendering_on_the_russian_edition(dossier):
    fig = dossier.figure_by_id["survey-sites"]
    ru = unescape(render.figure_item(inline.Ctx(dossier, "ru", "figures.md"), fig))
    assert ('<p class="dossier-fig-item__quote dossier-fig-item__quote--rendering" lang="ru" data-cited="">«Обзор насчитывает в регионе 12 участков разведки» '
            '<span class="dossier-fig-item__tag">(перевод досье)</span></p>'
            '<p class="dossier-fig-item__quote" lang="en" data-cited="">“The survey counts 12 exploration sites”'
            '<span lang="ru"> <span class="dossier-fig-item__tag">(оригинал, английский)</span></span></p>') in ru  # the reader's language first
    en = unescape(render.figure_item(inline.Ctx(dossier, "en", "figures.md"), fig))
    assert "fig-item__quote--rendering" not in en and "Обзор" not in en, "in its own language the quote stands alone"


def test_a_russian_original_is_never_labelled_a_translation_on_the_russian_edition(dossier):
    html = unescape(source_page(dossier, "ru", "sample-source"))
    assert "Оригинал" not in html and "перевод" not in html and "dossier-src-para__rendering" not in html


def test_an_english_quote_keeps_its_own_language_and_quotation_marks(dossier):
    fig = dossier.figure_by_id["survey-sites"]
    for lang in ("ru", "en"):
        html = render.figure_item(inline.Ctx(dossier, lang, "overview.md"), fig)
        assert '<p class="dossier-fig-item__quote" lang="en" data-cited="">“The survey counts 12 exploration sites”' in html
    ru = render.figure_item(inline.Ctx(dossier, "en", "overview.md"), dossier.figure_by_id["uranium-share"])
    assert 'lang="ru" data-cited="">«На Астану' in ru


def test_the_short_citation_uses_the_edition_quotation_marks(dossier):
    cite = dossier.figure_by_id["survey-sites"].citation
    assert inline.citation_text(dossier, "ru", cite) == "Джейн Доу, «A Survey of a Small Mining Region», Вымышленный институт, абз. 2"
    assert inline.citation_text(dossier, "en", cite) == "Jane Doe, “A Survey of a Small Mining Region”, Fictional Institute, para. 2"


# --- a site in three languages, built for real -------------------------------------------------------

@pytest.fixture(scope="module")
def trilingual_site(trilingual_built) -> Path:
    return trilingual_built


EDITIONS = {"ru": "", "en": "en/", "de": "de/"}


def page(site: Path, lang: str, path: str) -> str:
    return (site / EDITIONS[lang] / path / "index.html").read_text(encoding="utf-8")


def test_the_russian_edition_of_the_three_language_site_shows_an_english_quote_with_its_rendering(trilingual_site):
    html = unescape(page(trilingual_site, "ru", "sources/english-source"))
    assert '<mark class="dossier-quote" data-figs="survey-sites">Обзор насчитывает в регионе 12 участков разведки</mark>' in html
    assert '<mark class="dossier-quote" data-figs="survey-sites">The survey counts 12 exploration sites</mark>' in html


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_edition_of_the_three_language_site_exists(trilingual_site, lang):
    for path in ("", "figures", "sources/sample-source", "sources/english-source"):
        assert f'<html lang="{lang}"' in page(trilingual_site, lang, path), path
    assert (trilingual_site / EDITIONS[lang] / "data" / f"figures.{lang}.csv").exists()
    assert (trilingual_site / EDITIONS[lang] / "search" / "search_index.json").exists()


def test_the_third_edition_formats_numbers_by_its_own_rules(trilingual_site):
    shown = {lang: unescape(page(trilingual_site, lang, "")) for lang in EDITIONS}
    assert "3,8\u00a0трлн" in shown["ru"] and "3.8\u00a0trillion" in shown["en"] and "3,8\u00a0Billionen" in shown["de"]
    assert re.search(r'data-print-url="https://[^"]+/de/sources/sample-source/#sample-source-p1"', shown["de"])


def test_each_edition_shows_a_source_beside_its_rendering_only_in_another_language(trilingual_site):
    english = {lang: unescape(page(trilingual_site, lang, "sources/english-source")) for lang in EDITIONS}
    assert "dossier-src-para__rendering" not in english["en"]
    assert "Оригинал (английский)" in english["ru"] and "Обзор насчитывает в регионе 12 участков" in english["ru"]
    assert "Original (Englisch)" in english["de"] and '<p lang="de" data-cited="">Platzhalter.</p>' in english["de"]
    russian = {lang: unescape(page(trilingual_site, lang, "sources/sample-source")) for lang in EDITIONS}
    assert "dossier-src-para__rendering" not in russian["ru"]
    assert "Original (Russian)" in russian["en"] and "Original (Russisch)" in russian["de"]


def test_the_russian_pdf_footnote_of_an_english_quote_gives_the_dossiers_russian_translation(dossier):
    from macros import print_doc
    ru = print_doc.Edition(dossier, "ru", "https://example.org/", "Досье", "Автор", "2025-01-01", "1 января 2025 г.")
    text = "".join(print_doc._footnote(ru, "survey-sites", "n1").itertext())
    assert text.startswith("¶\u00a02: The survey counts 12 exploration sites (перевод досье: "
                           "Обзор насчитывает в регионе 12 участков разведки)."), text
    en = print_doc.Edition(dossier, "en", "https://example.org/", "Dossier", "Author", "2025-01-01", "1 January 2025")
    assert print_doc.footnote_rendering(en, "survey-sites") is None


@pytest.mark.build
def test_a_page_missing_in_the_third_edition_is_named_by_make_check_and_the_build(tmp_path):
    """With the production hooks: one clear line (file:line, what, how to fix), never a traceback."""
    from macros.checks import check
    from tests.trilingual import trilingual_project

    project = trilingual_project(tmp_path)
    (project / "docs" / "de" / "method.md").unlink()
    expected = ("docs/ru/method.md:1: the page is missing in German: docs/de/method.md does not exist "
                "(it exists in Russian, English) — add docs/de/method.md with the German text")
    assert any(str(p).startswith(expected) for p in check(project)), [str(p) for p in check(project)]
    run = build(project, {"DOSSIER_PDF": "0"})
    out = run.stdout + run.stderr
    assert run.returncode != 0 and "Traceback" not in out, out[-3000:]
    assert expected in out, out[-3000:]
