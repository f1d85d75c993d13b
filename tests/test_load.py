"""Loading and validating data: the real dossier, a valid fixture, and every kind of bad input."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from macros.load import calendar_date, load_dossier, web_address
from macros.problems import DossierError
from tests.helpers import FIXTURES, ROOT, fixture_data

CASES = yaml.safe_load((FIXTURES / "bad_input.yml").read_text(encoding="utf-8"))


def test_real_dossier_loads_with_every_figure_sourced():
    d = load_dossier(ROOT / "data")
    assert len(d.figures) >= 25
    for fig in d.figures:
        paragraph = d.sources[fig.citation.source].paragraph(fig.citation.paragraph)
        assert fig.citation.quote in paragraph.text, fig.id


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
    assert fig.citation.occurrence == 2
    assert load_dossier(fixture_data(tmp_path / "plain")).figure_by_id["uranium-share"].citation.occurrence is None


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


# --- limits on what a data file may contain (issue 9) ----------------------------------------

@pytest.mark.parametrize("url", ["https://example.org/article", "http://example.org", "https://www.check-point.kz/opinion?id=8573",
                                 "https://пример.рф/путь", "https://example.org:8443/a#b", None])
def test_web_addresses_that_are_accepted(url):
    assert web_address(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "not a url", "//example.org/a", "/relative/path",
                                 "https://", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x",
                                 "https://exa mple.org", "https://example.org/\nx", "https://example.org:port/",
                                 "https://trusted.example@evil.example/", "http://[::1", " https://example.org"])
def test_web_addresses_that_are_refused(url):
    assert not web_address(url)


def _load_problems(data) -> list[str]:
    with pytest.raises(DossierError) as err:
        load_dossier(data)
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize("field,value", [("original_url", "javascript:alert(1)"), ("original_url", "file:///etc/passwd"),
                                         ("original_url", "not a url")])
def test_a_source_address_must_be_http_or_https(tmp_path, field, value):
    data = fixture_data(tmp_path, {"sources/sample-source.yml": ("date: {", f'{field}: "{value}"\ndate: {{')})
    assert _load_problems(data) == [
        f"data/sources/sample-source.yml:10: sample-source: field '{field}' = '{value}' is not a web address "
        "(http:// or https:// and a host name) — use an https:// address, e.g. \"https://example.org/article\" "
        "(null when it is not known)"]


def test_every_url_field_of_the_schemas_is_checked_as_an_address():
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "schema").glob("*.json")]
    fields = [(name, s) for schema in schemas for name, s in _properties(schema)]
    url_fields = [(name, s) for name, s in fields if name.endswith("url")]
    assert {name for name, _ in url_fields} == {"original_url", "url"}
    assert [s for _, s in fields if s.get("format") == "uri"] == [s for _, s in url_fields]
    for name, s in url_fields:
        assert s.get("format") == "uri" and "https://" in s["description"], name


def _properties(schema):
    if isinstance(schema, dict):
        yield from schema.get("properties", {}).items()
        for value in schema.values():
            yield from _properties(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _properties(item)


@pytest.mark.parametrize("value,ok", [("2024", True), ("2024-02", True), ("2024-02-29", True), ("2025-02-29", False),
                                      ("2025-02-30", False), ("2025-13", False), ("2025-00-10", False), ("0000", False)])
def test_calendar_dates(value, ok):
    if ok:
        assert calendar_date(value)
    else:
        with pytest.raises(ValueError):
            calendar_date(value)


@pytest.mark.parametrize("file,old,new,expect", [
    ("sources/sample-source.yml", 'value: "2025-01-15"', 'value: "2025-02-30"',
     "data/sources/sample-source.yml:10: sample-source: field 'date.value' = '2025-02-30' is not a date that exists "
     "(day is out of range for month) — write a date that exists on the calendar"),
    ("sources/sample-source.yml", 'value: "2025-01-15"', 'not_before: "2025-04-31"',
     "data/sources/sample-source.yml:10: sample-source: field 'date.not_before' = '2025-04-31' is not a date that exists"),
    ("figures.yml", 'value: "2024-09"', 'value: "2024-13"',
     "data/figures.yml:23: agreement-date: field 'value' = '2024-13' is not a date that exists (month must be in 1..12)"),
    ("figures.yml", '  unit: "percent"\n', '  unit: "percent"\n  period: "2024/2005"\n',
     "data/figures.yml:5: uranium-share: field 'period' = '2024/2005' is not a possible period (the range ends before it "
     "starts) — write the earlier year first"),
])
def test_impossible_dates_and_periods_are_named_with_field_and_value(tmp_path, file, old, new, expect):
    found = _load_problems(fixture_data(tmp_path, {file: (old, new)}))
    assert len(found) == 1 and found[0].startswith(expect), found


def test_a_symlinked_data_file_is_refused_without_being_read(tmp_path):
    data = fixture_data(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (data / "sources" / "x.yml").symlink_to(secret)
    found = _load_problems(data)
    assert found == [f"data/sources/x.yml: symbolic link to {secret}: links are not followed — "
                     "commit the file itself, not a link to it"]
    assert "hunter2" not in "".join(found)


def test_a_symlinked_data_folder_is_refused(tmp_path):
    data = fixture_data(tmp_path)
    shutil.move(data / "sources", tmp_path / "elsewhere")
    (data / "sources").symlink_to(tmp_path / "elsewhere")
    assert _load_problems(data) == [f"data/sources: symbolic link to {tmp_path / 'elsewhere'}: links are not followed — "
                                    "commit the folder itself, not a link to it"]
