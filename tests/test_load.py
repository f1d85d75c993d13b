"""Loading and validating data: the real dossier, a valid fixture, and every kind of bad input."""
from __future__ import annotations

import shutil

import pytest
import yaml

from macros.load import load_dossier
from macros.problems import DossierError
from tests.helpers import FIXTURES, ROOT, fixture_data

CASES = yaml.safe_load((FIXTURES / "bad_input.yml").read_text(encoding="utf-8"))


def test_real_dossier_loads_with_every_figure_sourced():
    d = load_dossier(ROOT / "data")
    assert len(d.figures) >= 25
    for fig in d.figures:
        paragraph = d.sources[fig.source].paragraph(fig.paragraph)
        assert fig.quote in paragraph.text, fig.id


def test_real_source_keeps_lead_headings_and_credits():
    src = load_dossier(ROOT / "data").sources["kazakhstan-critical-minerals"]
    roles = [p.role for p in src.paragraphs]
    assert roles[0] == "lead" and roles.count("heading") == 3 and len(roles) == 13
    assert [p.number for p in src.paragraphs] == list(range(1, 14))
    assert src.credits[-2] == "Перевод Дианы Канбаковой"
    assert not src.date.known and src.date.not_before == "2025-12-13"


def test_real_source_text_is_verbatim():
    original = (ROOT.parent / "shared" / "sources" / "kazakhstan-critical-minerals.ru.txt")
    if not original.exists():
        pytest.skip("shared/sources is not beside this checkout")
    lines = original.read_text(encoding="utf-8").split("\n")
    src = load_dossier(ROOT / "data").sources["kazakhstan-critical-minerals"]
    assert [p.text for p in src.paragraphs] == lines[:13]
    assert list(src.credits) == lines[13:19]


def test_fixture_base_is_valid(tmp_path):
    d = load_dossier(fixture_data(tmp_path))
    assert [f.id for f in d.figures] == ["uranium-share", "gas-reserves", "agreement-date"]
    assert d.by_partner["turkey"][0].id == "gas-reserves"
    assert d.figures[0].where.line == 1 and d.figures[1].where.line == 11


def test_a_quote_found_twice_loads_with_its_occurrence(tmp_path):
    twice = "На Астану приходится 40% мирового производства урана"
    data = fixture_data(tmp_path, {
        "sources/sample-source.yml": (f'text: "{twice},', f'text: "{twice}. {twice},'),
        "figures.yml": (f'  quote: "{twice}"', f'  quote: "{twice}"\n  occurrence: 2'),
    })
    fig = load_dossier(data).figure_by_id["uranium-share"]
    assert fig.occurrence == 2
    assert load_dossier(fixture_data(tmp_path / "plain")).figure_by_id["uranium-share"].occurrence is None


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input_stops_with_a_clear_message(tmp_path, case):
    data = fixture_data(tmp_path)
    if "copy" in case:  # a second file made from the first, e.g. a duplicate source
        shutil.copy(data / case["copy"], data / case["file"])
    path = data / case["file"]
    text = path.read_text(encoding="utf-8")
    if "old" in case:
        assert case["old"] in text, f"fixture edit does not apply: {case['old']!r}"
        text = text.replace(case["old"], case["new"], 1)
    path.write_text(text + case.get("append", ""), encoding="utf-8")
    with pytest.raises(DossierError) as err:
        load_dossier(data)
    message = str(err.value)
    lines = message.splitlines()
    for expected in [case["expect"], *case.get("expect_also", [])]:
        assert any(_in_order(line, expected) for line in lines), message
    if "problems" in case:
        assert len(err.value.problems) == case["problems"], message
    assert all(" — " in str(p) for p in err.value.problems)  # every problem says how to fix it


def _in_order(line: str, parts: list[str]) -> bool:
    pos = 0
    for part in parts:
        pos = line.find(part, pos)
        if pos < 0:
            return False
        pos += len(part)
    return True


def test_all_problems_are_reported_in_one_run(tmp_path):
    data = fixture_data(tmp_path, {"figures.yml": ('  paragraph: "p2"', '  paragraph: "p9"')})
    text = (data / "partners.yml").read_text(encoding="utf-8")
    (data / "figures.yml").write_text((data / "figures.yml").read_text(encoding="utf-8").replace(
        '["uranium"]', '["uranum"]'), encoding="utf-8")
    with pytest.raises(DossierError) as err:
        load_dossier(data)
    assert len(err.value.problems) == 2, str(err.value)
    assert text  # partners untouched
