"""Interface strings of data/strings.yml for the theme templates: `{{ ui("notfound.title") }}`.

The macros print the page's strings themselves; the templates (the 404 page, the strings the reader
scripts show) take them from here, in the language of the edition being built.
"""
from __future__ import annotations

from pathlib import Path

import yaml

STRINGS = Path(__file__).resolve().parent.parent / "data" / "strings.yml"


def lookup(strings: dict, lang: str):
    def ui(key: str) -> str:
        try:
            return strings[key][lang]
        except KeyError:
            raise KeyError(f"data/strings.yml: no '{lang}' text for interface string '{key}' — "
                           f"add it (a theme template asks for it)") from None
    return ui


def on_env(env, config, files):
    strings = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    env.globals["ui"] = lookup(strings, config.theme["language"])
    return env
