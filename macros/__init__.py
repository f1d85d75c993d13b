"""mkdocs-macros entry point: register the macros for the build's dossier, and render each page in the
dossier's sandbox (macros/page_sandbox.py) between mkdocs-macros' hooks. Nothing else.

The dossier, the page's language and the macro table come from the adapter (macros/site.py);
rendering lives in inline.py, render.py and observations.py.
"""
from __future__ import annotations

from . import glossary, page_sandbox, site
from .problems import DossierError
from .site import UnknownId, macro_table  # noqa: F401  (the names `make check` and the tests use)

_box: list[page_sandbox.PageSandbox] = []  # the sandbox of the build's macros


def _stop(message: str):
    from mkdocs.exceptions import PluginError  # mkdocs' way to stop a build with a message, no traceback

    raise PluginError(message)


def define_env(env) -> None:
    if env.config["render_by_default"] or env.config["force_render_paths"]:
        _stop("mkdocs.yml: the macros plugin renders pages with Jinja outside the dossier's sandbox — set "
              "render_by_default: false and no force_render_paths (macros/page_sandbox.py renders every page)")
    _box.clear()
    if site.load(env.conf) is None:
        if site.serving():
            return  # hooks/site.py shows the problems in place of the pages
        _stop(str(DossierError(site.problems())))  # (hooks/site.py has stopped the build already, when listed)
    for name, fn in site.page_macros(env.conf.get("repo_url"), lambda: env.page, env.conf.get("site_url")).items():
        env.macro(fn, name)
    _box.append(page_sandbox.PageSandbox(env.macros))


def on_pre_page_macros(env) -> None:
    """Before a page's macros run: glossary forms that the hand-written prose wraps across lines
    are put back on one line (the macros' own output never wraps them, so it is not scanned)."""
    env.markdown = glossary.unwrap_forms(env.markdown, site.tooltip_glossary(), site.page_lang(env.page))


def on_post_page_macros(env) -> None:
    """The page's macros rendered in the sandbox; then its language's glossary terms become tooltips
    wherever they appear."""
    if not _box:
        return  # serving with problems: hooks/site.py puts the problem page in place of every page
    try:
        markdown = page_sandbox.render(_box[0], env.markdown)
    except Exception as exc:  # any failure of the page's template or its macros: the page's line, what, fix
        _stop(page_sandbox.problem(f"docs/{env.page.file.src_uri}", exc))
    env.markdown = glossary.with_abbreviations(markdown, site.tooltip_glossary(), site.page_lang(env.page))
