"""The only place that knows page paths, anchor shapes and URL shapes."""
from __future__ import annotations

import functools
import hashlib
import posixpath
from urllib.parse import quote

from .languages import default_edition
from .model import Citation, Figure, Where


def partner_page(pid: str) -> str:
    return f"partners/{pid}.md"


def resource_page(rid: str) -> str:
    return f"resources/{rid}.md"


def source_page(sid: str) -> str:
    return f"sources/{sid}.md"


_FOLDERS = {"partner": "partners", "resource": "resources", "source": "sources"}
LISTED_KINDS = tuple(_FOLDERS)  # each has a section in the nav: its index page, then a page per record


def entity_page(kind: str, eid: str) -> str:
    return f"{_FOLDERS[kind]}/{eid}.md"


def listed_pages(ids: dict[str, list[str]]) -> dict[str, list[str]]:
    """{a section's index page: the pages the data lists after it, in data order}, from each kind's ids."""
    return {entity_page(kind, "index"): [entity_page(kind, i) for i in ids.get(kind, ())] for kind in LISTED_KINDS}


FIGURES_PAGE = "figures.md"
GLOSSARY_PAGE = "glossary.md"
DISAGREEMENTS_PAGE = "disagreements.md"  # "Where sources disagree": the figures a badge flags, and who says what
OVERVIEW_PAGE = "overview.md"
HOME_PAGE = "index.md"
METHOD_PAGE = "method.md"
REFERENCES_PAGE = "references.md"  # "Other sources": every referenced source, and the words the dossier quotes from each


def paragraph_anchor(source_id: str, paragraph_id: str) -> str:
    return f"{source_id}-{paragraph_id}"


def quote_anchor(fig: Figure) -> str:
    """Inside the cited paragraph; landing on it highlights this figure's quoted words."""
    return f"{cited_paragraph_anchor(fig.citation)}--{fig.id}"


def reference_anchor(rid: str) -> str:
    """A referenced source's record on the references page."""
    return f"ref-{rid}"


def referenced_quote_anchor(cite: Citation) -> str:
    """The words quoted from a referenced source, on the references page: one block per distinct quote
    (two figures stated by the same words share it), named by the reference and a digest of the words."""
    digest = hashlib.blake2b(cite.quote.encode("utf-8"), digest_size=4).hexdigest()
    return f"{reference_anchor(cite.source)}-q{digest}"


def text_fragment_url(url: str, words: str | None) -> str:
    """A publisher's address that opens with `words` highlighted (a text fragment, #:~:text=)."""
    if not words:
        return url
    escaped = quote(words, safe="").replace("-", "%2D")  # "-", "," and "&" are the directive's own syntax
    return url + ("&" if "#:~:" in url else ":~:" if "#" in url else "#:~:") + "text=" + escaped


# --- a citation's addresses: the one place they are built ------------------------------------------
# A reproduced source's quote is in a paragraph of its page; a referenced source's, in its block on
# the references page, which leads on to the publisher (macros/cited.py gives that address).

def cited_page(cite: Citation) -> str:
    return REFERENCES_PAGE if cite.referenced else source_page(cite.source)


def cited_paragraph_anchor(cite: Citation) -> str:
    return referenced_quote_anchor(cite) if cite.referenced else paragraph_anchor(cite.source, cite.paragraph)


def paragraph_url(site_url: str, lang: str, cite: Citation) -> str:
    """The cited paragraph's published address (downloads, print, PDF footnotes)."""
    return absolute(site_url, lang, cited_page(cite), cited_paragraph_anchor(cite))


def quote_href(from_page: str, fig: Figure) -> str:
    """The figure's quoted words (highlighted on arrival), relative to a page of the same edition."""
    return href(from_page, cited_page(fig.citation), quote_anchor(fig))


def quote_url(site_url: str, lang: str, fig: Figure) -> str:
    return absolute(site_url, lang, cited_page(fig.citation), quote_anchor(fig))


def figure_anchor(figure_id: str) -> str:
    return f"fig-{figure_id}"


def group_anchor(kind: str, eid: str) -> str:
    return f"{kind}-{eid}"


@functools.lru_cache(maxsize=65_536)  # a pure function of three strings, asked ~1,700 times a build
def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative URL from one published page to another of the same edition (directory URLs)."""
    here, there = page_url(from_page), page_url(to_page)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".") if there != here else ""
    rel = "" if rel == "." else rel + "/" if rel else ""
    return f"{rel}#{anchor}" if anchor else (rel or "./")


def page_url(page: str) -> str:
    """The published path of a docs page (directory URLs): 'partners/china.md' -> 'partners/china/'."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def edition_prefix(lang: str) -> str:
    return "" if lang == default_edition() else f"{lang}/"


def absolute(site_url: str, lang: str, page: str, anchor: str | None = None) -> str:
    url = site_url.rstrip("/") + "/" + edition_prefix(lang) + page_url(page)
    return f"{url}#{anchor}" if anchor else url


def pdf_path(lang: str, name: str) -> str:
    """Where a PDF brief is published, relative to the site root."""
    return f"{edition_prefix(lang)}pdf/{name}.pdf"


DOSSIER_PDF = "dossier"  # the full dossier's PDF name; briefs are named by partner / resource id


def data_record_url(repo_url: str, where: Where, branch: str = "main") -> str:
    return f"{repo_url.rstrip('/')}/blob/{branch}/{where.path}#L{where.line}"


# --- data downloads: each edition publishes its own files, in its own folder --------------------
DOWNLOAD_FORMATS = ("csv", "json")


def download_file(lang: str, fmt: str) -> str:
    """A download inside its edition: 'data/figures.ru.csv' (published at /data/ and /en/data/)."""
    return f"data/figures.{lang}.{fmt}"


def download_path(lang: str, fmt: str) -> str:
    """Where the file is written, relative to the site root."""
    return edition_prefix(lang) + download_file(lang, fmt)


def observations_file(lang: str) -> str:
    """Every observation of another source, one row each: 'data/observations.ru.csv'."""
    return f"data/observations.{lang}.csv"


def datapackage_file(lang: str) -> str:
    """The Frictionless Data Package that describes an edition's CSV files: 'data/datapackage.json'."""
    return "data/datapackage.json"


def edition_files(lang: str) -> tuple[str, ...]:
    """Every data file an edition publishes, relative to the site root."""
    return tuple(edition_prefix(lang) + f for f in (
        *(download_file(lang, f) for f in DOWNLOAD_FORMATS), observations_file(lang), datapackage_file(lang)))


def observation_url(url: str, fragment: str | None) -> str:
    """A referenced source's address, with a text fragment (#:~:text=) of the number when recorded."""
    return text_fragment_url(url, fragment)


def download_url(site_url: str, lang: str, fmt: str) -> str:
    return site_url.rstrip("/") + "/" + download_path(lang, fmt)


def asset_url(from_page: str, edition_file: str) -> str:
    """Relative URL from a page to a file of the same edition: figures.md -> '../data/figures.ru.csv'."""
    return posixpath.relpath(edition_file, page_url(from_page).rstrip("/") or ".")
