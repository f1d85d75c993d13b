"""Built page HTML + dossier model -> one standalone print document (HTML) for WeasyPrint.

A print document is a title block and one or more chapters, each the article content of a built
page. Every figure link gets a footnote (quote, short citation, paragraph address on the published
site); a figure cited again in the same chapter points back to its first note. Links are made
absolute (published site), so nothing in a PDF points into the build directory.
"""
from __future__ import annotations

import copy
import functools
import html
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import tinyhtml5

from macros import figlink, links, render
from macros.downloads import cited_by
from macros.i18n import text
from macros.model import Dossier

ARTICLE_CLASS = "md-content__inner"
# Page furniture that has no place on paper (edit buttons and links, heading permalinks, the PDF link,
# the list browsers print of a page's addresses).
_DROP_CLASSES = {"md-content__button", "headerlink", "dossier-pdf-link", "dossier-data-edit", figlink.PRINT_ADDRESSES}
_DROP_TAGS = {"script", "style", "noscript"}


class PrintDocError(Exception):
    """A page that cannot become (part of) a print document; the message names the page."""


@dataclass(frozen=True)
class Edition:
    """What every print document of one language shares."""

    dossier: Dossier
    lang: str
    site_url: str
    site_name: str
    author: str
    date: str  # the content's date (hooks/content_date.py), W3C datetime: the PDF's creation and modification dates
    date_shown: str  # the same day, as the language writes it

    def t(self, key: str, **fields) -> str:
        return text(self.dossier.strings, key, self.lang, **fields)

    def page_url(self, page: str) -> str:
        return links.absolute(self.site_url, self.lang, page)


@dataclass(frozen=True)
class Chapter:
    page: str  # docs path inside the language folder, e.g. "partners/china.md"
    built: Path  # the built HTML file of that page


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1] if name.startswith("{") else name


def _plain_names(root: ET.Element) -> None:
    """Drop namespaces (inline SVG icons) so the tree serialises as plain HTML."""
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
        for key in list(el.attrib):
            if key.startswith("{"):
                value = el.attrib.pop(key)
                if _local(key) != "xmlns":
                    el.set(_local(key), value)


def article_of(chapter: Chapter) -> ET.Element:
    """The page's article element (Material's `article.md-content__inner`), a copy of its own."""
    try:
        stat = chapter.built.stat()
    except OSError as exc:
        raise PrintDocError(f"{chapter.page}: the built page {chapter.built} cannot be read ({exc.strerror})") from None
    return copy.deepcopy(_parsed_article(chapter.page, str(chapter.built), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=128)
def _parsed_article(page: str, built: str, mtime_ns: int, size: int) -> ET.Element:
    """Parsed once per version of the file: a page is both a brief and a chapter of the full dossier,
    and parsing is most of a build's PDF step when every PDF comes from the cache."""
    try:
        source = Path(built).read_text(encoding="utf-8")
    except OSError as exc:
        raise PrintDocError(f"{page}: the built page {built} cannot be read ({exc.strerror})") from None
    start, end = source.find(f'<article class="{ARTICLE_CLASS}'), source.rfind("</article>")
    if 0 <= start < end:  # parse only the article: the page around it is three times its size
        source = source[start:end + len("</article>")]
    root = tinyhtml5.parse(source, namespace_html_elements=False)
    for el in root.iter("article"):
        if ARTICLE_CLASS in _classes(el):
            _plain_names(el)
            return el
    raise PrintDocError(f"{page}: no <article class=\"{ARTICLE_CLASS}\"> in {built}; "
                        "is overrides/main.html still rendering Material's content block?")


def _remove_furniture(parent: ET.Element) -> None:
    for child in list(parent):
        if not isinstance(child.tag, str):  # comments
            _drop(parent, child)
        elif child.tag in _DROP_TAGS or _classes(child) & _DROP_CLASSES:
            _drop(parent, child)
        else:
            _remove_furniture(child)


def _drop(parent: ET.Element, child: ET.Element) -> None:
    """Remove `child`, keeping the text that follows it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _absolute_links(article: ET.Element, chapter: Chapter, edition: Edition, id_prefix: str) -> None:
    """hrefs -> published URLs; image sources -> files of the build; ids made unique per chapter."""
    here = edition.page_url(chapter.page)
    seen_ids: set[str] = set()
    for el in article.iter():
        if el.get("id") in seen_ids:  # a figure listed in two groups of a page: keep the first id
            del el.attrib["id"]
        elif el.get("id"):
            seen_ids.add(el.get("id"))
        if el.get("href") is not None:
            el.set("href", urljoin(here, el.get("href")))
        if el.get("src") is not None and el.tag == "img":
            el.set("src", urljoin(chapter.built.resolve().as_uri(), el.get("src")))
        if id_prefix and el.get("id"):
            el.set("id", id_prefix + el.get("id"))
        for printed in (figlink.PRINT_URL, figlink.PRINT_NOTE):  # browser print's addresses; a PDF has notes instead
            el.attrib.pop(printed, None)


def footnote_text(edition: Edition, fid: str) -> tuple[str, str, str, str]:
    """(quote, quote language, short citation, paragraph URL) of one figure's note."""
    d = edition.dossier
    cite = d.figure_by_id[fid].citation
    src, _ = d.cited(cite)
    return (cite.quote, src.language, render.citation_text(d, edition.lang, cite),
            links.paragraph_url(edition.site_url, edition.lang, cite))


def footnote_rendering(edition: Edition, fid: str) -> tuple[str, str] | None:
    """(label, the quote in the edition's language) when the source is in another language."""
    rendered = render.quote_rendering(edition.dossier, edition.lang, edition.dossier.figure_by_id[fid].citation)
    return None if rendered is None else (edition.t("ui.quote_translation"), rendered)


def _footnote(edition: Edition, fid: str, note_id: str) -> ET.Element:
    quote, quote_lang, citation, url = footnote_text(edition, fid)
    note = ET.Element("span", {"class": "dossier-footnote", "id": note_id})
    q = ET.SubElement(note, "q")
    ET.SubElement(q, "span", {"lang": quote_lang}).text = quote
    rendering = footnote_rendering(edition, fid)
    if rendering:  # «оригинал» (the dossier’s translation: “rendering”)
        q.tail = f" ({rendering[0]}: "
        q = ET.SubElement(note, "q", {"class": "dossier-footnote__rendering"})
        q.text = rendering[1]
        q.tail = f") — {citation}. "
    else:
        q.tail = f" — {citation}. "
    ET.SubElement(note, "a", {"class": "dossier-print-url", "href": url}).text = url
    return note


def _observation_footnotes(edition: Edition, fid: str) -> list[ET.Element]:
    """One footnote per observation of the figure, after the figure's own: a single note holding
    them all grows taller than a page's footnote area, and WeasyPrint 70 then drops it."""
    notes = []
    for publisher, title, published, obs_url, verdict in observation_notes(edition, fid):
        other = ET.Element("span", {"class": "dossier-footnote dossier-footnote--obs"})
        dated = f", {published}" if published else ""
        titled = f", {edition.t('pdf.quoted_title', title=title)}" if title else ""  # a page may show no title
        other.text = f"{edition.t('pdf.other_source')}: {publisher}{titled}{dated}, "
        ET.SubElement(other, "a", {"class": "dossier-print-url", "href": obs_url}).text = obs_url
        ET.SubElement(other, "span", {"class": "dossier-footnote__verdict"}).text = f" — {verdict}."
        notes.append(other)
    return notes


def observation_notes(edition: Edition, fid: str) -> list[tuple[str, str, str | None, str, str]]:
    """(publisher, title, date published, address, verdict) of each observation of a figure."""
    d = edition.dossier
    out = []
    for obs in d.observations_of.get(fid, ()):
        publisher, title, published, url = cited_by(d, obs, edition.lang)
        out.append((publisher, title, published, links.observation_url(url, obs.fragment), edition.t(f"verdict.{obs.verdict.kind}")))
    return out


def _add_footnotes(article: ET.Element, edition: Edition, note_prefix: str) -> int:
    """A note after the first link to each figure; later links point to that note."""
    seen: set[str] = set()
    parent_of = {child: parent for parent in article.iter() for child in parent}
    figure_links = [(el, fid) for el in article.iter("a") if (fid := figlink.figure_id(el))]
    for child, fid in figure_links:  # document order
        parent = parent_of[child]
        if fid not in edition.dossier.figure_by_id:
            raise PrintDocError(f"unknown figure '{fid}' linked on the page")
        note_id = f"note-{note_prefix}{fid}"
        if fid in seen:
            marks = [ET.Element("a", {"class": "dossier-note-ref", "href": f"#{note_id}"})]
        else:
            marks = [_footnote(edition, fid, note_id), *_observation_footnotes(edition, fid)]
            seen.add(fid)
        marks[-1].tail, child.tail = child.tail, None
        at = list(parent).index(child) + 1
        for k, mark in enumerate(marks):
            parent.insert(at + k, mark)
    return len(seen)


def chapter_body(chapter: Chapter, edition: Edition, key: str = "") -> tuple[str, ET.Element]:
    """(title, <section>) for one built page: furniture removed, links absolute, footnotes added."""
    article = article_of(chapter)
    _remove_furniture(article)
    prefix = f"{key}--" if key else ""
    try:
        _absolute_links(article, chapter, edition, prefix)
        _add_footnotes(article, edition, prefix)
    except PrintDocError as exc:
        raise PrintDocError(f"{chapter.page}: {exc}") from None
    h1 = article.find("h1")
    if h1 is None:
        raise PrintDocError(f"{chapter.page}: the page has no <h1> title")
    title = "".join(h1.itertext()).strip()
    section = ET.Element("section", {"class": "dossier-print-chapter", "id": f"chapter-{key or 'page'}"})
    section.text = article.text
    section.extend(list(article))
    return title, section


def _page_label(edition: Edition) -> dict[str, str]:
    """'стр. {n} из {m}' split around the numbers, for the stylesheet's running footer."""
    template = edition.t("pdf.page_of", n="\x00", m="\x01")
    before, _, rest = template.partition("\x00")
    middle, _, after = rest.partition("\x01")
    return {"data-page-before": before, "data-page-middle": middle, "data-page-after": after}


def _title_block(edition: Edition, kicker: str, title: str, url: str) -> ET.Element:
    head = ET.Element("header", {"class": "dossier-print-head", "data-running": edition.site_name, **_page_label(edition)})
    ET.SubElement(head, "p", {"class": "dossier-print-kicker"}).text = kicker
    ET.SubElement(head, "h1", {"class": "dossier-print-title"}).text = title
    edition_line = ET.SubElement(head, "p", {"class": "dossier-print-edition"})
    edition_line.text = edition.t("pdf.edition", date=edition.date_shown) + " · "
    ET.SubElement(edition_line, "a", {"class": "dossier-print-url", "href": url}).text = url
    return head


def _document(edition: Edition, title: str, body: list[ET.Element], kind: str) -> str:
    head = (f'<meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="author" content="{html.escape(edition.author)}">'
            f'<meta name="description" content="{html.escape(edition.t("pdf.description"))}">'
            f'<meta name="generator" content="{html.escape(edition.site_name)}">'
            f'<meta name="dcterms.created" content="{edition.date}">'
            f'<meta name="dcterms.modified" content="{edition.date}">')
    content = "".join(ET.tostring(el, encoding="unicode", method="html") for el in body)
    return (f'<!doctype html><html lang="{edition.lang}" class="dossier-print-doc dossier-print-doc--{kind}"><head>{head}</head>'
            f'<body>{content}</body></html>')


def _drop_first_h1(section: ET.Element) -> None:
    h1 = section.find("h1")
    if h1 is not None:
        _drop(section, h1)


def brief(edition: Edition, chapter: Chapter) -> str:
    """The print document of one partner or resource page."""
    title, section = chapter_body(chapter, edition)
    _drop_first_h1(section)  # the title block carries it
    kicker = f"{edition.t('pdf.brief')} · {edition.site_name}"
    head = _title_block(edition, kicker, title, edition.page_url(chapter.page))
    return _document(edition, f"{title} — {edition.site_name}", [head, section], "brief")


def full_dossier(edition: Edition, chapters: list[Chapter]) -> str:
    """The print document of the whole dossier: title block, contents, one chapter per page."""
    sections, entries = [], []
    for chapter in chapters:
        key = posixpath.splitext(chapter.page)[0].replace("/", "-")
        title, section = chapter_body(chapter, edition, key)
        sections.append(section)
        entries.append((title, section.get("id")))
    head = _title_block(edition, edition.t("pdf.full_dossier"), edition.site_name, edition.page_url(links.HOME_PAGE))
    toc = ET.Element("nav", {"class": "dossier-print-toc"})
    ET.SubElement(toc, "h2").text = edition.t("pdf.contents")
    items = ET.SubElement(toc, "ol")
    for title, anchor in entries:
        ET.SubElement(ET.SubElement(items, "li"), "a", {"href": f"#{anchor}"}).text = title
    return _document(edition, edition.site_name, [head, toc, *sections], "dossier")


def dossier_pages(dossier: Dossier) -> list[str]:
    """The pages of the full dossier, in reading order."""
    return ([links.OVERVIEW_PAGE] + [links.partner_page(p.id) for p in dossier.partners]
            + [links.resource_page(r.id) for r in dossier.resources] + [links.METHOD_PAGE])
