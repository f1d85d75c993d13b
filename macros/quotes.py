"""Read numbers and dates out of a quoted passage, and explain a quote that does not match.

This is how the dossier proves that a figure's stored value is what its quote says.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from . import fmt, languages


def _reading(lang: str) -> dict | None:
    """The language's reading rules (data/languages.yml: `reading`), or None when it has none."""
    found = languages.rules(lang)
    return found.reading if found else None


_compiled: dict[str, tuple] = {}


def _patterns(lang: str):
    """(number with its scale word, scale word alone, the reading) for `lang`, compiled once per table read."""
    reading = _reading(lang)
    if lang not in _compiled or _compiled[lang][2] is not reading:
        dec = re.escape(reading["decimal"])
        group = rf"(?:[{re.escape(reading['group'])}]\d{{3}})+"
        number = rf"(?P<num>\d{{1,3}}{group}|\d+)(?:{dec}(?P<frac>\d+))?"
        scales = "|".join(f"(?P<s{exp}>{pat})" for pat, exp in reading["scales"].items())
        words = "|".join(f"(?:{w})" for w in reading["number_words"])
        with_number = re.compile(rf"(?<![\w,.]){number}(?:\s*(?:{scales}))?", re.I)
        bare_scale = re.compile(rf"(?:(?P<word>\b(?:{words}))\s+)?\b(?:{scales})", re.I)
        _compiled[lang] = (with_number, bare_scale, reading)
    return _compiled[lang]


def _exponent(match: re.Match) -> int:
    return next((int(k[1:]) for k, v in match.groupdict().items() if k.startswith("s") and v), 0)


@dataclass(frozen=True)
class Mention:
    """One number a passage states, where it stands, and how it is written."""

    value: Decimal
    start: int
    end: int
    scale: str = ""  # the scale word as written ("млрд", "trillion"); "" if none
    exponent: int = 0  # what the scale word multiplies by: 9 for млрд
    fraction: bool = False  # a share said in words ("четверть"): the value is a percentage


def reads(lang: str) -> bool:
    """Can the dossier read numbers in `lang` (its `reading` in data/languages.yml)? A rendering in a
    language it cannot read is checked for its place in the paragraph's rendering only."""
    return _reading(lang) is not None


def mentions(text: str, lang: str) -> list[Mention]:
    """Every number a passage states, scale words applied ('3,8 трлн' -> 3800000000000), with its place."""
    with_number, bare_scale, reading = _patterns(lang)
    found: list[Mention] = []
    for m in with_number.finditer(text):
        digits = re.sub(r"[^\d]", "", m.group("num"))
        value = Decimal(digits + ("." + m.group("frac") if m.group("frac") else ""))
        found.append(Mention(value * (Decimal(10) ** _exponent(m)), *m.span(), _scale_word(m), _exponent(m)))
    taken = [(f.start, f.end) for f in found]
    for m in bare_scale.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        word = m.group("word")
        count = next((v for w, v in reading["number_words"].items() if word and re.fullmatch(w, word, re.I)), 1)
        found.append(Mention(Decimal(count) * (Decimal(10) ** _exponent(m)), *m.span(), _scale_word(m), _exponent(m)))
    for word, count in reading["number_words"].items():
        for m in re.finditer(rf"\b(?:{word})\b", text, re.I):
            found.append(Mention(Decimal(count), *m.span()))
    for word, percent in reading["fractions"].items():
        for m in re.finditer(rf"\b{word}", text, re.I):
            found.append(Mention(Decimal(percent), *m.span(), fraction=True))
    return found


def _scale_word(match: re.Match) -> str:
    return next((v for k, v in match.groupdict().items() if k.startswith("s") and v), "")


def numbers_in(text: str, lang: str) -> list[Decimal]:
    """Every number a passage states, scale words applied: '3,8 трлн' -> 3800000000000."""
    values: list[Decimal] = []
    for m in mentions(text, lang):
        if not (m.fraction and m.value in values):  # a fraction word counts once
            values.append(m.value)
    return values


def dates_in(text: str, lang: str) -> set[str]:
    """Dates a passage states, as ISO strings: '2022', '2024-09', '2024-09-15'. The month stands before the
    year («15 сентября 2024», "September 2024"), or after it where the language's locale writes the year
    first («2024 жылдың қыркүйегінде», «2024 ж. 15 қыркүйек»: the year, one word for it, the day, the month)."""
    found = set(re.findall(r"(?<!\d)(\d{4})(?!\d)", text))
    year_first = fmt.year_first(languages.rules(lang).locale)
    for i, stem in enumerate(_reading(lang)["months"], start=1):
        if year_first:
            pattern = rf"(?<!\d)(?P<year>\d{{4}})\s+(?:\S+\s+)?(?:(?P<day>\d{{1,2}})\s+)?\b{stem}\w*"
        else:
            pattern = rf"(?:(?P<day>\d{{1,2}})\s+)?\b{stem}\w*\s+(?P<year>\d{{4}})"
        for m in re.finditer(pattern, text, re.I):
            found.add(f"{m.group('year')}-{i:02d}")
            if m.group("day"):
                found.add(f"{m.group('year')}-{i:02d}-{int(m.group('day')):02d}")
    return found


def value_in_quote(value, quote: str, lang: str) -> bool:
    return Decimal(str(value)) in numbers_in(quote, lang)


def period_years(period: str) -> list[str]:
    return re.findall(r"\d{4}", period)


# Every space separator (Unicode Zs): a no-break space, a narrow or thin space reads as a space.
_SPACES = "".join(c for c in map(chr, range(0x3001)) if unicodedata.category(c) == "Zs")
_ONE_SPACE = str.maketrans({c: " " for c in _SPACES})


def locate(quote: str, text: str, occurrence: int | None = None) -> list[tuple[int, int]]:
    """Where the quote stands in the text: (start, end) of every occurrence, overlapping ones
    included, or only of the one numbered `occurrence` (1-based; [] if there is none). Spaces of
    any kind match each other one for one, so a span covers the text's own characters."""
    if not quote:
        return []
    wanted, folded = quote.translate(_ONE_SPACE), text.translate(_ONE_SPACE)
    spans, at = [], folded.find(wanted)
    while at >= 0:
        spans.append((at, at + len(wanted)))
        at = folded.find(wanted, at + 1)
    if occurrence is None:
        return spans
    return spans[occurrence - 1:occurrence] if occurrence >= 1 else []


def boundary_problem(text: str, start: int, end: int) -> str | None:
    """Why the quote at text[start:end] does not start and end on a word or number boundary, or None.
    A quote that starts inside '3,8 трлн' ('8 трлн') or '5 000' ('000') would state another number."""
    quote = text[start:end]
    if not quote:
        return None
    head, tail = quote[0], quote[-1]
    if start > 0 and head.isalnum() and _joined(text, start - 1, -1, head):
        return f"the quote starts inside {_word_at(text, start)!r}"
    if end < len(text) and tail.isalnum() and _joined(text, end, 1, tail):
        return f"the quote ends inside {_word_at(text, end - 1)!r}"
    return None


def _joined(text: str, i: int, step: int, edge: str) -> bool:
    """Does text[i] (next to the quote's edge character) belong to the same word or number?"""
    c = text[i]
    if c.isalnum():
        return True
    if not edge.isdigit():
        return False
    beyond = text[i + step] if 0 <= i + step < len(text) else ""
    if c in ",." and beyond.isdigit():
        return True  # 3,8 or 1.5: a decimal or group mark between digits
    if c in _SPACES and beyond.isdigit():  # 5 000: the digits on the far side of the space are a group of three
        return len(re.match(r"\d*", text[i + 1:]).group()) == 3  # (after the space: the quote's or the text's)
    return False


def _word_at(text: str, i: int) -> str:
    """The word or number (digits with their decimal and group marks) around text[i]."""
    def joins(k: int) -> bool:  # text[k] is a mark or space between two digits
        return text[k] in ",." + _SPACES and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()

    a, b = i, i + 1
    while a > 0 and (text[a - 1].isalnum() or joins(a - 1)):
        a -= 1
    while b < len(text) and (text[b].isalnum() or joins(b)):
        b += 1
    return text[a:b]


_MARKS = "«»“”„‟\"'‘’‚"
_QUOTE_MARKS = str.maketrans({c: '"' for c in _MARKS})


# Letters that look alike in Latin, Cyrillic and Greek: each group folds to its first letter.
_LOOKALIKES = ("aа", "cс", "eе", "iі", "jј", "oоο", "pрρ", "sѕ", "xхχ", "yу", "AАΑ", "BВΒ", "CС", "EЕΕ",
               "HНΗ", "IІΙ", "JЈ", "KКΚ", "MМΜ", "NΝ", "OОΟ", "PРΡ", "SЅ", "TТΤ", "XХΧ", "YҮΥ", "ZΖ")
_ONE_LETTER = str.maketrans({c: group[0] for group in _LOOKALIKES for c in group[1:]})


def normalise(text: str) -> str:
    """Fold the differences a contributor cannot see: quotation marks, spaces, ё, dashes, lookalike letters."""
    text = text.translate(_QUOTE_MARKS).replace("ё", "е").replace("Ё", "Е").translate(_ONE_LETTER)
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def closest_passage(quote: str, paragraph: str) -> str:
    """The stretch of the paragraph that looks most like the quote (for 'did you mean')."""
    words = paragraph.split()
    size = max(1, len(quote.split()))
    best, best_ratio = "", -1.0
    for width in {max(1, size - 1), size, size + 1}:
        for i in range(0, max(1, len(words) - width + 1)):
            candidate = " ".join(words[i : i + width])
            ratio = difflib.SequenceMatcher(None, quote, candidate).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best


def explain_mismatch(quote: str, paragraph: str) -> str:
    """Say why a quote is not found verbatim in its paragraph, and what is there instead."""
    passage = _same_words(quote, paragraph)
    if passage is not None:
        diffs = _differences(quote, passage)
        kinds = sorted({_KIND[k] for _, a, b in diffs for k in _kinds(a, b)})
        what = ", ".join(kinds) or "invisible characters"
        shown = "; ".join(f"{_after(before)}the quote has {_name(a, b)} where the paragraph has {_name(b, a)}"
                          for before, a, b in diffs[:3])
        return f"the quote differs from the paragraph only in {what} ({shown}); copy this passage exactly: «{passage}»"
    passage = closest_passage(quote, paragraph).strip(",;:")
    changes = word_changes(quote, passage)
    return f"closest passage in the paragraph: «{passage}»" + (f"; {'; '.join(changes)}" if changes else "")


def word_changes(quote: str, passage: str, most: int = 3) -> list[str]:
    """Where the quote's words differ from the passage's: the word that differs, named."""
    a, b = quote.split(), passage.split()
    bare = ".,;:!?«»“”\"'()"  # a comma or a period after a word is not a different word
    found = []
    ops = difflib.SequenceMatcher(None, [w.strip(bare) for w in a], [w.strip(bare) for w in b], autojunk=False).get_opcodes()
    for op, i, j, k, m in ops:
        said, there = " ".join(a[i:j]), " ".join(b[k:m])
        if op == "replace":
            found.append(f"the quote has «{said}» where the paragraph has «{there}»")
        elif op == "delete":
            found.append(f"the quote has «{said}», which the paragraph does not have there")
        elif op == "insert":
            found.append(f"the paragraph has «{there}» there, which the quote leaves out")
    return found[:most]


def _same_words(quote: str, paragraph: str) -> str | None:
    """The stretch of the paragraph equal to the quote once invisible differences are folded
    (quotation marks, ё/е, dashes, lookalike letters; spaces are ignored altogether)."""
    folded, origin = _fold(paragraph)
    wanted = _fold(quote)[0]
    at = folded.find(wanted)
    if at < 0 or not wanted:
        return None
    return paragraph[origin[at]:origin[at + len(wanted) - 1] + 1]


def _fold(text: str) -> tuple[str, list[int]]:
    kept = [(normalise(ch), i) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for ch, _ in kept), [i for _, i in kept]


def _differences(quote: str, passage: str) -> list[tuple[str, str, str]]:
    """(words of the quote just before, what the quote has, what the paragraph has) per difference;
    letters replaced one for one are named one by one."""
    ops = difflib.SequenceMatcher(None, quote, passage, autojunk=False).get_opcodes()
    found = []
    for op, a, b, c, d in ops:
        if op == "equal":
            continue
        if op == "replace" and b - a == d - c:
            found += [(quote[:a + i], x, y) for i, (x, y) in enumerate(zip(quote[a:b], passage[c:d])) if x != y]
        else:
            found.append((quote[:a], quote[a:b], passage[c:d]))
    return found


def _after(before: str) -> str:
    words = before.split()[-2:]
    return f"after «{' '.join(words)}» " if words else "at the start "


_KIND = {"quote": "quotation marks", "space": "spacing", "yo": "ё/е", "dash": "dashes", "letter": "lookalike letters"}
_NAMES = {" ": "a space", "\u00a0": "a no-break space", "\u202f": "a narrow no-break space", "\t": "a tab",
          "\n": "a line break", "-": "a hyphen", "\u2013": "an en dash", "\u2014": "an em dash"}


def _kinds(a: str, b: str) -> set[str]:
    """What kinds of invisible difference one difference is (only these fold away)."""
    if len(a) == len(b) == 1 and a.translate(_ONE_LETTER) == b.translate(_ONE_LETTER):
        return {"letter"}
    return {_class(c) for c in (a + b or " ")}


def _class(ch: str) -> str:
    if ch.isspace():
        return "space"
    if ch in _MARKS:
        return "quote"
    if ch in "ёЁеЕ":
        return "yo"
    return "letter" if _is_lookalike(ch) else "dash"


def _is_lookalike(ch: str) -> bool:
    return any(ch in group for group in _LOOKALIKES)


def _name(piece: str, other: str = "") -> str:
    """How to show one side of a difference; a lookalike letter by its script and code point."""
    if _kinds(piece, other) == {"letter"}:  # Latin 'a' (U+0061)
        return f"{unicodedata.name(piece).split()[0].title()} '{piece}' (U+{ord(piece):04X})"
    if not piece:
        return "nothing"
    if piece in _NAMES:
        return _NAMES[piece]
    if piece.isspace():
        return " + ".join(_NAMES.get(c, repr(c)) for c in piece)
    return "‹" + piece.replace(" ", "␣").replace("\u00a0", "⍽") + "›"
