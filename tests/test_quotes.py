"""Reading a quote: numbers and their places, qualifiers and units by the number (ru, en and kk), dates,
occurrences; and what the loader says when the record disagrees with its quote."""
from __future__ import annotations

import dataclasses
import json
import unicodedata
from decimal import Decimal

import pytest
import yaml

from macros import agreement, languages, quote_words, quotes, render
from macros.model import Citation, Figure, L10n, Where
from tests.helpers import ROOT

SCHEMA = json.loads((ROOT / "data" / "schema" / "figures.schema.json").read_text(encoding="utf-8"))["items"]["properties"]
STRINGS = yaml.safe_load((ROOT / "data" / "strings.yml").read_text(encoding="utf-8"))


def mention(quote: str, value, lang: str) -> quotes.Mention:
    found = [m for m in quotes.mentions(quote, lang) if m.value == Decimal(str(value))]
    assert found, f"{value} not read from {quote!r}: {quotes.mentions(quote, lang)}"
    return found[0]


def qualifier(quote: str, value, lang: str) -> tuple[str, ...] | None:
    said = quote_words.qualifier_of(quote, mention(quote, value, lang), lang)
    return said and (said.words, *said.meanings)


def unit(quote: str, value, lang: str) -> tuple[str, str] | None:
    said = quote_words.unit_of(quote, mention(quote, value, lang), lang)
    return said and (said.words, said.meaning)


# --- numbers and where they stand --------------------------------------------------------------

def test_a_mention_knows_its_place_and_scale_word():
    quote = "на сумму 66,4 млрд долларов США"
    (m,) = [m for m in quotes.mentions(quote, "ru") if m.value == Decimal("66400000000")]
    assert quote[m.start:m.end] == "66,4 млрд" and m.scale == "млрд" and m.exponent == 9 and not m.fraction


def test_a_fraction_word_is_a_percentage_mention():
    (m,) = [m for m in quotes.mentions("почти четверть добычи", "ru") if m.fraction]
    assert m.value == 25 and (m.start, m.end) == (6, 14)


def test_numbers_in_still_lists_what_the_quote_states():
    assert quotes.numbers_in("3,8 трлн кубометров", "ru") == [Decimal("3800000000000")]
    assert quotes.numbers_in("some 5,000 deposits worth $46 trillion", "en")[:2] == [5000, 46 * 10**12]


@pytest.mark.parametrize("quote, expected", [
    ("30 миллиард баррельге бағаланады", [30_000_000_000]),  # a scale word, its ending kept
    ("газ қоры 3,8\u00a0трлн текше метрді құрайды", [3_800_000_000_000]),
    ("сомасы 66,4 млрд АҚШ доллары", [66_400_000_000]),
    ("5 мыңнан астам кен орны", [5000]),
    ("шамамен бір миллион қазақ тұрады", [1_000_000, 1]),  # «бір миллион»; «бір» alone is one
    ("Соңғы екі жылда", [2]),
    ("бірақ тек 37-сін ғана барлады", [37]),  # «бірақ» (but) is no «бір»; the ending after a hyphen is no number
])
def test_kazakh_numbers_scale_words_and_number_words(quote, expected):
    assert quotes.numbers_in(quote, "kk") == [Decimal(n) for n in expected]


# --- qualifiers --------------------------------------------------------------------------------

@pytest.mark.parametrize("quote, value, expected", [
    ("около 5000 месторождениями", 5000, ("около", "approximate")),
    ("Около 5000 месторождений", 5000, ("Около", "approximate")),
    ("примерно 40% добычи", 40, ("примерно", "approximate")),
    ("порядка 30 миллиардов баррелей", 30_000_000_000, ("порядка", "approximate")),
    ("приблизительно 17 млрд", 17_000_000_000, ("приблизительно", "approximate")),
    ("почти четверть добычи урана", 25, ("почти", "almost")),
    ("реализуется более 171 совместного проекта", 171, ("более", "more-than")),
    ("в более чем 200 проектов", 200, ("более чем", "more-than")),
    ("свыше 200 проектов", 200, ("свыше", "more-than")),
    ("ПИИ превысил 200 млрд долларов США", 200_000_000_000, ("превысил", "more-than")),
    ("объём превышает 200 млрд", 200_000_000_000, ("превышает", "more-than")),
    ("не менее 40 процентов", 40, ("не менее", "at-least")),
    ("как минимум 29 соглашений", 29, ("как минимум", "at-least")),
    ("менее 40 процентов", 40, ("менее", "less-than")),
    ("меньше 29 соглашений", 29, ("меньше", "less-than")),
    ("не более 40 процентов", 40, ("не более", "at-most")),
    ("до 40% добычи", 40, ("до", "at-most")),
    ("200 с лишним проектов", 200, ("с лишним", "more-than")),
    ("около $46 трлн", 46 * 10**12, ("около", "approximate")),
])
def test_russian_qualifiers_are_read_by_the_number(quote, value, expected):
    assert qualifier(quote, value, "ru") == expected


@pytest.mark.parametrize("quote, value, expected", [
    ("about 5,000 deposits", 5000, ("about", "approximate")),
    ("around $46 trillion", 46 * 10**12, ("around", "approximate")),
    ("approximately 40% of output", 40, ("approximately", "approximate")),
    ("roughly 30 billion barrels", 30_000_000_000, ("roughly", "approximate")),
    ("some 5,000 deposits", 5000, ("some", "approximate")),
    ("nearly a quarter of output", 25, ("nearly", "almost")),
    ("almost 40% of output", 40, ("almost", "almost")),
    ("more than 200 projects", 200, ("more than", "more-than")),
    ("over 200 projects", 200, ("over", "more-than")),
    ("over 200 billion dollars", 200_000_000_000, ("over", "more-than")),
    ("FDI exceeded US$200 billion", 200_000_000_000, ("exceeded", "more-than")),
    ("at least 29 agreements", 29, ("at least", "at-least")),
    ("less than 40% of output", 40, ("less than", "less-than")),
    ("under 40% of output", 40, ("under", "less-than")),
    ("fewer than 29 agreements", 29, ("fewer than", "less-than")),
    ("up to 17 billion US dollars", 17_000_000_000, ("up to", "at-most")),
    ("just under 40% of output", 40, ("just under", "almost", "less-than")),
    ("200 or more projects", 200, ("or more", "at-least", "more-than")),
])
def test_english_qualifiers_are_read_by_the_number(quote, value, expected):
    assert qualifier(quote, value, "en") == expected


@pytest.mark.parametrize("quote, value, lang", [
    ("стоимостью 46 трлн долларов США", 46 * 10**12, "ru"),
    ("оцениваемые в 30 миллиардов баррелей", 30_000_000_000, "ru"),
    ("но разведало только 37", 37, "ru"),
    ("доля выросла до 40%", 40, "ru"),  # rose to 40%: «до» is no qualifier here
    ("от 2 до 3 млрд долларов", 3_000_000_000, "ru"),  # the end of a range
    ("более важно, что 40% урана", 40, "ru"),  # a qualifier word that does not stand by the number
    ("the deposits are worth $46 trillion", 46 * 10**12, "en"),
    ("from 2 up to 3 billion dollars", 3_000_000_000, "en"),
    ("over the years 40% of output", 40, "en"),
    ("$5 billion spread over two years", 2, "en"),  # "over" a length of time is "during"
])
def test_words_that_do_not_qualify_the_number(quote, value, lang):
    assert qualifier(quote, value, lang) is None


@pytest.mark.parametrize("quote, value, expected", [
    ("171-ден астам бірлескен жоба", 171, ("-ден астам", "more-than")),  # after the number, on its ablative ending
    ("Қытай елдегі 200-ден астам жобаға", 200, ("-ден астам", "more-than")),
    ("200-ден аса жоба", 200, ("-ден аса", "more-than")),
    ("200 млрд АҚШ долларынан асты", 200_000_000_000, ("асты", "more-than")),  # after the unit
    ("5 мың тоннадан артық", 5000, ("артық", "more-than")),
    ("шамамен 5000 кен орны", 5000, ("шамамен", "approximate")),  # before the number
    ("жалпы сомасы шамамен 17 млрд АҚШ доллары", 17_000_000_000, ("шамамен", "approximate")),
    ("5000-дай кен орны", 5000, ("-дай", "approximate")),
    ("200 млрд доллар төңірегінде", 200_000_000_000, ("төңірегінде", "approximate")),
    ("уран өндірудің төрттен біріне жуығын", 25, ("жуығын", "almost", "approximate")),
    ("1000-ға жуық адам", 1000, ("-ға жуық", "almost", "approximate")),
    ("кемінде 29 келісім", 29, ("кемінде", "at-least")),
    ("2,5 млн тоннадан кем емес", 2_500_000, ("кем емес", "at-least")),
    ("40%-дан кем", 40, ("-дан кем", "less-than")),
    ("ең көбі 40% үлес", 40, ("ең көбі", "at-most")),
    ("40%-ға дейін", 40, ("-ға дейін", "at-most")),
    ("200-ден аспайды", 200, ("-ден аспайды", "at-most")),
])
def test_kazakh_qualifiers_are_read_by_the_number(quote, value, expected):
    assert qualifier(quote, value, "kk") == expected


@pytest.mark.parametrize("quote, value", [
    ("бірақ тек 37-сін ғана барлады", 37),
    ("сомасы 56 млрд АҚШ доллары", 56_000_000_000),
    ("ТШИ жалпы көлемінің 48%-ын құрайды", 48),
    ("2005 жылдан 2024 жылға дейінгі кезеңде", 2005),  # «дейінгі» (until) is not «дейін» (up to) by a number
    ("әлемдік өндірістің 40%-ы аса маңызды", 40),  # «аса» (very) after «-ы», not after «-дан»
])
def test_kazakh_words_that_do_not_qualify_the_number(quote, value):
    assert qualifier(quote, value, "kk") is None


def test_the_longest_qualifier_wins():
    assert qualifier("не более 40%", 40, "ru")[1] == "at-most"  # not «более»
    assert qualifier("не менее 40%", 40, "ru")[1] == "at-least"  # not «менее»
    assert qualifier("just under 40%", 40, "en")[1] == "almost"  # not "under"


# --- units and currencies ----------------------------------------------------------------------

@pytest.mark.parametrize("quote, value, expected", [
    ("стоимостью 46 трлн долларов США", 46 * 10**12, ("долларов США", "USD")),
    ("на сумму 56 млрд долл. США", 56_000_000_000, ("долл. США", "USD")),
    ("46 трлн долларов", 46 * 10**12, ("долларов", "USD")),
    ("$46 трлн", 46 * 10**12, ("$", "USD")),
    ("10 млрд евро", 10_000_000_000, ("евро", "EUR")),
    ("€10 млрд", 10_000_000_000, ("€", "EUR")),
    ("5 млрд тенге", 5_000_000_000, ("тенге", "KZT")),
    ("5 млрд канадских долларов", 5_000_000_000, ("канадских долларов", "other-dollar")),
    ("40% мирового производства", 40, ("%", "percent")),
    ("40 % мирового производства", 40, ("%", "percent")),
    ("75 процентов его нефти", 75, ("процентов", "percent")),
    ("почти четверть добычи", 25, ("четверть", "percent")),
    ("половина экспорта", 50, ("половина", "percent")),
    ("4 процентных пункта", 4, ("процентных пункта", "percentage-point")),
    ("30 миллиардов баррелей", 30_000_000_000, ("баррелей", "barrel")),
    ("3,8 трлн кубометров", 3_800_000_000_000, ("кубометров", "cubic-metre")),
    ("40 млрд кубических метров", 40_000_000_000, ("кубических метров", "cubic-metre")),
    ("40 млрд м³", 40_000_000_000, ("м³", "cubic-metre")),
    ("1,2 млн тонн руды", 1_200_000, ("тонн", "tonne")),
    ("За последние два года", 2, ("года", "year")),
    ("за 5 лет", 5, ("лет", "year")),
    ("за 6 месяцев", 6, ("месяцев", "month")),
])
def test_russian_units_are_read_by_the_number(quote, value, expected):
    assert unit(quote, value, "ru") == expected


@pytest.mark.parametrize("quote, value, expected", [
    ("worth US$46 trillion", 46 * 10**12, ("US$", "USD")),
    ("worth $46 trillion", 46 * 10**12, ("$", "USD")),
    ("USD 17 billion", 17_000_000_000, ("USD", "USD")),
    ("46 trillion US dollars", 46 * 10**12, ("US dollars", "USD")),
    ("46 trillion dollars", 46 * 10**12, ("dollars", "USD")),
    ("€10 billion", 10_000_000_000, ("€", "EUR")),
    ("10 billion euros", 10_000_000_000, ("euros", "EUR")),
    ("5 billion Canadian dollars", 5_000_000_000, ("Canadian dollars", "other-dollar")),
    ("40% of world output", 40, ("%", "percent")),
    ("75 per cent of its oil", 75, ("per cent", "percent")),
    ("75 percent of its oil", 75, ("percent", "percent")),
    ("a quarter of output", 25, ("a quarter", "percent")),
    ("nearly half of exports", 50, ("half", "percent")),
    ("30 billion barrels", 30_000_000_000, ("barrels", "barrel")),
    ("3.8 trillion cubic metres", 3_800_000_000_000, ("cubic metres", "cubic-metre")),
    ("3.8 trillion m³", 3_800_000_000_000, ("m³", "cubic-metre")),
    ("1.2 million tonnes of ore", 1_200_000, ("tonnes", "tonne")),
    ("over the past two years", 2, ("years", "year")),
])
def test_english_units_are_read_by_the_number(quote, value, expected):
    assert unit(quote, value, "en") == expected


@pytest.mark.parametrize("quote, value, expected", [
    ("құны 46 трлн АҚШ доллары", 46 * 10**12, ("АҚШ доллары", "USD")),
    ("23 млрд АҚШ долларын инвестициялады", 23_000_000_000, ("АҚШ долларын", "USD")),
    ("150 млн долларды", 150_000_000, ("долларды", "USD")),
    ("$150 млн", 150_000_000, ("$", "USD")),
    ("10 млрд еуро", 10_000_000_000, ("еуро", "EUR")),
    ("5 млрд теңге", 5_000_000_000, ("теңге", "KZT")),
    ("5 млрд Канада доллары", 5_000_000_000, ("Канада доллары", "other-dollar")),
    ("уран өндірісінің 40%-ы", 40, ("%", "percent")),
    ("мұнайының 75 пайызы", 75, ("пайызы", "percent")),
    ("төрттен біріне жуығын", 25, ("төрттен біріне", "percent")),
    ("экспорттың жартысы", 50, ("жартысы", "percent")),
    ("2 пайыздық тармаққа", 2, ("пайыздық тармаққа", "percentage-point")),
    ("30 миллиард баррельге", 30_000_000_000, ("баррельге", "barrel")),
    ("3,8 трлн текше метрді", 3_800_000_000_000, ("текше метрді", "cubic-metre")),
    ("40 млрд м³", 40_000_000_000, ("м³", "cubic-metre")),
    ("4,6 млн тонна хромит", 4_600_000, ("тонна", "tonne")),
    ("6 млн тоннадан астам", 6_000_000, ("тоннадан", "tonne")),
    ("Соңғы екі жылда", 2, ("жылда", "year")),
    ("6 айда", 6, ("айда", "month")),
])
def test_kazakh_units_are_read_by_the_number(quote, value, expected):
    assert unit(quote, value, "kk") == expected


@pytest.mark.parametrize("quote, value, lang", [
    ("около 5000 месторождениями", 5000, "ru"),
    ("проконтролировали подписание 29 соглашений", 29, "ru"),
    ("на Астану приходится 40 мирового", 40, "ru"),
    ("29 agreements", 29, "en"),
    ("40 tons", 40, "ru"),  # English words are not read in a Russian quote
])
def test_no_unit_by_the_number(quote, value, lang):
    assert unit(quote, value, lang) is None


def test_the_unit_named_further_on_serves_a_number_without_one():
    quote = "от 2 до 3 млрд долларов"
    said = quote_words.next_unit(quote, mention(quote, 2, "ru"), "ru")
    assert (said.words, said.meaning) == ("долларов", "USD")
    assert quote_words.next_unit("2 соглашения", mention("2 соглашения", 2, "ru"), "ru") is None


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("quote, lang, expected", [
    ("В сентябре 2024 года две страны подписали", "ru", {"2024", "2024-09"}),
    ("15 сентября 2024 года", "ru", {"2024", "2024-09", "2024-09-15"}),
    ("In September 2024 the two countries signed", "en", {"2024", "2024-09"}),
    ("2023 году, в сентябре", "ru", {"2023"}),  # Russian writes the month before the year
    # Kazakh writes the year first (CLDR kk: «y 'ж'. d MMMM»), with its word and the month's case ending
    ("2024 жылдың қыркүйегінде екі ел келісімге қол қойды", "kk", {"2024", "2024-09"}),
    ("2024 жылғы 15 қыркүйекте", "kk", {"2024", "2024-09", "2024-09-15"}),
    ("2024\u202fж. 3 желтоқсан", "kk", {"2024", "2024-12", "2024-12-03"}),
    ("2025 жылдың бірінші жартысында", "kk", {"2025"}),
    ("2005 жылдан 2024 жылға дейінгі кезеңде", "kk", {"2005", "2024"}),
])
def test_dates_are_read_in_the_languages_order(quote, lang, expected):
    assert quotes.dates_in(quote, lang) == expected


# --- occurrences -------------------------------------------------------------------------------

def test_locate_finds_every_occurrence():
    text = "Москва остается партнёром. Москва остается поставщиком."
    assert quotes.locate("Москва остается", text) == [(0, 15), (27, 42)]
    assert quotes.locate("поставщиком", text) == [(43, 54)]
    assert quotes.locate("Пекин", text) == []
    assert quotes.locate("", text) == []
    assert quotes.locate("аа", "ааа") == [(0, 2), (1, 3)]  # overlapping ones count: each can be highlighted


def test_locate_picks_the_occurrence():
    text = "40% урана; 40% меди"
    assert quotes.locate("40%", text, 1) == [(0, 3)]
    assert quotes.locate("40%", text, 2) == [(11, 14)]
    assert quotes.locate("40%", text, 3) == []
    assert quotes.locate("40%", text, 0) == []
    assert quotes.locate("50%", text, 1) == []


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u2007"])
def test_spaces_of_another_kind_match_one_for_one(space):
    text = f"запасы газа составляют 3,8{space}трлн кубометров"
    assert quotes.locate("3,8 трлн кубометров", text) == [(23, 42)]
    assert quotes.locate(f"составляют{space}3,8", "составляют 3,8") == [(0, 14)]
    assert quotes.locate("3,8  трлн", text) == []  # two spaces are not one
    assert quotes.locate("3,8трлн", text) == []  # and a space is not nothing


def test_the_highlight_marks_the_paragraphs_own_characters():
    fig = figure(id="gas", quote="3,8 трлн кубометров")
    html = render.highlighted("газа 3,8\u00a0трлн кубометров.", [fig])
    assert html == 'газа <mark class="dossier-quote" data-figs="gas">3,8\u00a0трлн кубометров</mark>.'


def test_a_thin_space_groups_thousands():
    assert quotes.numbers_in("1\u2009200 тонн", "ru") == [Decimal(1200)]


# --- a quote not found: what differs -----------------------------------------------------------

PARAGRAPH = "Москва остается главным поставщиком, а Пекин — покупателем."


@pytest.mark.parametrize("quote, expected", [
    ("Москвa остается", "the quote differs from the paragraph only in lookalike letters (after «Москв» the quote has "
                        "Latin 'a' (U+0061) where the paragraph has Cyrillic 'а' (U+0430)); "
                        "copy this passage exactly: «Москва остается»"),
    ("Москва остаетcя главным", "after «Москва остает» the quote has Latin 'c' (U+0063) where the paragraph has "
                                "Cyrillic 'с' (U+0441)"),
    ("МОСКВА", "closest passage in the paragraph:"),  # not a lookalike: other words
    ("Пекин — покупателем", None),
    ("Пекин - покупателем", "only in dashes (after «Пекин» the quote has a hyphen where the paragraph has an em dash)"),
    ("Москва остаётся", "only in ё/е (after «Москва оста» the quote has ‹ё› where the paragraph has ‹е›)"),
    ("Москва oстаётся", "only in lookalike letters, ё/е (after «Москва» the quote has Latin 'o' (U+006F) where the "
                        "paragraph has Cyrillic 'о' (U+043E);"),
    ("Москва  остается", "only in spacing (after «Москва» the quote has a space where the paragraph has nothing)"),
])
def test_a_mismatch_names_what_differs(quote, expected):
    if expected is None:
        assert quotes.locate(quote, PARAGRAPH)
        return
    assert not quotes.locate(quote, PARAGRAPH)
    assert expected in quotes.explain_mismatch(quote, PARAGRAPH)


@pytest.mark.parametrize("latin, other", [("a", "а"), ("e", "е"), ("o", "о"), ("p", "р"), ("c", "с"), ("x", "х"),
                                          ("y", "у"), ("i", "і"), ("A", "А"), ("B", "В"), ("E", "Е"), ("K", "К"),
                                          ("M", "М"), ("H", "Н"), ("O", "О"), ("P", "Р"), ("C", "С"), ("T", "Т"),
                                          ("X", "Х"), ("o", "ο"), ("A", "Α")])
def test_every_lookalike_is_named_by_its_script(latin, other):
    paragraph = f"слово {other}{other} слово"
    said = quotes.explain_mismatch(f"слово {latin}{other} слово", paragraph)
    script = "Greek" if "GREEK" in unicodedata.name(other) else "Cyrillic"
    assert f"the quote has Latin '{latin}' (U+{ord(latin):04X}) where the paragraph has {script} '{other}'" in said, said


# --- the record against its quote --------------------------------------------------------------

def figure(quote: str = "около 5000 месторождениями", **fields) -> Figure:
    base = dict(id="x", kind="count", value=5000, unit=None, qualifier="exact", period=None, display=None,
                label=L10n(ru="x", en="x"), partners=(), resources=(), headline=False,
                citation=Citation("s", "p1", quote), notes=(), where=Where("data/figures.yml", 1))
    return Figure(**{**base, **fields})


def said(fig: Figure, lang: str = "ru") -> list[str]:
    return [f"{what} — {fix}" for _, what, fix in agreement.disagreements(fig, lang)]


@pytest.mark.parametrize("fig, lang", [
    (figure(qualifier="approximate"), "ru"),
    (figure(kind="money", value=46 * 10**12, unit="USD", quote="стоимостью 46 трлн долларов США"), "ru"),
    (figure(kind="share", value=25, unit="percent", qualifier="almost", quote="почти четверть добычи"), "ru"),
    (figure(kind="duration", value=2, unit="year", quote="За последние два года"), "ru"),
    (figure(kind="money", value=2_000_000_000, unit="USD", quote="от 2 млрд до 3 млрд долларов"), "ru"),
    (figure(kind="money", value=46 * 10**12, unit="USD", qualifier="approximate", quote="about $46 trillion"), "en"),
    (figure(kind="share", value=40, unit="percent", qualifier="less-than", quote="just under 40%"), "en"),
    (figure(kind="share", value=40, unit="percent", qualifier="almost", quote="just under 40%"), "en"),
    (figure(kind="date", value="2022", quote="около 2022 года"), "ru"),  # dates have neither qualifier nor unit
    (figure(kind="rank", value=None, quote="одним из ведущих"), "ru"),
    (figure(kind="share", value=25, unit="percent", qualifier="almost", quote="төрттен біріне жуығын"), "kk"),
    (figure(kind="money", value=200_000_000_000, unit="USD", qualifier="more-than",
            quote="200 млрд АҚШ долларынан асты"), "kk"),
    (figure(kind="count", value=171, qualifier="more-than", quote="171-ден астам бірлескен жоба"), "kk"),
    (figure(kind="duration", value=2, unit="year", quote="Соңғы екі жылда"), "kk"),
])
def test_a_record_that_agrees_with_its_quote(fig, lang):
    assert said(fig, lang) == []


def test_a_qualifier_the_quote_contradicts():
    (line,) = said(figure(qualifier="more-than"))
    assert line == ("the quote says «около» (approximate) but qualifier is 'more-than' — "
                    "set qualifier: \"approximate\" (the quote is verbatim source text and does not change)")


def test_a_qualifier_word_where_the_record_is_exact():
    (line,) = said(figure())
    assert "the quote says «около» (approximate) but qualifier is 'exact' (the default when none is given)" in line


def test_a_qualifier_the_quote_does_not_state():
    (line,) = said(figure(qualifier="more-than", value=29, quote="подписание 29 соглашений"))
    assert line.startswith("qualifier is 'more-than' but the quote states «29» with no word that qualifies it "
                           "(such as «более») — remove the qualifier")
    (line,) = said(figure(qualifier="at-least", value=29, quote="the signing of 29 agreements"), "en")
    assert "(such as «at least»)" in line


def test_a_kazakh_qualifier_the_quote_contradicts():
    (line,) = said(figure(value=171, quote="171-ден астам бірлескен жоба"), "kk")
    assert line.startswith("the quote says «-ден астам» (more-than) but qualifier is 'exact'")
    (line,) = said(figure(qualifier="at-least", value=29, quote="29 келісімге қол қойды"), "kk")
    assert "(such as «кемінде»)" in line


def test_an_english_qualifier_the_quote_contradicts():
    (line,) = said(figure(qualifier="approximate", value=200, quote="more than 200 projects"), "en")
    assert line.startswith("the quote says «more than» (more-than) but qualifier is 'approximate'")


@pytest.mark.parametrize("fig, lang, expected", [
    (figure(kind="money", value=46 * 10**12, unit="EUR", quote="стоимостью 46 трлн долларов США"), "ru",
     "the quote says «долларов США» (USD) but unit is 'EUR' — set unit: \"USD\""),
    (figure(kind="money", value=10_000_000_000, unit="USD", quote="€10 billion for the corridor"), "en",
     "the quote says «€» (EUR) but unit is 'USD' — set unit: \"EUR\""),
    (figure(kind="money", value=5_000_000_000, unit="USD", quote="5 млрд тенге"), "ru",
     "the quote says «тенге» (KZT) but unit is 'USD' — the dossier has no unit 'KZT'"),
    (figure(kind="volume", value=30_000_000_000, unit="cubic-metre", quote="30 billion barrels"), "en",
     "the quote says «barrels» (barrel) but unit is 'cubic-metre' — set unit: \"barrel\""),
    (figure(kind="money", value=17_000_000_000, unit="USD", quote="на общую сумму 17 млрд"), "ru",
     "unit is 'USD' but the quote names no unit for «17 млрд» (such as «долларов США») — extend the quote"),
    (figure(kind="count", value=46 * 10**12, quote="стоимостью 46 трлн долларов США"), "ru",
     "the quote says «долларов США» (USD) by «46 трлн» but the record has no unit (kind 'count') — "
     "set kind: \"money\" with unit: \"USD\""),
])
def test_a_unit_the_quote_contradicts_or_does_not_name(fig, lang, expected):
    (line,) = said(fig, lang)
    assert line.startswith(expected), line


@pytest.mark.parametrize("fig, lang, expected", [
    (figure(kind="count", value=40, quote="На Астану приходится 40% мирового производства урана"), "ru",
     "kind is 'count' but the quote states «40» as a percent («%»)"),
    (figure(kind="count", value=40, unit="percent", quote="40 процентов добычи"), "ru",
     "kind is 'count' but the quote states «40» as a percent («процентов»)"),
    (figure(kind="count", value=75, quote="75 per cent of its oil"), "en",
     "kind is 'count' but the quote states «75» as a percent («per cent»)"),
])
def test_a_count_stated_as_a_percent(fig, lang, expected):
    (line,) = said(fig, lang)
    assert line.startswith(expected) and line.endswith("a percentage is kind: \"share\" with unit: \"percent\"")


@pytest.mark.parametrize("fig, lang, expected", [
    (figure(kind="share", value=40, unit="percent", quote="40 месторождений урана"), "ru",
     "kind is 'share' but the quote does not state «40» as a percent — a share needs «%»"),
    (figure(kind="share", value=40, unit="percent", quote="40 dollars a barrel"), "en",
     "kind is 'share' but the quote does not state «40» as a percent (it says «dollars», USD)"),
])
def test_a_share_without_a_percent(fig, lang, expected):
    (line,) = said(fig, lang)
    assert line.startswith(expected), line


def test_a_value_off_by_a_scale_names_the_scale():
    assert agreement.scale_slip(56_000_000, "на сумму 56 млрд долларов США", "ru") == (
        "«56 млрд» (млрд = 10^9) is 56_000_000_000, 1_000 times the value", "56_000_000_000")
    assert agreement.scale_slip(3_800_000_000, "3.8 trillion cubic metres", "en") == (
        "«3.8 trillion» (trillion = 10^12) is 3_800_000_000_000, 1_000 times the value", "3_800_000_000_000")
    assert agreement.scale_slip(40_000, "40% of output", "en") == ("«40» (no scale word) is 40; the value is 1_000 times that", "40")
    assert agreement.scale_slip(41, "40% of output", "en") is None


# --- the table matches the schema and the strings ------------------------------------------------

def test_every_meaning_in_the_table_is_a_schema_value_or_a_named_foreign_unit():
    qualifiers = set(SCHEMA["qualifier"]["enum"])
    tables = {lang: languages.rules(lang).reading for lang in languages.readers()}  # data/languages.yml
    assert len(tables) >= 2
    for lang, table in tables.items():
        assert set(table) == set(next(iter(tables.values()))), lang  # every language has every part
        for part in ("qualifier_before", "qualifier_after"):
            for meanings in table[part].values():
                assert set(meanings) <= qualifiers, (lang, meanings)
        read = set(table["unit_after"].values()) | set(table["unit_before"].values())
        assert set(SCHEMA["unit"]["enum"]) <= read, lang  # every unit a record may have can be read
        assert set(SCHEMA["unit"]["enum"]) | (qualifiers - {"exact"}) <= set(table["examples"]), lang


def test_the_units_agreement_knows_are_the_schema_units():
    assert list(agreement.KIND_OF_UNIT) == SCHEMA["unit"]["enum"]
    assert set(agreement.KIND_OF_UNIT.values()) <= set(SCHEMA["kind"]["enum"])


def test_every_qualifier_can_be_shown():
    for q in SCHEMA["qualifier"]["enum"]:
        assert q == "exact" or f"qualifier.{q}" in STRINGS, q


def test_the_occurrence_field_is_in_the_schema_and_the_model():
    assert SCHEMA["occurrence"]["type"] == "integer" and SCHEMA["occurrence"]["minimum"] == 1
    cite = figure().citation
    assert dataclasses.replace(cite, occurrence=2).occurrence == 2 and cite.occurrence is None
