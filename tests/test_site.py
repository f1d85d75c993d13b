"""The built site: both editions, every figure link landing on its paragraph, no leaks."""
from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import pytest

from macros import figlink, fmt, links
from macros.load import load_dossier
from macros.model import Dossier
from tests.helpers import ROOT, real_dossier


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


def editions(built) -> dict[str, Path]:
    """Each edition of the built site and its root folder (the first at the site root, the others inside it)."""
    return {lang: built.root / links.edition_prefix(lang) for lang in built.dossier.languages.published}


def pages(root: Path, others=()) -> list[Path]:
    """The HTML pages of the edition at `root`, without those of the editions in its folders (`others`)."""
    return sorted(p for p in root.rglob("index.html") if p.relative_to(root).parts[0] not in others)


class Built(NamedTuple):
    root: Path  # site/
    dossier: Dossier  # the data it was built from
    pdfs: bool  # whether the build made the PDFs


@pytest.fixture(scope="module", params=["real", "grown", "trilingual"])
def built(request, built_site, grown_site, trilingual_built) -> Built:
    """Every test here holds for any valid dossier: the real one, the real one grown by a contributor
    (tests/growth.py: a partner without figures, a seventh resource, an English and a second Russian source),
    and a small one in three editions built with the production hooks (tests/trilingual.py)."""
    if request.param == "real":
        return Built(built_site, real_dossier(), True)
    if request.param == "grown":
        return Built(grown_site, load_dossier(grown_site.parent / "project" / "data"), False)
    return Built(trilingual_built, load_dossier(trilingual_built.parent / "data"), False)


@pytest.fixture(scope="module")
def parsed(built):
    return {lang: {p: parse(p) for p in pages(root, editions(built))} for lang, root in editions(built).items()}


def test_every_edition_has_the_same_pages(built):
    found = {lang: {p.relative_to(root).as_posix() for p in pages(root, editions(built))} for lang, root in editions(built).items()}
    first, *others = found.values()
    assert all(other == first for other in others), {lang: sorted(p ^ first) for lang, p in found.items()}
    ru = first
    expected = {f"partners/{p.id}/index.html" for p in built.dossier.partners} | {
        f"resources/{r.id}/index.html" for r in built.dossier.resources} | {
        f"sources/{s}/index.html" for s in built.dossier.sources} | {
        "index.html", "figures/index.html", "method/index.html", "overview/index.html"}
    assert expected <= ru


def test_every_figure_link_lands_on_its_quote_inside_its_paragraph(built, parsed):
    for lang, root in editions(built).items():
        checked = 0
        for path, page in parsed[lang].items():
            base = "/" + path.relative_to(root).as_posix()
            for a in page.figs:
                target = urlsplit(urljoin(base, a["href"]))
                target_file = root / target.path.lstrip("/") / "index.html"
                assert target_file.exists(), f"{path}: {a['href']} -> missing page"
                target_page = parsed[lang][target_file]
                fig = built.dossier.figure_by_id[a["data-fig"]]
                assert target.fragment in target_page.ids, f"{path}: no anchor #{target.fragment}"
                passage = links.cited_paragraph_anchor(fig.citation)  # a paragraph, or a referenced quote's block
                assert target.path.endswith("/" + links.page_url(links.cited_page(fig.citation))), f"{path}: {a['href']}"
                assert target_page.parent_of[target.fragment] == passage, f"{path}: #{target.fragment} is not inside {passage}"
                checked += 1
        assert checked >= len(built.dossier.figures), lang


def paragraph_html(page: str, anchor: str) -> str:
    """The HTML of the source paragraph `anchor` (its <section class="dossier-src-para">) on a built source page."""
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</section>", start)]


def test_quoted_words_are_marked_in_their_paragraph(built):
    import html as h
    css = (built.root / "assets" / "dossier.css").read_text(encoding="utf-8")  # the rules: hooks/highlight.py
    for fig in built.dossier.figures:
        page = (built.root / links.page_url(links.cited_page(fig.citation)) / "index.html").read_text(encoding="utf-8")
        section = paragraph_html(page, links.cited_paragraph_anchor(fig.citation))
        para = re.search(r'<p class="dossier-src-para__text".*?</p>', section, re.S)[0]  # the original, not a rendering
        marks = re.findall(rf'<mark class="dossier-quote" data-figs="[^"]*\b{re.escape(fig.id)}\b[^"]*">(.*?)</mark>', para, re.S)
        assert marks, f"{fig.id}: no marked words in {links.cited_paragraph_anchor(fig.citation)}"
        assert "".join(h.unescape(m) for m in marks) == fig.citation.quote, f"{fig.id}: the marked words are not its quote"
        assert f'[id="{links.quote_anchor(fig)}"]:target' in css


def test_same_figure_ids_in_every_edition(built, parsed):
    ids = {lang: sorted(a["data-fig"] for page in pages_.values() for a in page.figs) for lang, pages_ in parsed.items()}
    first, *others = ids.values()
    assert all(other == first for other in others)
    assert set(first) == set(built.dossier.figure_by_id)


def test_no_unrendered_macros_and_right_lang(built, parsed):
    for lang, pages_ in parsed.items():
        for path, page in pages_.items():
            text = path.read_text(encoding="utf-8")
            assert "{{" not in text and "{%" not in text, path
            assert page.html_lang == lang, path


def test_no_request_to_a_third_party_host(built):
    for path in built.root.rglob("*.html"):
        page = parse(path)
        for url in page.requests:
            host = urlsplit(url).netloc
            assert not host, f"{path}: loads {url}"
    for css in built.root.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8", errors="replace"), css


def test_only_three_stylesheets_and_two_tiny_theme_scripts_hold_back_the_first_paint(built):
    """Material's two stylesheets and the dossier's one; every script is deferred (bench/REPORT.md: the
    Lighthouse performance score depends on it) but Material's first two, which were inline and now are
    files (no page carries inline code): base.js defines the storage helpers, palette.js applies a reader's
    chosen colour scheme before the page paints (deferred, it would flash the other scheme)."""
    theme = ROOT / "overrides" / "assets" / "theme"
    assert sum((theme / n).stat().st_size for n in ("base.js", "palette.js")) < 2048
    for path in built.root.rglob("*.html"):
        blocking = [urlsplit(u).path.rsplit("/", 1)[-1] for u in parse(path).render_blocking]
        scripts = [name for name in blocking if not name.endswith(".css")]
        assert scripts == ["base.js", "palette.js"], f"{path}: scripts that block rendering: {scripts}"
        sheets = [name for name in blocking if name.endswith(".css")]
        assert len(sheets) == 3 and sheets[-1] == "dossier.css", f"{path}: render-blocking stylesheets {sheets}"


def sections(d: Dossier) -> dict[str, list[str]]:
    return {"partners": [p.id for p in d.partners], "resources": [r.id for r in d.resources], "sources": list(d.sources)}


SECTIONS = ("partners", "resources", "sources")


@pytest.mark.parametrize("section", SECTIONS)
def test_a_section_index_page_links_every_page_of_its_section(built, section):
    for root in editions(built).values():
        page = parse(root / section / "index.html")
        assert {f"{eid}/" for eid in sections(built.dossier)[section]} <= set(page.hrefs), root


def primary_nav(html: str) -> str:
    return html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]


def test_a_page_carries_only_its_own_section_of_the_nav(built):
    """navigation.prune: the nav in a page grows with its section, not with the whole dossier."""
    for root in editions(built).values():
        _only_its_section(built, root)


def _only_its_section(built, root: Path) -> None:
    listed = sections(built.dossier)
    first, *others = listed["partners"]
    nav = primary_nav((root / "partners" / first / "index.html").read_text(encoding="utf-8"))
    assert all(f'href="../{pid}/"' in nav for pid in others)
    assert 'href="../../resources/"' in nav and 'href="../../sources/"' in nav  # other sections: their index pages
    assert not any(f"resources/{rid}/" in nav for rid in listed["resources"])
    assert not any(f"sources/{sid}/" in nav for sid in listed["sources"])


_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)<(?:a class=\"headerlink\"|/h1)", re.S)


def test_the_menu_lists_the_datas_pages_in_order_each_titled_with_its_heading(built):
    """Partners, resources and sources come from data/ in data order; a page's menu title is its heading."""
    for lang, root in editions(built).items():
        _menu_is_the_data(built, lang, root)


def _menu_is_the_data(built, lang: str, root: Path) -> None:
    for section, ids in sections(built.dossier).items():
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


def test_every_figure_shows_its_value_formatted_for_its_edition(built, parsed):
    """Each figure link's text is the one stored value formatted by the edition's language rules
    (tests/test_fmt.py shows those rules on chosen numbers)."""
    for lang, pages_ in parsed.items():
        shown = {}
        for path in pages_:
            text = path.read_text(encoding="utf-8")
            for fid, value in re.findall(r'<a [^>]*data-fig="([^"]+)"[^>]*>(.*?)</a>', text, re.S):
                shown.setdefault(fid, set()).add(re.sub(r"<[^>]+>", "", value))
        for fid, values in shown.items():
            fig = built.dossier.figure_by_id[fid]
            want = fmt.figure_value(fig, built.dossier.languages[lang], built.dossier.strings)
            assert {html_lib.unescape(v).strip() for v in values} == {want}, f"{lang}: {fid} shown as {values}, stored as {want!r}"
        assert set(shown) == set(built.dossier.figure_by_id), f"{lang}: figures shown nowhere"


def test_a_source_page_pairs_each_original_paragraph_with_the_editions_rendering(built):
    for lang, root in editions(built).items():
        for src in built.dossier.sources.values():
            html = (root / "sources" / src.id / "index.html").read_text(encoding="utf-8")
            plain = re.sub(r"</?mark[^>]*>", "", html_lib.unescape(html))  # renderings carry the quotes' highlights
            paired = src.language != lang
            assert html.count('class="dossier-src-para__original"') == (len(src.paragraphs) if paired else 0), (lang, src.id)
            assert (built.dossier.strings["ui.own_translation"](lang) in plain) == paired, (lang, src.id)
            for p in src.paragraphs:
                assert f'id="{src.id}-{p.id}"' in html
                assert (p.renderings(lang) if paired else p.text) in plain, (lang, src.id, p.id)


def test_each_source_page_marks_each_quotes_rendering_in_the_translation_column(built):
    """On every edition in another language than a source's, each quote's rendering is marked in the
    dossier's rendering of its paragraph, which comes first (the reader's language)."""
    import html as h
    checked = 0
    for lang, root in editions(built).items():
        for src in built.dossier.sources.values():
            if src.language == lang:
                continue
            page = (root / "sources" / src.id / "index.html").read_text(encoding="utf-8")
            for fig in (f for f in built.dossier.figures if f.citation.source == src.id and not f.citation.referenced):
                para = paragraph_html(page, f"{src.id}-{fig.citation.paragraph}")
                start, end = para.index('class="dossier-src-para__rendering"'), para.index('class="dossier-src-para__original"')
                assert start < end, f"{lang} {fig.id}: the rendering does not come first"
                marks = re.findall(rf'<mark class="dossier-quote" data-figs="[^"]*\b{re.escape(fig.id)}\b[^"]*">(.*?)</mark>',
                                   para[start:end], re.S)
                marked = " ".join("".join(h.unescape(m) for m in marks).split())  # spaces as the paragraph writes them
                assert marked == " ".join(fig.citation.renderings(lang).split()), f"{fig.id}: rendering not marked"
                checked += 1
    assert checked == sum(built.dossier.work(f.citation).language != lang for f in built.dossier.figures
                          if not f.citation.referenced for lang in editions(built))


def test_figure_rows_show_the_rendering_only_in_another_language_than_the_sources(built):
    """A figure's row gives the quote as the source words it, and the dossier's rendering of it only on
    an edition in another language."""
    d = built.dossier
    for lang, root in editions(built).items():
        for fig in d.figures:
            kind, ids = ("partners", fig.partners) if fig.partners else ("resources", fig.resources)
            page = (root / kind / ids[0] / "index.html") if ids else (root / "overview" / "index.html")
            text = html_lib.unescape(page.read_text(encoding="utf-8"))
            start = text.index(f'id="fig-{fig.id}"')
            row = text[start:text.index("dossier-fig-item__source", start)]  # the label, the quote and its rendering
            assert fig.citation.quote in row, f"{lang}: {fig.id}'s row lacks its quote"
            rendered = lang in fig.citation.renderings.languages and " ".join(fig.citation.renderings(lang).split()) in " ".join(row.split())
            assert rendered == (d.work(fig.citation).language != lang), f"{lang}: {fig.id}"


def test_every_published_file_is_readable_by_everyone(built):
    """A host that serves site/ from disk as another user must be able to read every file (PDFs included)."""
    files = [p for p in built.root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) == built.pdfs, "the build made no PDF"
    unreadable = [f"{p.relative_to(built.root)} ({p.stat().st_mode & 0o777:o})" for p in files
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


def test_every_page_carries_its_content_security_policy(built):
    """One policy, right after <meta charset>, the same on every page: scripts and styles of the site only;
    and no page carries inline code it would block (the trusted templates write none)."""
    from macros.csp import PLACEHOLDER, policy
    checked = 0
    for path in all_html(built.root):
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
    assert {root / "404.html" for root in editions(built).values()} <= set(all_html(built.root))
    assert checked >= len(editions(built)) * len(pages(built.root, editions(built)))


def test_pages_carry_no_style_element_of_their_own(built):
    """The source pages' highlight rules are in assets/dossier.css, not in the article (hooks/highlight.py)."""
    for root in editions(built).values():
        for path in pages(root, editions(built)):
            html = path.read_text(encoding="utf-8")
            article = html[html.find("<article"):html.find("</article>")]
            assert "<style" not in article, path


def _classes_in(css: str) -> set[str]:
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/|url\([^)]*\)", "", css, flags=re.S)))


def test_the_dossiers_class_names_never_collide_with_materials(built, parsed):
    """Material styles `.md-typeset .grid` as a CSS grid (it tore the home page's table apart): every class the
    dossier writes or styles is prefixed dossier-, and Material's stylesheets have none of those."""
    sheets = built.root / "assets" / "stylesheets"
    material = set().union(*(_classes_in(p.read_text(encoding="utf-8")) for p in sheets.glob("*.css")))
    assert material and not {c for c in material if c.startswith("dossier-")}
    ours = set().union(*(_classes_in((built.root / "assets" / name).read_text(encoding="utf-8"))
                         for name in ("dossier.css", "print.css")))
    assert not {c for c in ours - material if not c.startswith("dossier-")}, "unprefixed classes in the dossier's CSS"
    written = set()
    for pages in parsed.values():
        for page in pages.values():
            written |= page.article_classes
    assert {c for c in written if c.startswith("dossier-")} >= {"dossier-fig", "dossier-src-para"}
    assert not {c for c in written - material if not c.startswith("dossier-")}, "unprefixed classes in the pages"


def test_glossary_terms_on_the_pages_lead_to_the_glossary_in_their_edition(built, parsed):
    """A term with a tooltip is a link to its entry on the Glossary page, so keyboard and touch reach it."""
    found = 0
    for _lang, pages in parsed.items():
        for path, page in pages.items():
            for href in (h for h in page.term_links):
                target = urlsplit(urljoin("/" + path.relative_to(built.root).as_posix(), href))
                assert target.path.rstrip("/").endswith("glossary") and target.fragment.startswith("term-"), (path, href)
                found += 1
    assert found or not built.dossier.glossary


def test_the_footer_speaks_the_editions_language(built):
    for lang, root in editions(built).items():
        home = (root / "index.html").read_text(encoding="utf-8")
        footer = home[home.index('class="md-copyright"'):]
        assert "Made with" not in footer
        assert built.dossier.strings["footer.made_with"](lang).split("{")[0].strip() in footer, lang


def test_a_referenced_figure_leads_to_the_publishers_words_in_the_downloads(built):
    """A figure quoting a publisher the dossier does not reproduce: its download row names the publisher's
    page with the quoted words as a text fragment, and says in the edition's words what the quote states."""
    from urllib.parse import unquote

    for lang in editions(built):
        rows = {r["figure_id"]: r for r in json.loads(
            (built.root / links.download_path(lang, "json")).read_text(encoding="utf-8"))["figures"]}
        for fig in built.dossier.figures:
            row = rows[fig.id]
            assert row["source_kind"] == ("referenced" if fig.citation.referenced else "reproduced"), fig.id
            if not fig.citation.referenced:
                continue
            work = built.dossier.work(fig.citation)
            url, _, fragment = row["passage_url"].partition("#:~:text=")
            assert url == work.url and unquote(fragment) == fig.citation.quote, fig.id
            assert row["paragraph_number"] is None and row["quote"] == fig.citation.quote
            assert row["quote_states"] and "{value}" not in row["quote_states"], fig.id
            assert row["value_text"] in row["quote_states"], f"{lang}/{fig.id}: the statement does not give the value"


class _OwnText(HTMLParser):
    """The text of a page's article that is in the page's own language (not inside an element whose lang
    differs: quotes, originals, titles in their language), without code and addresses."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang, self.stack, self.depth, self.passages = lang, [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.depth += tag == "article"
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        if tag in _VOID or not self.stack:
            return
        self.stack.pop()
        self.depth -= tag == "article" and self.depth > 0

    def handle_data(self, data):
        langs = [lang for _, lang in self.stack if lang]
        if self.depth and not (langs and langs[-1] != self.lang) and not any(t in ("script", "style", "code") for t, _ in self.stack):
            self.passages.append(re.sub(r"https?://\S+", " ", data))


_VOID = ("br", "img", "meta", "link", "input", "hr", "source", "wbr")


def test_each_editions_own_text_is_in_its_language(built):
    """Text left untranslated shows as another language's function words (data/languages.yml): three of
    them in one passage of an edition's own text, outside any element marked with its own lang, fail."""
    table = built.dossier.languages
    for lang, root in editions(built).items():
        if not table[lang].function_words:  # a language without the list is not checked
            continue
        others = {o: set(table[o].function_words) for o in table.codes if o != lang and table[o].function_words}
        for path in pages(root, editions(built)):
            parser = _OwnText(lang)
            parser.feed(path.read_text(encoding="utf-8"))
            for passage in parser.passages:
                words = set(re.findall(r"\w+", passage.lower()))
                for other, function in others.items():
                    assert len(words & function) < 3, f"{path}: text in {other} on the {lang} edition: {passage.strip()[:120]!r}"
