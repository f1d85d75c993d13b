"""Loading and validating data: the real dossier, a valid fixture, and every kind of bad input."""
from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from macros import own_words
from macros.load import calendar_date, load_dossier, web_address
from macros.problems import DossierError
from tests.helpers import FIXTURES, ROOT, fixture_data, pin

CASES = yaml.safe_load((FIXTURES / "bad_input.yml").read_text(encoding="utf-8"))


def test_real_dossier_loads_with_every_figure_sourced():
    d = load_dossier(ROOT / "data")
    assert d.figures, "the dossier has figures"
    for fig in d.figures:
        if fig.citation.referenced:  # a publisher's page, not reproduced: the quote runs are in its fingerprint
            assert not own_words.runs_not_in(fig.citation.quote, d.references[fig.citation.source].fingerprint), fig.id
            continue
        paragraph = d.sources[fig.citation.source].paragraph(fig.citation.paragraph)
        assert fig.citation.quote in paragraph.text, fig.id


def test_a_source_keeps_its_lead_headings_credits_and_date_bounds(tmp_path):
    """On the tests' own source (tests/fixtures/observed): roles, numbers, credits and an unknown date."""
    src = load_dossier(fixture_data(tmp_path, overlay="observed")).sources["sample-source"]
    roles = [p.role for p in src.paragraphs]
    assert roles == ["lead", "body", "heading", "body", "body"]
    assert [p.number for p in src.paragraphs] == list(range(1, 6))
    assert src.credits[-2] == "Перевод Марии Петровой"
    assert not src.date.known and src.date.not_before == "2024-10-01"


def test_a_source_whose_original_is_beside_the_checkout_is_verbatim():
    """shared/sources/<id>.<language>.txt, one paragraph a line and then the credits, where it is there."""
    sources = load_dossier(ROOT / "data").sources.values()
    originals = {s.id: ROOT.parent / "shared" / "sources" / f"{s.id}.{s.language}.txt" for s in sources}
    compared = [s for s in sources if originals[s.id].exists()]
    if not compared:
        pytest.skip("shared/sources is not beside this checkout")
    for src in compared:
        lines = originals[src.id].read_text(encoding="utf-8").split("\n")
        n = len(src.paragraphs)
        assert [p.text for p in src.paragraphs] == lines[:n], src.id
        assert list(src.credits) == [line for line in lines[n:] if line.strip()], src.id


def test_fixture_base_is_valid(tmp_path):
    d = load_dossier(fixture_data(tmp_path))
    assert [f.id for f in d.figures] == ["uranium-share", "gas-reserves", "agreement-date"]
    assert d.by_partner["turkey"][0].id == "gas-reserves"
    assert d.figures[0].where.line == 1 and d.figures[1].where.line == 13


def test_a_quote_found_twice_loads_with_its_occurrence(tmp_path):
    twice = "На Астану приходится 40% мирового производства урана"
    data = fixture_data(tmp_path, {
        "sources/sample-source.yml": (f'text: "{twice},', f'text: "{twice}. {twice},'),
        "figures.yml": (f'  quote: "{twice}"', f'  quote: "{twice}"\n  occurrence: 2'),
    })
    fig = load_dossier(pin(data)).figure_by_id["uranium-share"]
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
     "data/figures.yml:27: agreement-date: field 'value' = '2024-13' is not a date that exists (month must be in 1..12)"),
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


# --- spaces of another kind, hints that lead somewhere, duplicates named from git ---------------

def test_a_quote_with_another_kind_of_space_loads(tmp_path):
    data = fixture_data(tmp_path, {"figures.yml": ('quote: "запасы газа составляют 3,8 трлн кубометров"',
                                                   'quote: "запасы газа составляют 3,8\u00a0трлн\u202fкубометров"')})
    assert load_dossier(data).figure_by_id["gas-reserves"].citation.quote.endswith("3,8\u00a0трлн\u202fкубометров")


@pytest.mark.parametrize("old, new, suggestion, follow, then", [
    # the edit; the hint's suggestion (a regex on the message); the hint applied literally; what follows (None: loads)
    ("  value: 3_800_000_000_000", '  value: "3,8"', r"e\.g\. (\S+) —", "  value: {}", None),
    ("  value: 3_800_000_000_000", '  value: "3,8 трлн"', r"e\.g\. (\S+) —", "  value: {}", None),
    ("  value: 40", '  value: "40%"', r"e\.g\. (\S+) —", "  value: {}", None),
    ("  value: 40", '  value: "2,2"', r"e\.g\. (\S+) —", "  value: {}", "value 2.2 does not appear in the quote"),
    ('  unit: "percent"', '  unit: "percent"\n  period: 2024', r'double quotes: ("\d+")', '  unit: "percent"\n  period: {}',
     "period 2024: year 2024 is not in the quote"),
    ('  unit: "percent"', '  unit: "percent"\n  period: 1.10', r'as the schema describes \(The period the value covers: ("[^"]+")',
     '  unit: "percent"\n  period: {}', "period 2005/2024: year 2005 is not in the quote"),
])
def test_following_a_hint_leads_to_a_load_or_to_a_different_final_message(tmp_path, old, new, suggestion, follow, then):
    """The fix a message gives, applied literally, must not lead into a second error of the same field."""
    first = _load_problems(fixture_data(tmp_path / "a", {"figures.yml": (old, new)}))
    assert len(first) == 1, first
    found = re.search(suggestion, first[0])
    assert found, first[0]
    try:
        load_dossier(fixture_data(tmp_path / "b", {"figures.yml": (old, follow.format(found.group(1)))}))
        after = []
    except DossierError as exc:
        after = [str(p) for p in exc.problems]
    field = new.split("\n")[-1].split(":")[0].strip()
    assert not any(f"field '{field}'" in line for line in after), after
    if then is None:
        assert after == []
    else:
        assert after and then in after[0], after


_NEW_RECORD = '''- id: "gas-reserves"
  kind: "share"
  value: 40
  unit: "percent"
  label: {ru: "Новая", en: "New"}
  partners: []
  resources: ["uranium"]
  source: "sample-source"
  paragraph: "p1"
  quote: "На Астану приходится 40% мирового производства урана"
  quote_renderings: {en: "Astana accounts for 40% of world uranium output"}
  unconfirmed: {checked: "2026-12-07", searched: {ru: "Пример.", en: "An example."}}
'''


def _git(root, *args):
    import subprocess
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def _published_repo(tmp_path, branch="main"):
    data = fixture_data(tmp_path)
    _git(tmp_path, "init", "-q", "-b", branch)
    _git(tmp_path, "add", "data")
    _git(tmp_path, "commit", "-q", "-m", "published")
    return data


def test_a_duplicate_inserted_above_the_published_record_is_the_one_to_rename(tmp_path):
    data = _published_repo(tmp_path)
    figures = data / "figures.yml"
    figures.write_text(_NEW_RECORD + figures.read_text(encoding="utf-8"), encoding="utf-8")
    assert _load_problems(data) == [
        "data/figures.yml:1: gas-reserves: duplicate figure id 'gas-reserves': data/figures.yml:1 (new) and "
        "data/figures.yml:25 (published on main) — rename the new record at line 1; a published id never changes"]


def test_a_published_record_edited_on_the_branch_is_still_known_as_published(tmp_path):
    data = _published_repo(tmp_path)
    figures = data / "figures.yml"
    text = figures.read_text(encoding="utf-8").replace('label: {ru: "Запасы газа", en: "Gas reserves"}',
                                                       'label: {ru: "Запасы газа", en: "Gas reserves (proven)"}')
    figures.write_text(text + _NEW_RECORD, encoding="utf-8")
    (line,) = _load_problems(data)
    assert line.startswith("data/figures.yml:36: gas-reserves: duplicate figure id 'gas-reserves': data/figures.yml:36 "
                           "(new) and data/figures.yml:13 (published on main) — rename the new record at line 36"), line


def test_origin_main_serves_when_there_is_no_main_branch(tmp_path):
    data = _published_repo(tmp_path, branch="trunk")
    _git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    figures = data / "figures.yml"
    figures.write_text(_NEW_RECORD + figures.read_text(encoding="utf-8"), encoding="utf-8")
    assert "data/figures.yml:25 (published on main)" in _load_problems(data)[0]


def test_two_new_records_with_one_id_say_neither_is_published(tmp_path):
    data = _published_repo(tmp_path)
    figures = data / "figures.yml"
    twin = _NEW_RECORD.replace('"gas-reserves"', '"brand-new"')
    figures.write_text(figures.read_text(encoding="utf-8") + twin + twin.replace("Новая", "Другая"), encoding="utf-8")
    assert _load_problems(data) == [
        "data/figures.yml:48: brand-new: duplicate figure id 'brand-new': data/figures.yml:48 and data/figures.yml:36 "
        "(neither is published on main yet) — rename one of them, e.g. the record at line 48; ids are unique"]


def test_git_is_asked_once_and_only_when_there_is_a_duplicate(tmp_path, monkeypatch):
    import subprocess
    clean, data = _published_repo(tmp_path / "clean"), _published_repo(tmp_path / "twice")
    text = (data / "figures.yml").read_text(encoding="utf-8")
    (data / "figures.yml").write_text(text.replace('- id: "agreement-date"', '- id: "uranium-share"')
                                      .replace('- id: "gas-reserves"', '- id: "uranium-share"'), encoding="utf-8")
    (data / "partners.yml").write_text((data / "partners.yml").read_text(encoding="utf-8") * 2, encoding="utf-8")
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    load_dossier(clean)
    assert calls == []
    assert len([p for p in _load_problems(data) if "duplicate" in p]) == 3
    assert len(calls) == 1 and calls[0][0][:1] == ["git"]
