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


# The strings the reader scripts show (overrides/assets/*.js), by the first part of their key.
READER_STRINGS = ("preview", "verdict", "badge", "permalink", "table", "kind")


def reader_strings(strings: dict, lang: str) -> dict[str, str]:
    """Every string the reader scripts may show, in the edition's language, and the language itself."""
    found = {key: text(strings, key, lang) for key, value in strings.items()
             if key.split(".", 1)[0] in READER_STRINGS and hasattr(value, "texts")}
    return {"lang": lang, **found}


def on_env(env, config, files):
    if not site.broken():  # broken data under `mkdocs serve`: no template asks (hooks/site.py)
        lang = site.building_language(config)
        env.globals["ui"] = lookup(site.dossier().strings, lang)
        env.globals["reader_strings"] = reader_strings(site.dossier().strings, lang)
    return env
