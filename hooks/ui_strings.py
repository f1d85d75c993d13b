"""Interface strings of data/strings.yml for the theme templates: `{{ ui("notfound.title") }}`.

The macros print the page's strings themselves; the templates (the 404 page, the strings the reader
scripts show) take them from here: the loaded dossier's strings, in the language of the edition
being built (both from the adapter, macros/site.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import site  # noqa: E402
from macros.i18n import text  # noqa: E402


def lookup(strings: dict, lang: str):
    def ui(key: str) -> str:
        return text(strings, key, lang)
    return ui


def on_env(env, config, files):
    if not site.broken():  # broken data under `mkdocs serve`: no template asks (hooks/site.py)
        env.globals["ui"] = lookup(site.dossier().strings, site.building_language(config))
    return env
