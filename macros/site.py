"""The one place between mkdocs and the dossier.

It alone knows the page's language, the editions, the build being run (`build` or `serve`, the
edition being built now) and the dossier loaded for it, and it alone reads mkdocs-static-i18n.
Macros (macros/__init__.py), hooks and `make check` ask it; render functions never see mkdocs
(they get a inline.Ctx). hooks/site.py feeds it mkdocs' events: the command at start-up, a load
of the data at the start of each edition's build, the sections of the navigation the data lists, and,
under `mkdocs serve` with broken data, the problem page in place of every page.

Nothing here imports mkdocs: configurations, pages and the i18n plugin are read by attribute.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from . import charts, downloads, figlink, glossary, inline, languages, links, observations, render, timing
from .load import load_dossier
from .model import OTHER_KIND, Dossier, Figure
from .problems import DossierError, Problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The run in progress: mkdocs' command, and the dossier (or its problems) of the latest load.
_run: dict = {"command": None, "stamp": None, "dossier": None, "problems": [], "languages": None}


# --- the build being run --------------------------------------------------------------------

def started(command: str) -> None:
    """mkdocs' on_startup: 'build', 'gh-deploy' or 'serve' (hooks/site.py)."""
    _run["command"] = command


def command() -> str | None:
    return _run["command"]


def serving() -> bool:
    return _run["command"] == "serve"


# --- editions (mkdocs-static-i18n) ----------------------------------------------------------

def _i18n(config):
    return (getattr(config, "plugins", None) or {}).get("i18n")


def editions(config) -> tuple[str, list[str]]:
    """The default edition's language (served at the site root) and the others' (under /<lang>/),
    as mkdocs.yml configures mkdocs-static-i18n; without the plugin, the default alone."""
    i18n = _i18n(config)
    if i18n is None:
        return published_languages()[0], []
    default = i18n.default_language
    if default != links.default_edition():
        raise ValueError(f"mkdocs.yml: the i18n default language is '{default}' but data/languages.yml publishes "
                         f"'{links.default_edition()}' first (the edition at the site root) — make them the same")
    return default, [lang.locale for lang in i18n.config.languages if lang.build and lang.locale != default]


def building_language(config) -> str:
    """The edition being built now (mkdocs-static-i18n builds one edition after the other; before
    its first on_config it has not named one yet: that build is the default edition's)."""
    return getattr(_i18n(config), "current_language", None) or editions(config)[0]


def all_editions_built(config) -> bool:
    """True in the outer build's on_post_build once every edition is written (the merged search
    index exists then); False inside an edition's own build."""
    i18n = _i18n(config)
    return i18n is None or not getattr(i18n, "building", False)


def alternates(config) -> list | None:
    """The language switcher's links as mkdocs-static-i18n computed them for the edition's home."""
    i18n = _i18n(config)
    return getattr(i18n, "extra_alternate", None) if i18n else None


def edition_of_url(url: str, others: list[str]) -> str | None:
    """The non-default edition a site-relative URL belongs to ('en/partners/' -> 'en'), or None."""
    first = url.lstrip("/").split("/", 1)[0]
    return first if first in others else None


def published_languages(data_dir: Path = DATA_DIR) -> list[str]:
    """The languages the data publishes (macros/languages.py, data/languages.yml)."""
    return list(languages.published(data_dir))


def language_problems(config, data_dir: Path) -> list[Problem]:
    """mkdocs.yml must build exactly the editions the data publishes."""
    if _i18n(config) is None:
        return []
    try:
        default, others = editions(config)
    except ValueError as exc:
        return [Problem("mkdocs.yml", None, None, *str(exc).split(": ", 1)[1].split(" — ", 1))]
    return editions_differ([default, *others], published_languages(data_dir))


def editions_differ(built: list[str], published: list[str]) -> list[Problem]:
    if set(built) == set(published):
        return []
    return [Problem("mkdocs.yml", None, None,
                    f"the i18n plugin builds the editions {', '.join(built)} but the data publishes "
                    f"{', '.join(published)}",
                    "list the same languages under plugins: i18n: languages (build: true) as the data publishes "
                    "(data/languages.yml), or ask a maintainer")]


# --- pages ------------------------------------------------------------------------------------

def page_lang(page) -> str:
    """The language of a page: mkdocs-static-i18n sets its file's locale (docs/<lang>/...)."""
    langs = _run["languages"] or published_languages()
    lang = getattr(getattr(page, "file", None), "locale", None) or langs[0]
    if lang not in langs:
        raise ValueError(f"page {page.file.src_uri}: language '{lang}' is not one of {', '.join(langs)}")
    return lang


def page_path(page) -> str:
    """The page's path inside its language folder: 'en/partners/china.md' -> 'partners/china.md'."""
    uri = page.file.src_uri
    lang = page_lang(page)
    return uri[len(lang) + 1:] if uri.startswith(lang + "/") else uri


# --- the dossier of the build -----------------------------------------------------------------

def data_dir(config) -> Path:
    """data/ beside this package, or `extra.dossier_data` in mkdocs.yml (test sites)."""
    extra = getattr(config, "extra", None) or {}
    return Path(extra.get("dossier_data", DATA_DIR))


def load(config) -> Dossier | None:
    """Load the data for the build starting now (once per change of the data files: both editions
    share one load, and `mkdocs serve` reloads after an edit). Returns None when it has problems:
    problems() lists them, and dossier() raises them."""
    where = data_dir(config)
    stamp = (str(where), tuple(sorted((str(p), p.stat().st_mtime_ns) for p in where.rglob("*") if p.is_file())))
    if stamp != _run["stamp"]:
        _run.update(stamp=stamp, dossier=None, problems=[], languages=[])
        try:
            _run["languages"] = published_languages(where)
            _run["dossier"] = _load(where)
        except DossierError as exc:  # data/languages.yml among them: reported, never a traceback
            _run["problems"] = list(exc.problems)
    if not _run["languages"]:
        return None
    problems = language_problems(config, where)
    if problems:
        _run["dossier"], _run["problems"] = None, [*_run["problems"], *problems]
        _run["stamp"] = None  # mkdocs.yml is not among the files stamped
    return _run["dossier"]


kept = None  # hooks/site.py sets it: a load kept between builds (macros/kept_dossier.py), get/put by data folder


@timing.timed("load")  # no-op unless DOSSIER_TIMINGS is set (bench/)
def _load(where: Path) -> Dossier:
    found = kept.get(where) if kept is not None else None
    if found is None:
        found = load_dossier(where)  # raises DossierError: a failed load is never kept
        if kept is not None:
            kept.put(where, found)
    return found


def problems() -> list[Problem]:
    """The problems of the latest load (empty when the data is sound)."""
    return list(_run["problems"])


def broken() -> bool:
    return bool(_run["problems"])


def dossier() -> Dossier:
    """The dossier loaded for the build in progress (no rescan of the data: hooks call it per page)."""
    if _run["problems"]:
        raise DossierError(_run["problems"])
    if _run["dossier"] is None:
        raise RuntimeError("macros.site.dossier(): no data loaded yet — hooks/site.py must be in mkdocs.yml's hooks")
    return _run["dossier"]


def tooltip_glossary():
    """The glossary as tooltips show it (observations.plain_glossary), built once per loaded dossier."""
    d = dossier()
    kept = _run.get("tooltips")
    if not kept or kept[0] is not d:
        _run["tooltips"] = kept = (d, observations.plain_glossary(d))
    return kept[1]


def dossier_for(config) -> Dossier:
    """Load and return the dossier for `config`, raising DossierError (scripts, benchmarks)."""
    load(config)
    return dossier()


# --- the sections of the navigation the data lists -------------------------------------------

def data_ids(d: Dossier) -> dict[str, list[str]]:
    """Each listed kind's ids in data order (links.listed_pages)."""
    return {"partner": [p.id for p in d.partners], "resource": [r.id for r in d.resources],
            "source": list(d.sources)}


def with_data_pages(nav: list, listed: dict[str, list[str]]) -> list:
    """mkdocs.yml's nav with, after each section index of `listed` (links.listed_pages), one bare
    entry per page the data lists: mkdocs titles it with the page's heading, in each edition. Entries
    of those pages already there are replaced, so each edition's nav can be rebuilt from the one before."""
    ours = {page for pages in listed.values() for page in pages}

    def target(item) -> str | list | None:
        return next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item

    def walk(items: list) -> list:
        out = []
        for item in items:
            if isinstance(target(item), str) and target(item) in ours:
                continue
            if isinstance(target(item), list):
                (title, children), = item.items()
                item = {title: walk(children)}
            out.append(item)
        return out + [page for index, pages in listed.items() if index in map(target, out) for page in pages]

    return walk(list(nav or []))


# --- under `mkdocs serve`: the problems in place of the pages -------------------------------

# The page's own look, inline: it is shown when the site's stylesheets may not be built. Never published.
# --- the macros pages may call ----------------------------------------------------------------

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


def macro_table(dossier: Dossier | None, ctx: Callable[[], inline.Ctx]) -> dict[str, Callable]:
    """Every macro a page may call, by name: the one list (mkdocs-macros and `make check` read it).
    `ctx()` gives the page being rendered; with dossier None the table only names the macros."""

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

    def observation(oid: str):
        found = {o.id: o for o in dossier.observations}
        if oid not in found:
            raise UnknownId("observation", oid, found)
        return found[oid]

    def source(sid: str):
        if sid not in dossier.sources:
            raise UnknownId("source", sid, dossier.sources)
        return dossier.sources[sid]

    return {
        # A figure in prose: its value, linked to the quoted words of its source.
        "fig": lambda fid: inline.fig_link(ctx(), figure(fid)),
        # The period a figure covers, formatted for the page ("1-е полугодие 2025 г." / "H1 2025").
        "period": lambda fid: figlink.generated(inline.esc, render.period_text(ctx(), figure(fid)), "period"),
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
        "source_record": lambda sid: render.source_record(ctx(), source(sid)),
        "source_text": lambda sid: render.source_text(ctx(), source(sid)),
        "figure_count": lambda: figlink.generated(inline.esc, ctx().plural("ui.figure_count", len(dossier.figures)), "count"),
        # Links to every figure as CSV and JSON, with provenance (files written by hooks/downloads.py).
        "downloads": lambda: downloads.links_html(ctx()),
        # A chart drawn as SVG with its data table: "investment" or "shares" (macros/charts.py).
        "chart": lambda name: charts.chart(ctx(), name),
        # Every glossary term, alphabetically in the page's language (data/glossary.yml).
        "glossary": lambda: glossary.page_html(dossier.glossary, ctx().lang, inline.esc,
                                               lambda text: inline.filled(ctx(), text)),
        # An observation's value, linked to its referenced source (data/observations.yml).
        "obs": lambda oid: inline.obs_link(ctx(), observation(oid)),
        # Every figure with an observation whose verdict is not "agrees".
        "disagreements": lambda: observations.disagreements(ctx()),
        # Every badge and verdict with what it means (the method page).
        "verdict_legend": lambda: observations.verdict_legend(ctx()),
        # Every referenced source's record, with what it supports (data/references/).
        "references": lambda: observations.references(ctx()),
    }


def page_macros(repo_url: str | None, page: Callable, site_url: str | None = None) -> dict[str, Callable]:
    """The macro table for mkdocs-macros: each call renders for the page being rendered (`page()`),
    marked as the only callables page markdown may call (macros/page_sandbox.py), timed under bench/."""
    d = dossier()
    table = timing.timed_macros(macro_table(d, lambda: inline.Ctx(d, page_lang(page()), page_path(page()),
                                                                  repo_url=repo_url, site_url=site_url)))
    for fn in table.values():
        fn._dossier_macro = True
    return table
