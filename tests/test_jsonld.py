"""JSON-LD and hreflang alternates in the built pages: valid JSON, the page's language, the other
edition, and the Dataset of the downloads with files that exist."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros import jsonld, links
from macros.languages import published
from macros.model import L10n
from tests.helpers import ROOT, real_dossier

LANGS = published()  # the editions, from data/languages.yml

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_script_text_cannot_close_the_script_or_open_a_comment():
    obj = {"name": "a </script><script>alert(1)</script> <!-- & b"}
    out = jsonld.script_text(obj)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == obj


def _pages(site: Path, lang: str) -> list[Path]:
    root = site / links.edition_prefix(lang)
    others = {links.edition_prefix(o).strip("/") for o in published() if o != lang} - {""}  # editions inside this one
    return sorted(p for p in root.rglob("index.html") if p.relative_to(root).parts[0] not in others)


def _local(site: Path, url: str) -> Path:
    """The built file behind an absolute address of the site."""
    assert url.startswith(SITE_URL), url
    rel = urlsplit(url).path[len(urlsplit(SITE_URL).path):].strip("/")
    path = site / rel
    return path / "index.html" if not path.suffix else path


def _graph(html: str) -> list[dict]:
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD scripts"
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_describes_itself_in_its_language_with_its_other_edition(built_site, lang):
    for page in _pages(built_site, lang):
        html = page.read_text(encoding="utf-8")
        webpage = next(n for n in _graph(html) if n["@type"] == "WebPage")
        assert webpage["inLanguage"] == lang and f'<html lang="{lang}"' in html, page
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert webpage["@id"] == webpage["url"] == canonical, page
        assert _local(built_site, webpage["url"]) == page
        others = webpage.get("workTranslation") or [webpage["translationOfWork"]]
        assert {o["inLanguage"] for o in others} <= set(LANGS) - {lang} and others, page
        for other in others:
            target = _local(built_site, other["@id"])
            assert target.exists(), f"{page}: alternate {other['@id']} does not exist"
            assert f'<html lang="{other["inLanguage"]}"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_once_each_with_x_default(built_site, lang):
    for page in _pages(built_site, lang):
        html = page.read_text(encoding="utf-8")
        hreflangs = re.findall(r'<link rel="alternate"[^>]*hreflang="([^"]+)"', html)
        assert sorted(hreflangs) == sorted([*LANGS, "x-default"]), f"{page}: {hreflangs}"
        default = re.search(r'<link rel="alternate" hreflang="x-default" href="([^"]+)"', html).group(1)
        target = _local(built_site, default)
        assert target.exists() and f'<html lang="{links.default_edition()}"' in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_all_figures_page_carries_the_dataset_of_the_downloads(built_site, lang):
    page = built_site / links.edition_prefix(lang) / "figures" / "index.html"
    graph = _graph(page.read_text(encoding="utf-8"))
    data = next(n for n in graph if n["@type"] == "Dataset")
    webpage = next(n for n in graph if n["@type"] == "WebPage")
    assert webpage["mainEntity"] == {"@id": data["@id"]}
    assert data["inLanguage"] == lang and data["name"] and data["description"] and data["copyrightNotice"]
    assert data["creator"]["name"]
    formats = {d["encodingFormat"]: d for d in data["distribution"]}
    assert set(formats) == {"text/csv", "application/json"}
    for d in data["distribution"]:
        assert d["inLanguage"] == lang
        assert _local(built_site, d["contentUrl"]).is_file(), d["contentUrl"]
    used = {DOSSIER.work(f.citation) for f in DOSSIER.figures}
    assert len(data["isBasedOn"]) == len(used)
    assert {w.get("name") for w in data["isBasedOn"]} == {w.title for w in used}  # a reference may have no title
    for work in data["isBasedOn"]:
        assert work["publisher"]["name"]
        if "@id" in work:  # a reproduced source: its page on the site, its authors
            assert _local(built_site, work["@id"]).exists() and work["author"]
    other_pages = [p for p in _pages(built_site, lang) if p != page]
    assert not any('"Dataset"' in p.read_text(encoding="utf-8") for p in other_pages)


# --- ClaimReview of a figure with observations (unit, from hand-built observations) ------------

def _observed():
    from tests.test_downloads import _observed as observed  # the real dossier + one differs, one another-period
    return observed(DOSSIER)


SITE = jsonld.Site(url="https://example.org/dossier/", name="Dossier", description="d", author="The editors",
                   repo_url="https://example.org/repo")


@pytest.mark.parametrize("lang", LANGS)
def test_a_figure_with_observations_gets_a_claim_review_per_observation(lang):
    dossier, fig = _observed()
    graph = jsonld.page_graph(dossier, SITE, lang, links.FIGURES_PAGE, "All figures")["@graph"]
    reviews = [n for n in graph if n["@type"] == "ClaimReview"]
    assert [r["@id"].rsplit("--", 1)[1] for r in reviews] == ["gas-bp", "gas-bp-2019"]
    differs, other_year = reviews
    assert differs["url"] == links.absolute(SITE.url, lang, links.FIGURES_PAGE, links.figure_anchor(fig.id))
    assert differs["itemReviewed"]["@type"] == "Claim"
    assert differs["itemReviewed"]["appearance"]["url"] == links.paragraph_url(SITE.url, lang, fig.citation)
    src = DOSSIER.sources[fig.citation.source]
    assert [a["name"] for a in differs["itemReviewed"]["author"]] == [a.name(lang) for a in src.authors]
    assert differs["reviewRating"]["alternateName"] == DOSSIER.strings["verdict.differs"](lang)
    assert other_year["reviewRating"]["alternateName"] == DOSSIER.strings["verdict.another-period"](lang)
    assert other_year["reviewRating"]["ratingExplanation"] == {"ru": "-другой период", "en": "-another period", "kk": "-басқа кезең"}[lang]
    assert differs["citation"]["url"] == differs["isBasedOn"]["url"] == "https://example.org/review#:~:text=2.3%20trillion"
    assert differs["author"]["name"] == "The editors"


def test_claim_reviews_appear_where_the_figure_is_listed_and_nowhere_else():
    dossier, fig = _observed()
    def reviews(page):
        return [n for n in jsonld.page_graph(dossier, SITE, "en", page, None)["@graph"] if n["@type"] == "ClaimReview"]
    assert len(reviews(links.resource_page(fig.resources[0]))) == 2
    other = next(p for p in DOSSIER.partners if p.id not in fig.partners)
    assert reviews(links.partner_page(other.id)) == [] and reviews(links.METHOD_PAGE) == []


def test_claim_review_stays_valid_json_inside_the_script():
    dossier, fig = _observed()
    obs = dossier.observations_of[fig.id][1]
    hostile = replace(obs, verdict=replace(obs.verdict, note=L10n(ru="</script><!--", en="</script><script>x()</script>&", kk="</script><!--")))
    dossier = replace(dossier, observations_of={**dossier.observations_of, fig.id: (hostile,)})
    out = jsonld.script_text(jsonld.page_graph(dossier, SITE, "en", links.FIGURES_PAGE, None))
    assert "<" not in out and ">" not in out
    review = next(n for n in json.loads(out)["@graph"] if n["@type"] == "ClaimReview")
    assert review["reviewRating"]["ratingExplanation"] == "</script><script>x()</script>&"
