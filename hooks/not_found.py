"""A 404 page per edition: site/404.html in the default language, site/<lang>/404.html for the others.

mkdocs-static-i18n builds every edition into the same site directory, so each build writes the
theme's 404.html over the previous one and the last edition built wins. This hook keeps the default
edition's page at the root and moves every other edition's page into its own folder.

Hosts that serve one 404 page for the whole site (GitHub Pages) show the root page for a missing
address under /<lang>/ too; overrides/404.html sends those readers on to their edition's page.
"""
from __future__ import annotations

import sys
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import site  # noqa: E402
from macros.links import edition_prefix  # noqa: E402

_default_page: dict[str, bytes] = {}  # the default edition's 404, kept while the others build


def edition_roots(config) -> dict[str, str]:
    """{locale: absolute path of the edition's root}, e.g. {"ru": "/dossier/", "en": "/dossier/en/"}."""
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    default, others = site.editions(config)
    return {lang: root + edition_prefix(lang) for lang in (default, *others)}


def on_template_context(context, template_name, config):
    if template_name == "404.html" and "i18n" in config.plugins:
        roots = edition_roots(config)
        # The language switcher would keep the links of the page built before; lead to each edition's home.
        # (mkdocs-static-i18n sets them as an attribute, which templates read before the item: set both.)
        if site.alternates(config):
            config.extra["alternate"] = deepcopy(site.alternates(config))
            config.extra.alternate = config.extra["alternate"]
        lang, (default, _) = site.building_language(config), site.editions(config)
        context["not_found"] = {
            "home": roots[lang],
            # on the default edition's page only: where a missing address under /<lang>/ belongs
            "redirects": {} if lang != default else
            {root: root + "404.html" for other, root in roots.items() if other != default},
        }
    return context


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the next edition's build
def on_post_build(config) -> None:
    page = Path(config.site_dir) / "404.html"
    if "i18n" not in config.plugins or not page.exists() or site.broken():
        return
    lang = site.building_language(config)
    if lang == site.editions(config)[0]:
        _default_page["html"] = page.read_bytes()
        return
    own = Path(config.site_dir) / edition_prefix(lang) / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(page.read_bytes())
    if "html" in _default_page:
        page.write_bytes(_default_page["html"])
