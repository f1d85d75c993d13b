"""The adapter between mkdocs and the dossier (macros/site.py), unit by unit: no site is built."""
from __future__ import annotations

import html
from types import SimpleNamespace

import pytest

from macros import links, problem_page, site
from macros.checks import nav_problems
from macros.load import load_dossier
from macros.problems import Problem
from tests.helpers import ROOT, fixture_data


def _page(src_uri: str, locale: str | None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=locale))


def test_the_page_language_and_path_come_from_the_file_locale():
    assert site.page_lang(_page("en/partners/china.md", "en")) == "en"
    assert site.page_path(_page("en/partners/china.md", "en")) == "partners/china.md"
    assert site.page_path(_page("ru/index.md", "ru")) == "index.md"
    with pytest.raises(ValueError, match="language 'xx' is not one of"):
        site.page_lang(_page("xx/index.md", "xx"))


def test_published_languages_until_the_language_table_lands():
    assert site.published_languages(ROOT / "data")[:2] == ["ru", "en"]


def test_mkdocs_editions_must_be_the_data_languages():
    assert site.editions_differ(["ru", "en"], ["en", "ru"]) == []
    [problem] = site.editions_differ(["ru", "en", "kk"], ["ru", "en"])
    assert str(problem).startswith("mkdocs.yml: the i18n plugin builds the editions ru, en, kk but the data publishes ru, en — ")


def test_the_problem_page_lists_the_lines_escaped_in_the_edition_language():
    found = [Problem("data/figures.yml", 9, "x", "field 'value' is <b>bad</b> & wrong", "write {{ 5 }}")]
    ru, en, tt = (problem_page.problem_page(found, lang, ROOT / "data") for lang in ("ru", "en", "tt"))
    assert '<html lang="ru">' in ru and html.escape(problem_page.problem_texts("ru", ROOT / "data")[0]) in ru
    assert '<html lang="en">' in en and html.escape(problem_page.problem_texts("en", ROOT / "data")[0]) in en
    assert problem_page.problem_texts("ru", ROOT / "data") != problem_page.problem_texts("en", ROOT / "data")
    assert html.escape(problem_page.problem_texts("en", ROOT / "data")[0]) in tt, "a language without its texts: English"
    assert ("<li><code>data/figures.yml:9</code> x: field &#x27;value&#x27; is &lt;b&gt;bad&lt;/b&gt; &amp; wrong"
            '<span class="dossier-problem__fix">→ write {{ 5 }}</span></li>') in en
    assert "<b>" not in en and "<style>" in en


def test_the_problem_page_needs_no_readable_data(tmp_path):
    page = problem_page.problem_page([Problem("data/languages.yml", 1, None, "bad", "fix")], "ru", tmp_path)
    assert '<html lang="ru">' in page and "data/languages.yml:1" in page


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("d")))


def test_partners_resources_and_sources_follow_their_index_in_data_order(dossier):
    nav = [{"Главная": "index.md"}, {"Партнёры": ["partners/index.md", "partners/old.md"]},
           {"Источники": ["sources/index.md", {"Old title": "sources/sample-source.md"}]}, {"Метод": "method.md"}]
    listed = links.listed_pages(site.data_ids(dossier))
    first = site.with_data_pages(nav, listed)
    assert site.with_data_pages(first, listed) == first, "the next edition starts from the nav the first one left"
    partners = [f"partners/{p.id}.md" for p in dossier.partners]
    assert first[1] == {"Партнёры": ["partners/index.md", "partners/old.md", *partners]}
    assert first[2] == {"Источники": ["sources/index.md", *(f"sources/{s}.md" for s in dossier.sources)]}, \
        "entries are bare: mkdocs titles each with its page's heading, so no data text reaches the nav"
    assert first[0] == nav[0] and first[3] == nav[3]
    assert not any("resources/" in str(item) for item in first), "no resources/index.md: no resource pages"
    assert site.with_data_pages([{"Главная": "index.md"}], listed) == [{"Главная": "index.md"}]


def test_the_listed_pages_come_from_each_kinds_ids():
    assert links.listed_pages({"partner": ["japan"], "source": ["a", "b"]}) == {
        "partners/index.md": ["partners/japan.md"], "resources/index.md": [],
        "sources/index.md": ["sources/a.md", "sources/b.md"]}


def _nav_project(tmp_path, nav: str, sources=("a",), pages=("index", "a")):
    (tmp_path / "mkdocs.yml").write_text(f'site_name: "t"\nnav:\n{nav}', encoding="utf-8")
    (tmp_path / "data" / "sources").mkdir(parents=True)
    for sid in sources:
        (tmp_path / "data" / "sources" / f"{sid}.yml").write_text(f'id: "{sid}"\n', encoding="utf-8")
    for lang in ("ru", "en"):
        for page in ("index", *(f"sources/{p}" for p in pages)):
            (tmp_path / "docs" / lang / f"{page}.md").parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "docs" / lang / f"{page}.md").write_text("# t\n", encoding="utf-8")
    return tmp_path


def test_make_check_counts_a_source_page_as_listed_by_its_data(tmp_path):
    root = _nav_project(tmp_path, '  - index.md\n  - "Источники":\n      - sources/index.md\n', pages=("index", "a", "b"))
    assert [str(p) for p in nav_problems(root)] == [
        "docs/ru/sources/b.md: page is not in the navigation (the strict build stops on it) — a source's page is "
        "listed by its data: add data/sources/b.yml, or remove the page"]


def test_without_sources_index_in_the_nav_source_pages_must_be_listed(tmp_path):
    root = _nav_project(tmp_path, "  - index.md\n", pages=("a",))
    assert [p.path for p in nav_problems(root)] == ["docs/ru/sources/a.md"]


def test_make_check_counts_a_partner_page_as_listed_by_its_data(tmp_path):
    root = _nav_project(tmp_path, '  - index.md\n  - "Партнёры":\n      - partners/index.md\n', sources=(), pages=())
    (root / "data" / "partners.yml").write_text('- id: "japan"\n', encoding="utf-8")
    for lang in ("ru", "en"):
        (root / "docs" / lang / "partners").mkdir()
        for page in ("index", "japan", "korea"):
            (root / "docs" / lang / "partners" / f"{page}.md").write_text("# t\n", encoding="utf-8")
    assert [str(p) for p in nav_problems(root)] == [
        "docs/ru/partners/korea.md: page is not in the navigation (the strict build stops on it) — a partner's page "
        "is listed by its data: add a record with id: korea to data/partners.yml, or remove the page"]


def test_make_check_reaches_the_macro_table_without_mkdocs():
    import subprocess
    import sys

    code = ("import sys; import macros.checks; "
            "assert not [m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')], 'mkdocs imported'")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
