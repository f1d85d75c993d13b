"""Give every page's template its JSON-LD (built in macros/jsonld.py) and its x-default alternate.

overrides/partials/jsonld.html prints both in <head>. The ru/en hreflang links themselves are
already written by Material from mkdocs-static-i18n's alternates; only x-default is added.
"""
from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import dossier_for  # noqa: E402
from macros.i18n import page_lang, page_path  # noqa: E402
from macros.jsonld import Site, page_graph, script_text  # noqa: E402
from macros.links import DEFAULT_LANG, absolute  # noqa: E402

_build: dict = {}


def on_pre_build(config):
    # Once per build: dossier_from checks every data file's mtime, too slow to repeat per page (bench/REPORT.md).
    _build["dossier"] = dossier_for(config)


def on_page_context(context, page, config, nav):
    if not config.site_url or not page.file.src_uri.endswith(".md"):
        return context
    lang, path = page_lang(page), page_path(page)
    site = Site(url=config.site_url, name=config.site_name, description=config.site_description or "",
                author=config.site_author, repo_url=config.repo_url)
    dossier = _build["dossier"]
    context["dossier_jsonld"] = Markup(script_text(page_graph(dossier, site, lang, path, page.title)))
    context["dossier_hreflang_default"] = absolute(config.site_url, DEFAULT_LANG, path)
    return context
