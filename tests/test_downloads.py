"""Data downloads: every figure as CSV and JSON per language, each row with its provenance."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from macros import downloads, fmt, links
from macros.languages import published
from macros.load import load_dossier
from macros.model import L10n, Note
from tests.helpers import ROOT

LANGS = published()  # the editions, from data/languages.yml

DOSSIER = load_dossier(ROOT / "data")
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
TEST_URL = "https://example.org/dossier/"


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- the pure serialisation ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_a_header_and_one_row_per_figure_in_data_order(lang):
    text = downloads.to_csv(DOSSIER, lang, TEST_URL)
    assert text.splitlines()[0].split(",") == list(downloads.COLUMNS)
    rows = csv_rows(text)
    assert [r["figure_id"] for r in rows] == [f.id for f in DOSSIER.figures]


@pytest.mark.parametrize("lang", LANGS)
def test_every_row_carries_its_provenance(lang):
    for row, fig in zip(csv_rows(downloads.to_csv(DOSSIER, lang, TEST_URL)), DOSSIER.figures):
        src = DOSSIER.sources[fig.citation.source]
        para = src.paragraph(fig.citation.paragraph)
        assert row["quote"] == fig.citation.quote and fig.citation.quote in para.text, fig.id  # verbatim, found in its paragraph
        assert (row["source_id"], row["source_title"]) == (src.id, src.title)
        assert (row["paragraph_id"], row["paragraph_number"]) == (para.id, str(para.number))
        assert row["quote_url"] == links.absolute(TEST_URL, lang, links.source_page(src.id), links.quote_anchor(fig))
        assert row["label"] == fig.label(lang)
        assert row["value_text"] == fmt.figure_value(fig, DOSSIER.languages[lang], DOSSIER.strings)
        assert (row["partner_ids"].split(downloads.LIST_SEPARATOR) if row["partner_ids"] else []) == list(fig.partners)
        assert row["notes"] == "\n".join(n.text(lang) for n in fig.notes)
        assert row["qualifier"] == fig.qualifier and row["kind"] == fig.kind


def test_stored_value_is_written_in_full_and_the_shown_value_per_language():
    by_id = {lang: {r["figure_id"]: r for r in csv_rows(downloads.to_csv(DOSSIER, lang, TEST_URL))} for lang in LANGS}
    for fig in DOSSIER.figures:
        for lang in LANGS:
            cell = by_id[lang][fig.id]["value"]
            if fig.value is None:
                assert cell == ""
            elif isinstance(fig.value, str):
                assert cell == fig.value
            else:
                assert float(cell) == fig.value and "e" not in cell.lower(), (fig.id, cell)
    gas = "gas-recoverable-reserves"
    assert by_id["ru"][gas]["value"] == by_id["en"][gas]["value"] == "3800000000000"
    assert by_id["ru"][gas]["value_text"] != by_id["en"][gas]["value_text"]


@pytest.mark.parametrize("lang", LANGS)
def test_json_matches_the_csv(lang):
    doc = json.loads(downloads.to_json(DOSSIER, lang, TEST_URL))
    assert doc["language"] == lang
    assert list(doc["columns"]) == list(downloads.COLUMNS)
    assert all(doc["columns"].values())
    rows = csv_rows(downloads.to_csv(DOSSIER, lang, TEST_URL))
    assert len(doc["figures"]) == len(rows)
    for record, row in zip(doc["figures"], rows):
        assert list(record) == list(downloads.COLUMNS)
        for key in ("figure_id", "quote", "quote_url", "label", "value_text", "source_id"):
            assert record[key] == row[key]
        assert isinstance(record["partner_ids"], list) and isinstance(record["paragraph_number"], int)


def _with_hostile_text(dossier):
    """The dossier with its first figure's texts made to look like spreadsheet formulas."""
    fig = dossier.figures[0]
    hostile = replace(fig, value=-5, label=L10n(ru='=HYPERLINK("http://evil.example","x")', en="+1+cmd|' /C calc'!A0"),
                      citation=replace(fig.citation, quote="@SUM(1+1)"), notes=(Note(L10n(ru="-2+3", en="\tTAB")),), period="\r2024")
    return replace(dossier, figures=(hostile, *dossier.figures[1:]))


@pytest.mark.parametrize("lang", LANGS)
def test_csv_text_cells_that_a_spreadsheet_would_run_start_with_a_quote(lang):
    row = csv_rows(downloads.to_csv(_with_hostile_text(DOSSIER), lang, TEST_URL))[0]
    fig = _with_hostile_text(DOSSIER).figures[0]
    for key, text in (("label", fig.label(lang)), ("quote", fig.citation.quote), ("notes", fig.notes[0].text(lang)),
                      ("period", fig.period)):
        assert row[key] == "'" + text, key
    assert row["value"] == "-5"  # a negative number is a number, not a formula: left as it is
    assert row["figure_id"] == fig.id and not row["source_title"].startswith("'")


@pytest.mark.parametrize("lang", LANGS)
def test_json_keeps_formula_like_text_as_it_is(lang):
    record = json.loads(downloads.to_json(_with_hostile_text(DOSSIER), lang, TEST_URL))["figures"][0]
    assert record["label"].startswith(("=", "+")) and record["quote"] == "@SUM(1+1)"
    assert record["value"] == -5 and record["period"] == "\r2024"


def test_serialisation_is_reproducible():
    for lang in LANGS:
        assert downloads.files(DOSSIER, lang, TEST_URL) == downloads.files(DOSSIER, lang, TEST_URL)
        assert set(downloads.files(DOSSIER, lang, TEST_URL)) == {links.download_path(lang, f) for f in ("csv", "json")}


# --- the built site ------------------------------------------------------------------------

def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def _built_page(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = urlsplit(url[len(SITE_URL.rstrip("/")):]).path.strip("/")
    return site / rel / "index.html" if rel else site / "index.html"


@pytest.mark.parametrize("lang", LANGS)
def test_built_files_are_the_serialisation_of_the_data(built_site, lang):
    for rel, text in downloads.files(DOSSIER, lang, SITE_URL).items():
        path = built_site / rel
        assert path.exists(), f"{rel} was not written by the build"
        assert path.read_bytes() == text.encode("utf-8"), rel


@pytest.mark.parametrize("lang", LANGS)
def test_every_address_in_the_files_points_at_an_existing_anchor(built_site, lang):
    doc = json.loads((built_site / links.download_path(lang, "json")).read_text(encoding="utf-8"))
    assert {r["figure_id"] for r in doc["figures"]} == set(DOSSIER.figure_by_id)
    ids: dict[Path, set[str]] = {}
    for r in doc["figures"]:
        for key in ("quote_url", "figure_url"):
            page = _built_page(built_site, r[key])
            assert page.exists(), f"{r['figure_id']}: {r[key]} -> no page"
            anchor = urlsplit(r[key]).fragment
            assert anchor in ids.setdefault(page, _ids(page)), f"{r['figure_id']}: no #{anchor} on {page}"
        source_page = _built_page(built_site, r["quote_url"])
        assert f'{r["source_id"]}-{r["paragraph_id"]}' in ids[source_page]
        assert r["quote"] in unescape(re.sub(r"<[^>]+>", "", source_page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGS)
def test_all_figures_page_links_both_files_of_its_edition(built_site, lang):
    page = built_site / links.edition_prefix(lang) / "figures" / "index.html"
    hrefs = re.findall(r'<a href="([^"]+)" download', page.read_text(encoding="utf-8"))
    base = "/" + page.parent.relative_to(built_site).as_posix() + "/"
    targets = {urlsplit(urljoin(base, h)).path.lstrip("/") for h in hrefs}
    assert targets == {links.download_path(lang, f) for f in links.DOWNLOAD_FORMATS}
    assert all((built_site / t).exists() for t in targets)
