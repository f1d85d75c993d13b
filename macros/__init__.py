"""mkdocs-macros entry point: load the dossier once, register the macros. Nothing else.

Rendering lives in render.py; every macro reads the page's language when it is called.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import charts, downloads, glossary, render, timing
from .i18n import page_lang, page_path
from .load import load_dossier
from .model import OTHER_KIND, Dossier, Figure
from .problems import DossierError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_cache: dict[tuple, Dossier] = {}
_built: dict[str, Dossier] = {}  # the dossier define_env loaded for the build in progress


@timing.timed("load")  # no-op unless DOSSIER_TIMINGS is set (bench/)
def dossier_from(data_dir: Path = DATA_DIR) -> Dossier:
    """Load once per change of the data files (both editions share one load; serve reloads)."""
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in data_dir.rglob("*") if p.is_file()))
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = load_dossier(data_dir)
    return _cache[stamp]


def dossier_for(config) -> Dossier:
    """The dossier a build uses: data/ beside this package, or `extra.dossier_data` in mkdocs.yml."""
    extra = getattr(config, "extra", None) or {}
    return dossier_from(Path(extra.get("dossier_data", DATA_DIR)))


_ID_HOME = {"figure": "an id from data/figures.yml", "partner": "an id from data/partners.yml",
            "resource": "an id from data/resources.yml", "source": "the id (file name) of a data/sources/*.yml file",
            "kind": "\"partner\" or \"resource\""}


class UnknownId(KeyError):
    """A page asked for an id the data does not have; `what` and `fix` feed `make check`."""

    def __init__(self, kind: str, value: str, known):
        close = difflib.get_close_matches(value, list(known), 1)
        self.what = f"unknown {kind} '{value}'" if kind == "kind" else f"unknown {kind} id '{value}'"
        self.fix = (f"did you mean '{close[0]}'? " if close else "") + f"use {_ID_HOME.get(kind, 'an id from data/')}"
        super().__init__(f"{self.what} — {self.fix}")

    def __str__(self) -> str:
        return self.args[0]


def define_env(env) -> None:
    try:
        dossier = dossier_for(env.conf)
    except DossierError as exc:
        raise PluginError(str(exc)) from None
    repo_url = env.conf.get("repo_url")
    site_url = env.conf.get("site_url")

    def ctx() -> render.Ctx:
        page = env.page
        return render.Ctx(dossier, page_lang(page), page_path(page), repo_url=repo_url, site_url=site_url)

    for name, fn in timing.timed_macros(macro_table(dossier, ctx)).items():
        fn._dossier_macro = True  # the only callables page markdown may call (hooks/sandbox.py)
        env.macro(fn, name)
    _built["dossier"] = dossier  # for on_pre/post_page_macros: no data rescan per page


def on_pre_page_macros(env) -> None:
    """Before a page's macros run: glossary forms that the hand-written prose wraps across lines
    are put back on one line (the macros' own output never wraps them, so it is not scanned)."""
    dossier = _built.get("dossier") or dossier_for(env.conf)
    env.markdown = glossary.unwrap_forms(env.markdown, dossier.glossary, page_lang(env.page))


def on_post_page_macros(env) -> None:
    """After a page's macros ran: its language's glossary terms become tooltips wherever they appear."""
    dossier = _built.get("dossier") or dossier_for(env.conf)
    env.markdown = glossary.with_abbreviations(env.markdown, dossier.glossary, page_lang(env.page))


def macro_table(dossier: Dossier, ctx: Callable[[], render.Ctx]) -> dict[str, Callable]:
    """Every macro a page may call, by name: the one list (`make check` reads it too)."""

    def figure(fid: str) -> Figure:
        if fid not in dossier.figure_by_id:
            raise UnknownId("figure", fid, dossier.figure_by_id)
        return dossier.figure_by_id[fid]

    def entity_kind(kind: str) -> str:
        if kind not in ("partner", "resource"):
            raise UnknownId("kind", kind, ("partner", "resource"))
        return kind

    def entity_figures(kind: str, eid: str):
        known = [e.id for e in dossier.entities(entity_kind(kind))]
        if eid not in known:
            raise UnknownId(kind, eid, known)
        return dossier.figures_of(kind, eid)

    def overview_figures():
        return tuple(f for f in dossier.figures if not f.resources and not f.partners)

    macros = {
        # A figure in prose: its value, linked to the quoted words of its source.
        "fig": lambda fid: render.fig_link(ctx(), figure(fid)),
        # The period a figure covers, formatted for the page ("1-е полугодие 2025 г." / "H1 2025").
        "period": lambda fid: render.esc(render.period_text(ctx(), figure(fid))),
        "key_figures": lambda kind, eid: render.key_figures(ctx(), entity_figures(kind, eid)),
        "figures_by": lambda kind, eid: render.grouped(ctx(), entity_figures(kind, eid), OTHER_KIND[kind]),
        "related": lambda kind, eid: render.entity_links(
            ctx(), OTHER_KIND[entity_kind(kind)],
            {x for f in entity_figures(kind, eid) for x in f.entity_ids(OTHER_KIND[kind])}),
        "sources_of": lambda kind, eid: render.sources_used(ctx(), entity_figures(kind, eid)),
        "headline_figures": lambda: render.key_figures(ctx(), tuple(f for f in dossier.figures if f.headline), limit=99),
        "overview_key_figures": lambda: render.key_figures(ctx(), overview_figures()),
        "overview_figures": lambda: render.grouped(ctx(), overview_figures(), "partner"),
        "entity_cards": lambda kind: render.entity_cards(ctx(), entity_kind(kind)),
        # Every source document as a card (the Sources section's index page).
        "source_cards": lambda: render.source_cards(ctx()),
        "partner_resource_grid": lambda: render.grid(ctx()),
        "figures_table": lambda: render.figures_table(ctx(), dossier.figures),
        "source_record": lambda sid: render.source_record(ctx(), _source(dossier, sid)),
        "source_text": lambda sid: render.source_text(ctx(), _source(dossier, sid)),
        "figure_count": lambda: len(dossier.figures),
        # Links to every figure as CSV and JSON, with provenance (files written by hooks/downloads.py).
        "downloads": lambda: downloads.links_html(ctx()),
        # A chart drawn as SVG with its data table: "investment" or "shares" (macros/charts.py).
        "chart": lambda name: charts.chart(ctx(), name),
        # Every glossary term, alphabetically in the page's language (data/glossary.yml).
        "glossary": lambda: glossary.page_html(dossier.glossary, ctx().lang, render.esc),
    }
    return macros


def _source(dossier: Dossier, sid: str):
    if sid not in dossier.sources:
        raise UnknownId("source", sid, dossier.sources)
    return dossier.sources[sid]
