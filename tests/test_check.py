"""`make check` (macros/check.py): data and page problems in one fast run, without a site build."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import macros
from macros import checks as check_module
from macros import links
from macros.check import main
from macros.checks import anchors_in, check, page_anchors, page_problems
from macros.languages import published
from macros.load import load_dossier
from tests.helpers import ROOT, fixture_data

LANGS = published()  # the editions, from data/languages.yml

_ENTITY_PAGES = {f"{lang}/{page}": f"# {page}\n" for lang in ("ru", "en")
                 for page in ("partners/turkey.md", "resources/uranium.md", "sources/sample-source.md")}


def _project(tmp_path: Path, pages: dict[str, str] | None = None) -> Path:
    """A tiny project: the fixture dataset, a page for each of its partners, resources and
    sources, and one page per language (or the given pages)."""
    fixture_data(tmp_path)
    pages = pages or {"ru/index.md": "# Главная { #home }\n\n{{ fig(\"uranium-share\") }}\n",
                      "en/index.md": "# Home { #home }\n\n{{ fig(\"uranium-share\") }}\n"}
    for rel, text in {**_ENTITY_PAGES, **pages}.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _lines(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.mark.project
def test_the_real_project_passes_the_check():
    assert _lines(check(ROOT)) == []


def test_a_clean_fixture_project_passes(tmp_path):
    assert _lines(check(_project(tmp_path))) == []


def test_misspelled_figure_id_in_a_page_is_named_with_a_suggestion(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n\nДоля: {{ fig(\"uranium-shar\") }}\n",
                               "en/index.md": "# Home\n"})
    assert _lines(check(root)) == [
        "docs/ru/index.md:3: unknown figure id 'uranium-shar' — did you mean 'uranium-share'? "
        "use an id from data/figures.yml"]


@pytest.mark.parametrize("call, message", [
    ('{{ key_figures("partner", "turky") }}',
     "docs/en/index.md:1: unknown partner id 'turky' — did you mean 'turkey'? use an id from data/partners.yml"),
    ('{{ figures_by("resource", "uranum") }}',
     "docs/en/index.md:1: unknown resource id 'uranum' — did you mean 'uranium'? use an id from data/resources.yml"),
    ('{{ source_text("sample-sorce") }}',
     "docs/en/index.md:1: unknown source id 'sample-sorce' — did you mean 'sample-source'? "
     "use the id (file name) of a data/sources/*.yml file"),
    ('{{ related("partnr", "turkey") }}',
     "docs/en/index.md:1: unknown kind 'partnr' — did you mean 'partner'? use \"partner\" or \"resource\""),
    ('{{ key_figures("partner") }}',
     "docs/en/index.md:1: macro 'key_figures' takes 2 arguments (kind, eid), not 1 — call it as key_figures(kind, eid)"),
    ('{{ fgi("uranium-share") }}',
     "docs/en/index.md:1: unknown macro 'fgi' (pages have no variables, only the dossier's macros) — did you mean 'fig'? use one of:"),
    ('{{ config.site_name }}',
     "docs/en/index.md:1: reading '.site_name' of a value is not allowed in page markdown — remove it; pages may only call the dossier's macros"),
    ("{% set x = config %}{{ x }}", "docs/en/index.md:1: '{% set %}' is not allowed in page markdown — remove it;"),
    ("{% for c in [config] %}{{ c }}{% endfor %}", "docs/en/index.md:1: '{% for %}' is not allowed in page markdown — remove it;"),
    ("{{ (config) }}", "docs/en/index.md:1: unknown macro 'config' (pages have no variables"),
    ("{{ page }}", "docs/en/index.md:1: unknown macro 'page' (pages have no variables"),
    ('{{ fig("uranium-share") | safe }}', "docs/en/index.md:1: the filter '|safe' is not allowed in page markdown"),
    ("{{ fig }}", "docs/en/index.md:1: macro 'fig' is named but not called"),
    ("{% include 'mkdocs.yml' %}",
     "docs/en/index.md:1: '{% include %}' is not allowed in page markdown — remove it;"),
    ("# Home {#home}",
     "docs/en/index.md:1: template syntax error: Missing end of comment tag — '{#' starts a Jinja comment: "
     "write a heading anchor with spaces, '{ #anchor }'"),
])
def test_each_page_mistake_has_an_exact_message(tmp_path, call, message):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n", "en/index.md": call + "\n"})
    lines = _lines(check(root))
    assert any(line.startswith(message) for line in lines), lines


def test_page_in_one_language_only(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n", "en/index.md": "# Home\n",
                               "ru/partners/kyrgyzstan.md": "# Кыргызстан\n"})
    assert _lines(check(root)) == [
        "docs/ru/partners/kyrgyzstan.md:1: the page is missing in English: docs/en/partners/kyrgyzstan.md does not exist "
        "(it exists in Russian) — add docs/en/partners/kyrgyzstan.md with the English text (same file name, same { #anchors }), "
        "or remove the page from every language"]


def test_partner_resource_or_source_without_its_page(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "en" / "partners" / "turkey.md").unlink()
    for lang in ("ru", "en"):
        (root / "docs" / lang / "sources" / "sample-source.md").unlink()
    assert _lines(check(root)) == [
        "docs/ru/partners/turkey.md:1: the page is missing in English: docs/en/partners/turkey.md does not exist "
        "(it exists in Russian) — add docs/en/partners/turkey.md with the English text (same file name, same { #anchors }), "
        "or remove the page from every language",
        "data/sources/sample-source.yml:1: sample-source: source has no page docs/ru/sources/sample-source.md or "
        "docs/en/sources/sample-source.md — add docs/ru/sources/sample-source.md and docs/en/sources/sample-source.md "
        "(see CONTRIBUTING.md); the menu lists it by itself"], "one message per mistake"


def test_data_and_page_problems_come_together_in_one_run(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "{{ fig(\"nope\") }}\n", "en/index.md": "{{ fgi(\"x\") }}\n",
                               "en/extra.md": "# Extra\n"})
    figures = root / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace('["uranium"]', '["uranum"]'), encoding="utf-8")
    lines = _lines(check(root))
    assert [line.split(":")[0] for line in lines] == [
        "data/figures.yml", "docs/en/extra.md", "docs/ru/index.md", "docs/en/index.md"], lines
    # With broken data, page ids are still checked against the ids the data files declare.
    assert "docs/ru/index.md:1: unknown figure id 'nope'" in lines[2]
    assert "unknown macro 'fgi'" in lines[3]


def test_source_paragraph_edited_after_figures_cite_it_lists_each_figure(tmp_path):
    root = _project(tmp_path)
    source = root / "data" / "sources" / "sample-source.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("40% мирового производства урана, а запасы газа составляют 3,8 трлн",
                                   "40% всего мирового производства урана, а запасы газа равны 3,8 трлн"), encoding="utf-8")
    lines = _lines(check(root))
    assert len(lines) == 3, lines
    assert lines.pop(0).startswith("data/sources/sample-source.yml:12: sample-source/p1: the text of paragraph p1 "
                                   "differs from the text pinned in data/source-pins.yml")
    assert lines[0].startswith("data/figures.yml:10: uranium-share: quote not found in paragraph p1 of "
                               "sample-source (data/sources/sample-source.yml:12)"), "the line of quote:"
    assert lines[0].endswith("closest passage in the paragraph: «На Астану приходится 40% всего мирового производства "
                             "урана»; the paragraph has «всего» there, which the quote leaves out"), "the word that differs"
    assert lines[1].startswith("data/figures.yml:22: gas-reserves: quote not found in paragraph p1")
    assert lines[1].endswith("closest passage in the paragraph: «запасы газа равны 3,8 трлн кубометров.»; the quote has "
                             "«составляют» where the paragraph has «равны»")


def test_a_lookalike_letter_in_a_source_paragraph_is_named_by_its_unicode_name(tmp_path):
    root = _project(tmp_path)
    source = root / "data" / "sources" / "sample-source.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("40% мирового", "40% мирoвого"), encoding="utf-8")
    assert _lines(check(root))[:1] == [
        "data/sources/sample-source.yml:14: the word 'мирoвого' mixes letters of CYRILLIC and LATIN scripts "
        "(U+006F LATIN SMALL LETTER O) — retype the word in one script: a letter that looks like another script's "
        "is a lookalike"]


def test_macro_names_come_from_the_registered_macros():
    """The check knows exactly the macros define_env registers: no second list to drift."""
    registered = {}

    class Env:
        conf = {"repo_url": "https://example.org/r"}
        config = {"render_by_default": False, "force_render_paths": ""}
        page = None

        def macro(self, fn, name):
            registered[name] = fn

        @property
        def macros(self):
            return registered

    macros.define_env(Env())
    assert set(registered) == set(macros.macro_table(None, lambda: None))
    assert all(getattr(fn, "_dossier_macro", False) for fn in registered.values())


def test_command_exits_non_zero_and_prints_every_problem(tmp_path, capsys):
    root = _project(tmp_path, {"ru/index.md": "{{ fig(\"a\") }}\n{{ fig(\"b\") }}\n", "en/index.md": "# Home\n"})
    assert main([str(root)]) == 1
    out = capsys.readouterr()
    assert out.out.count("unknown figure id") == 2
    assert "2 problems found" in out.err
    assert main([str(_project(tmp_path / "ok"))]) == 0


@pytest.mark.project
def test_make_check_runs_the_module_as_a_command():
    """`make check` is `python -m macros.check` (where make is missing, the module is run itself)."""
    command = ["make", "-s", "check"] if shutil.which("make") else [sys.executable, "-m", "macros.check"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "data and pages are consistent" in run.stderr


def test_pages_missing_from_the_nav_and_nav_entries_without_pages(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n", "en/index.md": "# Home\n"})
    (root / "mkdocs.yml").write_text('site_name: "t"\nnav:\n  - "Главная": index.md\n  - "Партнёры":\n'
                                     '      - partners/turky.md\n  - resources/uranium.md\n'
                                     '  - sources/sample-source.md\n', encoding="utf-8")
    assert _lines(check(root)) == [
        "mkdocs.yml:5: nav entry 'partners/turky.md' has no page — create docs/ru/partners/turky.md and "
        "docs/en/partners/turky.md, or correct the entry",
        "docs/ru/partners/turkey.md: page is not in the navigation (the strict build stops on it) — add "
        "'- partners/index.md' to a section under nav: in mkdocs.yml (ask a maintainer); every page of "
        "data/partners.yml follows it by itself"]


def test_symlinks_under_docs_and_data_are_named_and_not_read(tmp_path):
    root = _project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("{{ hunter2 }}\n", encoding="utf-8")
    (root / "docs" / "ru" / "leak.md").symlink_to(secret)
    (root / "docs" / "en" / "assets").symlink_to("/etc")
    (root / "data" / "sources" / "x.yml").symlink_to("/etc/passwd")
    found = [str(p) for p in check(root)]
    links = [m for m in found if "symbolic link" in m]
    assert links == [  # the loader names data/'s link first; make check adds docs/'s, each once
        "data/sources/x.yml: symbolic link to /etc/passwd: links are not followed — commit the file itself, not a link to it",
        "docs/en/assets: symbolic link to /etc: links are not followed — commit the folder itself, not a link to it",
        f"docs/ru/leak.md: symbolic link to {secret}: links are not followed — commit the file itself, not a link to it",
    ], found
    assert not any("hunter2" in m for m in found)  # the linked page was not read as a template


# --- links and anchors in prose (the build says the same: hooks/page_checks.py) -----------------

_MACRO_PAGES = {f"{lang}/{page}": text for lang in ("ru", "en") for page, text in {
    "partners/turkey.md": '# T { #turkey }\n\n{{ figures_by("partner", "turkey") }}\n',
    "sources/sample-source.md": '# S { #source }\n\n{{ source_text("sample-source") }}\n',
}.items()}


@pytest.mark.parametrize("prose", [
    "[Турция](partners/turkey.md) и [дом](#home), [себя](index.md#home)",
    "[газ](partners/turkey.md#fig-gas-reserves) в группе [без ресурса](partners/turkey.md#resource-none)",
    "[абзац](sources/sample-source.md#sample-source-p1) и [цитата](sources/sample-source.md#sample-source-p1--gas-reserves)",
    "[сайт](https://example.org/x#y), [почта](mailto:a@example.org), `[код](nope.md)`",
    "```\n[в блоке кода](nope.md)\n```",
    "{{ fig(\"uranium-share\") }} <!-- [в комментарии](nope.md) -->",
])
def test_links_that_land_pass(tmp_path, prose):
    extra = "{{ fig(\"uranium-share\") }}" if "fig(" in prose else ""
    root = _project(tmp_path, {**_MACRO_PAGES, "ru/index.md": "# Главная { #home }\n\n" + prose + "\n",
                               "en/index.md": "# Home { #home }\n" + extra + "\n"})
    assert _lines(check(root)) == []


@pytest.mark.parametrize("prose, line", [
    ("[Турция](partners/turky.md)",
     "docs/ru/index.md:3: link to 'partners/turky.md': there is no page docs/ru/partners/turky.md — did you mean "
     "'partners/turkey.md'? link to a page of this edition, by its path relative to this page's folder"),
    ("[дом](#hom)",
     "docs/ru/index.md:3: link to '#hom': this page has no anchor '#hom' — did you mean '#home'? use an anchor the page "
     "has: a heading's { #anchor }, or fig-<figure id> of a figure it shows"),
    ("[газ](partners/turkey.md#fig-gas-reserve)",
     "docs/ru/index.md:3: link to 'partners/turkey.md#fig-gas-reserve': docs/ru/partners/turkey.md has no anchor "
     "'#fig-gas-reserve' — did you mean '#fig-gas-reserves' (figure 'gas-reserves')? use an anchor the page has:"),
    ("[уран](partners/turkey.md#fig-uranium-share)",
     "docs/ru/index.md:3: link to 'partners/turkey.md#fig-uranium-share': figure 'uranium-share' is not shown on "
     "docs/ru/partners/turkey.md — link to it where it is shown: 'figures.md#fig-uranium-share'"),
    ("[уран](partners/turkey.md#fig-uranium-shar)",
     "docs/ru/index.md:3: link to 'partners/turkey.md#fig-uranium-shar': docs/ru/partners/turkey.md has no anchor "
     "'#fig-uranium-shar' — did you mean figure 'uranium-share'? it is not shown on docs/ru/partners/turkey.md: "
     "link to 'figures.md#fig-uranium-share'"),
    ("[абзац](sources/sample-source.md#sample-sorce-p1)",
     "docs/ru/index.md:3: link to 'sources/sample-source.md#sample-sorce-p1': docs/ru/sources/sample-source.md has no "
     "anchor '#sample-sorce-p1' — did you mean '#sample-source-p1'?"),
    ("[Турция](/partners/turkey.md)",
     "docs/ru/index.md:3: link to '/partners/turkey.md' is absolute (it breaks in the other edition and in a preview) — "
     "write it relative to this page, e.g. 'partners/turkey.md'"),
    ("[Партнёры](partners/)",
     "docs/ru/index.md:3: link to 'partners/' names a folder, not a page — link to its page: 'partners/index.md'"),
    ("текст\n\n[ref]: partners/turky.md", "docs/ru/index.md:5: link to 'partners/turky.md': there is no page"),
    ('<a href="partners/turky.md">Турция</a>', "docs/ru/index.md:3: link to 'partners/turky.md': there is no page"),
])
def test_a_link_that_does_not_land_is_named(tmp_path, prose, line):
    pages = {"ru/partners/index.md": "# П { #partners }\n", "en/partners/index.md": "# P { #partners }\n"}
    root = _project(tmp_path, {**_MACRO_PAGES, **pages, "ru/index.md": "# Главная { #home }\n\n" + prose + "\n",
                               "en/index.md": "# Home { #home }\n"})
    (root / "docs" / "ru" / "figures.md").write_text('# Ц\n\n{{ figures_table() }}\n', encoding="utf-8")
    (root / "docs" / "en" / "figures.md").write_text('# F\n\n{{ figures_table() }}\n', encoding="utf-8")
    lines = [x for x in _lines(check(root)) if "navigation" not in x]
    assert len(lines) == 1 and lines[0].startswith(line), lines


def test_anchors_a_page_gives():
    assert anchors_in("# Title { #top }\n\nText {: #para .note }\n\n<span id=\"raw\"></span>\n\n## Plain heading\n"
                      "\n## Plain heading\n\n```\n# not a heading\n```\n") == {"top", "para", "raw", "plain-heading",
                                                                             "plain-heading_1"}
    assert anchors_in("{{ fig(\"x\") }} and style { color: #fff; }") == set()


def test_the_anchors_make_check_computes_are_in_the_built_pages(built_site):
    """The anchors make check counts on a page (from its markdown and its macros' output, the index
    link_problems reads here and in hooks/page_checks.py) are ids of the built page."""
    dossier = load_dossier(ROOT / "data")
    for lang in LANGS:
        for page in sorted((ROOT / "docs" / lang).rglob("*.md")):
            made = []
            page_problems(page, ROOT, lang, dossier, None, made)
            rel = page.relative_to(ROOT / "docs" / lang).as_posix()
            anchors = page_anchors(page.read_text(encoding="utf-8"), made)
            built = built_site / links.edition_prefix(lang) / links.page_url(rel) / "index.html"
            ids = set(re.findall(r'\bid="([^"]+)"', built.read_text(encoding="utf-8")))
            assert anchors and anchors <= ids, (lang, rel, sorted((anchors or set()) - ids))


# --- the two languages of a page ----------------------------------------------------------------

def test_an_anchor_in_one_language_only(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная { #home }\n\n## Цифры { #figures }\n",
                               "en/index.md": "# Home { #home }\n\n## Figures { #figure-list }\n"})
    assert _lines(check(root)) == [
        "docs/ru/index.md:3: anchor '#figures' is in the Russian page only: docs/en/index.md has no { #figures } — "
        "give the same heading { #figures } in docs/en/index.md, or remove it here",
        "docs/en/index.md:3: anchor '#figure-list' is in the English page only: docs/ru/index.md has no "
        "{ #figure-list } — give the same heading { #figure-list } in docs/ru/index.md, or remove it here"]


def test_a_figure_shown_in_one_language_only(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n\n{{ fig(\"uranium-share\") }} и {{ fig(\"gas-reserves\") }}\n",
                               "en/index.md": "# Home\n\n{{ fig(\"uranium-share\") }}\n"})
    assert _lines(check(root)) == [
        "docs/ru/index.md:3: {{ fig(\"gas-reserves\") }} is in the Russian page only, not in docs/en/index.md — "
        "every edition of a page shows the same figures: add it to docs/en/index.md, or remove it here"]


def test_a_failing_call_is_named_once_not_as_a_language_difference(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная\n\n{{ fig(\"uranium-shar\") }}\n",
                               "en/index.md": "# Home\n\n{{ fig(\"uranium-share\") }}\n"})
    assert [line.split(" — ")[0] for line in _lines(check(root))] == [
        "docs/ru/index.md:3: unknown figure id 'uranium-shar'"]


def test_source_pages_need_not_be_in_the_nav(tmp_path):
    """The Sources section of the navigation is built from data/sources after sources/index.md
    (hooks/site.py): a source's page with its data file needs no nav entry."""
    root = _project(tmp_path, {"ru/index.md": "# Главная\n", "en/index.md": "# Home\n",
                               "ru/sources/index.md": "# Источники\n", "en/sources/index.md": "# Sources\n"})
    (root / "mkdocs.yml").write_text('site_name: "t"\nnav:\n  - index.md\n  - partners/turkey.md\n'
                                     '  - resources/uranium.md\n  - sources/index.md\n', encoding="utf-8")
    assert _lines(check(root)) == []


def test_files_shared_by_the_editions_and_missing_images(tmp_path):
    root = _project(tmp_path, {"ru/index.md": "# Главная { #home }\n\n![схема](../images/map.png)\n\n![карта](map.png)\n",
                               "en/index.md": "# Home { #home }\n"})
    (root / "docs" / "images").mkdir()
    (root / "docs" / "images" / "map.png").write_bytes(PNG)
    (root / "docs" / "ru" / "mapp.png").write_bytes(PNG)
    assert _lines(check(root)) == [
        "docs/ru/index.md:5: link to 'map.png': there is no file docs/ru/map.png — did you mean 'mapp.png'? "
        "link to a file of this edition, by its path relative to this page's folder"]


PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def test_the_wording_of_data_texts_is_answered_again_when_a_file_changes(tmp_path):
    data = fixture_data(tmp_path)  # the tests' own data (no terminology.yml: no terms)
    terms = check_module.terms_of(data, [])
    assert check_module.data_wording_problems(data, terms) == []
    figures = data / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    assert 'en: "Uranium share"' in text
    figures.write_text(text.replace('en: "Uranium share"', 'en: "Astana\'s uranium share"', 1), encoding="utf-8")
    found = [str(p) for p in check_module.data_wording_problems(data, terms)]
    assert found and all(p.startswith("data/figures.yml:") for p in found), found


def test_every_problem_of_a_new_source_is_named_in_one_round(tmp_path):
    """A schema mistake in one file no longer hides the others: a new source with a misspelt field, no
    page, and a source with a paragraph edited after it was pinned are all named by one `make check`."""
    root = _project(tmp_path)
    sample = root / "data" / "sources" / "sample-source.yml"
    text = sample.read_text(encoding="utf-8")
    (root / "data" / "sources" / "new-report.yml").write_text(
        text.replace('id: "sample-source"', 'id: "new-report"').replace("title:", "titel:", 1), encoding="utf-8")
    sample.write_text(text.replace("40% мирового", "40 % мирового"), encoding="utf-8")
    lines = _lines(check(root))
    assert any(line.startswith("data/sources/new-report.yml:") and "titel" in line for line in lines), lines
    assert any("source has no page docs/ru/sources/new-report.md" in line for line in lines), lines
    assert any(line.startswith("data/sources/sample-source.yml:") and "quote" not in line and "pinned" in line
               for line in lines), lines
