"""Characters that make a text display something other than what it holds: refused in data/ and docs/.

Invisible and format characters (a zero-width space inside a number, a bidirectional override that
reorders digits on screen), control characters, digits of other scripts (which the checks for typed
numbers and the quote checks do not read as numbers), letters of two scripts in one word (a Latin
'o' in a Cyrillic word) and words of digit-like letters standing for a number ('ЗО %' with a
Cyrillic Ze and O) are each named by their Unicode name, with the line. The loader (data files),
`make check` and the build (pages) ask here; the built-page digit check reads other scripts' digits
as digits (macros/figlink.py).
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata

from .problems import Problem

ALLOWED_SPACES = frozenset(" \u00a0\u202f\u2009")  # space, no-break, narrow no-break, thin
ALLOWED_OTHER_NUMBERS = frozenset("²³")  # m², m³
MAX_REPORTED = 10  # per text: the first few name the problem well enough

# Letters that read as digits: 0 (Latin, Cyrillic, Greek O), 1 (l, I, Cyrillic І, palochka), 3 (Cyrillic Ze).
DIGIT_LIKE = frozenset("OoОоΟοlIІіӀЗз")
_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = {"LATIN": "A-Za-z\u00c0-\u024f", "CYRILLIC": "\u0400-\u04ff", "GREEK": "\u0370-\u03ff"}
_MIXED = re.compile("|".join(f"[{a}][{b}]" for x, a in _LETTERS.items() for y, b in _LETTERS.items() if x != y))
_LIKE = "".join(sorted(DIGIT_LIKE))
_DIGIT_LIKE = re.compile(rf"\d[{_LIKE}]|[{_LIKE}]\d|(?<![^\W_])([{_LIKE}]{{2,}})(?![^\W_])\s?[%‰]")
# Characters that need no look: printable ASCII, Cyrillic letters, Latin-1 letters, the typographic marks the
# dossier writes (no-break space, « » “ ” „ ‘ ’ – — … №, ² ³). Everything else is looked at one by one.
_NOT_PLAIN = re.compile("[^\t\n\r\x20-\x7e\u0400-\u0482\u048a-\u04ff\u00c0-\u00ff\u00a0\u00ab\u00bb\u00b2\u00b3"
                        "\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u2116]")
_NUMBERISH = re.compile(r"\s?[%‰]")


@functools.lru_cache(maxsize=4096)
def _refused(c: str) -> str | None:
    """Why one character is refused, or None."""
    cat = unicodedata.category(c)
    if cat == "Cc":
        return None if c in "\n\t\r" else "a control character"
    if cat == "Cf":
        return "an invisible format character"
    if cat in ("Zl", "Zp"):
        return "a line or paragraph separator"
    if cat == "Zs":
        return None if c in ALLOWED_SPACES else "an unusual space"
    if cat in ("Co", "Cn", "Cs"):
        return "a private-use or unassigned character"
    if cat == "Nd":
        return None if c.isascii() else "a digit of another script"
    if cat == "No":
        return None if c in ALLOWED_OTHER_NUMBERS else "a number sign of another kind"
    if cat == "Me":
        return "an enclosing mark"
    return None


@functools.lru_cache(maxsize=4096)
def _script(c: str) -> str | None:
    if not unicodedata.category(c).startswith("L"):
        return None
    name = unicodedata.name(c, "")
    return next((s for s in ("LATIN", "CYRILLIC", "GREEK") if name.startswith(s)), "OTHER")


def _named(c: str) -> str:
    return f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}"


def findings(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, fix) for each refused character or word in `text`, at most MAX_REPORTED."""
    found: list[tuple[int, str, str]] = []
    for m in _NOT_PLAIN.finditer(text):
        i, c = m.start(), m.group()
        why = _refused(c)
        if why is None and unicodedata.category(c) == "Mn" and i and text[i - 1].isdigit():
            why = "a combining mark on a digit"
        if why:
            found.append((i, f"{why}: {_named(c)}", _FIX.get(why, _FIX_DEFAULT)))
            if len(found) >= MAX_REPORTED:
                return found
    done = 0  # the end of the last word looked at: each word is read once however many matches it holds
    for m in _MIXED.finditer(text):  # a word of two scripts has two neighbouring letters of different scripts
        if m.start() < done:
            continue
        word, at = _word_around(text, m.start())
        done = at + len(word)
        scripts = {s for s in map(_script, word) if s}
        if len(scripts & {"LATIN", "CYRILLIC", "GREEK"}) > 1:
            found.append((at, f"the word '{_cut(word)}' mixes letters of {' and '.join(sorted(scripts))} scripts "
                              f"({', '.join(map(_named, _odd_letters(word)))})",
                          "retype the word in one script: a letter that looks like another script's is a lookalike"))
        if len(found) >= MAX_REPORTED:
            return found
    done = 0
    for m in _DIGIT_LIKE.finditer(text):
        if m.start() < done:
            continue
        word, at = _word_around(text, m.start() if m.group(1) is None else m.start(1))
        done = at + len(word)
        if _digit_like(word, text, done) and not any(f[0] == at for f in found):
            found.append((at, f"'{_cut(word)}' is written with letters that look like digits "
                              f"({', '.join(map(_named, dict.fromkeys(c for c in word if c in DIGIT_LIKE)))})",
                          "a number comes from the data: show it through a macro, or retype it with digits 0-9"))
        if len(found) >= MAX_REPORTED:
            return found
    return sorted(found)[:MAX_REPORTED]


def _word_around(text: str, i: int) -> tuple[str, int]:
    """The word (letters and digits) that holds text[i], and where it starts."""
    a = i
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    m = _TOKEN.match(text, a)
    return (m.group(), a) if m else (text[i], i)


def _cut(word: str) -> str:
    return word if len(word) <= 40 else word[:37] + "…"


def _odd_letters(word: str) -> list[str]:
    scripts = [_script(c) for c in word]
    main = max(set(s for s in scripts if s), key=scripts.count)
    return list(dict.fromkeys(c for c, s in zip(word, scripts) if s and s != main))


def _digit_like(word: str, text: str, end: int) -> bool:
    """Digits mixed with digit-like letters ('4О'), or a word of digit-like letters standing as a
    number before a percent sign ('ЗО %')."""
    has_digit = any(c.isdigit() for c in word)
    letters = [c for c in word if not c.isdigit()]
    if has_digit and letters and any(c in DIGIT_LIKE for c in letters):
        return all(c in DIGIT_LIKE for c in letters)
    return (not has_digit and len(word) >= 2 and all(c in DIGIT_LIKE for c in word)
            and bool(_NUMBERISH.match(text, end)))


_FIX_DEFAULT = "delete the character (retype the passage if you cannot see it)"
_FIX = {
    "an unusual space": "use a plain space, or a no-break space (U+00A0) between a number and its unit",
    "a digit of another script": "write the number with the digits 0-9 (through the data: {value} or a macro)",
    "a number sign of another kind": "write the number with the digits 0-9; only ² and ³ may follow a unit",
}


def problems(text: str, shown: str, first_line: int = 1, record: str | None = None) -> list[Problem]:
    """The findings of `text` as problems at their lines (the text starts at line `first_line`)."""
    return [Problem(shown, text.count("\n", 0, at) + first_line, record, what, fix) for at, what, fix in findings(text)]


def value_problems(data, lines: dict, shown: str) -> list[Problem]:
    """The findings of every text in parsed data (keys too), at the line of its key or item: what YAML
    escapes ("\\u200b") hide from a reading of the file's text."""
    found: list[Problem] = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, str):
            line = next((lines[path[:i]] for i in range(len(path), -1, -1) if path[:i] in lines), None)
            found.extend(Problem(shown, line, None, what, fix) for _, what, fix in findings(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k, path)
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(data, ())
    return list(dict.fromkeys(found))


def page_problems(text: str, shown: str) -> list[Problem]:
    """A page's findings, and those of its HTML entities decoded (&#8203; is a zero-width space)."""
    found = problems(text, shown)
    for number, line in enumerate(text.split("\n"), start=1):
        if "&" in line:
            decoded = html.unescape(line)
            if decoded != line:
                found += [p for p in problems(decoded, shown, number) if p not in found]
    return found
