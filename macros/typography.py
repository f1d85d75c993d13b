"""Typography of the dossier's own text (make check): the quotation marks and apostrophes of its
language instead of straight ' and ", and a number kept on one line with its unit or scale word.

    problems(text, lang) -> [(offset, what, fix)]   for one text in one language
    curled(text, lang)   -> the text with typographic marks (the one-off conversion, and each fix's example)
"""
from __future__ import annotations

import re

# Each language's marks: (opening, closing) primary and secondary quotes, and its apostrophe.
# The primary and secondary marks follow data/languages.yml's; English writes ’ for an apostrophe.
MARKS = {"en": (("“", "”"), ("‘", "’"), "’"), "ru": (("«", "»"), ("„", "“"), "’")}
_DEFAULT = MARKS["en"]

# A unit or scale word that must not be parted from the number before it (the start of the word).
UNITS = {
    "en": r"%|per cent|percent|thousand|million|billion|trillion|m³|km|kg|t\b|tonnes?|barrels?",
    "ru": r"%|тыс\.|млн|млрд|трлн|м³|км|кг|т\b|тонн|баррел|долл",
}
# A duration: a short number before a word of time (not a year: «в 2025 году» may break).
DURATIONS = {"en": r"years?|months?|days?", "ru": r"года?|лет|месяц\w*|дн\w*|день"}
_UNBOUND = {lang: re.compile(rf"\d( )(?:{units})|(?<![\d.,])\d{{1,3}}( )(?:{DURATIONS[lang]})(?!\w)", re.I)
            for lang, units in UNITS.items()}
_STRAIGHT = re.compile(r"['\"]")
_OPENS_AFTER = re.compile(r"(?:^|[\s(\[{—–/-])$")  # a mark after these opens a quotation


def _opens(text: str, at: int) -> bool:
    return bool(_OPENS_AFTER.search(text[max(0, at - 1):at]))


def curled(text: str, lang: str) -> str:
    """Straight marks made typographic: "…" -> “…” («…» in Russian), 'x' -> ‘x’, it's -> it’s."""
    (open1, close1), (open2, close2), apostrophe = MARKS.get(lang, _DEFAULT)
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch == '"':
            opening = _opens(text, i) and i + 1 < len(text) and not text[i + 1].isspace()
            if opening:
                out.append(open1 if depth == 0 else open2)
                depth += 1
            else:
                depth = max(0, depth - 1)
                out.append(close1 if depth == 0 else close2)
        elif ch == "'":
            inner = i > 0 and text[i - 1].isalnum() and i + 1 < len(text) and text[i + 1].isalnum()
            out.append(apostrophe if inner or not _opens(text, i) else open2 if lang != "ru" else apostrophe)
        else:
            out.append(ch)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def problems(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(offset, what, fix) for each straight mark and each number parted from its unit."""
    found = []
    opening, inner, apostrophe = MARKS.get(lang, _DEFAULT)
    marks = f"the {lang} quotation marks {''.join(opening)} {''.join(inner)}, the apostrophe {apostrophe}"
    fixed = curled(text, lang)
    for m in _STRAIGHT.finditer(text):
        start, end = max(0, m.start() - 12), min(len(text), m.end() + 12)
        found.append((m.start(), f"straight {m.group()} in '{_one_line(text[start:end])}' ({lang})",
                      f"write '{_one_line(fixed[start:end])}' ({marks})"))
    unbound = _UNBOUND.get(lang)
    for m in unbound.finditer(text) if unbound else ():
        found.append((m.start(1) if m.group(1) else m.start(2), f"a plain space between a number and its unit in '{_one_line(text[max(0, m.start() - 8):m.end() + 8])}' ({lang})",
                      "write a no-break space (U+00A0) there, or show the number through {value} or a macro"))
    return found
