"""What the words around a number say about it: its qualifier («около», "more than") and its
unit («долларов США», "%", "barrels"), read in the source's language.

One table, keyed by language; a third language is one more key with the same parts.
Patterns are regular expressions matched without regard to case; a word is never matched
inside another word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import Mention

WORDS: dict[str, dict[str, dict]] = {
    "ru": {
        # Words just before the number. A tuple lists every qualifier the words allow, the usual first.
        "qualifier_before": {
            r"около|ок\.|примерно|порядка|приблизительно|прибл\.|ориентировочно|в районе|~|≈": ("approximate",),
            r"почти|без малого|едва ли не|практически": ("almost",),
            r"чуть (?:менее|меньше)|немногим (?:менее|меньше)|несколько (?:менее|меньше)": ("almost", "less-than"),
            r"более(?: чем)?|больше(?: чем)?|свыше|сверх|выше|превы(?:сил|ша|сив)\w*|перевал\w*(?: за)?"
            r"|чуть (?:более|больше|выше)|немногим (?:более|больше)": ("more-than",),
            r"не менее|не меньше|не ниже|как минимум|минимум|по меньшей мере|по крайней мере": ("at-least",),
            r"менее(?: чем)?|меньше(?: чем)?|ниже|не достига\w*": ("less-than",),
            r"до|вплоть до|не более|не больше|не свыше|не выше|не превыша\w*|как максимум|максимум": ("at-most",),
        },
        # Words just after the number (or after its unit): «200 с лишним».
        "qualifier_after": {
            r"с лишним|с небольшим|с гаком": ("more-than",),
            r"(?:и|или) (?:более|больше)": ("at-least",),
            r"(?:и|или) (?:менее|меньше)": ("at-most",),
            r"или около того": ("approximate",),
        },
        # Words before a qualifier that make it no qualifier: «от 2 до 3», «выросла до 40%» (rose to 40%).
        "not_qualifier": [
            r"\bот\s+\S+(?:\s+\S+)?\s+до",
            r"\b(?:вырос|возрос|увелич|сократ|сниз|повыс|пони|упа|подня|опусти|дове|дойт|дош|доб)\w*\s+до",
        ],
        # Qualifiers that mean "during" before a length of time ("spread over two years").
        "not_before_time": [],
        # Words just after the number that name its unit. Several may match: the longest wins.
        "unit_after": {
            r"долл(?:ар\w*|\.)?\s*США|долл(?:ар\w*|\.)|\$|US\$|USD": "USD",
            r"евро|€|EUR": "EUR",
            r"рубл\w*|руб\.|₽|RUB": "RUB",
            r"тенге|₸|KZT": "KZT",
            r"юан\w*|CNY|RMB": "CNY",
            r"фунт\w* стерлинг\w*|£|GBP": "GBP",
            r"(?:канадск|австралийск|гонконгск|сингапурск|новозеландск)\w* долл\w*": "other-dollar",
            r"%|процент\w*|проц\.": "percent",
            r"процентн\w* пункт\w*|п\.\s?п\.": "percentage-point",
            r"баррел\w*|барр\.": "barrel",
            r"кубометр\w*|кубическ\w* метр\w*|куб\.\s?м\.?|м³|м3": "cubic-metre",
            r"тонн\w*|т\.?": "tonne",
            r"год\w*|лет": "year",
            r"месяц\w*|мес\.": "month",
            r"дн(?:ей|я)|день|сут(?:ок|ки)": "day",
        },
        # Signs and codes written before the number: «$46 трлн».
        "unit_before": {r"US\$|\$|USD": "USD", r"€|EUR": "EUR", r"£|GBP": "GBP", r"₽": "RUB", r"₸": "KZT"},
        # One usual wording per meaning, for messages.
        "examples": {
            "approximate": "около", "almost": "почти", "more-than": "более", "at-least": "не менее",
            "less-than": "менее", "at-most": "до", "USD": "долларов США", "EUR": "евро", "percent": "%",
            "barrel": "баррелей", "cubic-metre": "кубометров", "tonne": "тонн", "year": "лет",
        },
    },
    "en": {
        "qualifier_before": {
            r"about|around|approximately|approx\.|roughly|some|circa|c\.|an estimated|estimated|~|≈": ("approximate",),
            r"nearly|almost|close to|just short of": ("almost",),
            r"just under|just below|slightly (?:less than|under|below)": ("almost", "less-than"),
            r"more than|over|above|exceeded|exceeds|exceeding|in excess of|upwards of|topped|just over"
            r"|slightly (?:more than|over|above)": ("more-than",),
            r"at least|no (?:less|fewer) than|a minimum of|not less than": ("at-least",),
            r"less than|fewer than|under|below": ("less-than",),
            r"up to|at most|no more than|not more than|a maximum of|as (?:many|much) as": ("at-most",),
        },
        "qualifier_after": {
            r"(?:or|and) (?:more|over|above)|\+|-?plus": ("at-least", "more-than"),
            r"(?:or|and) (?:less|fewer|under)": ("at-most",),
            r"or so|-?odd": ("approximate",),
        },
        "not_qualifier": [r"\bfrom\s+\S+(?:\s+\S+)?\s+up to", r"\bbetween\s+\S+(?:\s+\S+)?\s+and"],
        "not_before_time": [r"over"],
        "unit_after": {
            r"(?:US|U\.S\.)\s*dollars?|dollars?|\$|US\$|USD": "USD",
            r"euros?|€|EUR": "EUR",
            r"roubles?|rubles?|₽|RUB": "RUB",
            r"tenge|₸|KZT": "KZT",
            r"yuan|renminbi|CNY|RMB": "CNY",
            r"pounds? sterling|£|GBP": "GBP",
            r"(?:Canadian|Australian|Hong Kong|Singapore|New Zealand) dollars?": "other-dollar",
            r"%|per ?cent|pct\.?": "percent",
            r"percentage points?|pp": "percentage-point",
            r"barrels?|bbl": "barrel",
            r"cubic met(?:re|er)s?|m³|m3|cu\.? ?m|cbm": "cubic-metre",
            r"(?:metric )?tonnes?|(?:metric )?tons?": "tonne",
            r"years?|yrs?": "year",
            r"months?": "month",
            r"days?": "day",
        },
        "unit_before": {r"US\$|\$|USD": "USD", r"€|EUR": "EUR", r"£|GBP": "GBP", r"₽": "RUB", r"₸": "KZT"},
        "examples": {
            "approximate": "about", "almost": "nearly", "more-than": "more than", "at-least": "at least",
            "less-than": "less than", "at-most": "up to", "USD": "US dollars", "EUR": "euros", "percent": "%",
            "barrel": "barrels", "cubic-metre": "cubic metres", "tonne": "tonnes", "year": "years",
        },
    },
}

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
    return Said(m.group(0).strip(), meaning if isinstance(meaning, tuple) else (meaning,))


def qualifier_of(text: str, mention: Mention, lang: str) -> Said | None:
    """The qualifying words of a number: «около» in «около 5000», "or more" in "200 or more"."""
    words = WORDS[lang]
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
    words = WORDS[lang]
    return _as_said(_ending(text[: mention.start], words["unit_before"]) or _starting(text[mention.end:], words["unit_after"]))


def next_unit(text: str, mention: Mention, lang: str) -> Said | None:
    """The first unit named anywhere after a number («2 и 3 млрд долларов»: долларов for the 2)."""
    best = None
    for pattern, meaning in WORDS[lang]["unit_after"].items():
        for m in re.finditer(_word(pattern), text[mention.end:], re.I):
            if best is None or (m.start(), -m.end()) < (best[0].start(), -best[0].end()):
                best = (m, meaning)
            break
    return _as_said(best)


def example(meaning: str, lang: str) -> str:
    """A usual wording of a qualifier or unit in the language, for messages: «около»."""
    return WORDS[lang]["examples"].get(meaning, meaning)
