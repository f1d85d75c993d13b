"""mkdocs-macros entry point: register the macros for the build's dossier. Nothing else.

The dossier, the page's language and the macro table come from the adapter (macros/site.py);
rendering lives in render.py.
"""
from __future__ import annotations

from . import glossary, site
from .problems import DossierError
from .site import UnknownId, macro_table  # noqa: F401  (the names `make check` and the tests use)


def define_env(env) -> None:
    if site.load(env.conf) is None:
        if site.serving():
            return  # hooks/site.py shows the problems in place of the pages
        from mkdocs.exceptions import PluginError  # (hooks/site.py has stopped the build already, when listed)

        raise PluginError(str(DossierError(site.problems())))
    for name, fn in site.page_macros(env.conf.get("repo_url"), lambda: env.page, env.conf.get("site_url")).items():
        env.macro(fn, name)


def on_pre_page_macros(env) -> None:
    """Before a page's macros run: glossary forms that the hand-written prose wraps across lines
    are put back on one line (the macros' own output never wraps them, so it is not scanned)."""
    env.markdown = glossary.unwrap_forms(env.markdown, site.tooltip_glossary(), site.page_lang(env.page))


def on_post_page_macros(env) -> None:
    """After a page's macros ran: its language's glossary terms become tooltips wherever they appear."""
    env.markdown = glossary.with_abbreviations(env.markdown, site.tooltip_glossary(), site.page_lang(env.page))
