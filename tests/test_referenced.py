"""A figure that quotes a publisher the dossier cites but does not reproduce (reference:, states:): what
`make check` asks of it, field by field, on the small fixture plus the growth fixture's invented bulletin."""
from __future__ import annotations

import shutil

import pytest

from macros.load import load_dossier
from macros.problems import DossierError
from tests.growth import GROWTH
from tests.helpers import fixture_data

FIGURE = '''- id: "ore-processed"
  kind: "volume"
  value: 250_000
  unit: "tonne"
  period: "2025"
  label: {ru: "Переработка руды", en: "Ore processed"}
  partners: []
  resources: ["uranium"]
  reference: "invented-fixturium-bulletin"
  quote: "the fixturium plant processed 250 thousand tonnes of ore in 2025"
  states: {ru: "Бюллетень сообщает, что фабрика переработала {value} руды.", en: "The bulletin says the plant processed {value} of ore."}
  quote_renderings: {ru: "фабрика фикстурия переработала 250 тыс. тонн руды в 2025 году"}
  unconfirmed: {checked: "2026-12-07", searched: {ru: "Пример.", en: "An example."}}
'''


def _data(tmp_path, old: str = "", new: str = ""):
    data = fixture_data(tmp_path)
    (data / "references").mkdir(exist_ok=True)
    shutil.copy(GROWTH / "references" / "invented-fixturium-bulletin.yml", data / "references")
    assert old in FIGURE, old
    with (data / "figures.yml").open("a", encoding="utf-8") as f:
        f.write(FIGURE.replace(old, new, 1))
    return data


def _problems(data) -> list[str]:
    with pytest.raises(DossierError) as err:
        load_dossier(data)
    return [str(p) for p in err.value.problems]


def _line_of(data, field: str) -> int:
    lines = (data / "figures.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if 'id: "ore-processed"' in line)
    return next(i for i, line in enumerate(lines) if i >= start and line.strip().startswith(field)) + 1


def test_a_referenced_figure_loads_with_its_publisher_and_statement(tmp_path):
    d = load_dossier(_data(tmp_path))
    fig = d.figure_by_id["ore-processed"]
    assert fig.citation.referenced and fig.citation.paragraph is None
    assert d.work(fig.citation).publisher("en") == "Invented Mining Bureau"
    assert fig.citation.states("en").startswith("The bulletin says")


@pytest.mark.parametrize("old,new,field,what,fix", [
    ("processed 250 thousand", "processed 260 thousand", "quote:", "is not in the sentences fingerprinted",
     "copy the words exactly"),
    ("the fixturium plant processed 250 thousand tonnes of ore in 2025", "processed 250 thousand tonnes of ore",
     "quote:", "has 6 words; it must have 7 to 25", "at least 7"),
    ('reference: "invented-fixturium-bulletin"', 'reference: "invented-fixturium-bulletn"', "reference:",
     "invented-fixturium-bulletn", "data/references/"),
    ("  states: {ru", "  said: {ru", "- id:", "'states' is missing", "add the missing field"),
    ('  quote_renderings: {ru: "фабрика фикстурия переработала 250 тыс. тонн руды в 2025 году"}\n', "",
     "quote:", "rendering in", "add quote_renderings:"),
    ("  states:", "  occurrence: 1\n  states:", "occurrence:", "occurrence is for a quote in a paragraph",
     "found on its page by its words"),
    ("  reference:", '  source: "sample-source"\n  paragraph: "p1"\n  reference:', "", "", ""),
])
def test_a_wrong_referenced_figure_is_named_at_its_field_with_the_fix(tmp_path, old, new, field, what, fix):
    data = _data(tmp_path, old, new)
    found = _problems(data)
    ours = [p for p in found if "ore-processed" in p or (field and f":{_line_of(data, field)}:" in p)]
    assert ours, found
    if not field:  # both a reproduced source and a reference: the schema or the loader says choose one
        return
    line = _line_of(data, field)
    assert any(f"data/figures.yml:{line}:" in p and what in p and fix in p for p in ours), ours


def test_a_statement_that_does_not_give_the_value_is_refused(tmp_path):
    found = _problems(_data(tmp_path, "the plant processed {value} of ore", "the plant processed a lot of ore"))
    assert any("figures.yml" in p and "states in 'en' does not give the value" in p and "write {value}" in p
               for p in found), found
