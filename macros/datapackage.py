"""The Frictionless Data Package (datapackage.json) of an edition's downloads: one Table Schema
per CSV file (names, types, missing values, keys), so that a validator or a spreadsheet types
every column as the data means it. https://specs.frictionlessdata.io/data-package/"""
from __future__ import annotations

import json
import posixpath

from . import links
from .downloads import COLUMNS, OBSERVATION_COLUMNS, SERIALISERS, observations_csv
from .i18n import text
from .model import Dossier

# Every column is a string unless listed here.
_TYPES = {
    "value": "number", "paragraph_number": "integer", "difference": "number", "relative_difference": "number",
    "source_url": "string", "quote_url": "string", "passage_url": "string", "figure_url": "string",
}
_FORMATS = {"source_url": "uri", "quote_url": "uri", "passage_url": "uri", "figure_url": "uri"}
# A date as precise as its source gives it: a year, a year and month, or a day.
DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
_PATTERNS = {"value_date": DATE_PATTERN, "source_published": DATE_PATTERN, "accessed": DATE_PATTERN}
MISSING = [""]


def _field(name: str, title: str) -> dict:
    field = {"name": name, "type": _TYPES.get(name, "string"), "description": title}
    if name in _FORMATS:
        field["format"] = _FORMATS[name]
    if name in _PATTERNS:
        field["constraints"] = {"pattern": _PATTERNS[name]}
    return field


def _resource(name: str, path: str, title: str, fields: list[dict], **keys) -> dict:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "title": title,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": MISSING, **keys}}


def datapackage(dossier: Dossier, lang: str, site_url: str) -> str:
    """datapackage.json of one edition; its resource paths are relative to it (the same folder)."""
    t = dossier.strings
    here = posixpath.dirname(links.datapackage_file(lang))
    figures = _resource(
        "figures", posixpath.relpath(links.download_file(lang, "csv"), here), text(t, "downloads.title", lang),
        [_field(k, text(t, f"downloads.column.{k}", lang)) for k in COLUMNS], primaryKey=["figure_id"])
    observations = _resource(
        "observations", posixpath.relpath(links.observations_file(lang), here),
        text(t, "downloads.observations.title", lang),
        [_field(k, text(t, f"downloads.observation.{k}", lang)) for k in OBSERVATION_COLUMNS],
        primaryKey=["observation_id"],
        foreignKeys=[{"fields": ["figure"], "reference": {"resource": "figures", "fields": ["figure_id"]}}])
    doc = {
        "profile": "tabular-data-package",
        "name": f"kazakhstan-dossier-{lang}",
        "title": text(t, "downloads.title", lang),
        "description": text(t, "downloads.note", lang),
        "homepage": links.absolute(site_url, lang, links.FIGURES_PAGE),
        "resources": [figures, observations],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def files(dossier: Dossier, lang: str, site_url: str) -> dict[str, str]:
    """Path from the site root (data/figures.ru.csv, en/data/figures.en.csv, ...) -> text, for one edition:
    the figures as CSV and JSON (macros/downloads.py), the observations as CSV, and the Data Package
    describing the CSV files."""
    out = {links.download_path(lang, f): SERIALISERS[f](dossier, lang, site_url) for f in links.DOWNLOAD_FORMATS}
    out[links.edition_prefix(lang) + links.observations_file(lang)] = observations_csv(dossier, lang, site_url)
    out[links.edition_prefix(lang) + links.datapackage_file(lang)] = datapackage(dossier, lang, site_url)
    return out
