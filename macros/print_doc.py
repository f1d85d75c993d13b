"""Built page HTML + dossier model -> one standalone print document (HTML) for WeasyPrint.

A print document is a title block, the sources it cites (each cited in full once, at the start) and
one or more chapters, each the article content of a built page. Its notes form one numbered
sequence (print.css counts them; a call is a bracketed number set apart from the value it follows):
- a figure link's note gives the paragraph (¶ n, linked to its published address) and the quoted
  words; a figure cited again in the same chapter points back to that note;
- another source (an observation) gets a note where it is first mentioned: its value's link, a
  reference an editorial note cites (the pages' "[1]"), its line in "What other sources say"; an
  observation the chapter never mentions gets its note after its figure's note. Mentioned again, it
  points back to that note.
The site's own marks are translated, not copied: an editorial-note star becomes a pointer in the
figure's note, a badge after a figure link (`dossier-badge`) stays, after the call. Links are made
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
from urllib.parse import urljoin, urlsplit

import tinyhtml5

from macros.i18n import text

from . import figlink, inline, links
from .downloads import cited_by
from .model import Dossier, Observation

ARTICLE_CLASS = "md-content__inner"
# Page furniture that has no place on paper (edit buttons and links, heading permalinks, the PDF link,
# the list browsers print of a page's addresses); a figure's editorial-note star, which its note replaces.
PRINT_ADDRESSES = figlink.PRINT_ADDRESSES
NOTE_MARK = "dossier-fig-note-mark"
_DROP_CLASSES = {"md-content__button", "headerlink", "dossier-pdf-link", "dossier-data-edit", PRINT_ADDRESSES, NOTE_MARK}
NOTE, NOTE_REF = "dossier-footnote", "dossier-note-ref"
BADGE = "dossier-badge"  # a verdict badge right after a figure link: kept, after the note's call
OBS_CITES, OBS_CITE = "dossier-obs-cites", "dossier-obs-cite"  # an editorial note's "[1][2]" (macros/observations.py)
SOURCES_USED = "dossier-sources-used"  # a page's "Sources" list: the print document cites each source once, at its start
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
    date: str  # the content's date (macros/content_date.py), W3C datetime: the PDF's creation and modification dates
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


def _drop_sources_lists(parent: ET.Element) -> None:
    """A page's "Sources" list and its heading: the print document cites every source once, at its start."""
    for child in list(parent):
        if not isinstance(child.tag, str):
            continue
        if SOURCES_USED in _classes(child):
            kids = list(parent)
            before = kids[kids.index(child) - 1] if kids.index(child) else None
            if before is not None and before.tag in ("h2", "h3", "h4") and not (before.tail or "").strip():
                _drop(parent, before)
            _drop(parent, child)
        else:
            _drop_sources_lists(child)


# --- the notes -------------------------------------------------------------------------------

def _split(template: str) -> tuple[str, str]:
    """A string with one {page} placeholder, as the text before and after it."""
    before, _, after = template.format(page="\x00").partition("\x00")
    return before, after


def paragraph_ref(edition: Edition, fid: str, named: bool) -> tuple[str, str]:
    """(the text, the published address) of the paragraph a figure's note points to: "¶ 6", with the
    source's short title before it when the document cites more than one source."""
    d = edition.dossier
    cite = d.figure_by_id[fid].citation
    if cite.referenced:  # a source the dossier does not reproduce: cited in full here, its page's words highlighted
        shown = inline.reference_citation(d, edition.lang, d.references[cite.source])
        return shown, inline.passage_url(d, edition.site_url, edition.lang, cite)
    src, para = d.cited(cite)
    shown = edition.t("pdf.paragraph", n=para.number)
    if named:
        shown = f"{src.short_title(edition.lang)}, {shown}"
    return shown, links.paragraph_url(edition.site_url, edition.lang, cite)


def footnote_text(edition: Edition, fid: str, named: bool = False) -> tuple[str, str, str, str]:
    """(quote, quote language, paragraph reference, paragraph URL) of one figure's note."""
    d = edition.dossier
    cite = d.figure_by_id[fid].citation
    shown, url = paragraph_ref(edition, fid, named)
    return cite.quote, d.work(cite).language, shown, url


def footnote_rendering(edition: Edition, fid: str) -> tuple[str, str] | None:
    """(label, the quote in the edition's language) when the source is in another language."""
    rendered = inline.quote_rendering(edition.dossier, edition.lang, edition.dossier.figure_by_id[fid].citation)
    return None if rendered is None else (edition.t("ui.quote_translation"), rendered)


def _footnote(edition: Edition, fid: str, note_id: str, named: bool = False, listed: str | None = None) -> ET.Element:
    """A figure's note: "¶ 6: «quote» (the dossier’s translation: “…”)." The source itself is cited
    in full once, at the start of the document (`named`: several sources, so the note names its own).
    A figure with an editorial note says where it is printed (`listed`: the id of the figure's entry
    in the document), or gives its text when the document does not list the figure."""
    quote, quote_lang, shown, url = footnote_text(edition, fid, named)
    note = ET.Element("span", {"class": NOTE, "id": note_id})
    ET.SubElement(note, "a", {"class": "dossier-footnote__para", "href": url}).text = shown
    note[-1].tail = ": "
    if edition.dossier.figure_by_id[fid].citation.referenced:  # the page's address, for a reader of paper to type
        note[-1].tail = ", "
        shown_url = inline.printed_url(edition.dossier, edition.site_url, edition.lang, edition.dossier.figure_by_id[fid].citation)
        ET.SubElement(note, "a", {"class": "dossier-print-url", "href": url}).text = shown_url
        note[-1].tail = ": "
    q = ET.SubElement(note, "q")
    ET.SubElement(q, "span", {"lang": quote_lang}).text = quote
    rendering = footnote_rendering(edition, fid)
    if rendering:  # «оригинал» (the dossier’s translation: “rendering”)
        q.tail = f" ({rendering[0]}: "
        q = ET.SubElement(note, "q", {"class": "dossier-footnote__rendering"})
        q.text = rendering[1]
        q.tail = ")."
    else:
        q.tail = "."
    fig = edition.dossier.figure_by_id[fid]
    if fig.notes and listed:
        before, after = _split(edition.t("pdf.see_note"))
        q.tail += f" {before}"
        ET.SubElement(note, "a", {"class": "dossier-footnote__page", "href": f"#{listed}"}).tail = after
    elif fig.notes:

        ctx = inline.Ctx(edition.dossier, edition.lang, links.FIGURES_PAGE)
        texts = " ".join(inline.plain(ctx, n.text(edition.lang), fig) for n in fig.notes)
        q.tail += f" {edition.t('ui.editorial_note')}: {texts}"
    return note


def _observation_footnote(edition: Edition, obs: Observation, note_id: str) -> ET.Element:
    """Another source's note: "Other source: publisher, “title”, date, address — verdict." The link
    lands on the number (its text fragment, #:~:text=…); the address printed is the page's, which a
    reader of the paper can type."""
    publisher, title, published, obs_url, verdict = observation_note(edition, obs)
    other = ET.Element("span", {"class": f"{NOTE} dossier-footnote--obs", "id": note_id})
    dated = f", {published}" if published else ""
    titled = f", {edition.t('pdf.quoted_title', title=title)}" if title else ""  # a page may show no title
    other.text = f"{edition.t('pdf.other_source')}: {publisher}{titled}{dated}, "
    shown = obs_url.split("#:~:", 1)[0] if obs.fragment else obs_url
    ET.SubElement(other, "a", {"class": "dossier-print-url", "href": obs_url}).text = shown
    ET.SubElement(other, "span", {"class": "dossier-footnote__verdict"}).text = f" — {verdict}."
    return other


def observation_note(edition: Edition, obs: Observation) -> tuple[str, str, str | None, str, str]:
    """(publisher, title, date published, address, verdict) of one observation of another source."""
    publisher, title, published, url = cited_by(edition.dossier, obs, edition.lang)
    return publisher, title, published, links.observation_url(url, obs.fragment), edition.t(f"verdict.{obs.verdict.kind}")


def _ref(note_id: str) -> ET.Element:
    """A call that points back to a note given earlier (its number: print.css, target-counter)."""
    return ET.Element("a", {"class": NOTE_REF, "href": f"#{note_id}"})


def _insert_after(parent: ET.Element, anchor: ET.Element, marks: list[ET.Element]) -> None:
    """`marks` right after `anchor`, the text that followed it after them."""
    marks[-1].tail, anchor.tail = anchor.tail, None
    at = list(parent).index(anchor) + 1
    for k, mark in enumerate(marks):
        parent.insert(at + k, mark)


def _badges(parent: ET.Element, link: ET.Element) -> list[ET.Element]:
    """The badges right after a figure link (only white space between them)."""
    kids, found, prev = list(parent), [], link
    for el in kids[kids.index(link) + 1:]:
        if (prev.tail or "").strip() or not isinstance(el.tag, str) or BADGE not in _classes(el):
            break
        found.append(el)
        prev = el
    return found


def _after_figure(parent: ET.Element, link: ET.Element, marks: list[ET.Element]) -> None:
    """The call(s) right after the figure's value, then its badges, each after a space: neither the
    call nor a badge touches the number (the call's own thin space and brackets: print.css)."""
    badges = _badges(parent, link)
    if not badges:
        _insert_after(parent, link, marks)
        return
    tail = badges[-1].tail
    link.tail = None
    for badge in badges:
        badge.tail = " "
    badges[-1].tail = tail
    at = list(parent).index(link) + 1
    for k, mark in enumerate(marks):
        parent.insert(at + k, mark)
    marks[-1].tail = " "


def _cited_observation(edition: Edition, el: ET.Element, by_id: dict[str, Observation]) -> str | None:
    """The observation an editorial note's reference mark stands for: its data-obs, else the first
    observation of the reference it links to (#ref-<id>)."""
    oid = el.get("data-obs")
    if oid in by_id:
        return oid
    rid = urlsplit(el.get("href") or "").fragment.removeprefix("ref-")
    return next((o.id for o in edition.dossier.observations if o.source == rid), None)


def _add_footnotes(article: ET.Element, edition: Edition, note_prefix: str, named: bool = False) -> int:
    """Every note of a chapter, in one pass in document order (see the module's docstring). Returns the
    number of figures noted."""
    d = edition.dossier
    by_id = {o.id: o for o in d.observations}
    parent_of = {child: parent for parent in article.iter() for child in parent}
    ids = {el.get("id") for el in article.iter() if el.get("id")}
    noted: dict[str, str] = {}  # figure or observation key -> its note's id
    first_note: dict[str, ET.Element] = {}  # figure -> its note (observations never mentioned follow it)
    targets = [el for el in article.iter("a") if figlink.figure_id(el) or _classes(el) & {"dossier-obs", OBS_CITE}]
    for el in targets:  # document order
        parent = parent_of[el]
        if fid := figlink.figure_id(el):
            if fid not in d.figure_by_id:
                raise PrintDocError(f"unknown figure '{fid}' linked on the page")
            if fid in noted:
                _after_figure(parent, el, [_ref(noted[fid])])
                continue
            noted[fid] = f"note-{note_prefix}{fid}"
            listed = note_prefix + links.figure_anchor(fid)
            note = _footnote(edition, fid, noted[fid], named, listed if listed in ids else None)
            first_note[fid] = note
            _after_figure(parent, el, [note])
            parent_of[note] = parent
            continue
        cite = OBS_CITE in _classes(el)
        oid = _cited_observation(edition, el, by_id) if cite else el.get("data-obs")
        if oid not in by_id:
            if cite:  # a mark of a reference the dossier does not know: nothing to number
                _drop(parent, el)
            continue
        key = f"obs:{oid}"
        mark = _ref(noted[key]) if key in noted else _observation_footnote(edition, by_id[oid], f"note-{note_prefix}obs--{oid}")
        noted.setdefault(key, mark.get("id"))
        if cite:  # the page's "[1]" gives way to the note's call
            mark.tail = el.tail
            parent.insert(list(parent).index(el), mark)
            parent.remove(el)
        else:
            _insert_after(parent, el, [mark])
        parent_of[mark] = parent
    for fid, note in first_note.items():  # observations the chapter does not mention: after their figure's note
        rest = [o for o in d.observations_of.get(fid, ()) if f"obs:{o.id}" not in noted]
        if rest:
            marks = [_observation_footnote(edition, o, f"note-{note_prefix}obs--{o.id}") for o in rest]
            noted.update({f"obs:{o.id}": m.get("id") for o, m in zip(rest, marks)})
            _insert_after(parent_of[note], note, marks)
    for sup in [el for el in article.iter("sup") if OBS_CITES in _classes(el)]:  # calls are set by print.css
        _unwrap(parent_of[sup], sup)
    return len(first_note)


def _unwrap(parent: ET.Element, el: ET.Element) -> None:
    """Replace `el` by its content."""
    at = list(parent).index(el)
    kids = list(el)
    if el.text:
        if at:
            parent[at - 1].tail = (parent[at - 1].tail or "") + el.text
        else:
            parent.text = (parent.text or "") + el.text
    if kids:
        kids[-1].tail = (kids[-1].tail or "") + (el.tail or "")
    elif el.tail:
        if at:
            parent[at - 1].tail = (parent[at - 1].tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
    for k, kid in enumerate(kids):
        parent.insert(at + k, kid)


# --- chapters and documents ----------------------------------------------------------------------

def _prepared(chapter: Chapter, edition: Edition, key: str) -> ET.Element:
    """The page's article on its way to a chapter: furniture and sources list removed, links absolute."""
    article = article_of(chapter)
    _remove_furniture(article)
    _drop_sources_lists(article)
    try:
        _absolute_links(article, chapter, edition, f"{key}--" if key else "")
    except PrintDocError as exc:
        raise PrintDocError(f"{chapter.page}: {exc}") from None
    return article


def sources_of(edition: Edition, articles: list[ET.Element]) -> list[str]:
    """The reproduced sources the figure links of `articles` cite, each once, in the order first cited."""
    cites = [edition.dossier.figure_by_id[fid].citation for article in articles for el in article.iter("a")
             if (fid := figlink.figure_id(el)) in edition.dossier.figure_by_id]
    found = [c.source for c in cites if not c.referenced]  # a referenced source is cited in full in its notes
    return list(dict.fromkeys(found))


def _chapter(chapter: Chapter, edition: Edition, article: ET.Element, key: str, named: bool) -> tuple[str, ET.Element]:
    try:
        _add_footnotes(article, edition, f"{key}--" if key else "", named)
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


def chapter_body(chapter: Chapter, edition: Edition, key: str = "") -> tuple[str, ET.Element]:
    """(title, <section>) for one built page: furniture removed, links absolute, notes added."""
    article = _prepared(chapter, edition, key)
    return _chapter(chapter, edition, article, key, len(sources_of(edition, [article])) > 1)


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


def sources_block(edition: Edition, source_ids: list[str]) -> ET.Element | None:
    """Each source the document cites, in full, once: its authors, title, publisher and translator,
    and the address of the dossier's copy, whose numbered paragraphs the notes give (¶ n)."""
    if not source_ids:
        return None
    d = edition.dossier
    block = ET.Element("div", {"class": "dossier-print-sources"})
    several = len(source_ids) > 1
    label = edition.t("pdf.sources" if several else "ui.source")
    items = block if not several else None
    if several:
        ET.SubElement(block, "p", {"class": "dossier-print-sources__title"}).text = f"{label}:"
        items = ET.SubElement(block, "ul")
    for sid in source_ids:
        src = d.sources[sid]
        url = edition.page_url(links.source_page(sid))
        line = ET.SubElement(items, "li" if several else "p", {"class": "dossier-print-source"})
        if several:
            ET.SubElement(line, "strong").text = src.short_title(edition.lang)
            line[-1].tail = f": {inline.source_citation(d, edition.lang, src)}. "
        else:
            ET.SubElement(line, "strong").text = f"{label}:"
            line[-1].tail = f" {inline.source_citation(d, edition.lang, src)}. "
        ET.SubElement(line, "a", {"class": "dossier-print-url", "href": url}).text = url
    ET.SubElement(block, "p", {"class": "dossier-print-sources__how"}).text = edition.t(
        "pdf.notes_how_several" if several else "pdf.notes_how")
    return block


def _document(edition: Edition, title: str, body: list[ET.Element], kind: str) -> str:
    head = (f'<meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="author" content="{html.escape(edition.author)}">'
            f'<meta name="description" content="{html.escape(edition.t("pdf.description"))}">'
            f'<meta name="generator" content="{html.escape(edition.site_name)}">'
            f'<meta name="dcterms.created" content="{edition.date}">'
            f'<meta name="dcterms.modified" content="{edition.date}">')
    content = "".join(ET.tostring(el, encoding="unicode", method="html") for el in body if el is not None)
    return (f'<!doctype html><html lang="{edition.lang}" class="dossier-print-doc dossier-print-doc--{kind}"><head>{head}</head>'
            f'<body>{content}</body></html>')


def _drop_first_h1(section: ET.Element) -> None:
    h1 = section.find("h1")
    if h1 is not None:
        _drop(section, h1)


def brief(edition: Edition, chapter: Chapter) -> str:
    """The print document of one partner or resource page: title block, its sources, the page."""
    article = _prepared(chapter, edition, "")
    cited = sources_of(edition, [article])
    title, section = _chapter(chapter, edition, article, "", len(cited) > 1)
    _drop_first_h1(section)  # the title block carries it
    kicker = f"{edition.t('pdf.brief')} · {edition.site_name}"
    head = _title_block(edition, kicker, title, edition.page_url(chapter.page))
    return _document(edition, f"{title} — {edition.site_name}", [head, sources_block(edition, cited), section], "brief")


def summary(edition: Edition) -> ET.Element:
    """The full dossier's cover text: what the dossier is and how to check a number."""
    block = ET.Element("div", {"class": "dossier-print-summary"})
    for key in ("pdf.summary.what", "pdf.summary.check"):
        ET.SubElement(block, "p").text = edition.t(key)
    return block


def full_dossier(edition: Edition, chapters: list[Chapter]) -> str:
    """The print document of the whole dossier: a cover (title, summary, the sources cited, contents),
    then one chapter per page."""
    keys = [posixpath.splitext(chapter.page)[0].replace("/", "-") for chapter in chapters]
    articles = [_prepared(chapter, edition, key) for chapter, key in zip(chapters, keys)]
    cited = sources_of(edition, articles)
    sections, entries = [], []
    for chapter, article, key in zip(chapters, articles, keys):
        title, section = _chapter(chapter, edition, article, key, len(cited) > 1)
        sections.append(section)
        entries.append((title, section.get("id")))
    head = _title_block(edition, edition.t("pdf.full_dossier"), edition.site_name, edition.page_url(links.HOME_PAGE))
    toc = ET.Element("nav", {"class": "dossier-print-toc"})
    ET.SubElement(toc, "h2").text = edition.t("pdf.contents")
    items = ET.SubElement(toc, "ol")
    for title, anchor in entries:
        ET.SubElement(ET.SubElement(items, "li"), "a", {"href": f"#{anchor}"}).text = title
    cover = ET.Element("div", {"class": "dossier-print-cover"})
    cover.extend([el for el in (head, summary(edition), sources_block(edition, cited), toc) if el is not None])
    return _document(edition, edition.site_name, [cover, *sections], "dossier")


def dossier_pages(dossier: Dossier) -> list[str]:
    """The pages of the full dossier, in reading order."""
    return ([links.OVERVIEW_PAGE] + [links.partner_page(p.id) for p in dossier.partners]
            + [links.resource_page(r.id) for r in dossier.resources] + [links.METHOD_PAGE])
