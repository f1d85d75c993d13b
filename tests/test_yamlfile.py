"""Reading one data file: the limits a hostile pull request meets before any data exists."""
from __future__ import annotations

import datetime
import time

import pytest
import yaml

from macros import yamlfile
from macros.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, YamlProblem, read_yaml
from tests.helpers import ROOT

LOADERS = [yamlfile._FastLoader, yamlfile._PureLoader]


def problems(tmp_path, content: str | bytes) -> list[str]:
    path = tmp_path / "data.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(YamlProblem) as err:
        read_yaml(path, "data/x.yml")
    return [str(p) for p in err.value.problems]


def read(tmp_path, content: str):
    path = tmp_path / "data.yml"
    path.write_text(content, encoding="utf-8")
    return read_yaml(path, "data/x.yml")


def test_the_fast_reader_is_libyaml_under_the_limited_composer():
    assert issubclass(yamlfile._FastLoader, yaml._yaml.CParser)
    assert issubclass(yamlfile._FastLoader, yamlfile._LimitedComposer)


@pytest.mark.parametrize("path", sorted((ROOT / "data").rglob("*.yml")), ids=lambda p: p.name)
def test_real_files_read_as_plain_safe_load_reads_them(path):
    text = path.read_text(encoding="utf-8")
    data, lines = read_yaml(path, path.name)
    assert data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert lines[()] >= 1


def test_an_alias_bomb_is_refused_before_it_grows(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    start = time.perf_counter()
    found = problems(tmp_path, bomb)
    assert time.perf_counter() - start < 1
    assert found == ["data/x.yml:1: YAML anchor '&a' is not allowed in data files — "
                     "remove the anchor/alias and write the value out in full where it is needed"]


@pytest.mark.parametrize("loader", LOADERS, ids=["libyaml", "pure"])
def test_an_alias_is_named_with_its_line(loader):
    # the alias refers to no anchor the composer would accept anyway; the alias itself is refused
    with pytest.raises(yamlfile._Refused) as err:
        yamlfile._parse("a: 1\nb:\n  - *x\n", loader)
    assert err.value.line == 3 and "alias '*x'" in err.value.what


def test_an_anchor_without_an_alias_is_refused_too(tmp_path):
    assert "anchor '&keep'" in problems(tmp_path, 'label: &keep {ru: "a", en: "b"}\n')[0]


@pytest.mark.parametrize("loader", LOADERS, ids=["libyaml", "pure"])
def test_nesting_is_bounded_while_composing(loader):
    yamlfile._parse("[" * MAX_DEPTH + "]" * MAX_DEPTH, loader)  # the limit itself is allowed
    with pytest.raises(yamlfile._Refused) as err:
        yamlfile._parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), loader)
    assert f"deeper than {MAX_DEPTH} levels" in err.value.what


def test_a_million_brackets_end_in_a_problem_not_a_crash(tmp_path):
    # libyaml's own composer recurses in C: this input ended the process with a segmentation fault
    found = problems(tmp_path, "items:\n  - " + "[" * 1_000_000 + "\n")
    assert found[0].startswith("data/x.yml:2: data nested deeper than 20 levels — flatten the data")


def test_a_file_above_the_size_limit_is_refused_before_parsing(tmp_path):
    found = problems(tmp_path, "a: " + "x" * MAX_FILE_BYTES)
    assert found == ["data/x.yml: file is larger than 4 MB — split it, or remove what does not belong in it"]


def test_bytes_that_are_not_utf8_are_named_by_line_column_and_offset(tmp_path):
    found = problems(tmp_path, b'a: 1\nb: "caf\xe9"\n')
    assert found == ["data/x.yml:2: not UTF-8 text: byte 0xe9 at column 8 (byte 12) cannot be read — "
                     "save the file as UTF-8 (your editor's encoding setting)"]


def test_a_duplicate_key_names_the_key_both_lines_and_the_record(tmp_path):
    found = problems(tmp_path, '- id: "a"\n  value: 1\n  label: x\n  value: 2\n- id: "b"\n  m: {k: 1, k: 2}\n')
    assert found == ["data/x.yml:4: a: duplicate key 'value' (also on line 2) — keep one of them: YAML would silently use the last",
                     "data/x.yml:6: b: duplicate key 'k' (also on line 6) — keep one of them: YAML would silently use the last"]


def test_keys_that_differ_after_reading_are_not_duplicates(tmp_path):
    data, _ = read(tmp_path, 'a: 1\n"a b": 2\n1: 3\n"1": 4\n')
    assert data == {"a": 1, "a b": 2, 1: 3, "1": 4}


def test_a_bare_impossible_date_names_the_field_and_the_value(tmp_path):
    found = problems(tmp_path, 'date:\n  known: true\n  value: 2025-02-30\n')
    assert found == ["data/x.yml:3: field 'value' = 2025-02-30 is not a date that exists (day is out of range for month) — "
                     "write a date that exists on the calendar, in quotes: \"YYYY-MM-DD\""]


def test_a_bare_possible_date_still_reads_as_a_date(tmp_path):
    # unchanged: the schema then says "YAML reads a bare date as a date" where text is expected
    assert read(tmp_path, "value: 2024-09-01\n")[0] == {"value": datetime.date(2024, 9, 1)}


def test_syntax_errors_keep_their_wording(tmp_path):
    found = problems(tmp_path, 'label: {ru: "a, en: "b"}\n')
    assert found[0].startswith("data/x.yml:1: YAML syntax error:")
