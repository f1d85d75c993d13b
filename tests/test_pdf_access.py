"""Accessible PDFs (issue 12, item 4): every PDF of both editions is tagged (PDF/UA-1), in the
edition's language, shows its title as the document title, has a bookmark per section, and its
footnotes' addresses are links of the structure tree; non-text content needs a text alternative."""
from __future__ import annotations

import types
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from macros import briefs, links, pdf_render, print_doc
from tests.helpers import ROOT
from tests.test_pdf import DOSSIER, ENTITIES, SITE_URL, all_pdfs, built_page, print_document, site_name


def _walk(element, kinds: Counter, uris: set[str]) -> None:
    """Count the structure types below `element`; collect the URIs of its Link annotations."""
    if isinstance(element, pikepdf.Dictionary):
        if element.get("/Type") == "/OBJR":
            action = element.Obj.get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action.URI))
            return
        if "/S" in element:
            kinds[str(element.S)] += 1
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            _walk(kid, kinds, uris)


def _outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    titles = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
    return titles


@pytest.fixture(scope="module")
def pdfs(built_site):
    """Each PDF of both editions opened once: (lang, name) -> facts read from it."""
    facts = {}
    for lang, name, path in all_pdfs(built_site):
        with pikepdf.open(path) as pdf:
            kinds, uris = Counter(), set()
            root = pdf.Root
            if "/StructTreeRoot" in root:
                _walk(root.StructTreeRoot, kinds, uris)
            facts[lang, name] = types.SimpleNamespace(
                marked=bool(root.get("/MarkInfo", {}).get("/Marked", False)),
                lang=str(root.get("/Lang", "")), title=str(pdf.docinfo.get("/Title", "")),
                display_title=bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
                kinds=kinds, uris=uris, outline=_outline_titles(pdf),
                ua=b"pdfuaid:part" in bytes(root.Metadata.read_bytes()) if "/Metadata" in root else False)
    return facts


def _expected_title(lang: str, name: str) -> str:
    if name == links.DOSSIER_PDF:
        return site_name(lang)
    entity = next(e for eid, _, e in ENTITIES if eid == name)
    return f"{entity.name(lang)} — {site_name(lang)}"


def _edition(built_site: Path, lang: str) -> print_doc.Edition:
    config = types.SimpleNamespace(site_dir=str(built_site), site_url=SITE_URL, site_name=site_name(lang),
                                   site_author="test", extra={})
    return briefs.edition(config, DOSSIER, lang)


def _sections(built_site: Path, lang: str, page: str) -> list[str]:
    """The h2 titles a brief of `page` shows (from the built page, as the print document takes them)."""
    _, section = print_doc.chapter_body(print_doc.Chapter(page, built_page(built_site, lang, page)),
                                        _edition(built_site, lang))
    return [" ".join("".join(h.itertext()).split()) for h in section.iter("h2")]


def test_every_pdf_is_tagged_pdf_ua_with_a_structure_tree(built_site, pdfs):
    for (lang, name), f in pdfs.items():
        assert f.marked, f"{lang}/{name}: /MarkInfo /Marked is not true"
        assert f.ua, f"{lang}/{name}: no PDF/UA identification in the XMP metadata"
        assert {"/H1", "/H2", "/P", "/Link"} <= set(f.kinds), f"{lang}/{name}: {f.kinds}"
        if "<li>" in print_document(built_site, lang, name) or "<li " in print_document(built_site, lang, name):
            assert {"/L", "/LI", "/Lbl"} <= set(f.kinds), f"{lang}/{name}: lists without list tags: {f.kinds}"


def test_every_pdf_has_its_editions_language_and_shows_its_title(pdfs):
    for (lang, name), f in pdfs.items():
        assert f.lang == lang, f"{lang}/{name}: /Lang is {f.lang!r}"
        assert f.title == _expected_title(lang, name), f"{lang}/{name}: /Title is {f.title!r}"
        assert f.display_title, f"{lang}/{name}: the viewer would show the file name, not the title"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_brief_has_a_bookmark_per_section(built_site, pdfs, lang):
    for eid, page, entity in ENTITIES:
        outline, sections = pdfs[lang, eid].outline, _sections(built_site, lang, page)
        assert sections, f"{lang}/{page}: no sections on the page"
        assert outline[0] == entity.name(lang), f"{lang}/{eid}: first bookmark {outline[:1]}"
        missing = [s for s in sections if s not in outline]
        assert not missing, f"{lang}/{eid}: sections without a bookmark: {missing}"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_full_dossier_has_a_bookmark_per_chapter(pdfs, lang):
    outline = pdfs[lang, links.DOSSIER_PDF].outline
    for _, _, entity in ENTITIES:
        assert entity.name(lang) in outline, f"{lang}: no bookmark for {entity.name(lang)}"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_footnote_addresses_are_links_of_the_structure_tree(built_site, pdfs, lang):
    """A screen reader reaches each footnote's paragraph address as a tagged link."""
    edition = _edition(built_site, lang)
    notes = 0
    for eid, page, _ in ENTITIES:
        html = print_doc.brief(edition, print_doc.Chapter(page, built_page(built_site, lang, page)))
        figures = {a for a in DOSSIER.figure_by_id if f'note-{a}"' in html}
        notes += len(figures)
        for fid in figures:
            url = print_doc.footnote_text(edition, fid)[3]
            assert url in pdfs[lang, eid].uris, f"{lang}/{eid}: the note of {fid} has no tagged link to {url}"
    assert notes, f"{lang}: no footnote in any brief"


# --- text alternatives: units on a tiny document ---------------------------------------------

def _render(tmp_path: Path, body: str) -> tuple[list[str], pikepdf.Pdf]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "bar.png").write_bytes(_PNG)
    job = pdf_render.Job(name="en/partners/x.md", html=f'<html lang="en"><head><title>X</title></head><body>{body}</body></html>',
                         base_url=site.as_uri() + "/", stylesheet=str(ROOT / "overrides" / briefs.STYLESHEET),
                         out=str(tmp_path / "x.pdf"))
    warnings = pdf_render.render(job)
    return warnings, pikepdf.open(job.out)


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                     "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def _alts(pdf: pikepdf.Pdf) -> list[str]:
    found = []

    def walk(el):
        if isinstance(el, pikepdf.Dictionary):
            if el.get("/S") == "/Figure":
                found.append(str(el.get("/Alt", "")))
            kids = el.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                walk(kid)
    walk(pdf.Root.StructTreeRoot)
    return found


def test_an_image_and_a_chart_carry_their_text_alternative(tmp_path):
    body = ('<p>Chart <img src="bar.png" alt="Uranium output, 2015–2024"></p>'
            '<svg width="20" height="20" viewBox="0 0 20 20"><title>Share of China in exports</title>'
            '<rect width="20" height="20"/></svg>')
    warnings, pdf = _render(tmp_path, body)
    with pdf:
        assert sorted(_alts(pdf)) == ["Share of China in exports", "Uranium output, 2015–2024"]
    assert not [w for w in warnings if "alt" in w]


def test_an_image_without_a_text_alternative_is_reported(tmp_path):
    """The build turns this warning into a failure (mkdocs --strict), naming the page."""
    warnings, pdf = _render(tmp_path, '<p><img src="bar.png"></p>')
    pdf.close()
    assert any("bar.png" in w and "alt" in w for w in warnings), warnings


def test_a_drawing_without_a_title_stops_the_brief(tmp_path):
    with pytest.raises(pdf_render.PdfError, match=r"en/partners/x\.md: 1 SVG drawing\(s\) without a text alternative"):
        _render(tmp_path, '<svg width="20" height="20"><rect width="20" height="20"/></svg>')
    assert not (tmp_path / "x.pdf").exists()


def test_a_brief_that_warned_is_not_cached_so_every_build_warns(tmp_path, monkeypatch, caplog):
    """Else the second build would take the PDF from the cache and pass --strict silently."""
    monkeypatch.setenv("DOSSIER_PDF_CACHE", str(tmp_path / "cache"))
    (tmp_path / "bar.png").write_bytes(_PNG)
    job = pdf_render.Job(name="en/partners/x.md", html='<html lang="en"><body><p><img src="bar.png"></p></body></html>',
                         base_url=tmp_path.as_uri() + "/", stylesheet=str(ROOT / "overrides" / briefs.STYLESHEET),
                         out=str(tmp_path / "pdf" / "x.pdf"))
    for _ in range(2):
        caplog.clear()
        with caplog.at_level("WARNING", logger="mkdocs.dossier.briefs"):
            assert briefs.run([job], workers=1) == [job]
        assert "en/partners/x.md" in caplog.text and "alt" in caplog.text
