"""Counts take their plural form from CLDR's rules (Babel), in every language."""
from __future__ import annotations

import pytest

from macros import check as check_command
from macros.i18n import NotAPlural, categories, plural
from macros.load import load_dossier
from tests.helpers import ROOT

STRINGS = load_dossier(ROOT / "data").strings


@pytest.mark.parametrize(("count", "shown"), [(1, "1 цифра"), (2, "2 цифры"), (5, "5 цифр"), (11, "11 цифр"),
                                              (21, "21 цифра"), (22, "22 цифры"), (25, "25 цифр")])
def test_russian_counts_take_the_cldr_form(count, shown):
    assert plural(STRINGS, "ui.figure_count", "ru", count) == shown


@pytest.mark.parametrize(("count", "shown"), [(1, "1 figure"), (2, "2 figures")])
def test_english_counts_take_the_cldr_form(count, shown):
    assert plural(STRINGS, "ui.figure_count", "en", count) == shown


def test_the_grid_caption_agrees_with_two_to_four_partners():
    assert plural(STRINGS, "ui.grid_partners", "ru", 3) == "3 партнёра"
    assert plural(STRINGS, "ui.grid_resources", "ru", 5) == "5 ресурсов"


def test_a_count_may_come_already_written_with_the_languages_grouping():
    assert plural(STRINGS, "ui.figure_count", "ru", 5000, n="5\u00a0000") == "5\u00a0000 цифр"


def test_a_plain_string_asked_for_a_count_is_refused_by_name():
    with pytest.raises(NotAPlural, match="ui.partner"):
        plural(STRINGS, "ui.partner", "ru", 2)


def test_the_categories_are_the_locales():
    assert categories("ru") == {"one", "few", "many", "other"}
    assert categories("en_GB") == {"one", "other"}


@pytest.mark.parametrize(("count", "line"), [(1, "1 problem found — fix it"), (2, "2 problems found — fix them")])
def test_make_checks_summary_counts_in_english(monkeypatch, capsys, count, line):
    from macros.problems import Problem
    monkeypatch.setattr(check_command, "check", lambda root: [Problem("x.md", 1, None, "what", "fix")] * count)
    assert check_command.main([]) == 1
    assert line in capsys.readouterr().err
