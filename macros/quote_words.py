"""What the words around a number say about it: its qualifier («около», "more than") and its
unit («долларов США», "%", "barrels"), read in the source's language.

The words are each language's `reading` in data/languages.yml; a third language is one more entry
with the same parts. Patterns are regular expressions matched without regard to case; a word is never
matched inside another word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import languages
from .quotes import Mention


def _words(lang: str) -> dict:
    """The language's reading rules (data/languages.yml: `reading`): qualifier and unit words."""
    return languages.rules(lang).reading


# A share is a percentage; a share said in words (четверть, half) is one too.
PERCENT = "percent"
_TIME = {"year", "month", "day"}


@dataclass(frozen=True)
class Said:
    """What some words of the quote say: the words as written and what they mean."""

    words: str
    meanings: tuple[str, ...]

    @property
    def meaning(self) -> str:
        return self.meanings[0]


def _word(pattern: str) -> str:
    """A pattern that matches whole words only (digits may touch it: «40%», «5млн»)."""
    return rf"(?<![^\W\d_])(?:{pattern})(?![^\W\d_])"


def _ending(text: str, table: dict) -> re.Match | None:
    """The longest entry of the table that the text ends with, and its meaning."""
    best = None
    for pattern, meaning in table.items():
        m = re.search(_word(pattern) + r"\s*$", text, re.I)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, meaning)
    return best


def _starting(text: str, table: dict):
    """The longest entry of the table that the text starts with (after spaces), and its meaning."""
    best = None
    for pattern, meaning in table.items():
        m = re.match(r"\s*" + _word(pattern), text, re.I)
        if m and (best is None or m.end() > best[0].end()):
            best = (m, meaning)
    return best


def _as_said(found) -> Said | None:
    if found is None:
        return None
    m, meaning = found
    return Said(m.group(0).strip(), tuple(meaning) if isinstance(meaning, (list, tuple)) else (meaning,))


def qualifier_of(text: str, mention: Mention, lang: str) -> Said | None:
    """The qualifying words of a number: «около» in «около 5000», "or more" in "200 or more"."""
    words = _words(lang)
    before = text[: mention.start]
    sign = _ending(before, words["unit_before"])
    if sign:  # «около $46 трлн»: the qualifier stands before the currency sign
        before = before[: sign[0].start()]
    found = _ending(before, words["qualifier_before"])
    if found and any(re.search(p + r"\s*$", before[: found[0].end()].rstrip(), re.I) for p in words["not_qualifier"]):
        found = None
    if found and any(re.fullmatch(p, found[0].group(0).strip(), re.I) for p in words["not_before_time"]):
        unit = unit_of(text, mention, lang)
        found = None if unit and unit.meaning in _TIME else found
    if found:
        return _as_said(found)
    after = text[mention.end:]
    unit = _starting(after, words["unit_after"])
    return _as_said(_starting(after, words["qualifier_after"])
                    or (unit and _starting(after[unit[0].end():], words["qualifier_after"])))


def unit_of(text: str, mention: Mention, lang: str) -> Said | None:
    """The unit written right by a number: «%» in «40%», «долларов США» in «46 трлн долларов США»,
    "$" in "$46 trillion"; a fraction word is a percentage by itself."""
    if mention.fraction:
        return Said(text[mention.start:mention.end], (PERCENT,))
    words = _words(lang)
    return _as_said(_ending(text[: mention.start], words["unit_before"]) or _starting(text[mention.end:], words["unit_after"]))


def next_unit(text: str, mention: Mention, lang: str) -> Said | None:
    """The first unit named anywhere after a number («2 и 3 млрд долларов»: долларов for the 2)."""
    best = None
    for pattern, meaning in _words(lang)["unit_after"].items():
        for m in re.finditer(_word(pattern), text[mention.end:], re.I):
            if best is None or (m.start(), -m.end()) < (best[0].start(), -best[0].end()):
                best = (m, meaning)
            break
    return _as_said(best)


def example(meaning: str, lang: str) -> str:
    """A usual wording of a qualifier or unit in the language, for messages: «около»."""
    return _words(lang)["examples"].get(meaning, meaning)
