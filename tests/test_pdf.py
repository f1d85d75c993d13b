"""PDF briefs and print: every brief exists in both languages, is linked from its page, carries
every figure of its page with a footnote (paragraph ¶ n, linked to its address, and the quoted
words), in one numbering of calls that never touch the number they follow; the source is cited in
full once per PDF; no page holds only a line or two; the full dossier's cover has its summary;
fonts, metadata and page counts; the print stylesheet hides the site chrome and prints each
paragraph address once; a brief that fails stops the build."""
from __future__ import annotations

import re
import shutil
import subprocess
import types
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import cssselect2
import pikepdf
import pypdf
import pytest
import tinycss2
import tinyhtml5
import yaml

from hooks import pdf as pdf_hook
from macros import briefs, figlink, fmt, inline, links, pdf_cache, pdf_render, print_doc
from tests.helpers import ROOT, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
LANGS = DOSSIER.languages.published  # every edition has its briefs
ENTITIES = [(p.id, links.partner_page(p.id), p) for p in DOSSIER.partners] + [
    (r.id, links.resource_page(r.id), r) for r in DOSSIER.resources]
QUOTES = {lang: DOSSIER.languages[lang].quotes for lang in LANGS}  # the marks around a footnote's quote


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may carry !ENV or !!python tags; the values read here never use them."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)
SITE_URL = CONFIG["site_url"]


@pytest.fixture(autouse=True)
def _own_pdf_cache(tmp_path, monkeypatch):
    """Every test renders into a cache of its own (macros/pdf_cache.py), never the project's .cache/."""
    monkeypatch.setenv(pdf_cache.CACHE_ENV, str(tmp_path / "pdf-cache"))


def site_name(lang: str) -> str:
    i18n = next(p["i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        if language["locale"] == lang and language.get("site_name"):
            return language["site_name"]
    return CONFIG["site_name"]


def edition_root(site: Path, lang: str) -> Path:
    return site / links.edition_prefix(lang)


def built_page(site: Path, lang: str, page: str) -> Path:
    return edition_root(site, lang) / links.page_url(page) / "index.html"


def squash(text: str) -> str:
    """Text compared without line breaks, spacing or the hyphens WeasyPrint adds when it breaks a word."""
    return re.sub(r"\s+", "", text.replace("\u2010\n", ""))


@cache
def raw_text(path: Path) -> str:
    """The PDF's text in content order, as poppler's pdftotext -raw reads it (20× faster than pypdf; -raw keeps
    the hyphen of an address broken at a line end, which its default layout mode drops)."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_text(path: Path) -> str:
    return squash(raw_text(path))


@cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text as pdftotext lays it out (a page per form feed)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = out.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def figure_links(html_file: Path) -> list[tuple[str, str]]:
    """(figure id, text shown) of every figure link in the page's article."""
    root = tinyhtml5.parse(html_file.read_text(encoding="utf-8"), namespace_html_elements=False)
    article = next(a for a in root.iter("article") if "md-content__inner" in (a.get("class") or ""))
    return [(a.get("data-fig"), "".join(a.itertext())) for a in article.iter("a")
            if figlink.CLASS in (a.get("class") or "").split() and a.get("data-fig")]


REFERENCE_URLS = {r.url for r in DOSSIER.references.values()}  # a referenced figure prints its publisher's page


def expected_note(lang: str, fid: str) -> str:
    """A figure's footnote as the model says it reads: the paragraph (¶ n; the source itself is cited
    once, at the start), the quote and, from a source in another language, the dossier's rendering of
    it, labelled."""
    cite = DOSSIER.figure_by_id[fid].citation
    rendered = inline.quote_rendering(DOSSIER, lang, cite)
    label = DOSSIER.strings["ui.quote_translation"](lang)
    translated = f" ({label}: {DOSSIER.languages[lang].quoted(rendered)})" if rendered else ""
    opening, closing = QUOTES[lang]
    if cite.referenced:  # a publisher's page: cited in full in the note, with the address to type
        where = f"{work_citation(lang, DOSSIER.work(cite))}, {DOSSIER.work(cite).url}"
    else:
        where = DOSSIER.strings["pdf.paragraph"](lang).format(n=DOSSIER.cited(cite)[1].number)
    return squash(f"{where}: {opening}{cite.quote}{closing}{translated}.")


def work_citation(lang: str, work) -> str:
    """A cited work in full, as the PDFs print it: a reproduced source, or a publisher's page."""
    if work.id in DOSSIER.references:
        return inline.reference_citation(DOSSIER, lang, work)
    return inline.source_citation(DOSSIER, lang, work)


# --- every PDF, where it should be, linked from its page ---------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_brief_and_the_dossier_exist_at_their_addresses(built_site, lang):
    names = [eid for eid, _, _ in ENTITIES] + [links.DOSSIER_PDF]
    for name in names:
        path = built_site / links.pdf_path(lang, name)
        assert path.is_file() and path.read_bytes()[:5] == b"%PDF-", path
    published = {p.name for p in (edition_root(built_site, lang) / "pdf").glob("*.pdf")}
    assert published == {f"{n}.pdf" for n in names}
    assert not list(built_site.rglob("*.part")), "a temporary PDF was left behind"


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_links_its_pdf_in_its_language(built_site, lang):
    pages = [(page, eid, "pdf.download_brief") for eid, page, _ in ENTITIES]
    pages.append((links.HOME_PAGE, links.DOSSIER_PDF, "pdf.download_dossier"))
    for page, name, label in pages:
        html = built_page(built_site, lang, page)
        root = tinyhtml5.parse(html.read_text(encoding="utf-8"), namespace_html_elements=False)
        found = [a for p in root.iter("p") if "pdf-link" in (p.get("class") or "") for a in p.iter("a")]
        assert len(found) == 1, f"{html}: expected one PDF link"
        assert "".join(found[0].itertext()).strip() == DOSSIER.strings[label](lang)
        base = "/" + html.relative_to(built_site).as_posix()
        target = urlsplit(urljoin(base, found[0].get("href"))).path.lstrip("/")
        assert target == links.pdf_path(lang, name), f"{html}: links {found[0].get('href')}"
    other = built_page(built_site, lang, links.FIGURES_PAGE).read_text(encoding="utf-8")
    assert 'class="dossier-pdf-link"' not in other


# --- what a brief says ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("eid,page,entity", ENTITIES, ids=[e[0] for e in ENTITIES])
def test_brief_has_every_figure_of_its_page_with_its_footnote(built_site, lang, eid, page, entity):
    text = pdf_text(built_site / links.pdf_path(lang, eid))
    shown = figure_links(built_page(built_site, lang, page))
    kind = "partner" if page.startswith("partners/") else "resource"
    assert bool(shown) == bool(DOSSIER.figures_of(kind, eid)), f"{page}: the page's figures are not the data's"
    assert squash(entity.name(lang)) in text
    for fid, on_page in dict(shown).items():
        value = fmt.figure_value(DOSSIER.figure_by_id[fid], DOSSIER.languages[lang], DOSSIER.strings)
        assert squash(value) == squash(on_page), f"{lang}/{page}: {fid} shows {on_page!r}, the model says {value!r}"
        assert squash(value) in text, f"{lang} brief {eid}: value {value!r} of {fid} is missing"
        # one note per figure, even though each figure is shown more than once on the page
        assert text.count(expected_note(lang, fid)) == 1, f"{lang} brief {eid}: footnote of {fid} missing or repeated"


@pytest.mark.parametrize("lang", LANGS)
def test_brief_layout_title_edition_running_header_and_page_numbers(built_site, lang):
    reader = pypdf.PdfReader(built_site / links.pdf_path(lang, "china"))
    first = squash(reader.pages[0].extract_text())
    assert squash(DOSSIER.strings["pdf.edition"](lang).split("{")[0]) in first
    assert squash(DOSSIER.strings["ui.key_figures"](lang).upper()) in first  # the key-figures box title
    pages = len(reader.pages)
    for n, page in enumerate(reader.pages, 1):
        body = squash(page.extract_text())
        assert squash(DOSSIER.strings["pdf.page_of"](lang).format(n=n, m=pages)) in body
        if n > 1:
            assert squash(site_name(lang)) in body, f"page {n}: no running header"
    whole = pdf_text(built_site / links.pdf_path(lang, "china"))
    for work in {DOSSIER.work(f.citation) for f in DOSSIER.by_partner["china"]}:  # the sources section
        assert squash(work_citation(lang, work)) in whole


@pytest.mark.parametrize("lang", LANGS)
def test_full_dossier_has_contents_and_every_chapter(built_site, lang):
    text = pdf_text(built_site / links.pdf_path(lang, links.DOSSIER_PDF))
    assert squash(DOSSIER.strings["pdf.contents"](lang)) in text
    for _, _, entity in ENTITIES:
        assert squash(entity.name(lang)) in text
    shown = {fid for _, page, _ in ENTITIES for fid, _ in figure_links(built_page(built_site, lang, page))}
    for fid in shown:
        assert expected_note(lang, fid) in text, f"{lang} dossier: no footnote for {fid}"


# --- notes a reader can follow (issue 19, item 5) -----------------------------------------------

def _edition(lang: str) -> print_doc.Edition:
    return print_doc.Edition(DOSSIER, lang, SITE_URL, site_name(lang), "Author", "2025-01-01", "1 January 2025")


def print_document(site: Path, lang: str, name: str) -> str:
    """The print document a PDF is made from (composed again from the built pages)."""
    ed = _edition(lang)
    if name == links.DOSSIER_PDF:
        pages = print_doc.dossier_pages(DOSSIER)
        return print_doc.full_dossier(ed, [print_doc.Chapter(p, built_page(site, lang, p)) for p in pages])
    page = next(page for eid, page, _ in ENTITIES if eid == name)
    return print_doc.brief(ed, print_doc.Chapter(page, built_page(site, lang, page)))


def notes_in(document: str) -> list:
    root = tinyhtml5.parse(document, namespace_html_elements=False)
    return [el for el in root.iter("span") if print_doc.NOTE in (el.get("class") or "").split()]


CALL = re.compile(r"\[(\d+)\]")


def test_no_footnote_call_touches_the_number_it_follows(built_site):
    """'40 %¹²³*' read as '40 %123*': every call is a bracketed number after a space, in every PDF."""
    calls = 0
    for lang, name, path in all_pdfs(built_site):
        raw = raw_text(path)
        calls += len(CALL.findall(raw))
        fused = [raw[max(0, m.start() - 12):m.end()] for m in CALL.finditer(raw) if not raw[m.start() - 1].isspace()]
        assert not fused, f"{lang}/{name}: calls not set apart from what precedes them: {fused[:3]}"
        assert not re.search(r"[\d%][¹²³⁴⁵⁶⁷⁸⁹⁰*]", raw), f"{lang}/{name}: a superscript digit or star after a number"
    assert calls, "no footnote call in any PDF"


def test_one_numbering_per_pdf_for_figures_and_other_sources(built_site):
    """Calls are numbered 1..n in reading order, a number met again pointing back to its note; the
    notes about other sources are in the same sequence (no second '[1][2]' numbering)."""
    total_others = 0
    for lang, name, path in all_pdfs(built_site):
        document = print_document(built_site, lang, name)
        notes = notes_in(document)
        others = [n for n in notes if "dossier-footnote--obs" in n.get("class")]
        assert "dossier-obs-cite" not in document and "dossier-fig-note-mark" not in document, f"{lang}/{name}"
        calls = [int(n) for n in CALL.findall(raw_text(path))]
        first_seen = list(dict.fromkeys(calls))
        assert first_seen == list(range(1, len(notes) + 1)), f"{lang}/{name}: calls in order of first use {first_seen}"
        numbered = {int(n) for page in page_texts(path) for n in re.findall(r"^\s*(\d+)\. ", page, re.M)}
        assert set(range(1, len(notes) + 1)) <= numbered, f"{lang}/{name}: notes without their number"
        assert pdf_text(path).count(squash(DOSSIER.strings["pdf.other_source"](lang) + ":")) == len(others), f"{lang}/{name}"
        total_others += len(others)
    assert total_others, "no note about another source in any PDF"


def test_the_source_is_cited_in_full_once_per_pdf_and_each_note_gives_its_paragraph(built_site):
    for lang, name, path in all_pdfs(built_site):
        text, document = pdf_text(path), print_document(built_site, lang, name)
        figures = re.findall(r'data-fig="([^"]+)"', document)
        cited = [DOSSIER.figure_by_id[fid].citation for fid in figures]
        sources = {c.source for c in cited if not c.referenced}  # a publisher's page is cited in its note
        assert bool(sources) == bool(figures) or all(c.referenced for c in cited), f"{lang}/{name}: figures without their source"
        for sid in sources:
            citation = squash(inline.source_citation(DOSSIER, lang, DOSSIER.sources[sid]))
            assert text.count(citation) == 1, f"{lang}/{name}: the full citation of {sid} appears {text.count(citation)} times"
            assert squash(links.absolute(SITE_URL, lang, links.source_page(sid))) in text  # where its paragraphs are
        figure_notes = [n for n in notes_in(document) if n.get("class") == print_doc.NOTE]
        for note in figure_notes:
            para = next(a for a in note.iter("a") if a.get("class") == "dossier-footnote__para")
            fid = note.get("id").rpartition("--")[2].removeprefix("note-")
            cite = DOSSIER.figure_by_id[fid].citation
            if cite.referenced:  # the publisher in full, linked to the quoted words on its page
                assert "".join(para.itertext()) == work_citation(lang, DOSSIER.work(cite)), f"{lang}/{name}: {fid}"
                assert para.get("href") == inline.passage_url(DOSSIER, SITE_URL, lang, cite)
                continue
            number = DOSSIER.cited(cite)[1].number
            paragraph = DOSSIER.strings["pdf.paragraph"](lang).format(n=number)
            named = f"{DOSSIER.sources[cite.source].short_title(lang)}, {paragraph}"  # several sources: each note names its own
            assert "".join(para.itertext()) == (named if len(sources) > 1 else paragraph), f"{lang}/{name}: {fid}"
            assert para.get("href") == links.paragraph_url(SITE_URL, lang, cite)


def body_lines(page: str, first: bool) -> list[str]:
    """A page's lines of text without the running header (every page but the first) and the page number."""
    lines = [line for line in page.splitlines() if line.strip()]
    if lines and re.fullmatch(r"\s*\S+\.? \d+ \S+ \d+\s*", lines[-1]):  # "page 3 of 4", "стр. 3 из 4"
        lines = lines[:-1]
    return lines if first else lines[1:]


def test_no_page_holds_only_a_line_or_two(built_site):
    """No orphan pages: every page but a cover has at least three lines of text besides its header
    and page number (a heading alone, a list's last item, a blank trailing page all fail)."""
    for lang, name, path in all_pdfs(built_site):
        pages = page_texts(path)
        assert len(pages) == page_count(path)
        for n, page in enumerate(pages, 1):
            if n == 1 and name == links.DOSSIER_PDF:
                continue
            lines = body_lines(page, n == 1)
            assert len(lines) >= 3, f"{lang}/{name}: page {n} of {len(pages)} holds {len(lines)} line(s): {lines}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_full_dossiers_cover_summarises_it_in_its_language(built_site, lang):
    cover = squash(page_texts(built_site / links.pdf_path(lang, links.DOSSIER_PDF))[0])
    other = next(x for x in LANGS if x != lang)
    for key in ("pdf.summary.what", "pdf.summary.check"):
        assert squash(DOSSIER.strings[key](lang)) in cover, f"{lang}: {key} not on the cover"
        assert squash(DOSSIER.strings[key](other)) not in cover
    assert squash(DOSSIER.strings["pdf.contents"](lang)) in cover
    for sid in {f.citation.source for f in DOSSIER.figures if not f.citation.referenced}:  # the sources, on the cover
        assert squash(inline.source_citation(DOSSIER, lang, DOSSIER.sources[sid])) in cover


# --- the PDF as a file: fonts, metadata, size --------------------------------------------------

def all_pdfs(site: Path):
    for lang in LANGS:
        for name in [eid for eid, _, _ in ENTITIES] + [links.DOSSIER_PDF]:
            yield lang, name, site / links.pdf_path(lang, name)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Each font the PDF uses and whether it is embedded, as poppler's pdffonts lists them."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]  # the columns, from the dashes under the header
    cols = [lines[0][a:b].strip() for a, b in spans]
    rows = [{c: line[a:b].strip() for c, (a, b) in zip(cols, spans)} for line in lines[2:] if line.strip()]
    return {row["name"].partition("+")[2] or row["name"]: row["emb"] == "yes" for row in rows}


def test_fonts_are_embedded_dejavu_with_cyrillic_text(built_site):
    for lang, _, path in all_pdfs(built_site):
        fonts = embedded_fonts(path)
        assert fonts and all(fonts.values()), f"{path}: fonts not embedded: {fonts}"
        # DejaVu for the text; Droid Sans Fallback only where a referenced title is Chinese, Japanese or Korean
        assert all("DejaVu" in f or "Droid-Sans-Fallback" in f for f in fonts), f"{path}: unexpected fonts {sorted(fonts)}"
        assert any("DejaVu" in f for f in fonts), f"{path}: no DejaVu font"
        if lang != "en":  # a Cyrillic edition, ru or kk (an English brief may hold no Cyrillic name)
            assert re.search("[а-яё]", pdf_text(path)), f"{path}: no selectable Cyrillic text"


def test_metadata_title_language_author(built_site):
    for lang, name, path in all_pdfs(built_site):
        with pikepdf.open(path) as pdf:  # qpdf reads the document information without parsing every page
            title, author = str(pdf.docinfo.get("/Title", "")), str(pdf.docinfo.get("/Author", ""))
            language = str(pdf.Root.get("/Lang", ""))
        if name == links.DOSSIER_PDF:
            assert title == site_name(lang)
        else:
            entity = next(e for eid, _, e in ENTITIES if eid == name)
            assert title == f"{entity.name(lang)} — {site_name(lang)}"
        assert language == lang, path
        assert author, path


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_page_counts_are_sane(built_site):
    for lang in LANGS:
        briefs = [page_count(built_site / links.pdf_path(lang, eid)) for eid, _, _ in ENTITIES]
        dossier = page_count(built_site / links.pdf_path(lang, links.DOSSIER_PDF))
        figures = [len(DOSSIER.figures_of("partner" if page.startswith("partners/") else "resource", eid))
                   for eid, page, _ in ENTITIES]
        assert all(1 <= n <= 2 + f for n, f in zip(briefs, figures)), (briefs, figures)  # no runaway layout
        chapters = len(print_doc.dossier_pages(DOSSIER))
        assert dossier > max(briefs) and dossier >= chapters + 1, (dossier, briefs)  # one page each, and a title page


# --- notes shared on a page ----------------------------------------------------------------------

def test_second_citation_of_a_figure_points_to_its_first_note(built_site):
    ed = print_doc.Edition(DOSSIER, "en", SITE_URL, "Dossier", "Author", "2025-01-01", "1 January 2025")
    page = links.partner_page("china")
    doc = print_doc.brief(ed, print_doc.Chapter(page, built_page(built_site, "en", page)))
    root = tinyhtml5.parse(doc, namespace_html_elements=False)
    notes = {el.get("id"): el for el in root.iter("span") if el.get("class") == "dossier-footnote"}
    refs = [el.get("href") for el in root.iter("a") if el.get("class") == "dossier-note-ref" and "obs--" not in el.get("href")]
    figs = [el.get("data-fig") for el in root.iter("a") if figlink.CLASS in (el.get("class") or "").split()]
    assert len(notes) == len(set(figs)) and len(refs) == len(figs) - len(set(figs)) > 0
    assert all(ref.lstrip("#") in notes for ref in refs)
    assert not [el for el in root.iter() if el.get("href", "").startswith("file:")], "a link into the build directory"


# --- browser print: the stylesheet -----------------------------------------------------------

def print_rules(css_text: str):
    """(selector, declarations) of the style rules inside @media print."""
    for rule in tinycss2.parse_stylesheet(css_text, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "media" and "print" in tinycss2.serialize(rule.prelude):
            for inner in tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True):
                if inner.type == "qualified-rule":
                    decls = {d.lower_name: tinycss2.serialize(d.value).strip()
                             for d in tinycss2.parse_declaration_list(inner.content, skip_whitespace=True, skip_comments=True)
                             if d.type == "declaration"}
                    yield tinycss2.serialize(inner.prelude).strip(), decls


def test_print_stylesheet_hides_the_chrome_and_keeps_the_content(built_site):
    css = (built_site / briefs.STYLESHEET).read_text(encoding="utf-8")
    hidden = [sel for sel, decls in print_rules(css) if decls.get("display", "").startswith("none")]
    matchers = cssselect2.Matcher()
    for sel in hidden:
        for compiled in cssselect2.compile_selector_list(sel):
            matchers.add_selector(compiled, sel)
    for lang in LANGS:
        html = built_page(built_site, lang, links.partner_page("china"))
        source = html.read_text(encoding="utf-8")
        assert re.search(r'<link rel="stylesheet" media="print" href="[./]*assets/print\.css">', source), "print.css not linked"
        root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(source, namespace_html_elements=False))

        def is_hidden(el) -> bool:
            return any(matchers.match(e) for e in [el, *el.ancestors])

        article = next(e for e in root.query_all("article.md-content__inner"))
        chrome = [e for e in root.query_all("header, nav, footer, form, .md-search, .md-sidebar, .md-tabs, .dossier-pdf-link")
                  if not any(a.etree_element is article.etree_element for a in e.ancestors)]
        chrome += list(root.query_all(".dossier-pdf-link, .md-content__button, .headerlink"))
        assert len(chrome) >= 5
        for el in chrome:
            assert is_hidden(el), f"{html}: <{el.etree_element.tag} class={el.etree_element.get('class')}> is printed"
        for el in [article, *root.query_all("article a.dossier-fig, article .dossier-fig-item, article .dossier-key-figures")]:
            assert not is_hidden(el), f"{html}: {el.etree_element.get('class')} would not be printed"
        for el in root.query_all("article a.dossier-fig"):
            printed = el.etree_element.get("data-print-url", "")
            assert printed.startswith(SITE_URL) or printed in REFERENCE_URLS, "figure link without printed address"


def test_print_stylesheet_keeps_figures_whole_and_prints_each_address_once():
    rules = list(print_rules((ROOT / "overrides" / briefs.STYLESHEET).read_text(encoding="utf-8")))
    avoid = {s.strip() for sel, d in rules if d.get("break-inside") == "avoid" for s in sel.split(",")}
    assert {".dossier-fig-item", ".dossier-fig-card"} <= avoid
    after = {sel: d.get("content", "") for sel, d in rules if "a.dossier-fig" in sel and "::after" in sel}
    assert not [sel for sel, c in after.items() if "data-print-url" in c], "the address after every figure again"
    assert any(f"attr({figlink.PRINT_NOTE})" in c for c in after.values())  # "[a]" after the figure
    shown = [d for sel, d in rules if f".{figlink.PRINT_ADDRESSES}[hidden]" in sel]
    assert shown and shown[0].get("display") == "block", "the list of addresses is not printed"
    footnote_area = re.search(r"@footnote\s*\{([^}]*)\}", (ROOT / "overrides" / briefs.STYLESHEET).read_text(encoding="utf-8"))
    declared = {d.split(":")[0].strip() for d in footnote_area.group(1).split(";") if ":" in d}
    assert not {"border-top", "padding-top"} <= declared, "WeasyPrint issue 2502: notes are dropped"


def _print_addresses(html: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(address, letter) of each figure link of the page's article, and the addresses its printed list gives."""
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    article = next(a for a in root.iter("article") if "md-content__inner" in (a.get("class") or ""))
    figs = [(a.get(figlink.PRINT_URL), a.get(figlink.PRINT_NOTE)) for a in article.iter("a") if figlink.figure_id(a)]
    lists = [el for el in article.iter("div") if el.get("class") == figlink.PRINT_ADDRESSES]
    listed = ["".join(li.itertext()).strip() for block in lists for li in block.iter("li")]
    assert len(lists) <= 1 and all(el.get("hidden") is not None for el in lists), "the list shows on screen"
    return figs, listed


@pytest.mark.parametrize("lang", LANGS)
def test_browser_print_gives_each_paragraph_address_once(built_site, lang):
    """Every page with figures: the list at the end of its article holds each distinct address once, in
    reading order, and each figure link carries the letter of its address in that list."""
    root = edition_root(built_site, lang)
    pages = [p for p in root.rglob("index.html") if p.relative_to(root).parts[0] not in LANGS]
    checked = 0
    for html in pages:
        figs, listed = _print_addresses(html.read_text(encoding="utf-8"))
        if not figs:
            assert not listed, html
            continue
        checked += 1
        assert listed == list(dict.fromkeys(url for url, _ in figs)), f"{html}: addresses listed {listed}"
        assert all(url.startswith(SITE_URL) or url in REFERENCE_URLS for url in listed)
        assert [letter for _, letter in figs] == [figlink.letters(listed.index(url) + 1) for url, _ in figs], html
    assert checked >= len(ENTITIES), f"{lang}: only {checked} pages with figures"


@pytest.mark.browser
def test_a_printed_page_shows_each_address_once(page, site_server):
    """Chromium prints the China page (print.css, as Ctrl+P does): each paragraph address once, in the
    list at the end, and a letter after each figure; the list is not shown on screen."""
    page.goto(site_server.url("en/partners/china/"))
    assert not page.locator(f".{figlink.PRINT_ADDRESSES}").is_visible()
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=page.pdf(format="A4"),
                          capture_output=True, check=True).stdout.decode("utf-8")
    built = site_server.directory / "en" / "partners" / "china" / "index.html"
    figs, listed = _print_addresses(built.read_text(encoding="utf-8"))
    assert listed and len(figs) > len(listed)  # the same address behind several figures
    flat = squash(text)
    for url in listed:
        assert flat.count(squash(url)) == 1, f"{url} printed {flat.count(squash(url))} times"
    assert DOSSIER.strings["print.addresses"]("en") in text
    assert len(re.findall(r"\[a\]", text)) == 1 + sum(letter == "a" for _, letter in figs)  # each figure's, the list's


# --- failure: a brief that cannot be made stops the build and leaves nothing behind -------------

def _job(tmp_path: Path, html: str, **kw) -> pdf_render.Job:
    return pdf_render.Job(name="en/partners/broken.md", html=html, base_url=tmp_path.as_uri() + "/",
                          stylesheet=str(ROOT / "overrides" / briefs.STYLESHEET), out=str(tmp_path / "pdf" / "broken.pdf"), **kw)


def test_a_page_that_cannot_render_names_the_page_and_leaves_no_pdf(tmp_path):
    out = tmp_path / "pdf" / "broken.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF- stale brief from an earlier build")
    job = _job(tmp_path, '<html lang="en"><body><p>Figure<img src="missing-chart.png"></p></body></html>')
    with pytest.raises(pdf_render.PdfError, match=r"en/partners/broken\.md.*missing-chart\.png"):
        pdf_render.render(job)
    assert not out.exists() and not list(out.parent.iterdir()), "a PDF (or a temporary one) was left behind"


def test_a_missing_font_fails_the_brief(tmp_path):
    job = _job(tmp_path, '<html lang="ru"><body><p>Уран</p></body></html>', font_family="NoSuchFontFamily")
    with pytest.raises(pdf_render.PdfError, match=r"en/partners/broken\.md: fonts .* not embedded NoSuchFontFamily"):
        pdf_render.render(job)
    assert not list((tmp_path / "pdf").iterdir())


def test_nothing_is_fetched_from_the_network(tmp_path):
    job = _job(tmp_path, '<html lang="en"><body><img src="https://example.org/tracker.png"></body></html>')
    with pytest.raises(pdf_render.PdfError, match="example.org"):
        pdf_render.render(job)


# --- WeasyPrint reads only the built site -------------------------------------------------------

_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082")


@pytest.mark.parametrize("tag, why", [
    ('<img src="file:///etc/hostname">', "a file outside the built site"),
    ('<img src="/proc/self/environ">', "a file outside the built site"),
    ('<img src="../outside.png">', "a file outside the built site"),
    ('<img src="linked.png">', "a file outside the built site"),  # a symlink inside the site pointing out
    ('<img src="http://127.0.0.1:9/x.png">', "'http' address"),
    ('<link rel="stylesheet" href="ftp://example.org/x.css">', "'ftp' address"),
], ids=["file-url", "absolute-path", "dot-dot", "symlink-out", "http", "ftp"])
def test_the_pdf_reads_nothing_but_the_built_site(tmp_path, tag, why):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "outside.png").write_bytes(_PNG)
    (site / "linked.png").symlink_to(tmp_path / "outside.png")
    job = pdf_render.Job(name="en/partners/hostile.md", html=f'<html lang="en"><body><p>Uranium</p>{tag}</body></html>',
                         base_url=site.as_uri() + "/", stylesheet=str(ROOT / "overrides" / briefs.STYLESHEET),
                         out=str(site / "pdf" / "hostile.pdf"))
    with pytest.raises(pdf_render.PdfError, match=r"^en/partners/hostile\.md: the print document asks for ") as err:
        pdf_render.render(job)
    assert why in str(err.value) and "link images and styles of the site itself" in str(err.value)
    assert not list((site / "pdf").iterdir())


@pytest.mark.parametrize("tag", ['<a rel="attachment" href="secret.txt">notes</a>',
                                 '<link rel="Attachment" href="secret.txt">'])
def test_a_file_attachment_is_refused_even_from_the_site(tmp_path, tag):
    (tmp_path / "secret.txt").write_text("from the build machine", encoding="utf-8")
    job = _job(tmp_path, f'<html lang="en"><head>{tag}</head><body><p>Uranium</p>{tag}</body></html>')
    with pytest.raises(pdf_render.PdfError, match=r"en/partners/broken\.md: <(a|link) href=\"secret\.txt\"> asks for a file attachment"):
        pdf_render.render(job)
    assert not list((tmp_path / "pdf").iterdir())


def test_an_image_of_the_site_itself_is_embedded_and_the_pdf_is_world_readable(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "dot.png").write_bytes(_PNG)
    job = _job(tmp_path, '<html lang="en"><body><p>Uranium</p><img alt="dot" src="assets/dot.png"></body></html>')
    pdf_render.render(job)
    out = Path(job.out)
    assert out.read_bytes().startswith(b"%PDF") and b"/Image" in out.read_bytes()
    assert out.stat().st_mode & 0o777 == pdf_render.PUBLISHED_MODE


def test_hook_fails_the_build_naming_the_page_when_a_built_page_is_broken(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.pdf", "search", "en"))
    broken = links.resource_page("uranium")
    built = {p: built_page(site, "ru", p) for p in print_doc.dossier_pages(DOSSIER)}
    built[broken].write_text("<html><body><p>half a page</p></body></html>", encoding="utf-8")
    config = types.SimpleNamespace(site_dir=str(site), site_url=SITE_URL, site_name=site_name("ru"),
                                   site_author="test", extra={})
    with pytest.raises(briefs.BriefsError, match=re.escape(broken)):
        briefs.build_pdfs(config, "ru", built, workers=1)
    assert not list(site.rglob("*.pdf")) and not list(site.rglob("*.part"))


def test_the_hook_gives_weasyprint_the_site_only_fetcher(built_site, tmp_path):
    """Wiring: a built page that points at a file of the machine stops the PDF step, naming the page."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.pdf", "search", "en"))
    page = links.partner_page("turkey")
    built = {p: built_page(site, "ru", p) for p in print_doc.dossier_pages(DOSSIER)}
    text = built[page].read_text(encoding="utf-8")
    built[page].write_text(text.replace("</article>", '<img src="file:///etc/hostname"></article>', 1), encoding="utf-8")
    config = types.SimpleNamespace(site_dir=str(site), site_url=SITE_URL, site_name=site_name("ru"),
                                   site_author="test", extra={})
    # the hook's own jobs, rendered by the hook's runner; only the altered page's brief, to keep it quick
    jobs = [j for j in briefs.jobs_for(briefs.edition(config, DOSSIER, "ru"), site, built) if j.name == f"ru/{page}"]
    assert len(jobs) == 1
    with pytest.raises(briefs.BriefsError, match=r"ru/partners/turkey\.md: the print document asks for file:///etc/hostname"):
        briefs.run(jobs, workers=1)


def test_worker_failures_are_reported_per_page_and_good_briefs_still_written(tmp_path):
    good = _job(tmp_path, '<html lang="en"><body><p>Uranium</p></body></html>')
    good = pdf_render.Job(**{**good.__dict__, "name": "en/resources/uranium.md", "out": str(tmp_path / "pdf" / "uranium.pdf")})
    bad = _job(tmp_path, '<html lang="en"><body><img src="gone.png"></body></html>')
    with pytest.raises(briefs.BriefsError, match=r"en/partners/broken\.md") as err:
        briefs.run([good, bad], workers=2)
    assert "uranium" not in str(err.value)
    assert (tmp_path / "pdf" / "uranium.pdf").exists() and not (tmp_path / "pdf" / "broken.pdf").exists()


@pytest.mark.parametrize("command, setting, wanted", [
    ("build", None, True), ("build", "", True), ("build", "0", False), ("build", "1", True),
    ("serve", None, False), ("serve", "0", False), ("serve", "1", True),
])
def test_dossier_pdf_switch_decides_whether_a_build_makes_pdfs(command, setting, wanted):
    assert briefs.pdfs_wanted(command, setting) is wanted


def test_a_wrong_dossier_pdf_value_names_the_variable_and_the_choices():
    with pytest.raises(briefs.BriefsError, match=r"DOSSIER_PDF='yes'.*0 .*1 "):
        briefs.pdfs_wanted("build", "yes")


@pytest.mark.parametrize("setting, made", [("0", False), ("1", True)])
def test_the_hook_reads_dossier_pdf_after_each_edition(monkeypatch, caplog, setting, made):
    """Wiring of the switch (a real build without PDFs: the `wired` hostile cases run with DOSSIER_PDF=0)."""
    calls = []
    monkeypatch.setattr(briefs, "build_pdfs", lambda config, lang, built: calls.append(lang) or ([], []))
    monkeypatch.setattr(pdf_hook.site, "command", lambda: "build")
    monkeypatch.setattr(pdf_hook.site, "broken", lambda: False)
    monkeypatch.setattr(pdf_hook.site, "building_language", lambda config: "en")
    monkeypatch.setenv("DOSSIER_PDF", setting)
    with caplog.at_level("INFO", logger="mkdocs.dossier.briefs"):
        pdf_hook.on_post_build(types.SimpleNamespace(plugins={}))
    assert calls == (["en"] if made else [])
    assert ("PDF briefs are not made in this build" in caplog.text) is not made
