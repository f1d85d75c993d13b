"""The built site: both editions, every figure link landing on its paragraph, no leaks."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros import figlink
from tests.helpers import ROOT, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)


class _Page(HTMLParser):
    """The ids, links, figure links and external requests of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.parent_of: dict[str, str | None] = {}
        self.stack: list[dict] = []
        self.figs: list[dict] = []
        self.hrefs: list[str] = []
        self.requests: list[str] = []
        self.render_blocking: list[str] = []  # external scripts without defer/async, screen stylesheets
        self.html_lang = None
        self.article_classes: set[str] = set()  # the class names written inside <article>
        self.term_links: list[str] = []  # the glossary links of tooltips (a.dossier-term)
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        self.in_article += tag == "article"
        if self.in_article:
            self.article_classes.update((a.get("class") or "").split())
        if a.get("id"):
            self.ids.add(a["id"])
            enclosing = next((s.get("id") for s in reversed(self.stack) if "dossier-src-para" in (s.get("class") or "").split()), None)
            self.parent_of[a["id"]] = enclosing
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if "dossier-term" in (a.get("class") or "").split():
                self.term_links.append(a["href"])
            if figlink.CLASS in (a.get("class") or "").split():
                self.figs.append(a)
        for attr in ("src", "href"):
            navigational = tag == "link" and (a.get("rel") or "") in ("canonical", "alternate")
            if attr in a and tag in ("script", "img", "link", "iframe", "source", "video", "audio") and not navigational:
                self.requests.append(a[attr])
        if tag == "script" and a.get("src") and "defer" not in a and "async" not in a:
            self.render_blocking.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("media", "all") in ("all", "screen"):
            self.render_blocking.append(a["href"])
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source"):
            self.stack.append(a)

    def handle_endtag(self, tag):
        self.in_article -= tag == "article" and self.in_article > 0
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source") and self.stack:
            self.stack.pop()


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def editions(site: Path) -> dict[str, Path]:
    return {"ru": site, "en": site / "en"}


def pages(root: Path) -> list[Path]:
    """The HTML pages of one edition (the English edition lives inside the Russian one)."""
    return sorted(p for p in root.rglob("index.html")
                  if root.name == "en" or not p.relative_to(root).parts[0] == "en")


@pytest.fixture(scope="module")
def parsed(built_site):
    return {lang: {p: parse(p) for p in pages(root)} for lang, root in editions(built_site).items()}


def test_both_editions_have_the_same_pages(built_site):
    ru = {p.relative_to(built_site).as_posix() for p in pages(built_site)}
    en = {p.relative_to(built_site / "en").as_posix() for p in pages(built_site / "en")}
    assert ru == en
    expected = {f"partners/{p.id}/index.html" for p in DOSSIER.partners} | {
        f"resources/{r.id}/index.html" for r in DOSSIER.resources} | {
        f"sources/{s}/index.html" for s in DOSSIER.sources} | {
        "index.html", "figures/index.html", "method/index.html", "overview/index.html"}
    assert expected <= ru


def test_every_figure_link_lands_on_its_quote_inside_its_paragraph(built_site, parsed):
    for lang, root in editions(built_site).items():
        checked = 0
        for path, page in parsed[lang].items():
            base = "/" + path.relative_to(root).as_posix()
            for a in page.figs:
                target = urlsplit(urljoin(base, a["href"]))
                target_file = root / target.path.lstrip("/") / "index.html"
                assert target_file.exists(), f"{path}: {a['href']} -> missing page"
                target_page = parsed[lang][target_file]
                fig = DOSSIER.figure_by_id[a["data-fig"]]
                assert target.fragment in target_page.ids, f"{path}: no anchor #{target.fragment}"
                assert target_page.parent_of[target.fragment] == f"{fig.citation.source}-{fig.citation.paragraph}", (
                    f"{path}: #{target.fragment} is not inside paragraph {fig.citation.paragraph}")
                checked += 1
        assert checked >= len(DOSSIER.figures), lang


def paragraph_html(page: str, anchor: str) -> str:
    """The HTML of the source paragraph `anchor` (its <section class="dossier-src-para">) on a built source page."""
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</section>", start)]


def test_quoted_words_are_marked_in_their_paragraph(built_site):
    import html as h
    css = (built_site / "assets" / "dossier.css").read_text(encoding="utf-8")  # the rules: hooks/highlight.py
    for fig in DOSSIER.figures:
        page = (built_site / "sources" / fig.citation.source / "index.html").read_text(encoding="utf-8")
        para = paragraph_html(page, f"{fig.citation.source}-{fig.citation.paragraph}")
        marks = re.findall(rf'<mark class="dossier-quote" data-figs="[^"]*\b{re.escape(fig.id)}\b[^"]*">(.*?)</mark>', para, re.S)
        assert marks, f"{fig.id}: no marked words in paragraph {fig.citation.paragraph}"
        assert "".join(h.unescape(m) for m in marks) == fig.citation.quote, f"{fig.id}: the marked words are not its quote"
        assert f'[id="{fig.citation.source}-{fig.citation.paragraph}--{fig.id}"]:target' in css


def test_same_figure_ids_in_both_editions(parsed):
    ids = {lang: sorted(a["data-fig"] for page in pages_.values() for a in page.figs) for lang, pages_ in parsed.items()}
    assert ids["ru"] == ids["en"]
    assert set(ids["ru"]) == set(DOSSIER.figure_by_id)


def test_no_unrendered_macros_and_right_lang(built_site, parsed):
    for lang, pages_ in parsed.items():
        for path, page in pages_.items():
            text = path.read_text(encoding="utf-8")
            assert "{{" not in text and "{%" not in text, path
            assert page.html_lang == lang, path


def test_no_request_to_a_third_party_host(built_site):
    for path in built_site.rglob("*.html"):
        page = parse(path)
        for url in page.requests:
            host = urlsplit(url).netloc
            assert not host, f"{path}: loads {url}"
    for css in built_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8", errors="replace"), css


def test_only_three_stylesheets_and_two_tiny_theme_scripts_hold_back_the_first_paint(built_site):
    """Material's two stylesheets and the dossier's one; every script is deferred (bench/REPORT.md: the
    Lighthouse performance score depends on it) but Material's first two, which were inline and now are
    files (no page carries inline code): base.js defines the storage helpers, palette.js applies a reader's
    chosen colour scheme before the page paints (deferred, it would flash the other scheme)."""
    theme = ROOT / "overrides" / "assets" / "theme"
    assert sum((theme / n).stat().st_size for n in ("base.js", "palette.js")) < 2048
    for path in built_site.rglob("*.html"):
        blocking = [urlsplit(u).path.rsplit("/", 1)[-1] for u in parse(path).render_blocking]
        scripts = [name for name in blocking if not name.endswith(".css")]
        assert scripts == ["base.js", "palette.js"], f"{path}: scripts that block rendering: {scripts}"
        sheets = [name for name in blocking if name.endswith(".css")]
        assert len(sheets) == 3 and sheets[-1] == "dossier.css", f"{path}: render-blocking stylesheets {sheets}"


SECTIONS = {"partners": [p.id for p in DOSSIER.partners], "resources": [r.id for r in DOSSIER.resources],
            "sources": list(DOSSIER.sources)}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_a_section_index_page_links_every_page_of_its_section(built_site, lang, section):
    page = parse(editions(built_site)[lang] / section / "index.html")
    assert {f"{eid}/" for eid in SECTIONS[section]} <= set(page.hrefs)


def primary_nav(html: str) -> str:
    return html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_page_carries_only_its_own_section_of_the_nav(built_site, lang):
    """navigation.prune: the nav in a page grows with its section, not with the whole dossier."""
    nav = primary_nav((editions(built_site)[lang] / "partners" / "china" / "index.html").read_text(encoding="utf-8"))
    assert all(f'href="../{pid}/"' in nav for pid in SECTIONS["partners"] if pid != "china")
    assert 'href="../../resources/"' in nav and 'href="../../sources/"' in nav  # other sections: their index pages
    assert not any(f"resources/{rid}/" in nav for rid in SECTIONS["resources"])
    assert not any(f"sources/{sid}/" in nav for sid in SECTIONS["sources"])


_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)<(?:a class=\"headerlink\"|/h1)", re.S)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_menu_lists_the_datas_pages_in_order_each_titled_with_its_heading(built_site, lang):
    """Partners, resources and sources come from data/ in data order; a page's menu title is its heading."""
    root = editions(built_site)[lang]
    for section, ids in SECTIONS.items():
        index = root / section / "index.html"
        entries = [(href, re.sub(r"<[^>]+>", "", title)) for href, title in _NAV_LINK.findall(index.read_text(encoding="utf-8"))]
        listed = [href.rstrip("/") for href, _ in entries if href.rstrip("/") in ids]
        assert listed == ids, f"{lang}/{section}: the menu is not the data's list"
        for href, title in entries:
            target = (index.parent / href / "index.html").resolve()
            if href in ("./", "../", "../../") or not target.is_file() or target == (root / "index.html").resolve():
                continue  # the home's entry says "Home": its heading is the dossier's title, shown in the header
            heading = re.sub(r"<[^>]+>", "", _H1.search(target.read_text(encoding="utf-8"))[1]).strip()
            assert title == heading, f"{lang}: the menu says {title!r} for {href}, its heading {heading!r}"


def test_values_are_formatted_per_language(built_site):
    ru = (built_site / "resources" / "natural-gas" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "resources" / "natural-gas" / "index.html").read_text(encoding="utf-8")
    assert "3,8\u00a0трлн\u00a0м³" in ru and "3.8\u00a0trillion\u00a0m³" in en
    home_ru = (built_site / "index.html").read_text(encoding="utf-8")
    home_en = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "46\u00a0трлн\u00a0долл.\u00a0США" in home_ru and "US$46\u00a0trillion" in home_en
    assert "40\u00a0%" in home_ru and ">40%<" in home_en


def test_english_source_page_pairs_original_with_own_rendering(built_site):
    html = (built_site / "en" / "sources" / "kazakhstan-critical-minerals" / "index.html").read_text(encoding="utf-8")
    src = DOSSIER.sources["kazakhstan-critical-minerals"]
    assert html.count('class="dossier-src-para__original"') == len(src.paragraphs)
    assert "The dossier’s own translation" in html
    import html as h
    text = h.unescape(html)
    plain = re.sub(r"</?mark[^>]*>", "", text)  # the rendering carries the highlights of the quotes' renderings
    for p in src.paragraphs:
        assert p.renderings("en") in plain
        assert f'id="kazakhstan-critical-minerals-{p.id}"' in html


def test_each_source_page_marks_each_quotes_rendering_in_the_translation_column(built_site):
    """On every edition in another language than a source's, each quote's rendering is marked in the
    dossier's rendering of its paragraph, which comes first (the reader's language)."""
    import html as h
    checked = 0
    for lang, root in editions(built_site).items():
        for src in DOSSIER.sources.values():
            if src.language == lang:
                continue
            page = (root / "sources" / src.id / "index.html").read_text(encoding="utf-8")
            for fig in (f for f in DOSSIER.figures if f.citation.source == src.id):
                para = paragraph_html(page, f"{src.id}-{fig.citation.paragraph}")
                start, end = para.index('class="dossier-src-para__rendering"'), para.index('class="dossier-src-para__original"')
                assert start < end, f"{lang} {fig.id}: the rendering does not come first"
                marks = re.findall(rf'<mark class="dossier-quote" data-figs="[^"]*\b{re.escape(fig.id)}\b[^"]*">(.*?)</mark>',
                                   para[start:end], re.S)
                assert "".join(h.unescape(m) for m in marks) == fig.citation.renderings(lang), f"{fig.id}: rendering not marked"
                checked += 1
    assert checked >= len([f for f in DOSSIER.figures if DOSSIER.sources[f.citation.source].language != "en"])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_figure_rows_show_the_rendering_only_in_the_other_language(built_site, lang):
    import html as h
    page = h.unescape((built_site / ("en/" if lang == "en" else "") / "partners" / "russia" / "index.html").read_text(encoding="utf-8"))
    fig = DOSSIER.figure_by_id["rosatom-uranium-share"]
    assert fig.citation.quote in page
    rendered = f'lang="en" data-cited="">“{fig.citation.renderings("en")}” <span class="dossier-fig-item__tag">(the dossier’s translation)</span>'
    assert (rendered in page) == (lang == "en")


def test_every_published_file_is_readable_by_everyone(built_site):
    """A host that serves site/ from disk as another user must be able to read every file (PDFs included)."""
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files), "the build made no PDF"
    unreadable = [f"{p.relative_to(built_site)} ({p.stat().st_mode & 0o777:o})" for p in files
                  if p.stat().st_mode & 0o644 != 0o644]
    assert not unreadable, unreadable


# --- Content-Security-Policy ---------------------------------------------------------------

class _Inline(HTMLParser):
    """A full parse: the page's CSP metas, its inline scripts that run, its <style> elements, and
    every inline style or event-handler attribute (those would need 'unsafe-hashes')."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.policies: list[tuple[int, str]] = []  # (position among <head>'s elements, content)
        self.head_elements = 0
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.inline_attributes: list[str] = []
        self._open: tuple[str, dict] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag in ("meta", "link", "script", "style", "title"):
            self.head_elements += 1
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append((self.head_elements, a.get("content", "")))
        self.inline_attributes += [f"<{tag} {k}>" for k in a if k == "style" or k.startswith("on")]
        self.inline_attributes += [f"<{tag} {k}={v}>" for k, v in a.items() if v.strip().lower().startswith("javascript:")]
        if tag in ("script", "style"):
            self._open, self._text = (tag, a), []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            body, (kind, a) = "".join(self._text), self._open
            if kind == "style":
                self.styles.append(body)
            elif "src" not in a and a.get("type", "").strip().lower() in ("", "text/javascript", "module"):
                self.scripts.append(body)
            self._open = None


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_its_content_security_policy(built_site):
    """One policy, right after <meta charset>, the same on every page: scripts and styles of the site only;
    and no page carries inline code it would block (the trusted templates write none)."""
    from macros.csp import PLACEHOLDER, policy
    checked = 0
    for path in all_html(built_site):
        html = path.read_text(encoding="utf-8")
        page = _Inline()
        page.feed(html)
        assert len(page.policies) == 1, f"{path}: {len(page.policies)} Content-Security-Policy metas"
        position, found = page.policies[0]
        assert position == 2 and html.find('<meta charset="utf-8">') < html.find("Content-Security-Policy"), (
            f"{path}: the policy is not the element right after <meta charset>")
        assert PLACEHOLDER not in html and found == policy(), path
        directives = dict(d.split(" ", 1) for d in found.split("; "))
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", path
        for name, value in {"default-src": "'self'", "object-src": "'none'", "frame-src": "'none'",
                            "base-uri": "'self'", "form-action": "'self'", "img-src": "'self' data:"}.items():
            assert directives[name] == value, f"{path}: {name} {directives.get(name)}"
        assert not page.scripts and not page.styles, f"{path}: inline code {page.scripts + page.styles}"
        assert not page.inline_attributes, f"{path}: the policy blocks {page.inline_attributes}"
        checked += 1
    assert {built_site / "404.html", built_site / "en" / "404.html"} <= set(all_html(built_site))
    assert checked >= 2 * len(pages(built_site / "en"))


def test_pages_carry_no_style_element_of_their_own(built_site):
    """The source pages' highlight rules are in assets/dossier.css, not in the article (hooks/highlight.py)."""
    for root in editions(built_site).values():
        for path in pages(root):
            html = path.read_text(encoding="utf-8")
            article = html[html.find("<article"):html.find("</article>")]
            assert "<style" not in article, path


def _classes_in(css: str) -> set[str]:
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/|url\([^)]*\)", "", css, flags=re.S)))


def test_the_dossiers_class_names_never_collide_with_materials(built_site, parsed):
    """Material styles `.md-typeset .grid` as a CSS grid (it tore the home page's table apart): every class the
    dossier writes or styles is prefixed dossier-, and Material's stylesheets have none of those."""
    sheets = built_site / "assets" / "stylesheets"
    material = set().union(*(_classes_in(p.read_text(encoding="utf-8")) for p in sheets.glob("*.css")))
    assert material and not {c for c in material if c.startswith("dossier-")}
    ours = set().union(*(_classes_in((built_site / "assets" / name).read_text(encoding="utf-8"))
                         for name in ("dossier.css", "print.css")))
    assert not {c for c in ours - material if not c.startswith("dossier-")}, "unprefixed classes in the dossier's CSS"
    written = set()
    for pages in parsed.values():
        for page in pages.values():
            written |= page.article_classes
    assert {c for c in written if c.startswith("dossier-")} >= {"dossier-fig", "dossier-src-para"}
    assert not {c for c in written - material if not c.startswith("dossier-")}, "unprefixed classes in the pages"


def test_glossary_terms_on_the_pages_lead_to_the_glossary_in_their_edition(built_site, parsed):
    """A term with a tooltip is a link to its entry on the Glossary page, so keyboard and touch reach it."""
    found = 0
    for _lang, pages in parsed.items():
        for path, page in pages.items():
            for href in (h for h in page.term_links):
                target = urlsplit(urljoin("/" + path.relative_to(built_site).as_posix(), href))
                assert target.path.rstrip("/").endswith("glossary") and target.fragment.startswith("term-"), (path, href)
                found += 1
    assert found >= 10


def test_the_footer_speaks_the_editions_language(built_site):
    for lang, root in editions(built_site).items():
        home = (root / "index.html").read_text(encoding="utf-8")
        footer = home[home.index('class="md-copyright"'):]
        assert "Made with" not in footer
        assert DOSSIER.strings["footer.made_with"](lang).split("{")[0].strip() in footer, lang
