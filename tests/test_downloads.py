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

from macros import datapackage, downloads, fmt, inline, links
from macros.languages import published
from macros.model import L10n, Note
from tests.helpers import ROOT, real_dossier

LANGS = published()  # the editions, from data/languages.yml

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
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
        src = DOSSIER.work(fig.citation)  # a reproduced source, or a publisher's page (a reference)
        assert row["quote"] == fig.citation.quote, fig.id
        if fig.citation.referenced:  # no paragraph: the passage is the publisher's page (test_site checks its URL)
            assert (row["paragraph_id"], row["paragraph_number"]) == ("", "") and row["source_kind"] == "referenced"
        else:
            para = src.paragraph(fig.citation.paragraph)
            assert fig.citation.quote in para.text, fig.id  # verbatim, found in its paragraph
            assert (row["paragraph_id"], row["paragraph_number"]) == (para.id, str(para.number))
        assert (row["source_id"], row["source_title"]) == (src.id, src.title or "")
        # the dossier's translation of the quote, in the edition's language, empty in the source's own
        assert row["quote_translation"] == ("" if lang == src.language else fig.citation.renderings(lang)), fig.id
        assert row["quote_url"] == links.absolute(TEST_URL, lang, links.cited_page(fig.citation), links.quote_anchor(fig))
        assert row["label"] == fig.label(lang)
        assert row["value_text"] == fmt.figure_value(fig, DOSSIER.languages[lang], DOSSIER.strings)
        assert (row["partner_ids"].split(downloads.LIST_SEPARATOR) if row["partner_ids"] else []) == list(fig.partners)
        shown = "\n".join(inline.plain(inline.Ctx(DOSSIER, lang, links.FIGURES_PAGE), n.text(lang), fig) for n in fig.notes)
        assert row["notes"] == shown and "{obs:" not in row["notes"] and "{value}" not in row["notes"]
        assert row["qualifier"] == fig.qualifier and row["kind"] == fig.kind


def test_stored_value_is_written_in_full_and_the_shown_value_per_language():
    by_id = {lang: {r["figure_id"]: r for r in csv_rows(downloads.to_csv(DOSSIER, lang, TEST_URL))} for lang in LANGS}
    for fig in DOSSIER.figures:
        for lang in LANGS:
            cell, date = by_id[lang][fig.id]["value"], by_id[lang][fig.id]["value_date"]
            if fig.value is None:
                assert cell == date == ""
            elif isinstance(fig.value, str):  # a date: its own column, so that `value` holds numbers only
                assert fig.kind == "date" and (cell, date) == ("", fig.value), fig.id
            else:
                assert float(cell) == fig.value and "e" not in cell.lower(), (fig.id, cell)
    # the largest whole number: stored in full in both languages, shown as each language writes it
    big = max((f for f in DOSSIER.figures if isinstance(f.value, int) and not isinstance(f.value, bool)), key=lambda f: f.value)
    assert by_id["ru"][big.id]["value"] == by_id["en"][big.id]["value"] == str(big.value)
    assert by_id["ru"][big.id]["value_text"] != by_id["en"][big.id]["value_text"]


@pytest.mark.parametrize("lang", LANGS)
def test_json_matches_the_csv(lang):
    doc = json.loads(downloads.to_json(DOSSIER, lang, TEST_URL))
    assert doc["language"] == lang
    assert list(doc["columns"]) == list(downloads.COLUMNS)
    assert all(doc["columns"].values())
    rows = csv_rows(downloads.to_csv(DOSSIER, lang, TEST_URL))
    assert len(doc["figures"]) == len(rows)
    for record, row in zip(doc["figures"], rows):
        assert list(record) == [*downloads.COLUMNS, "observations"]
        for key in ("figure_id", "quote", "quote_url", "label", "value_text", "source_id"):
            assert record[key] == row[key]
        assert isinstance(record["partner_ids"], list)
        assert isinstance(record["paragraph_number"], int) or (record["paragraph_number"] is None
                                                               and record["source_kind"] == "referenced")


def _with_hostile_text(dossier):
    """The dossier with its first figure's texts made to look like spreadsheet formulas."""
    fig = dossier.figures[0]
    hostile = replace(fig, value=-5, label=L10n(ru='=HYPERLINK("http://evil.example","x")', en="+1+cmd|' /C calc'!A0", kk="+1+cmd|' /C calc'!A0"),
                      citation=replace(fig.citation, quote="@SUM(1+1)"), notes=(Note(L10n(ru="-2+3", en="\tTAB", kk="\tTAB")),), period="\r2024")
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


@pytest.mark.project
def test_serialisation_is_reproducible():
    for lang in LANGS:
        assert datapackage.files(DOSSIER, lang, TEST_URL) == datapackage.files(DOSSIER, lang, TEST_URL)
        assert set(datapackage.files(DOSSIER, lang, TEST_URL)) == set(links.edition_files(lang))


# --- the built site ------------------------------------------------------------------------

def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def _built_page(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = urlsplit(url[len(SITE_URL.rstrip("/")):]).path.strip("/")
    return site / rel / "index.html" if rel else site / "index.html"


@pytest.mark.parametrize("lang", LANGS)
def test_built_files_are_the_serialisation_of_the_data(built_site, lang):
    for rel, text in datapackage.files(DOSSIER, lang, SITE_URL).items():
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
        if r["source_kind"] == "reproduced":
            assert f'{r["source_id"]}-{r["paragraph_id"]}' in ids[source_page]
        assert r["quote"] in unescape(re.sub(r"<[^>]+>", "", source_page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGS)
def test_all_figures_page_links_both_files_of_its_edition(built_site, lang):
    page = built_site / links.edition_prefix(lang) / "figures" / "index.html"
    hrefs = re.findall(r'<a href="([^"]+)" download', page.read_text(encoding="utf-8"))
    base = "/" + page.parent.relative_to(built_site).as_posix() + "/"
    targets = {urlsplit(urljoin(base, h)).path.lstrip("/") for h in hrefs}
    assert targets == set(links.edition_files(lang))
    assert all((built_site / t).exists() for t in targets)


# --- observations of other sources, and the Data Package --------------------------------------

def _observed(dossier):
    """The real dossier plus a referenced source and two made-up observations of its first figure that a
    resource page lists and a reproduced source states: one computed ("differs", with its difference),
    one editorial (another period, with a note)."""
    from macros.model import Observation, Reference, Verdict, Where
    fig = next(f for f in dossier.figures if f.resources and not f.citation.referenced)
    ref = Reference(id="test-bp-review", kind=L10n(ru="статистика", en="statistics", kk="статистика"),
                    publisher=L10n(ru="bp", en="bp", kk="bp"), title="=Statistical Review", title_language="en", authors=(),
                    published="2024-06", url="https://example.org/review", accessed="2026-12-01", language="en",
                    where=Where("data/references/test-bp-review.yml", 1))
    where = Where("data/observations.yml", 1)
    differs = Observation(id="gas-bp", figure=fig.id, source=ref.id, stated_by=None, value=2_300_000_000_000,
                          unit="cubic-metre", qualifier="exact", as_of="2023", locator=L10n(ru="таблица", en="table", kk="кесте"),
                          fragment="2.3 trillion", summary=L10n(ru="bp: {value} ({as_of})", en="bp: {value} ({as_of})", kk="bp: {value} ({as_of})"),
                          verdict=Verdict("differs", difference=-1.5e12, relative=-0.3947), where=where)
    other_year = replace(differs, id="gas-bp-2019", value=2_700_000_000_000, as_of="2019", fragment=None, locator=None,
                         verdict=Verdict("another-period", note=L10n(ru="-другой период", en="-another period", kk="-басқа кезең")))
    return replace(dossier, references={**dossier.references, ref.id: ref},
                   observations=(*dossier.observations, differs, other_year),
                   observations_of={fig.id: (differs, other_year)}), fig  # only these two are judged (the others stay
    # in `observations`, where notes' placeholders look them up)


@pytest.mark.parametrize("lang", LANGS)
def test_observations_csv_has_one_row_per_observation_with_its_source_and_verdict(lang):
    dossier, fig = _observed(DOSSIER)
    rows = [r for r in csv_rows(downloads.observations_csv(dossier, lang, TEST_URL)) if r["figure"] == fig.id]
    assert [r["observation_id"] for r in rows] == ["gas-bp", "gas-bp-2019"]
    first, second = rows
    assert first["source_url"] == "https://example.org/review#:~:text=2.3%20trillion"
    assert (first["value"], first["unit"], first["as_of"], first["verdict"]) == ("2300000000000", "cubic-metre", "2023", "differs")
    assert first["difference"] == "-1500000000000" and first["relative_difference"] == "-0.3947"  # numbers stay numbers
    assert first["source_title"] == "'=Statistical Review"  # the CSV-injection guard holds here too
    assert first["summary"].startswith("bp: ") and "{" not in first["summary"] and "2023" in first["summary"]
    assert (second["verdict"], second["verdict_note"], second["source_url"]) == (
        "another-period", "'" + {"ru": "-другой период", "en": "-another period", "kk": "-басқа кезең"}[lang], "https://example.org/review")


@pytest.mark.parametrize("lang", LANGS)
def test_json_lists_each_figures_observations(lang):
    dossier, fig = _observed(DOSSIER)
    doc = json.loads(downloads.to_json(dossier, lang, TEST_URL))
    record = next(r for r in doc["figures"] if r["figure_id"] == fig.id)
    assert [o["observation_id"] for o in record["observations"]] == ["gas-bp", "gas-bp-2019"]
    assert record["observations"][0]["verdict"] == "differs" and record["observations"][0]["value"] == 2_300_000_000_000
    assert record["observations"][1]["verdict_note"].startswith("-")  # JSON keeps the text as it is
    assert set(record["observations"][0]) == set(downloads.OBSERVATION_COLUMNS) - {"figure"}
    assert all(r["observations"] == [] for r in doc["figures"] if r["figure_id"] not in dossier.observations_of)
    assert list(doc["observation_columns"]) == list(downloads.OBSERVATION_COLUMNS) and all(doc["observation_columns"].values())


def _package_dir(tmp_path, dossier, lang) -> Path:
    """The edition's files as the build writes them, in a folder of their own."""
    for rel, content in datapackage.files(dossier, lang, TEST_URL).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(content.encode("utf-8"))
    return tmp_path / links.edition_prefix(lang) / links.datapackage_file(lang)


@pytest.mark.project
@pytest.mark.parametrize("lang", LANGS)
def test_frictionless_validate_accepts_the_data_package(tmp_path, lang):
    import shutil
    import subprocess
    import sys
    dossier, _ = _observed(DOSSIER)
    package = _package_dir(tmp_path, dossier, lang)
    cli = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert cli, "frictionless is in requirements.lock: pip install -r requirements.lock"
    run = subprocess.run([cli, "validate", "--json", package.name], cwd=package.parent, capture_output=True, text=True)
    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["valid"], run.stdout[-3000:]
    names = [t["name"] for t in report["tasks"]]
    assert names == ["figures", "observations"] and all(t["stats"]["rows"] for t in report["tasks"])


@pytest.mark.project
def test_frictionless_rejects_a_value_column_that_mixes_numbers_and_dates(tmp_path):
    """The test above could not pass if `value` still held "2024-09" beside numbers."""
    from frictionless import Package
    package = _package_dir(tmp_path, _observed(DOSSIER)[0], "en")
    figures = package.parent / links.download_file("en", "csv").split("/")[-1]
    text = figures.read_text(encoding="utf-8")
    rows = csv_rows(text)
    date_row = next(r for r in rows if "-" in r["value_date"])  # "2024-09", not a year that reads as a number
    date_row["value"] = date_row["value_date"]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(downloads.COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    figures.write_text(out.getvalue(), encoding="utf-8")
    report = Package(str(package)).validate()
    assert not report.valid
    assert any(e.type == "type-error" for t in report.tasks for e in t.errors)


def test_data_package_types_every_column_and_points_at_the_files():
    for lang in LANGS:
        doc = json.loads(datapackage.files(DOSSIER, lang, TEST_URL)[links.edition_prefix(lang) + links.datapackage_file(lang)])
        by_name = {r["name"]: r for r in doc["resources"]}
        assert [f["name"] for f in by_name["figures"]["schema"]["fields"]] == list(downloads.COLUMNS)
        assert [f["name"] for f in by_name["observations"]["schema"]["fields"]] == list(downloads.OBSERVATION_COLUMNS)
        types = {f["name"]: f["type"] for f in by_name["figures"]["schema"]["fields"]}
        assert types["value"] == "number" and types["paragraph_number"] == "integer" and types["value_date"] == "string"
        assert by_name["figures"]["path"] == links.download_file(lang, "csv").split("/")[-1]
        assert by_name["observations"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "figures"


def test_an_observation_value_that_is_a_date_or_words_is_not_in_the_number_column():
    dossier, fig = _observed(DOSSIER)
    differs = dossier.observations_of[fig.id][0]
    dated, named = replace(differs, id="dated", value="2018-09-13"), replace(differs, id="named", value="Dier-5")
    dossier = replace(dossier, observations_of={fig.id: (dated, named)})
    rows = csv_rows(downloads.observations_csv(dossier, "en", TEST_URL))
    assert [(r["value"], r["value_date"], r["value_text"]) for r in rows] == [
        ("", "2018-09-13", fmt.iso_date("2018-09-13", DOSSIER.languages["en"])), ("", "", "Dier-5")]
