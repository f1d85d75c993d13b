"""A 404 page per edition: site/404.html in the default language, site/<lang>/404.html for the others.

mkdocs-static-i18n builds every edition into the same site directory, so each build writes the
theme's 404.html over the previous one and the last edition built wins. This hook keeps the default
edition's page at the root and moves every other edition's page into its own folder.

Hosts that serve one 404 page for the whole site (GitHub Pages) show the root page for a missing
address under /<lang>/ too; overrides/404.html sends those readers on to their edition's page.
"""
from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

_default_page: dict[str, bytes] = {}  # the default edition's 404, kept while the others build


def edition_roots(config) -> dict[str, str]:
    """{locale: absolute path of the edition's root}, e.g. {"ru": "/dossier/", "en": "/dossier/en/"}."""
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    i18n = config.plugins["i18n"]
    return {lang.locale: root if lang.locale == i18n.default_language else f"{root}{lang.locale}/"
            for lang in i18n.config.languages if lang.build}


def on_template_context(context, template_name, config):
    if template_name == "404.html" and "i18n" in config.plugins:
        i18n = config.plugins["i18n"]
        roots = edition_roots(config)
        # The language switcher would keep the links of the page built before; lead to each edition's home.
        # (mkdocs-static-i18n sets them as an attribute, which templates read before the item: set both.)
        if i18n.extra_alternate:
            config.extra["alternate"] = deepcopy(i18n.extra_alternate)
            config.extra.alternate = config.extra["alternate"]
        context["not_found"] = {
            "home": roots[i18n.current_language],
            # on the default edition's page only: where a missing address under /<lang>/ belongs
            "redirects": {} if i18n.current_language != i18n.default_language else
            {root: root + "404.html" for lang, root in roots.items() if lang != i18n.default_language},
        }
    return context


@event_priority(-90)  # before mkdocs-static-i18n (-100) starts the next edition's build
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    page = Path(config.site_dir) / "404.html"
    if i18n is None or not page.exists():
        return
    if i18n.current_language == i18n.default_language:
        _default_page["html"] = page.read_bytes()
        return
    own = Path(config.site_dir) / i18n.current_language / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(page.read_bytes())
    if "html" in _default_page:
        page.write_bytes(_default_page["html"])
