"""schema.org JSON-LD for the pages: a WebPage on every page (language, the other editions),
on the All figures page the Dataset of the data downloads, and on every page that lists a figure
with observations a ClaimReview per observation (the source's claim, reviewed against another source). Pure functions: data in, JSON text out.

hooks/jsonld.py passes the result to overrides/partials/jsonld.html, which prints it unchanged
inside <script type="application/ld+json">: the JSON is built here with json.dumps, never in Jinja.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from . import fmt, links
from .downloads import COLUMNS, MEDIA_TYPES, observation_record
from .i18n import text
from .inline import passage_url
from .model import Dossier, Figure, Observation, Source

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Site:
    """What the pages say about the site as a whole (from mkdocs.yml, per edition)."""

    url: str  # site_url
    name: str  # the edition's site_name
    description: str
    author: str | None
    repo_url: str | None


def page_graph(dossier: Dossier, site: Site, lang: str, page: str, title: str | None) -> dict:
    """The JSON-LD object for one page of one edition."""
    url = links.absolute(site.url, lang, page)
    webpage = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title or site.name,
        "inLanguage": lang,
        "isPartOf": {"@type": "WebSite", "@id": links.absolute(site.url, lang, "index.md"), "name": site.name,
                     "description": site.description, "inLanguage": lang},
    }
    others = [{"@type": "WebPage", "@id": links.absolute(site.url, other, page), "inLanguage": other}
              for other in dossier.languages.published if other != lang]
    if lang == links.default_edition():
        webpage["workTranslation"] = others
    else:
        webpage["translationOfWork"] = next(o for o in others if o["inLanguage"] == links.default_edition())
    graph = [webpage]
    if page == links.FIGURES_PAGE:
        data = dataset(dossier, site, lang)
        webpage["mainEntity"] = {"@id": data["@id"]}
        graph.append(data)
    graph += [claim_review(dossier, site, lang, fig, obs)
              for fig in figures_listed(dossier, page) for obs in dossier.observations_of.get(fig.id, ())]
    return {"@context": CONTEXT, "@graph": graph}


def figures_listed(dossier: Dossier, page: str) -> tuple[Figure, ...]:
    """The figures a page lists: all of them on the All figures page, a partner's or a resource's on its page."""
    if page == links.FIGURES_PAGE:
        return dossier.figures
    for kind in ("partner", "resource"):
        for e in dossier.entities(kind):
            if page == links.entity_page(kind, e.id):
                return dossier.figures_of(kind, e.id)
    return ()


def claim_review(dossier: Dossier, site: Site, lang: str, fig: Figure, obs: Observation) -> dict:
    """The source's claim (the figure, where its paragraph states it) reviewed against another source:
    the verdict as the rating's name, the other source as what the review is based on."""
    work = dossier.work(fig.citation)  # a reproduced source, or a referenced one
    figure_url = links.absolute(site.url, lang, links.FIGURES_PAGE, links.figure_anchor(fig.id))
    value = fmt.figure_value(fig, dossier.languages[lang], dossier.strings)
    other = observation_record(dossier, obs, lang)
    based_on = {"@type": "CreativeWork", "url": other["source_url"],
                "publisher": {"@type": "Organization", "name": other["source_publisher"]}}
    if other["source_title"]:
        based_on["name"] = other["source_title"]
    if other["source_published"]:
        based_on["datePublished"] = other["source_published"]
    rating = {"@type": "Rating", "alternateName": text(dossier.strings, f"verdict.{obs.verdict.kind}", lang),
              "ratingExplanation": other["verdict_note"] or other["summary"]}
    claim = {"@type": "Claim", "text": fig.citation.quote, "inLanguage": work.language,
             "appearance": {"@type": "CreativeWork", "url": passage_url(dossier, site.url, lang, fig.citation)},
             "author": [{"@type": "Person", "name": a.name(lang)} for a in work.authors]}
    if fig.citation.referenced:
        claim["appearance"]["publisher"] = {"@type": "Organization", "name": work.publisher(lang)}
        if work.published:
            claim["datePublished"] = work.published
    elif work.date.known and work.date.value:
        claim["datePublished"] = work.date.value
    return {
        "@type": "ClaimReview",
        "@id": f"{figure_url}--{obs.id}",
        "url": figure_url,
        "inLanguage": lang,
        "claimReviewed": f"{fig.label(lang)}: {value}",
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": site.author or site.name, **({"url": site.repo_url} if site.repo_url else {})},
        "citation": based_on,
        "isBasedOn": based_on,
    }


def dataset(dossier: Dossier, site: Site, lang: str) -> dict:
    """The downloads (every figure with its provenance) as a schema.org Dataset."""
    t = lambda key, **kw: text(dossier.strings, key, lang, **kw)  # noqa: E731
    page = links.absolute(site.url, lang, links.FIGURES_PAGE)
    sources = dossier.sources_cited(dossier.figures)
    creator = {"@type": "Organization", "name": site.author or site.name}
    if site.repo_url:
        creator["url"] = site.repo_url
    return {
        "@type": "Dataset",
        "@id": f"{page}#dataset",
        "name": t("downloads.title"),
        "description": t("downloads.description"),
        "url": f"{page}#downloads",
        "inLanguage": lang,
        "isAccessibleForFree": True,
        "copyrightNotice": t("downloads.note"),
        "creator": creator,
        "distribution": [
            {"@type": "DataDownload", "name": links.download_file(lang, fmt).rsplit("/", 1)[-1],
             "contentUrl": links.download_url(site.url, lang, fmt), "encodingFormat": MEDIA_TYPES[fmt], "inLanguage": lang}
            for fmt in links.DOWNLOAD_FORMATS],
        "variableMeasured": [{"@type": "PropertyValue", "name": c, "description": t(f"downloads.column.{c}")}
                             for c in COLUMNS],
        "isBasedOn": [source_work(dossier, s, site, lang) for s in sources]
                     + [reference_work(r, lang) for r in dossier.references_cited(dossier.figures)],
    }


def reference_work(ref, lang: str) -> dict:
    """A referenced source as schema.org sees it: a publisher's page the figures quote."""
    work = {"@type": "CreativeWork", "url": ref.url, "inLanguage": ref.language,
            "publisher": {"@type": "Organization", "name": ref.publisher(lang)}}
    if ref.title:
        work["name"] = ref.title
    if ref.published:
        work["datePublished"] = ref.published
    if ref.authors:
        work["author"] = [{"@type": "Person", "name": a.name(lang)} for a in ref.authors]
    return work


def source_work(dossier: Dossier, src: Source, site: Site, lang: str) -> dict:
    """A source document as schema.org sees it: the text quoted (a translation, if it is one)."""
    work = {
        "@type": "Article",
        "@id": links.absolute(site.url, lang, links.source_page(src.id)),
        "name": src.title,
        "inLanguage": src.language,
        "author": [{"@type": "Person", "name": a.name(lang)} for a in src.authors],
        "publisher": {"@type": "Organization", "name": src.publisher(lang)},
    }
    url = (src.translation.url if src.translation else None) or src.original_url
    if url:
        work["url"] = url
    if src.translation:
        work["translator"] = {"@type": "Person", "name": src.translation.translator(lang)}
        work["translationOfWork"] = {"@type": "Article", "name": src.title, "inLanguage": src.title_language,
                                     "publisher": {"@type": "Organization", "name": src.publisher(lang)}}
    if src.date.known and src.date.value:
        work["datePublished"] = src.date.value
    return work


def script_text(obj: dict) -> str:
    """JSON safe to print inside <script>: '<', '>' and '&' escaped, so no '</script>' or '<!--'."""
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
