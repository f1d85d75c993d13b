"""The interface strings of data/strings.yml. (The page's language and the editions: macros/site.py.)"""
from __future__ import annotations

from .model import L10n


class UnknownString(KeyError):
    def __str__(self) -> str:
        return (f"data/strings.yml: no interface string '{self.args[0]}' — add it with a text in every "
                f"published language of data/languages.yml (the code asks for it)")


def text(strings: dict[str, L10n], key: str, lang: str, **fields) -> str:
    """The string `key` in `lang`, with {placeholders} filled from `fields`."""
    try:
        template = strings[key](lang)
    except KeyError:
        raise UnknownString(key) from None
    return template.format(**fields) if fields else template
