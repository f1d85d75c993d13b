"""The reader's experience, in headless Chromium against the built site served on 127.0.0.1.

Harness and fixtures: tests/browser.py. Screenshots go to test-artifacts/screenshots/.
"""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from macros import links, quotes
from tests import result_cache
from tests.browser import csp_violations, new_page, screenshot
from tests.helpers import ROOT, once_per_run, real_dossier

pytestmark = pytest.mark.browser

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
STRINGS = yaml.safe_load((ROOT / "data" / "strings.yml").read_text(encoding="utf-8"))
EDITION = {lang: links.edition_prefix(lang) for lang in DOSSIER.languages.published}  # each edition under the site root
PARTNER = "partners/china/"
REPRODUCED = [f for f in DOSSIER.figures if not f.citation.referenced]  # quoted from a source the site reproduces
SOURCE = f"sources/{REPRODUCED[0].citation.source}/"  # a source page: the first figure's
FIGURE_LINK = ".md-content a.dossier-fig[data-fig][data-paragraph]"  # a figure quoted from a reproduced source
CYRILLIC = re.compile("[А-Яа-яЁё]")


def url_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("#")[0].split("?")[0]


def in_viewport(locator) -> bool:
    return locator.evaluate("e => { const r = e.getBoundingClientRect();"
                            " return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }")


def first_figure(page):
    """The page's first link to a figure from a reproduced source (one from a referenced source has no paragraph)."""
    link = page.locator(FIGURE_LINK).first
    link.scroll_into_view_if_needed()
    return link, link.get_attribute("data-fig")


# --- figures lead to their quoted words ----------------------------------------------------

@pytest.mark.parametrize("lang", list(EDITION))
def test_clicking_a_figure_lands_on_the_highlighted_quote(page, site_server, lang):
    page.goto(site_server.url(EDITION[lang] + PARTNER))
    link, fid = first_figure(page)
    fig = DOSSIER.figure_by_id[fid]
    screenshot(page, f"partner-{lang}")
    link.click()
    page.wait_for_url(re.compile(re.escape(f"sources/{fig.citation.source}/#{fig.citation.source}-{fig.citation.paragraph}--{fid}") + "$"))
    assert url_path(page.url) == site_server.prefix + EDITION[lang] + f"sources/{fig.citation.source}/"
    assert in_viewport(page.locator(f"section.dossier-src-para#{fig.citation.source}-{fig.citation.paragraph}"))
    cited = page.locator(f"#{fig.citation.source}-{fig.citation.paragraph} mark.dossier-quote[data-figs~='{fid}']").first
    words = fig.citation.quote if DOSSIER.sources[fig.citation.source].language == lang else fig.citation.renderings(lang)
    assert words.startswith(cited.inner_text()) or cited.inner_text() in words  # the reader's language first
    assert in_viewport(cited)
    other = page.locator(f"mark.dossier-quote:not([data-figs~='{fid}'])").first
    background = "e => getComputedStyle(e).backgroundColor"
    assert cited.evaluate(background) != other.evaluate(background), "the quoted words are not highlighted"
    page.wait_for_timeout(300)  # let the scroll settle for the picture
    screenshot(page, f"source-highlight-{lang}")
    assert not page.problems


def _apart(fig, para, lang: str) -> bool:
    """In the paragraph's rendering in `lang`, the figure's words stand once, and another figure's elsewhere."""
    mine = quotes.locate(fig.citation.renderings(lang), para.renderings(lang))
    if len(mine) != 1:
        return False
    (start, end), = mine
    for other in DOSSIER.by_paragraph[fig.citation.key]:
        spans = quotes.locate(other.citation.renderings(lang), para.renderings(lang))
        if other.id != fig.id and spans and all(e <= start or s >= end for s, e in spans):
            return True
    return False


def _rendered_beside_another():
    """A figure from a reproduced source whose paragraph quotes another figure too, apart from its words, in
    the paragraph's rendering on every edition in another language than the source's."""
    for fig in REPRODUCED:
        src, para = DOSSIER.cited(fig.citation)
        others = [lang for lang in EDITION if lang != src.language]
        if others and all(_apart(fig, para, lang) for lang in others):
            return fig
    pytest.fail("no paragraph quotes two figures in distinct words in its renderings: the test has nothing to show")


@pytest.mark.parametrize("lang", list(EDITION))
def test_the_quotes_rendering_is_highlighted_in_the_translation_column(page, site_server, lang):
    fig = _rendered_beside_another()
    anchor = f"{fig.citation.source}-{fig.citation.paragraph}"
    page.goto(site_server.url(EDITION[lang] + f"sources/{fig.citation.source}/#{anchor}--{fig.id}"))
    column = page.locator(f"#{anchor} .dossier-src-para__rendering")
    if lang == DOSSIER.work(fig.citation).language:  # a source on the edition of its own language: the original alone
        assert column.count() == 0
        return
    marked = column.locator(f"mark.dossier-quote[data-figs~='{fig.id}']")
    assert " ".join(" ".join(marked.all_inner_texts()).split()) == " ".join(fig.citation.renderings(lang).split())
    other = column.locator(f"mark.dossier-quote:not([data-figs~='{fig.id}'])").first
    background = "e => getComputedStyle(e).backgroundColor"
    assert marked.first.evaluate(background) != other.evaluate(background), "the rendering's words are not highlighted"
    original = page.locator(f"#{anchor} .dossier-src-para__original mark.dossier-quote[data-figs~='{fig.id}']").first
    assert marked.first.evaluate(background) == original.evaluate(background), "highlighted unlike the original's words"
    screenshot(page, f"source-highlight-rendering-{lang}")
    assert not page.problems


# --- source preview card -------------------------------------------------------------------

def open_card(page, how: str):
    link, fid = first_figure(page)
    if how == "hover":
        link.hover()
    else:  # reach a figure with the Tab key, as a keyboard user would
        page.locator("body").focus()
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches('{FIGURE_LINK.removeprefix('.md-content ')}')"):
                break
        else:
            pytest.fail("no figure link is reachable with the Tab key")
        link = page.locator(":focus")
        fid = link.get_attribute("data-fig")
    card = page.locator("#dossier-fig-preview")
    card.wait_for(state="visible")
    # a selector, not wait_for_function: Playwright evals its predicate, which the page's CSP may refuse
    page.locator("#dossier-fig-preview[data-paragraph]:not([data-paragraph=''])").wait_for()
    return link, DOSSIER.figure_by_id[fid], card


@pytest.mark.parametrize("how", ["hover", "keyboard"])
@pytest.mark.parametrize("lang", list(EDITION))
def test_preview_card_shows_the_cited_paragraph(page, site_server, lang, how):
    page.goto(site_server.url(EDITION[lang] + PARTNER))
    link, fig, card = open_card(page, how)
    source = DOSSIER.sources[fig.citation.source]
    para = source.paragraph(fig.citation.paragraph)
    assert card.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "dossier-fig-preview"
    assert card.get_attribute("data-paragraph") == f"{fig.citation.source}-{fig.citation.paragraph}"
    number = STRINGS["ui.paragraph"][lang].format(n=para.number)
    assert card.locator(".dossier-fig-preview__number").inner_text() == number
    assert card.locator(".dossier-fig-preview__cite").inner_text().strip()
    hits = " ".join(card.locator(f"p[lang='{source.language}'] .dossier-fig-preview__hit").all_inner_texts())
    assert hits and hits.replace(" ", "") in fig.citation.quote.replace(" ", "")
    rendered = " ".join(card.locator(".dossier-fig-preview__rendering .dossier-fig-preview__hit").all_inner_texts())
    if lang != source.language:  # the quote's rendering stands out in the edition's own rendering
        assert " ".join(rendered.split()) == " ".join(fig.citation.renderings(lang).split())
    else:
        assert rendered == ""
    original = card.locator(f"p[lang='{source.language}']")
    assert " ".join(original.inner_text().split()) == " ".join(para.text.split())
    if lang != source.language:  # the edition's own rendering first, the original beside it
        assert " ".join(card.locator(f".dossier-fig-preview__rendering p[lang='{lang}']").inner_text().split()) == " ".join(para.renderings(lang).split())
        assert card.locator(f".dossier-fig-preview__original p[lang='{source.language}']").count() == 1
    if how == "hover":
        screenshot(page, f"preview-card-{lang}")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None
    assert not page.problems


def test_preview_card_follows_the_pointer_away(page, site_server):
    page.goto(site_server.url(PARTNER))
    open_card(page, "hover")
    page.mouse.move(5, 5)
    page.locator("#dossier-fig-preview").wait_for(state="hidden")


@pytest.mark.parametrize("lang", list(EDITION))
def test_preview_card_shows_the_verdicts_of_other_sources(page, site_server, lang):
    """The verdicts come from the link's data-verdicts (macros/figlink.py); set here on the first
    figure link, so the test holds whatever the data's observations are; no script runs in the page."""
    page.goto(site_server.url(EDITION[lang] + PARTNER))
    link, _ = first_figure(page)
    link.evaluate("a => { a.setAttribute('data-verdicts', 'agrees,differs,another-definition');"
                  "       a.setAttribute('data-verdict-sources', 'Alpha | Beta | Gamma'); }")
    link.hover()
    card = page.locator("#dossier-fig-preview")
    card.wait_for(state="visible")
    page.locator("#dossier-fig-preview[data-paragraph]:not([data-paragraph=''])").wait_for()
    line = card.locator(".dossier-fig-preview__verdicts")
    labels = [STRINGS[f"verdict.{k}"][lang] for k in ("agrees", "differs", "another-definition")]
    named = "; ".join(f"{who} — {label}" for who, label in zip(("Alpha", "Beta", "Gamma"), labels))  # who says what
    assert " ".join(line.inner_text().split()) == f'{STRINGS["preview.other_sources"][lang]}: {named}'
    assert card.locator(".dossier-fig-preview__verdict--differs").inner_text() == labels[1]
    page.mouse.move(5, 5)
    card.wait_for(state="hidden")
    other = page.locator(FIGURE_LINK).nth(1)
    other.evaluate("a => { a.removeAttribute('data-verdicts'); a.removeAttribute('data-verdict-sources'); }")
    other.scroll_into_view_if_needed()
    other.hover()
    card.wait_for(state="visible")
    page.locator("#dossier-fig-preview[data-paragraph]:not([data-paragraph=''])").wait_for()
    assert card.locator(".dossier-fig-preview__verdicts").count() == 0  # no observation: no line
    assert not csp_violations(page) and not page.problems


def test_without_javascript_a_figure_is_a_plain_link(browser, site_server):
    page = new_page(browser, site_server, java_script_enabled=False)
    try:
        page.goto(site_server.url(PARTNER))
        link, fid = first_figure(page)
        fig = DOSSIER.figure_by_id[fid]
        link.hover()
        page.wait_for_timeout(500)
        assert page.locator("#dossier-fig-preview").count() == 0
        link.click()
        page.wait_for_url(re.compile(re.escape(f"#{fig.citation.source}-{fig.citation.paragraph}--{fid}") + "$"))
        assert in_viewport(page.locator(f"#{fig.citation.source}-{fig.citation.paragraph}"))
    finally:
        page.context.close()


# --- search per edition --------------------------------------------------------------------

RESULTS_JS = """() => [...document.querySelectorAll(
    '.md-search-result__item > a.md-search-result__link:first-child')]
    .map(a => [a.getAttribute('href'), (a.querySelector('h1') || {innerText: ''}).innerText.trim()])"""


@pytest.fixture(scope="module")
def search_tabs(browser, site_server):
    """One tab per edition for the search tests, left open between them: the search worker builds the
    edition's index once (the query box is emptied before each query)."""
    tabs = {}
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.fixture
def search_tab(search_tabs, browser, site_server):
    """The edition's search tab; the test fails on a CSP violation, script error or failed request in it."""
    def tab(lang: str):
        if lang not in search_tabs:
            search_tabs[lang] = new_page(browser, site_server)
            search_tabs[lang].goto(site_server.url(EDITION[lang]))
        page = search_tabs[lang]
        page.locator("input.md-search__input").fill("")
        page.problems.clear()
        used.append(page)
        return page
    used = []
    yield tab
    for page in used:
        assert not csp_violations(page), csp_violations(page)
        assert not page.problems, page.problems


def search(page, query: str) -> list[tuple[str, str]]:
    """Type into the header search box; (path, title) of each result page, once the list is settled."""
    placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                ".translations['search.result.placeholder']")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)  # the whole query at once: the worker answers it once, not once per keystroke
    box.press("End")  # Material reads the box on keyup
    meta = page.locator(".md-search-result__meta")
    previous = None
    for _ in range(80):  # the worker may still be building the index, and answers each keystroke in turn
        page.wait_for_timeout(250)
        answered = box.input_value() == query and meta.inner_text().strip() != placeholder
        current = page.evaluate(RESULTS_JS)  # read in one step: the list is re-rendered per answer
        if answered and current == previous:
            return [(url_path(href), title) for href, title in current]
        previous = current if answered else None
        box.press("End")  # Material reads the box on keyup
    pytest.fail(f"search for {query!r} never settled (the box says {meta.inner_text()!r})")


@pytest.mark.parametrize("lang, query, expected", [
    ("ru", "урана", "resources/uranium/"),
    ("ru", "месторождений", "resources/rare-earths/"),
    ("ru", "Китаем", "partners/china/"),
    ("en", "uranium", "resources/uranium/"),
    ("en", "deposits", "resources/rare-earths/"),
    ("en", "China", "partners/china/"),
    # Kazakh has no lunr stemmer: its index goes through the Russian pipeline (data/languages.yml), which keeps
    # every Kazakh letter and leaves Kazakh endings alone: a word is found where it stands as written, so
    # «уранның» finds the page that writes that form, and «уран» the uranium page
    ("kk", "уран", "resources/uranium/"),
    ("kk", "уранның", "references/"),
])
def test_search_finds_word_forms_in_the_edition_only(search_tab, site_server, lang, query, expected):
    page = search_tab(lang)
    results = search(page, query)
    edition_root = site_server.prefix + EDITION[lang]
    assert site_server.prefix + EDITION[lang] + expected in [p for p, _ in results], results
    others = [site_server.prefix + root for other, root in EDITION.items() if other != lang and root]
    for path, title in results:
        assert path.startswith(edition_root), f"{path}: not a page of the {lang} edition"
        assert not any(path.startswith(o) for o in others), f"{path}: a page of another edition"
        assert bool(CYRILLIC.search(title)) == (lang != "en"), f"{title!r} is not a {lang} title"  # ru and kk: Cyrillic
    assert not page.problems


def test_latin_query_on_the_russian_edition_returns_no_english_page(search_tab, site_server):
    results = search(search_tab("ru"), "uranium")
    assert not [p for p, _ in results if p.startswith(site_server.prefix + "en/")]


# --- 404 per edition -----------------------------------------------------------------------

@pytest.mark.parametrize("lang, missing", [
    ("ru", "no-such-page/"), ("ru", "partners/no/such/page/"), ("en", "no-such-page/"), ("en", "resources/no/such/page/"),
])
def test_missing_address_shows_the_editions_404(page, site_server, lang, missing):
    response = page.goto(site_server.url(EDITION[lang] + missing))
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").first.inner_text() == STRINGS["notfound.title"][lang]
    assert page.locator(".md-header").is_visible()
    header_bg = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_bg not in ("rgba(0, 0, 0, 0)", "transparent"), "Material's stylesheet did not load"
    not_missing = [p for p in page.problems if "no-such-page" not in p and "/no/such/" not in p]
    assert not not_missing, "assets of the 404 page failed to load at this depth"
    switcher = {a.get_attribute("hreflang"): a.get_attribute("href") for a in page.locator("a.md-select__link[hreflang]").all()}
    assert switcher == {edition: site_server.prefix + root for edition, root in EDITION.items()}
    page.get_by_role("link", name=STRINGS["notfound.home"][lang]).click()
    page.wait_for_load_state()
    assert url_path(page.url) == site_server.prefix + EDITION[lang]
    assert page.locator("html").get_attribute("lang") == lang


def test_404_search_searches_its_edition(page, site_server):
    page.goto(site_server.url("en/no-such-page/"))
    page.get_by_label(STRINGS["notfound.search_label"]["en"]).fill("uranium")
    page.get_by_role("button", name=STRINGS["notfound.search_button"]["en"]).click()
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(500)  # let the list settle, then read it in one step
    hrefs = [url_path(href) for href, _ in page.evaluate(RESULTS_JS)]
    assert hrefs and all(h.startswith(site_server.prefix + "en/") for h in hrefs)


def test_a_host_with_one_404_page_sends_english_readers_to_theirs(page, site_server):
    """GitHub Pages serves the root 404.html for every missing address, /en/ ones included."""
    root_404 = (site_server.directory / "404.html").read_text(encoding="utf-8")
    missing = site_server.url("en/gone/")
    page.route(missing, lambda route: route.fulfill(status=404, body=root_404, content_type="text/html"))
    page.goto(missing)
    page.wait_for_url(site_server.url("en/404.html"))  # the redirect script ran under the policy
    expect_policy(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == STRINGS["notfound.title"]["en"]


# --- language switcher ---------------------------------------------------------------------

def switch_to(page, lang: str):
    page.locator(".md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("start, target", [(a, b) for a in EDITION for b in EDITION if a != b])
def test_language_switch_keeps_page_and_anchor(page, site_server, start, target):
    page.goto(site_server.url(EDITION[start] + PARTNER + "#sources"))
    switch_to(page, target)
    assert page.url == site_server.url(EDITION[target] + PARTNER + "#sources")
    assert page.locator("html").get_attribute("lang") == target


def test_language_switch_keeps_the_figure_row(page, site_server):
    page.goto(site_server.url("figures/"))
    row = page.locator("tr[id^='fig-']").nth(5)
    anchor = row.get_attribute("id")
    row.locator("a.dossier-fig-permalink").click()  # the hash changes after the page has loaded
    switch_to(page, "en")
    assert page.url == site_server.url(f"en/figures/#{anchor}")
    target = page.locator(f"tr#{anchor}")
    assert target.evaluate("e => e.matches(':target')")
    assert in_viewport(target)


# --- permalink and citation per figure -----------------------------------------------------

def test_figure_rows_have_permalinks_without_javascript(browser, site_server):
    page = new_page(browser, site_server, java_script_enabled=False)
    try:
        page.goto(site_server.url("en/figures/"))
        rows = page.locator("tr[id^='fig-']")
        assert rows.count() == len(DOSSIER.figures)
        for row in rows.all()[:3]:
            assert row.locator("a.dossier-fig-permalink").get_attribute("href") == "#" + row.get_attribute("id")
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", list(EDITION))
def test_copy_link_and_cite_a_figure(browser, site_server, lang):
    page = new_page(browser, site_server, permissions=["clipboard-read", "clipboard-write"])
    try:
        page.goto(site_server.url(EDITION[lang] + "figures/"))
        ids = [i.removeprefix("fig-") for i in page.locator("tr[id^='fig-']").evaluate_all("rs => rs.map(r => r.id)")]
        fid = [i for i in ids if not DOSSIER.figure_by_id[i].citation.referenced][2]  # cited by its paragraph
        row = page.locator(f"tr#fig-{fid}")
        fig = DOSSIER.figure_by_id[fid]
        permalink = site_server.url(EDITION[lang] + f"figures/#fig-{fid}")
        row.get_by_role("button", name=STRINGS["permalink.copy_link"][lang]).click()
        expect_status(page, STRINGS["permalink.link_copied"][lang])
        assert page.evaluate("navigator.clipboard.readText()") == permalink
        row.get_by_role("button", name=STRINGS["permalink.cite"][lang]).click()
        expect_status(page, STRINGS["permalink.citation_copied"][lang])
        citation = page.evaluate("navigator.clipboard.readText()")
        para = DOSSIER.sources[fig.citation.source].paragraph(fig.citation.paragraph)
        year = page.evaluate("String(new Date().getFullYear())")
        for part in (fig.label(lang), permalink, STRINGS["cite.paragraph"][lang].format(n=para.number), year):
            assert part in citation, f"{part!r} missing from the citation {citation!r}"
        assert citation == citation.strip() and "{" not in citation
        assert not page.problems
    finally:
        page.context.close()


def expect_status(page, text: str):
    expect(page.locator(".dossier-fig-permalink-status")).to_have_text(text)


# --- accessibility -------------------------------------------------------------------------

PAGE_TYPES = {"home": "", "partner": PARTNER, "resource": "resources/uranium/", "source": SOURCE,
              "section index": "partners/", "sources index": "sources/", "overview": "overview/", "figures": "figures/", "charts": "charts/", "glossary": "glossary/",
              "method": "method/", "disagreements": "disagreements/", "references": "references/", "404": "no-such-page/"}
AXE = Axe()


def serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                     else str(n["target"]) for n in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


# axe runs every rule either way; "violations" only spares it serialising every passing node (40 % of its time)
VIOLATIONS_ONLY = {"resultTypes": ["violations"]}
CONTRAST_ONLY = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, **VIOLATIONS_ONLY}


def page_visit(browser, site_server, run_dir, lang: str, kind: str) -> dict:
    """What one visit of a kind of page shows, made once per test run (whichever xdist worker asks first), so
    that the accessibility, contrast and CSP tests of a page load it once: in the light palette (fresh context)
    the CSP <meta> contents and axe's serious violations; then, switched to the dark palette with the header's
    toggle as a reader does, axe's contrast violations; last, CSP violations and failed requests of it all.
    A clean visit is kept for the next run while the built site, this code, Chromium and axe are the same
    (tests/result_cache.py): axe gives the same answer for the same bytes."""
    def visit() -> dict:
        page = new_page(browser, site_server)
        try:
            page.goto(site_server.url(EDITION[lang] + PAGE_TYPES[kind]))
            page.wait_for_load_state("load")
            policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
            seen = {"policies": [m.get_attribute("content") for m in policy.all()],
                    "serious": serious(AXE.run(page, options=VIOLATIONS_ONLY))}
            page.locator("label[for^='__palette_']:visible").first.click()  # the theme's palette script runs
            seen["dark_scheme"] = page.locator("body").get_attribute("data-md-color-scheme")
            seen["dark_contrast"] = serious(AXE.run(page, options=CONTRAST_ONLY))
            return dict(seen, csp=csp_violations(page), problems=list(page.problems))
        finally:
            page.context.close()
    return once_per_run(run_dir / "page-visits" / f"{lang}-{kind.replace(' ', '-')}.json",
                        lambda: axe_answer("page-visits", browser, site_server, (lang, kind), visit, clean_visit))


def axe_answer(name: str, browser, site_server, what: tuple, make, keep):
    """`make()`, or its answer from an earlier run with the same built site, test code, Chromium and axe
    (tests/result_cache.py); only answers that `keep` calls clean are kept."""
    key = result_cache.digest(result_cache.site_digest(site_server.directory), *what, browser.version,
                              version("axe-playwright-python"), Path(__file__), ROOT / "tests" / "browser.py")
    return result_cache.cached(name, key, make, keep=keep)


def clean_visit(seen: dict) -> bool:
    """A visit that found nothing (the 404 page's own 404 aside): the only kind kept for the next run."""
    return (not seen["serious"] and not seen["dark_contrast"] and not seen["csp"] and seen["dark_scheme"] == "slate"
            and all("no-such-page" in p for p in seen["problems"]))


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", list(EDITION))
def test_no_serious_accessibility_violations(browser, site_server, run_dir, lang, kind):
    assert not page_visit(browser, site_server, run_dir, lang, kind)["serious"]


@pytest.mark.parametrize("kind", ["home", "partner", "figures"])
@pytest.mark.parametrize("lang", list(EDITION))
def test_touch_targets_are_large_enough(browser, site_server, lang, kind):
    """WCAG 2.2 target size (not in axe's default rule set): note markers and grid counts."""
    def small_targets() -> list:
        page = new_page(browser, site_server, viewport={"width": 412, "height": 823})
        try:
            page.goto(site_server.url(EDITION[lang] + PAGE_TYPES[kind]))
            found = AXE.run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}, **VIOLATIONS_ONLY})
            return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in found.response["violations"]]
        finally:
            page.context.close()
    found = axe_answer("touch-targets", browser, site_server, (lang, kind), small_targets, keep=lambda v: not v)
    assert not found, found


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", list(EDITION))
def test_text_contrast_in_the_dark_palette(browser, site_server, run_dir, lang, kind):
    visit = page_visit(browser, site_server, run_dir, lang, kind)  # the same visit as the accessibility test's
    assert visit["dark_scheme"] == "slate", "the header's palette toggle did not switch to the dark palette"
    assert not visit["dark_contrast"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_preview_card_is_accessible(browser, site_server, scheme):
    def card_violations() -> list[str]:
        page = new_page(browser, site_server, color_scheme=scheme)
        try:
            page.goto(site_server.url("en/" + PARTNER))
            open_card(page, "hover")
            return serious(AXE.run(page, context="#dossier-fig-preview", options=VIOLATIONS_ONLY))
        finally:
            page.context.close()
    assert not axe_answer("preview-card", browser, site_server, (scheme,), card_violations, keep=lambda v: not v)


# --- print ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(EDITION))
def test_print_hides_the_site_chrome(page, site_server, lang):
    page.goto(site_server.url(EDITION[lang] + PARTNER))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search", ".md-top", ".md-source"):
        for element in page.locator(chrome).all():
            assert not element.is_visible(), f"{chrome} is printed"
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".md-content a.dossier-fig").first.is_visible()


# --- Content-Security-Policy: nothing the site does is blocked ----------------------------
# Every test that uses the `page` fixture fails on a CSP violation (tests/browser.py): clicking a figure to
# its highlighted quote, search, the 404 page's search and redirect, the preview card. Here: every kind of
# page (the shared visit), and proof that the listener sees a violation.

CSP_PAGES = [kind for kind in PAGE_TYPES if kind != "sources index"]  # visited once with the accessibility test


def expect_policy(page):
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1, "the page has no Content-Security-Policy"
    assert "script-src 'self'" in policy.get_attribute("content")


@pytest.mark.parametrize("kind", CSP_PAGES)
@pytest.mark.parametrize("lang", list(EDITION))
def test_csp_blocks_nothing_on_any_kind_of_page(browser, site_server, run_dir, lang, kind):
    visit = page_visit(browser, site_server, run_dir, lang, kind)  # the same visit as the accessibility test's
    assert len(visit["policies"]) == 1, "the page has no Content-Security-Policy"
    assert "script-src 'self'" in visit["policies"][0]
    assert not visit["csp"]
    assert not [p for p in visit["problems"] if "no-such-page" not in p]


def test_csp_violations_are_seen(browser, site_server):
    """The listener works: an inline script and a style attribute added by hand are reported (its own page:
    the `page` fixture would fail the test for the violations it makes on purpose)."""
    page = new_page(browser, site_server)
    page.goto(site_server.url(PARTNER))
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.body.append(s);
                             document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>'); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None, "an inline script without a hash ran"
    seen = " ".join(csp_violations(page))
    page.context.close()
    assert "script-src" in seen and "style-src" in seen, seen


# --- pictures for a person to look at ------------------------------------------------------

@pytest.mark.parametrize("lang", list(EDITION))
def test_screenshot_of_a_chart(page, site_server, lang):
    page.goto(site_server.url(EDITION[lang] + "charts/"))
    chart = page.locator(".dossier-chart").filter(has=page.locator("a.dossier-chart__mark")).first
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    screenshot(page, f"chart-{lang}")


# --- every page: nothing leaves the site ----------------------------------------------------------

def _all_pages(site: Path, prefix: str) -> list[str]:
    """Every HTML page of one edition, as an address under the site (its 404 page too)."""
    root = site / prefix if prefix else site
    others = tuple(p for p in EDITION.values() if p and p != prefix)
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(others):
            continue  # another edition's page
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.mark.parametrize("lang", list(EDITION))
def test_no_page_opens_a_dialog_leaves_the_site_or_calls_another_host(browser, site_server, lang):
    """Every page of the edition, loaded and left to run its scripts: no dialog, no navigation to another
    host, no request to one, no script error, no Content-Security-Policy violation. A clean answer is kept
    while the built site, this code and Chromium are the same (tests/result_cache.py)."""
    def visit() -> dict:
        page = new_page(browser, site_server)
        seen = {}
        try:
            for address in _all_pages(site_server.directory, EDITION[lang]):
                page.goto(site_server.url(address), wait_until="load")
                page.wait_for_timeout(50)  # deferred scripts and a meta refresh of 0 s have run
                found = list(page.problems) + csp_violations(page)
                if page.url.startswith(site_server.origin) is False:
                    found.append(f"left the site for {page.url}")
                seen[address] = [f for f in found if "404.html" not in address or "HTTP 404" not in f]
                page.problems.clear()
        finally:
            page.context.close()
        return seen

    key = result_cache.digest(result_cache.site_digest(site_server.directory), lang, browser.version,
                              Path(__file__), ROOT / "tests" / "browser.py")
    seen = result_cache.cached("every-page", key, visit, keep=lambda s: not any(s.values()))
    assert len(seen) >= 20, f"{lang}: only {len(seen)} pages visited"
    assert not {address: found for address, found in seen.items() if found}


def test_a_dialog_a_departure_and_a_foreign_request_are_seen(browser, site_server):
    """The listeners work (their own page: the `page` fixture would fail on what this does on purpose)."""
    page = new_page(browser, site_server)
    page.route("https://evil.example/**", lambda route: route.fulfill(status=200, body="<html>away</html>",
                                                                     content_type="text/html"))
    page.goto(site_server.url(PARTNER))
    page.evaluate("() => { alert('x'); }")
    with page.expect_navigation(url="https://evil.example/"):
        page.evaluate("() => { location.href = 'https://evil.example/'; }")
    seen = " | ".join(page.problems)
    page.context.close()
    assert "dialog: alert 'x'" in seen and "third-party request: https://evil.example/" in seen, seen
    assert "navigation to another host: https://evil.example/" in seen, seen


# --- layout at every width (issue 19): every page of both editions, at a phone's width and a desktop's ----

LAYOUT = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    found.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
  const seen = new Set(), walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden" || el.closest("[hidden]")) continue;
    const size = parseFloat(style.fontSize);
    if (size < 12) found.push(`text of ${size} px: <${el.tagName.toLowerCase()} class="${el.className}"> ${walker.currentNode.textContent.trim().slice(0, 30)}`);
  }
  document.querySelectorAll("article table").forEach((table, t) => {
    const head = table.tHead && table.tHead.rows[0];
    if (!head || getComputedStyle(table.tHead).position === "absolute") return;  // a narrow screen's cards
    const cols = Array.from(head.cells).map(c => c.getBoundingClientRect());
    Array.from(table.tBodies).forEach(body => Array.from(body.rows).forEach((row, r) => {
      if (row.hidden) return;
      Array.from(row.cells).forEach((cell, i) => {
        const box = cell.getBoundingClientRect(), mid = box.left + box.width / 2;
        if (cols[i] && (mid < cols[i].left - 1 || mid > cols[i].right + 1))
          found.push(`table ${t}: row ${r}, cell ${i} is not under its header`);
      });
    }));
  });
  document.querySelectorAll("article .dossier-scroll, article .dossier-chart-table").forEach(box => {
    if (box.getBoundingClientRect().right > document.documentElement.clientWidth + 1) found.push("a table's box is wider than the page");
  });
  return found;
}"""
KINDS_SHOWN = {path: kind for kind, path in PAGE_TYPES.items()}


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", list(EDITION))
def test_every_page_holds_its_layout(browser, site_server, lang, width):
    """At 390 px and 1366 px, every page of the edition: nothing wider than the window (a table scrolls in
    its own box), no text under 12 px, every table cell under its header. A picture of each kind of page
    goes to test-artifacts/screenshots/ for a person to look at. A clean answer is kept while the built site,
    this code and Chromium are the same (tests/result_cache.py)."""
    def visit() -> dict:
        page = new_page(browser, site_server, viewport={"width": width, "height": 900})
        seen = {}
        try:
            for address in _all_pages(site_server.directory, EDITION[lang]):
                page.goto(site_server.url(address), wait_until="load")
                seen[address] = page.evaluate(LAYOUT)
                kind = KINDS_SHOWN.get(address[len(EDITION[lang]):])
                if kind:
                    screenshot(page, f"layout-{lang}-{kind.replace(' ', '-')}-{width}")
        finally:
            page.context.close()
        return seen

    key = result_cache.digest(result_cache.site_digest(site_server.directory), lang, str(width), browser.version,
                              Path(__file__), ROOT / "tests" / "browser.py")
    seen = result_cache.cached("layout", key, visit, keep=lambda s: not any(s.values()))
    assert len(seen) >= 20
    assert not {address: found for address, found in seen.items() if found}


def test_a_tap_on_a_figure_shows_its_card_and_the_cards_link_goes_on(browser, site_server):
    """On a touch screen the first tap shows the preview card (there is no hover), inside the window and
    below the site's header; the card's own link, or a second tap, goes on to the source."""
    page = new_page(browser, site_server, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(site_server.url(EDITION["en"] + PARTNER))
    link, fid = first_figure(page)
    before = page.url
    link.tap()
    card = page.locator("#dossier-fig-preview")
    card.wait_for(state="visible")
    page.locator("#dossier-fig-preview[data-paragraph]:not([data-paragraph=''])").wait_for()
    assert page.url == before, "the first tap left the page"
    link.dispatch_event("mouseout")  # what a tap may leave behind (a busy phone did): the card stays until a tap elsewhere
    page.wait_for_timeout(600)  # past the hover's hiding delay (preview.js, HIDE_DELAY)
    assert card.is_visible(), "the card closed by itself after a tap"
    box, header = card.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= header["y"] + header["height"]
    card.locator(".dossier-fig-preview__open").tap()
    page.wait_for_url(re.compile(re.escape(f"--{fid}") + "$"))
    problems = list(page.problems)
    page.context.close()
    assert not problems


@pytest.mark.parametrize("lang", list(EDITION))
def test_all_figures_filters_and_sorts_in_the_browser(page, site_server, lang):
    """The table's controls (overrides/assets/figures-table.js): a partner keeps only its figures, a verdict
    only the flagged ones, the search box finds words of a row, and the value column sorts by the stored value."""
    page.goto(site_server.url(EDITION[lang] + "figures/"))
    rows = page.locator("table.dossier-figures-table tbody tr")
    total = rows.count()
    assert total == len(DOSSIER.figures)
    page.select_option("select[name=partner]", "china")
    shown = page.locator("table.dossier-figures-table tbody tr:not([hidden])")
    assert shown.count() == len(DOSSIER.by_partner["china"])
    assert all("china" in (r.get_attribute("data-partners") or "").split() for r in shown.all())
    page.locator("button.dossier-table-filter__reset").click()
    expect(shown).to_have_count(total)
    page.select_option("select[name=verdict]", "differs")
    assert 0 < shown.count() < total and all(r.get_attribute("data-verdict") == "differs" for r in shown.all())
    page.locator("button.dossier-table-filter__reset").click()
    first = rows.first.get_attribute("id")  # the table's first figure: found by its label, first among those found
    page.fill("input[name=q]", DOSSIER.figure_by_id[first.removeprefix("fig-")].label(lang).upper())  # any case
    assert 0 < shown.count() < total and shown.first.get_attribute("id") == first
    page.fill("input[name=q]", "")
    page.locator("th button.dossier-table-sort").first.click()
    values = [float(v) for v in rows.evaluate_all("rs => rs.map(r => r.dataset.sort)") if v]
    assert values == sorted(values), "the value column does not sort by the stored value"
    assert page.locator("th[aria-sort=ascending]").count() == 1
