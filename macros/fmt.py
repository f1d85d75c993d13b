"""Numbers, money, units, periods and dates per language, from the one stored value (Babel).

Each function takes the `Language` of data/languages.yml: its Babel locale gives the digits, the
decimal and grouping marks and the month names, its `compact` style the scale words.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import replace
from decimal import Decimal

import babel
import babel.dates
import babel.numbers
import babel.units

from .i18n import text
from .languages import Language
from .model import Figure, L10n, Observation

_COMPACT_FROM = Decimal(1_000_000)
NBSP = "\u00a0"


def bound(text: str) -> str:
    """A number with its scale word and unit kept on one line: every plain space becomes a no-break
    space (Babel's own no-break and narrow no-break spaces, e.g. in «5 000» or «40 %», stay as they are)."""
    return text.replace(" ", NBSP)

# Babel's formatters, remembered per (value, locale, style): a page shows the same numbers many times
# (rows, lists, notes, downloads), and each Babel call costs more than the rest of a figure's rendering.
format_compact_decimal = functools.lru_cache(maxsize=4096)(babel.numbers.format_compact_decimal)
format_decimal = functools.lru_cache(maxsize=4096)(babel.numbers.format_decimal)
format_percent = functools.lru_cache(maxsize=4096)(babel.numbers.format_percent)
format_unit = functools.lru_cache(maxsize=4096)(babel.units.format_unit)
format_date = functools.lru_cache(maxsize=4096)(babel.dates.format_date)
format_skeleton = functools.lru_cache(maxsize=4096)(babel.dates.format_skeleton)


def exponent(value) -> int:
    """The power of ten of the scale word `amount` writes `value` with: 9 for 66,4 млрд / 66.4 billion, 0 below a million."""
    v = abs(Decimal(str(value)))
    return (len(str(int(v))) - 1) // 3 * 3 if v >= _COMPACT_FROM else 0


def scale_word(power: int, lang: Language) -> str:
    """The scale word `amount` writes for 10**`power`, alone: млрд / billion; "" for 0 (no scale word).
    A chart's axis title names it once, so its tick labels are plain numbers."""
    if power == 0:
        return ""
    one = format_compact_decimal(10 ** power, format_type=lang.compact, locale=lang.locale)
    return one.replace("1", "", 1).strip(" \u00a0\u202f")


def amount(value, lang: Language) -> str:
    """A plain quantity: 5 000 / 5,000; 66,4 млрд / 66.4 billion."""
    v = Decimal(str(value))
    if abs(v) >= _COMPACT_FROM:
        scaled = v / (Decimal(10) ** exponent(v))
        digits = max(0, -scaled.normalize().as_tuple().exponent)
        return bound(format_compact_decimal(v, format_type=lang.compact, locale=lang.locale, fraction_digits=digits))
    return format_decimal(v, locale=lang.locale, decimal_quantization=False)


def percent(value, lang: Language) -> str:
    return format_percent(Decimal(str(value)) / 100, locale=lang.locale, decimal_quantization=False)


def iso_date(value: str, lang: Language) -> str:
    """'2022' -> 2022; '2024-09' -> сентябрь 2024 г. / September 2024; full dates in long form."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=lang.locale)
    return format_date(datetime.date(*parts), format="long", locale=lang.locale)


@functools.lru_cache(maxsize=64)
def year_first(locale: str) -> bool:
    """Does the locale write a date year first (CLDR's long date: kk «y 'ж'. d MMMM», ru «d MMMM y 'г'.»)?
    The order a quote's date is read in (macros/quotes.py: «2024 жылдың қыркүйегінде»)."""
    try:
        pattern = babel.dates.get_date_format("long", locale=locale).pattern
    except (ValueError, babel.UnknownLocaleError):
        return False
    pattern = re.sub(r"'[^']*'", "", pattern)  # quoted literals («'ж'») are not fields
    return "y" in pattern and "M" in pattern and pattern.index("y") < pattern.index("M")


def period(value: str | None, lang: Language, strings: dict[str, L10n]) -> str:
    if not value:
        return ""
    if "/" in value:
        start, end = value.split("/")
        return text(strings, "period.range", lang.code, start=start, end=end)
    if "-H" in value or "-Q" in value:
        year, part = value.split("-")
        key = "period.half" if part[0] == "H" else "period.quarter"
        return text(strings, key, lang.code, n=part[1], year=year)
    return iso_date(value, lang)


def figure_value(fig: Figure, lang: Language, strings: dict[str, L10n]) -> str:
    """What a reader sees in place of the number: '40 %', 'около 5 000', 'US$46 trillion' (the number,
    scale word and unit joined by no-break spaces; a qualifier's word may break from them)."""
    if not fig.is_numeric:
        return fig.display(lang.code)
    if fig.kind == "date":
        return iso_date(str(fig.value), lang)
    if fig.kind == "share" and fig.fraction:  # the source says "a quarter": so does the page, never "25 %"
        shown = text(strings, f"fraction.{fig.value}", lang.code)
    elif fig.kind == "share":
        shown = percent(fig.value, lang)
    elif fig.kind == "duration":
        shown = format_unit(fig.value, f"duration-{fig.unit}", length="long", locale=lang.locale)
    elif fig.kind in ("money", "volume"):
        key = "money" if fig.kind == "money" else "unit"
        shown = text(strings, f"{key}.{fig.unit}", lang.code, amount=amount(fig.value, lang))
    else:
        shown = amount(fig.value, lang)
    shown = bound(shown)
    if fig.qualifier == "exact":
        return shown
    return text(strings, f"qualifier.{fig.qualifier}", lang.code, value=shown)


# The kind an observation's number is written as when its unit is not its figure's.
_KIND_BY_UNIT = {"percent": "share", "USD": "money", "EUR": "money", "barrel": "volume", "cubic-metre": "volume",
                 "tonne": "volume", "year": "duration", None: "count"}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_iso_date(value: object) -> bool:
    return isinstance(value, str) and bool(_ISO_DATE.match(value))


def observation_value(fig: Figure, obs: Observation, lang: Language, strings: dict[str, L10n]) -> str:
    """An observation's value written like a figure's: '43 %', 'US$17 billion', '13 September 2018', 'Dier-5'."""
    if obs.value is None:
        return ""
    if isinstance(obs.value, str):
        return iso_date(obs.value, lang) if is_iso_date(obs.value) else obs.value
    same = fig.unit == obs.unit and fig.is_numeric and fig.kind != "date"
    kind = fig.kind if same else _KIND_BY_UNIT.get(obs.unit, "count")
    # the figure's words for its own share ("a quarter") are not the other source's: its number is shown as it gives it
    return figure_value(replace(fig, kind=kind, value=obs.value, unit=obs.unit, qualifier=obs.qualifier, fraction=False),
                        lang, strings)
