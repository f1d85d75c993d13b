"""Typography of the dossier's own text (make check): the quotation marks and apostrophes of its
language instead of straight ' and ", and a number kept on one line with its unit or scale word.

    problems(text, lang) -> [(offset, what, fix)]   for one text in one language
    curled(text, lang)   -> the text with typographic marks (the one-off conversion, and each fix's example)
"""
from __future__ import annotations

import re

from . import languages

# Each language's marks come from data/languages.yml: its primary and secondary quotation marks, and in
# `typography` its apostrophe, the unit or scale words that must not be parted from the number before
# them, and its words of time (a duration: a short number before one; not a year, «в 2025 году» may break).


def _marks(lang: str) -> tuple:
    """((opening, closing), (inner opening, inner closing), apostrophe) of `lang`."""
    found = languages.rules(lang)
    if found is None:
        return ("“", "”"), ("‘", "’"), "’"
    return found.quotes, found.inner_quotes, (found.typography or {}).get("apostrophe", "’")


def _unbound(lang: str) -> re.Pattern | None:
    found = languages.rules(lang)
    rules = found.typography if found else None
    if not rules:
        return None
    return re.compile(rf"\d( )(?:{rules['units']})|(?<![\d.,])\d{{1,3}}( )(?:{rules['durations']})(?!\w)", re.I)


_STRAIGHT = re.compile(r"['\"]")
_OPENS_AFTER = re.compile(r"(?:^|[\s(\[{—–/-])$")  # a mark after these opens a quotation


def _opens(text: str, at: int) -> bool:
    return bool(_OPENS_AFTER.search(text[max(0, at - 1):at]))


def curled(text: str, lang: str) -> str:
    """Straight marks made typographic: "…" -> “…” («…» in Russian), 'x' -> ‘x’, it's -> it’s."""
    (open1, close1), (open2, close2), apostrophe = _marks(lang)
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
            # a mark that opens: the inner quotation mark, unless the language's inner marks are not curly
            # single ones („“ in Russian): then it is the apostrophe
            out.append(apostrophe if inner or not _opens(text, i) or open2 not in "‘‚‹" else open2)
        else:
            out.append(ch)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def problems(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(offset, what, fix) for each straight mark and each number parted from its unit."""
    found = []
    opening, inner, apostrophe = _marks(lang)
    marks = f"the {lang} quotation marks {''.join(opening)} {''.join(inner)}, the apostrophe {apostrophe}"
    fixed = curled(text, lang)
    for m in _STRAIGHT.finditer(text):
        start, end = max(0, m.start() - 12), min(len(text), m.end() + 12)
        found.append((m.start(), f"straight {m.group()} in '{_one_line(text[start:end])}' ({lang})",
                      f"write '{_one_line(fixed[start:end])}' ({marks})"))
    unbound = _unbound(lang)
    for m in unbound.finditer(text) if unbound else ():
        found.append((m.start(1) if m.group(1) else m.start(2), f"a plain space between a number and its unit in '{_one_line(text[max(0, m.start() - 8):m.end() + 8])}' ({lang})",
                      "write a no-break space (U+00A0) there, or show the number through {value} or a macro"))
    return found
