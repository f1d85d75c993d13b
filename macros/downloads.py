"""Every figure as CSV and JSON, per language, each row carrying its provenance, and every
observation of another source beside it (a second CSV; an `observations` list per figure in the JSON).

Pure functions: dossier + language + site URL -> file text. hooks/downloads.py writes the files;
the All figures page links them ({{ downloads() }}). Output is byte-for-byte reproducible: rows in
data order, fixed columns, no timestamps. A CSV text cell that a spreadsheet would run as a
formula (=, +, -, @, tab, carriage return first) starts with a single quote; numbers are left as they are.
A column holds one type: `value` is a number or empty, a date-valued figure's value is in `value_date`;
macros/datapackage.py describes the CSV files as a Frictionless Data Package.
"""
from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal

from . import figlink, fmt, inline, links
from .i18n import text
from .inline import passage_url, quote_rendering, reference_citation, source_citation
from .model import Dossier, Figure, Observation

# The columns of the CSV and the keys of each JSON record, in this order (the same in every language).
COLUMNS = (
    "figure_id", "kind", "value", "value_date", "unit", "qualifier", "period", "value_text", "period_text", "label",
    "partner_ids", "partners", "resource_ids", "resources", "source_kind", "source_id", "source_title", "source_citation",
    "paragraph_id", "paragraph_number", "quote", "quote_language", "quote_translation", "quote_states", "quote_url",
    "passage_url", "figure_url", "notes",
)
_LISTS = {"partner_ids", "partners", "resource_ids", "resources", "notes"}
# One row per observation (data/observations.<lang>.csv); in the JSON, each figure's `observations`.
OBSERVATION_COLUMNS = (
    "observation_id", "figure", "source", "source_publisher", "source_title", "source_published", "source_url",
    "stated_by", "value", "value_date", "value_text", "unit", "qualifier", "as_of", "locator", "summary", "verdict",
    "verdict_note", "difference", "relative_difference",
)
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
    work = dossier.work(cite)  # a reproduced source, or a referenced one
    para = None if cite.referenced else dossier.cited(cite)[1]
    language = dossier.languages[lang]
    return {
        "figure_id": fig.id,
        "kind": fig.kind,
        "value": _number(fig.value),  # as stored in data/figures.yml: no scaling, no locale
        "value_date": _date(fig.kind, fig.value),
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
        "source_kind": "referenced" if cite.referenced else "reproduced",
        "source_id": work.id,
        "source_title": work.title,
        "source_citation": reference_citation(dossier, lang, work) if cite.referenced else source_citation(dossier, lang, work),
        "paragraph_id": para.id if para else None,
        "paragraph_number": para.number if para else None,
        "quote": cite.quote,
        "quote_language": work.language,
        "quote_translation": quote_rendering(dossier, lang, cite),
        "quote_states": _plain_note(dossier, lang, site_url, cite.states(lang), fig) if cite.states else None,
        "quote_url": links.quote_url(site_url, lang, fig),
        "passage_url": passage_url(dossier, site_url, lang, cite),
        "figure_url": links.absolute(site_url, lang, links.FIGURES_PAGE, links.figure_anchor(fig.id)),
        "notes": [_plain_note(dossier, lang, site_url, n.text(lang), fig) for n in fig.notes],
    }


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _date(kind: str, value):
    """A date figure's value ('2024-09'): its own column, so that `value` holds numbers only."""
    return str(value) if kind == "date" and value is not None and _number(value) is None else None


def cited_by(dossier: Dossier, obs: Observation, lang: str) -> tuple[str, str, str | None, str]:
    """(publisher, title, date published, address) of the source an observation cites."""
    ref = dossier.references.get(obs.source)
    if ref is not None:
        return ref.publisher(lang), ref.title, ref.published, ref.url
    src = dossier.sources[obs.source]  # a source of the dossier's own (the loader checked it exists)
    return src.publisher(lang), src.title, src.date.value, src.original_url or ""


def observation_record(dossier: Dossier, obs: Observation, lang: str) -> dict:
    """One observation of another source, with what its verdict says about the figure."""
    fig = dossier.figure_by_id[obs.figure]
    language = dossier.languages[lang]
    publisher, title, published, url = cited_by(dossier, obs, lang)
    shown = fmt.observation_value(fig, obs, language, dossier.strings)
    summary = obs.summary(lang).replace("{value}", shown)
    summary = summary.replace("{as_of}", fmt.period(obs.as_of, language, dossier.strings))
    v = obs.verdict
    return {
        "observation_id": obs.id,
        "figure": obs.figure,
        "source": obs.source,
        "source_publisher": publisher,
        "source_title": title,
        "source_published": published,
        "source_url": links.observation_url(url, obs.fragment),
        "stated_by": obs.stated_by(lang) if obs.stated_by else None,
        "value": _number(obs.value),
        "value_date": obs.value if fmt.is_iso_date(obs.value) else None,
        "value_text": shown,
        "unit": obs.unit,
        "qualifier": obs.qualifier,
        "as_of": obs.as_of,
        "locator": obs.locator(lang) if obs.locator else None,
        "summary": summary,
        "verdict": v.kind,
        "verdict_note": v.note(lang) if v.note else None,
        "difference": v.difference,
        "relative_difference": v.relative,
    }




def observation_records(dossier: Dossier, lang: str) -> list[dict]:
    """Every observation, in the order of the figures, then of data/observations.yml."""
    return [observation_record(dossier, o, lang) for f in dossier.figures for o in dossier.observations_of.get(f.id, ())]


def records(dossier: Dossier, lang: str, site_url: str) -> list[dict]:
    return [record(dossier, f, lang, site_url) for f in dossier.figures]


def _table(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(k, r[k]) for k in columns])
    return out.getvalue()


def to_csv(dossier: Dossier, lang: str, site_url: str) -> str:
    """UTF-8 CSV text (RFC 4180 line ends), a header row of COLUMNS, one row per figure."""
    return _table(COLUMNS, records(dossier, lang, site_url))


def observations_csv(dossier: Dossier, lang: str, site_url: str) -> str:
    """UTF-8 CSV text, a header row of OBSERVATION_COLUMNS, one row per observation."""
    return _table(OBSERVATION_COLUMNS, observation_records(dossier, lang))


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
        "observation_columns": {k: text(dossier.strings, f"downloads.observation.{k}", lang) for k in OBSERVATION_COLUMNS},
        "figures": [_with_observations(dossier, r, lang) for r in records(dossier, lang, site_url)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _with_observations(dossier: Dossier, record: dict, lang: str) -> dict:
    observed = dossier.observations_of.get(record["figure_id"], ())
    return {**record, "observations": [
        {k: v for k, v in observation_record(dossier, o, lang).items() if k != "figure"} for o in observed]}


SERIALISERS = {"csv": to_csv, "json": to_json}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def links_html(ctx) -> str:
    """The download links of the page's edition, and what each column means."""
    esc = html.escape
    files = [(links.download_file(ctx.lang, f), MEDIA_TYPES[f], f) for f in links.DOWNLOAD_FORMATS]
    files += [(links.observations_file(ctx.lang), "text/csv", "observations"),
              (links.datapackage_file(ctx.lang), "application/json", "datapackage")]
    items = " · ".join(
        f'<a href="{esc(links.asset_url(ctx.page, path))}" download '
        f'type="{media}">{esc(ctx.t("downloads.format." + key))}</a>' for path, media, key in files)
    columns = "".join(f"<dt><code>{k}</code></dt>{_help(ctx, 'downloads.column.' + k)}" for k in COLUMNS)
    return (f'<div class="dossier-downloads"><p><strong{figlink.gen_attr("count")}>{esc(ctx.plural("downloads.lead", len(ctx.dossier.figures)))}</strong> '
            f'{items}</p><p>{esc(ctx.t("downloads.note"))}</p>'
            f'<details><summary>{esc(ctx.t("downloads.columns"))}</summary><dl>{columns}</dl></details></div>')


def _help(ctx, key: str) -> str:
    """A column's help; a string marked example: true (a sample of a format) is shown as an example."""
    cls = f' class="{figlink.EXAMPLE}"' if key in ctx.dossier.example_strings else ""
    return f"<dd{cls}>{html.escape(ctx.t(key))}</dd>"


def _plain_note(dossier: Dossier, lang: str, site_url: str, text: str, fig: Figure) -> str:
    """A note as the reader reads it: its {value} / {obs:…} placeholders replaced by the values."""
    return inline.plain(inline.Ctx(dossier, lang, links.FIGURES_PAGE, site_url=site_url), text, fig)
