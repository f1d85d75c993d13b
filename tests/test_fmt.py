"""Formatting: one stored value, shown by the rules of each language."""
from __future__ import annotations

import dataclasses

import pytest

from macros import fmt
from macros.load import load_dossier
from macros.model import Citation, Figure, L10n, Where
from tests.helpers import ROOT, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
STRINGS = DOSSIER.strings
RU, EN = DOSSIER.languages["ru"], DOSSIER.languages["en"]  # the rules of data/languages.yml
NBSP = "\u00a0"
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before «г.»


def figure(**kw) -> Figure:
    base = dict(id="x", kind="count", value=1, unit=None, qualifier="exact", period=None, display=None,
                label=L10n(ru="x", en="x"), partners=(), resources=(), headline=False,
                citation=Citation("s", "p1", "q"), notes=(), where=Where("data/figures.yml", 1))
    base.update(kw)
    return Figure(**base)


@pytest.mark.parametrize("value, ru, en", [
    (5000, f"5{NBSP}000", "5,000"),
    (124, "124", "124"),
    (1_000_000, f"1{NBSP}млн", f"1{NBSP}million"),
    (66_400_000_000, f"66,4{NBSP}млрд", f"66.4{NBSP}billion"),
    (3_800_000_000_000, f"3,8{NBSP}трлн", f"3.8{NBSP}trillion"),
    (46_000_000_000_000, f"46{NBSP}трлн", f"46{NBSP}trillion"),
    (1_250_000_000, f"1,25{NBSP}млрд", f"1.25{NBSP}billion"),
])
def test_amounts(value, ru, en):
    assert fmt.amount(value, RU) == ru
    assert fmt.amount(value, EN) == en



@pytest.mark.parametrize("value, power, ru, en", [
    (66_400_000_000, 9, "млрд", "billion"),
    (3_800_000_000_000, 12, "трлн", "trillion"),
    (5_000_000, 6, "млн", "million"),
    (999_999, 0, "", ""),
])
def test_the_scale_word_alone_is_the_one_an_amount_is_written_with(value, power, ru, en):
    """A chart's axis title names the scale word once (charts.axis_title): the same word as the figures'."""
    assert fmt.exponent(value) == power
    assert (fmt.scale_word(power, RU), fmt.scale_word(power, EN)) == (ru, en)
    assert ru in fmt.amount(value, RU) and en in fmt.amount(value, EN)

@pytest.mark.parametrize("fig, ru, en", [
    (figure(kind="share", value=40, unit="percent"), f"40{NBSP}%", "40%"),
    (figure(kind="share", value=25, unit="percent", qualifier="almost"), f"почти 25{NBSP}%", "almost 25%"),
    (figure(kind="money", value=46_000_000_000_000, unit="USD"), f"46{NBSP}трлн{NBSP}долл.{NBSP}США", f"US$46{NBSP}trillion"),
    (figure(kind="money", value=200_000_000_000, unit="USD", qualifier="more-than"),
     f"более 200{NBSP}млрд{NBSP}долл.{NBSP}США", f"more than US$200{NBSP}billion"),
    (figure(kind="volume", value=3_800_000_000_000, unit="cubic-metre"), f"3,8{NBSP}трлн{NBSP}м³", f"3.8{NBSP}trillion{NBSP}m³"),
    (figure(kind="volume", value=30_000_000_000, unit="barrel"), f"30{NBSP}млрд{NBSP}баррелей", f"30{NBSP}billion{NBSP}barrels"),
    (figure(kind="count", value=5000, qualifier="approximate"), f"около 5{NBSP}000", "about 5,000"),
    (figure(kind="duration", value=2, unit="year"), f"2{NBSP}года", f"2{NBSP}years"),
    (figure(kind="date", value="2024-09"), f"сентябрь 2024{NNBSP}г.", "September 2024"),
    (figure(kind="date", value="2022"), "2022", "2022"),
    (figure(kind="rank", value=None, display=L10n(ru="одна из", en="one of")), "одна из", "one of"),
])
def test_figure_values(fig, ru, en):
    assert fmt.figure_value(fig, RU, STRINGS) == ru
    assert fmt.figure_value(fig, EN, STRINGS) == en


@pytest.mark.parametrize("period, ru, en", [
    ("2005/2024", "2005–2024", "2005–2024"),
    ("2025-H1", "1-е полугодие 2025 г.", "H1 2025"),
    ("2023-Q3", "3-й квартал 2023 г.", "Q3 2023"),
    ("2024", "2024", "2024"),
    (None, "", ""),
])
def test_periods(period, ru, en):
    assert fmt.period(period, RU, STRINGS) == ru
    assert fmt.period(period, EN, STRINGS) == en


def test_full_dates():
    assert fmt.iso_date("2025-12-13", RU) == f"13 декабря 2025{NNBSP}г."
    assert fmt.iso_date("2025-12-13", EN) == "13 December 2025"  # British (en_GB)


def test_every_real_figure_formats_in_both_languages():
    d = load_dossier(ROOT / "data")
    for f in d.figures:
        ru, en = (fmt.figure_value(f, d.languages[lang], d.strings) for lang in ("ru", "en"))
        assert ru and en, f.id
        if f.is_numeric and f.kind != "date":
            assert ru != en or f.kind == "count", f.id  # units/qualifiers differ by language
    unknown = dataclasses.replace(d.figures[0], qualifier="exact")
    assert fmt.figure_value(unknown, RU, d.strings)


def test_every_date_shown_is_formatted_by_fmt_alone():
    """No module but macros/fmt.py formats a date for a reader (Babel's dates, strftime with month
    or day names): one date style per edition, the locale's."""
    import re
    readers = re.compile(r"babel\.dates|format_date\(|format_skeleton\(|strftime\(\"[^\"]*%[aAbBp]")
    offenders = [p.relative_to(ROOT).as_posix() for folder in ("macros", "hooks") for p in sorted((ROOT / folder).glob("*.py"))
                 if p.name != "fmt.py" and readers.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_figures_value_keeps_number_scale_and_unit_together_but_not_its_qualifier():
    fig = figure(kind="money", value=200_000_000_000, unit="USD", qualifier="more-than")
    assert fmt.figure_value(fig, EN, STRINGS) == f"more than US$200{NBSP}billion"
    assert fmt.bound("3,8 трлн м³") == f"3,8{NBSP}трлн{NBSP}м³"
