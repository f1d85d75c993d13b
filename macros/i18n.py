"""The interface strings of data/strings.yml, and the plural form of a count (CLDR rules, Babel).
(The page's language and the editions: macros/site.py.)"""
from __future__ import annotations

import functools
from collections.abc import Mapping

import babel.core

from .languages import PLURAL_CATEGORIES as CATEGORIES  # noqa: F401 — CLDR's; `other` is every locale's
from .languages import message_language
from .model import L10n, Plural
from .problems import Problem


class UnknownString(KeyError):
    def __str__(self) -> str:
        return (f"data/strings.yml: no interface string '{self.args[0]}' — add it with a text in every "
                f"published language of data/languages.yml (the code asks for it)")


class NotAPlural(KeyError):
    def __str__(self) -> str:
        return (f"data/strings.yml: the interface string '{self.args[0]}' states a count but has no plural forms — "
                "write it as {plural: {<lang>: {one: …, other: …}}} with the categories of each language")


@functools.lru_cache(maxsize=64)
def categories(locale: str) -> frozenset[str]:
    """The plural categories a locale's rules use: ru -> one, few, many, other; en -> one, other."""
    return frozenset(babel.core.Locale.parse(locale).plural_form.tags) | {"other"}


def category(locale: str, count) -> str:
    return babel.core.Locale.parse(locale).plural_form(count)


def form(forms: Mapping[str, str], locale: str, count) -> str:
    """The text of `forms` (category -> text) that the locale's rules pick for `count`."""
    return forms[category(locale, count)]


def text(strings: dict[str, L10n], key: str, lang: str, **fields) -> str:
    """The string `key` in `lang`, with {placeholders} filled from `fields`."""
    try:
        template = strings[key](lang)
    except KeyError:
        raise UnknownString(key) from None
    return template.format(**fields) if fields else template


def plural(strings: dict[str, L10n], key: str, lang: str, count, **fields) -> str:
    """The form of the plural string `key` that `count` takes in `lang`; {n} is the count unless
    `fields` gives it already written (e.g. with the language's digit grouping)."""
    try:
        entry = strings[key]
    except KeyError:
        raise UnknownString(key) from None
    if not isinstance(entry, Plural):
        raise NotAPlural(key)
    return form(entry.forms[lang], entry.locales[lang], count).format(**{"n": count, **fields})


def counted(n: int, one: str, other: str) -> str:
    """A console message about `n` things in the language of the messages, in the form CLDR's rules give the
    count (make check and the build speak to a contributor so also when data/strings.yml is broken)."""
    return form({"one": one, "other": other}, message_language(), n).format(n=n)


def from_data(data: dict, where, shown: str, langs) -> tuple[dict[str, L10n], list]:
    """data/strings.yml as strings; a plural string's categories are checked against each locale's."""
    strings, found = {}, []
    for key, v in data.items():
        if "plural" not in v:
            strings[key] = L10n(v["text"] if "example" in v else v)
            continue
        for lang, forms in v["plural"].items():
            wanted = categories(langs[lang].locale)
            line = where((key, "plural", lang)).line
            for missing in sorted(wanted - set(forms)):
                found.append(Problem(shown, line, key, f"no '{missing}' form for {lang} ({langs[lang].locale} has "
                                     f"{', '.join(c for c in CATEGORIES if c in wanted)})", f"add {missing}: \"…\" to {lang}"))
            for extra in sorted(set(forms) - wanted):
                found.append(Problem(shown, line, key, f"'{extra}' is not a plural category of {lang} ({langs[lang].locale})",
                                     f"remove {extra}: from {lang}"))
        strings[key] = Plural(v["plural"], {lang: langs[lang].locale for lang in v["plural"]})
    return strings, found
