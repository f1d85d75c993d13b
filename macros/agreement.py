"""Does a figure's record say what its quote says about the number: qualifier, unit, kind, scale?

The quote is verbatim source text and never changes, so every fix points at the record.
Each check returns (what is wrong, how to fix it) pairs; load.py adds the file, line and id.
"""
from __future__ import annotations

from decimal import Decimal

from . import quote_words as words
from . import quotes
from .model import Figure

# The units a record may have (data/schema/figures.schema.json), and the kind each one goes with.
KIND_OF_UNIT = {"USD": "money", "EUR": "money", "percent": "share", "barrel": "volume", "cubic-metre": "volume",
                "tonne": "volume", "year": "duration"}
_SCALES = (3, 6, 9, 12)


def disagreements(fig: Figure, lang: str) -> list[tuple[str, str, str]]:
    """(the record's field, what, fix) for what the record says about its number that the quote
    contradicts (nothing if the value is not in the quote at all: that is reported on its own)."""
    if not fig.is_numeric or fig.kind == "date":
        return []
    value = Decimal(str(fig.value))
    at = [m for m in quotes.mentions(fig.citation.quote, lang) if m.value == value]
    if not at:
        return []
    return [("qualifier", *q) for q in _qualifier(fig, at, lang)] + [
        ("kind" if what.startswith("kind is") else "unit", what, fix) for what, fix in _unit(fig, at, lang)]


def _shown(fig: Figure, mention: quotes.Mention) -> str:
    return "«" + fig.citation.quote[mention.start:mention.end] + "»"


def _qualifier(fig: Figure, at: list[quotes.Mention], lang: str) -> list[tuple[str, str]]:
    said = [words.qualifier_of(fig.citation.quote, m, lang) for m in at]
    if any(fig.qualifier in (s.meanings if s else ("exact",)) for s in said):
        return []
    first, mention = said[0], at[0]
    record = f"qualifier is '{fig.qualifier}'" + (" (the default when none is given)" if fig.qualifier == "exact" else "")
    if first:
        return [(f"the quote says «{first.words}» ({first.meaning}) but {record}",
                 f"set qualifier: \"{first.meaning}\" (the quote is verbatim source text and does not change)")]
    return [(f"{record} but the quote states {_shown(fig, mention)} with no word that qualifies it "
             f"(such as «{words.example(fig.qualifier, lang)}»)",
             "remove the qualifier (the value is then exact), or extend the quote to the word by the number that "
             "qualifies it")]


def _unit(fig: Figure, at: list[quotes.Mention], lang: str) -> list[tuple[str, str]]:
    said = [words.unit_of(fig.citation.quote, m, lang) for m in at]
    if fig.unit and not any(said):  # «2 и 3 млрд долларов»: the unit named further on
        said = [words.next_unit(fig.citation.quote, m, lang) for m in at]
    meanings = [s.meaning if s else None for s in said]
    first, mention = said[0], at[0]
    if fig.kind == "count" and all(m == words.PERCENT for m in meanings):
        return [(f"kind is 'count' but the quote states {_shown(fig, mention)} as a percent («{first.words}»)",
                 "a percentage is kind: \"share\" with unit: \"percent\"")]
    if fig.kind == "share" and words.PERCENT not in meanings:
        it_says = f" (it says «{first.words}», {first.meaning})" if first else ""
        return [(f"kind is 'share' but the quote does not state {_shown(fig, mention)} as a percent{it_says}",
                 f"a share needs «{words.example(words.PERCENT, lang)}», a percent word or a fraction word (a quarter, "
                 "a half) by the number in the quote; otherwise give the figure the kind and unit the quote states")]
    if fig.unit in meanings:
        return []
    if fig.kind == "count" and not fig.unit:
        return [(f"the quote says «{first.words}» ({first.meaning}) by {_shown(fig, mention)} but the record has "
                 "no unit (kind 'count')", _set_unit(first.meaning, kind=True))]
    if first is None:
        return [(f"unit is '{fig.unit}' but the quote names no unit for {_shown(fig, mention)} "
                 f"(such as «{words.example(fig.unit, lang)}»)",
                 "extend the quote to the words that name the unit, or correct unit and kind to what the quote states")]
    return [(f"the quote says «{first.words}» ({first.meaning}) but unit is '{fig.unit}'", _set_unit(first.meaning))]


def _set_unit(unit: str, kind: bool = False) -> str:
    if unit not in KIND_OF_UNIT:
        return (f"the dossier has no unit '{unit}' (units: {', '.join(KIND_OF_UNIT)}); quote a figure in one of "
                "them, or ask the maintainers to add the unit to data/schema/figures.schema.json")
    what = f"kind: \"{KIND_OF_UNIT[unit]}\" with unit: \"{unit}\"" if kind else f"unit: \"{unit}\""
    return f"set {what} (the quote is verbatim source text and does not change)"


def scale_slip(value, quote: str, lang: str) -> tuple[str, str] | None:
    """When a value is not in its quote because it is off by a scale word (a thousand, a million,
    ...): what the quote says, e.g. '«56 млрд» (млрд = 10^9) is 56_000_000_000, 1_000 times the
    value', and the value written in full."""
    v = Decimal(str(value))
    for m in quotes.mentions(quote, lang) if v else ():
        for exp in _SCALES:
            factor = Decimal(10) ** exp
            if m.value not in (v * factor, v / factor):
                continue
            written = "«" + quote[m.start:m.end] + "»"
            scale = f" ({m.scale} = 10^{m.exponent})" if m.scale else " (no scale word)"
            times = _full(factor)
            how = f", {times} times the value" if m.value > v else f"; the value is {times} times that"
            return f"{written}{scale} is {_full(m.value)}{how}", _full(m.value)
    return None


def _full(n: Decimal) -> str:
    """A number as YAML wants it in `value`: 56_000_000_000, 3.8."""
    n = n.normalize()
    return f"{int(n):_}" if n == n.to_integral_value() else format(n, "f")
