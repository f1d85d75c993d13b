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

from macros import site  # noqa: E402
from macros.jsonld import Site, page_graph, script_text  # noqa: E402
from macros.links import absolute, default_edition  # noqa: E402


def on_page_context(context, page, config, nav):
    if not config.site_url or not page.file.src_uri.endswith(".md"):
        return context
    lang, path = site.page_lang(page), site.page_path(page)
    about = Site(url=config.site_url, name=config.site_name, description=config.site_description or "",
                 author=config.site_author, repo_url=config.repo_url)
    dossier = site.dossier()  # the build's, no rescan of the data per page (bench/REPORT.md)
    context["dossier_jsonld"] = Markup(script_text(page_graph(dossier, about, lang, path, page.title)))
    context["dossier_hreflang_default"] = absolute(config.site_url, default_edition(), path)
    return context
