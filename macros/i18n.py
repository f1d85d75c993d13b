"""The page's language and the interface strings of data/strings.yml."""
from __future__ import annotations

from .links import DEFAULT_LANG
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


def editions(config) -> tuple[str, list[str]]:
    """The default edition's language (served at the site root) and the others' (under /<lang>/),
    as mkdocs.yml configures mkdocs-static-i18n; without the plugin, the default alone."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return DEFAULT_LANG, []
    default = i18n.default_language
    if default != DEFAULT_LANG:
        raise ValueError(f"mkdocs.yml: the i18n default language is '{default}' but macros/links.py serves "
                         f"'{DEFAULT_LANG}' at the site root — make them the same")
    return default, [lang.locale for lang in i18n.config.languages if lang.build and lang.locale != default]


def building_language(config) -> str:
    """The edition being built now (mkdocs-static-i18n builds one edition after the other)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or editions(config)[0]


def page_lang(page) -> str:
    """The language of the page being rendered (mkdocs-static-i18n sets file.locale);
    render.Ctx checks that the dossier publishes it."""
    return getattr(getattr(page, "file", None), "locale", None) or DEFAULT_LANG


def page_path(page) -> str:
    """The page's path inside its language folder: 'en/partners/china.md' -> 'partners/china.md'."""
    uri = page.file.src_uri
    lang = page_lang(page)
    return uri[len(lang) + 1:] if uri.startswith(lang + "/") else uri
