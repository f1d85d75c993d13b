"""Every figure as CSV and JSON, per language, each row carrying its provenance.

Pure functions: dossier + language + site URL -> file text. hooks/downloads.py writes the files;
the All figures page links them ({{ downloads() }}). Output is byte-for-byte reproducible: rows in
data order, fixed columns, no timestamps. A CSV text cell that a spreadsheet would run as a
formula (=, +, -, @, tab, carriage return first) starts with a single quote; numbers are left as they are.
"""
from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal

from . import fmt, links
from .i18n import text
from .model import Dossier, Figure
from .render import source_citation

# The columns of the CSV and the keys of each JSON record, in this order (the same in every language).
COLUMNS = (
    "figure_id", "kind", "value", "unit", "qualifier", "period", "value_text", "period_text", "label",
    "partner_ids", "partners", "resource_ids", "resources", "source_id", "source_title", "source_citation",
    "paragraph_id", "paragraph_number", "quote", "quote_language", "quote_url", "figure_url", "notes",
)
_LISTS = {"partner_ids", "partners", "resource_ids", "resources", "notes"}
LIST_SEPARATOR = "; "  # joins list cells in the CSV (notes are joined with a line break)


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def record(dossier: Dossier, fig: Figure, lang: str, site_url: str) -> dict:
    """One figure with everything needed to check it against its source, in `lang`."""
    cite = fig.citation
    src, para = dossier.cited(cite)
    language = dossier.languages[lang]
    return {
        "figure_id": fig.id,
        "kind": fig.kind,
        "value": fig.value,  # as stored in data/figures.yml: no scaling, no locale
        "unit": fig.unit,
        "qualifier": fig.qualifier,
        "period": fig.period,
        "value_text": fmt.figure_value(fig, language, dossier.strings),
        "period_text": fmt.period(fig.period, language, dossier.strings) or None,
        "label": fig.label(lang),
        "partner_ids": list(fig.partners),
        "partners": [dossier.partner(p).name(lang) for p in fig.partners],
        "resource_ids": list(fig.resources),
        "resources": [dossier.resource(r).name(lang) for r in fig.resources],
        "source_id": src.id,
        "source_title": src.title,
        "source_citation": source_citation(dossier, lang, src),
        "paragraph_id": para.id,
        "paragraph_number": para.number,
        "quote": cite.quote,
        "quote_language": src.language,
        "quote_url": links.quote_url(site_url, lang, fig),
        "figure_url": links.absolute(site_url, lang, links.FIGURES_PAGE, links.figure_anchor(fig.id)),
        "notes": [n.text(lang) for n in fig.notes],
    }


def records(dossier: Dossier, lang: str, site_url: str) -> list[dict]:
    return [record(dossier, f, lang, site_url) for f in dossier.figures]


def to_csv(dossier: Dossier, lang: str, site_url: str) -> str:
    """UTF-8 CSV text (RFC 4180 line ends), a header row of COLUMNS, one row per figure."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in records(dossier, lang, site_url):
        writer.writerow([_cell(k, r[k]) for k in COLUMNS])
    return out.getvalue()


def _cell(key: str, value) -> str:
    if key == "notes":
        return _inert("\n".join(value))
    if key in _LISTS:
        return _inert(LIST_SEPARATOR.join(value))
    if isinstance(value, (int, float)):
        return _plain(value)  # a number stays a number, -5 included: only text is read as a formula
    return _inert(_plain(value))


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection). As OWASP
# recommends, such a text cell gets a leading single quote, which shows it as text; JSON keeps the text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_json(dossier: Dossier, lang: str, site_url: str) -> str:
    """A JSON document: what the file is, then one object per figure (keys as COLUMNS)."""
    doc = {
        "title": text(dossier.strings, "downloads.title", lang),
        "language": lang,
        "site": links.absolute(site_url, lang, "index.md"),
        "note": text(dossier.strings, "downloads.note", lang),
        "columns": {k: text(dossier.strings, f"downloads.column.{k}", lang) for k in COLUMNS},
        "figures": records(dossier, lang, site_url),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


SERIALISERS = {"csv": to_csv, "json": to_json}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def files(dossier: Dossier, lang: str, site_url: str) -> dict[str, str]:
    """Path from the site root (data/figures.ru.csv, en/data/figures.en.csv) -> text, for one edition."""
    return {links.download_path(lang, f): SERIALISERS[f](dossier, lang, site_url) for f in links.DOWNLOAD_FORMATS}


def links_html(ctx) -> str:
    """The download links of the page's edition, and what each column means."""
    esc = html.escape
    items = " · ".join(
        f'<a href="{esc(links.asset_url(ctx.page, links.download_file(ctx.lang, f)))}" download '
        f'type="{MEDIA_TYPES[f]}">{esc(ctx.t("downloads.format." + f))}</a>' for f in links.DOWNLOAD_FORMATS)
    columns = "".join(f"<dt><code>{k}</code></dt><dd>{esc(ctx.t('downloads.column.' + k))}</dd>" for k in COLUMNS)
    return (f'<div class="downloads"><p><strong>{esc(ctx.t("downloads.lead", n=len(ctx.dossier.figures)))}</strong> '
            f'{items}</p><p>{esc(ctx.t("downloads.note"))}</p>'
            f'<details><summary>{esc(ctx.t("downloads.columns"))}</summary><dl>{columns}</dl></details></div>')
