"""Typography and terminology of the dossier's own text: make check's rules, and the built pages."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from macros import checks, own_text, terminology, typography
from tests.helpers import ROOT

NBSP = "\u00a0"
TERMS = terminology.from_data(yaml.safe_load((ROOT / "data" / terminology.FILE).read_text(encoding="utf-8")))


@pytest.mark.parametrize(("straight", "lang", "curly"), [
    ("the dossier's figures", "en", "the dossier’s figures"),
    ('such as "more than", "about"', "en", "such as “more than”, “about”"),
    ("they avoid 'bandwagoning'", "en", "they avoid ‘bandwagoning’"),
    ("the authors' view", "en", "the authors’ view"),
    ('"a \'nested\' one"', "en", "“a ‘nested’ one”"),
    ('по словам "Самрук-Казыны"', "ru", "по словам «Самрук-Казыны»"),
])
def test_straight_marks_are_curled_by_the_languages_rules(straight, lang, curly):
    assert typography.curled(straight, lang) == curly


def test_a_straight_mark_is_reported_with_the_fix():
    [(at, what, fix)] = typography.problems("the source's account", "en")
    assert at == 10 and "straight '" in what and "the source’s account" in fix


@pytest.mark.parametrize(("text", "lang"), [("доля 40 %", "ru"), ("за 2 года", "ru"), ("3,8 трлн м³", "ru"),
                                            ("US$46 trillion", "en"), ("30 billion barrels", "en"), ("for 2 years", "en")])
def test_a_number_parted_from_its_unit_is_reported(text, lang):
    assert any("plain space between a number and its unit" in what for _, what, _ in typography.problems(text, lang))


@pytest.mark.parametrize(("text", "lang"), [(f"доля 40{NBSP}%", "ru"), ("в 2025 году", "ru"), ("in 2024 the", "en"),
                                            (f"US$46{NBSP}trillion", "en"), ("2 partners", "en")])
def test_bound_numbers_and_years_pass(text, lang):
    assert typography.problems(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "rule"), [
    ("Kazakh tourists visit Turkey", "en", "kazakhstani"),
    ("the Joint Kazakh-Chinese mini-satellite", "en", "kazakhstani"),
    ("запасы критических минералов", "ru", "critical-minerals-ru"),
])
def test_an_avoided_term_is_reported_with_the_preferred_one(text, lang, rule):
    [(_, what, fix)] = terminology.problems(TERMS, text, lang)
    assert rule in what and fix.startswith("use ")


@pytest.mark.parametrize(("text", "lang"), [("Kazakhs in Xinjiang", "en"), ("the Kazakh language", "en"),
                                            ("Kazakhstani tourists", "en"), ("критически важных минералов", "ru"),
                                            ("Kazakh tourists", "ru")])
def test_the_preferred_terms_and_other_languages_pass(text, lang):
    assert terminology.problems(TERMS, text, lang) == []


def test_a_page_reports_marks_and_terms_in_prose_only_at_their_lines():
    page = ('# Title { #home }\n\nThe source\'s words, {{ fig("x", label="a \'b\'") }} and\n'
            '<span class="x" title="y">Kazakh tourists</span> `code "here"`.\n')
    found = checks.wording_problems("docs/en/x.md", checks.own_prose(page), "en", TERMS)
    assert [(p.line, p.what.split(" (")[0]) for p in found] == [(3, "straight ' in 'The source's words,'"),
                                                                (4, "term 'Kazakh tourists'")]


def test_data_texts_leave_out_verbatim_quotes_and_word_lists():
    texts = own_text.data_texts(ROOT / "data", frozenset({"ru", "en"}))
    fields = {t.field for t in texts}
    assert {"label", "renderings", "summary"} <= fields
    assert all(t.field not in own_text.VERBATIM | own_text.WORD_LISTS for t in texts)
    assert not any(t.shown.endswith(("languages.yml", "terminology.yml")) for t in texts)


def test_the_real_dossiers_own_text_keeps_the_rules():
    terms = checks.terms_of(ROOT / "data", problems := [])
    assert not problems and terms
    assert checks.data_wording_problems(ROOT / "data", terms) == []


def _title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()


def test_each_editions_home_page_is_titled_with_the_site_name_alone(built_site):
    ru, en = ((built_site / p / "index.html").read_text(encoding="utf-8") for p in ("", "en"))
    assert _title(ru) == "Казахстан: критически важные минералы и многовекторность"
    assert _title(en) == "Kazakhstan: critical minerals and multi-vector diplomacy"
    assert _title((built_site / "en" / "partners" / "index.html").read_text(encoding="utf-8")).endswith(" - " + _title(en))


def test_the_home_pages_count_their_figures_in_the_right_form(built_site):
    ru = unescape((built_site / "index.html").read_text(encoding="utf-8"))
    en = unescape((built_site / "en" / "index.html").read_text(encoding="utf-8"))
    n = re.search(r"Все <span[^>]*>(\d+) (цифр\w*)</span> досье", ru)
    assert n and n.group(2) == {"one": "цифра", "few": "цифры", "many": "цифр"}[
        "one" if int(n.group(1)) % 10 == 1 and int(n.group(1)) % 100 != 11 else
        "few" if 2 <= int(n.group(1)) % 10 <= 4 and not 12 <= int(n.group(1)) % 100 <= 14 else "many"]
    assert re.search(r"All <span[^>]*>\d+ figures</span> of the dossier", en)
    assert f"US$46{NBSP}trillion" in en and f"46{NBSP}трлн{NBSP}долл.{NBSP}США" in ru


def test_a_wording_is_matched_literally_never_as_a_pattern():
    [rule] = terminology.from_data([{"id": "x", "lang": "en", "prefer": "y", "avoid": ["(a+)+$"], "why": {"en": "z"}}])
    assert terminology.problems((rule,), "a" * 5000 + "!", "en") == []
    assert terminology.problems((rule,), "it is (a+)+$ here", "en")
