"""What passes `make check` passes the tests (issue 21, item 3): no test names an id of the real data.

A test of the real data/ and docs/ states what holds for any valid dossier and picks its subject by
property; a test of a particular behaviour runs on data the tests own (tests/fixtures, or records built
in the test). So a contributor who renames, rewords or removes a figure, an observation, a source or a
reference never breaks a test they cannot fix from data/ or docs/.

Allowed: the partners and resources the project's structure names (the brief's five partners and six
resources), the ids the fixtures define, and the ids a test module defines itself (`id: "…"`, `id="…"`).
Only ids of two words or more are looked for: a one-word id is also a plain word (`chromium` is the
browser the tests drive, `lead` a paragraph's role), so a test may use it as a word.
"""
from __future__ import annotations

from tests.content_ids import STRUCTURE, fixture_ids, named_ids, real_ids
from tests.helpers import ROOT


def test_no_test_names_an_id_of_the_real_data():
    ids = real_ids()
    looked_for = set(ids) - STRUCTURE - fixture_ids()
    found = [f"{path.relative_to(ROOT)}:{line}: names {i!r} ({ids[i]})"
             for path in sorted((ROOT / "tests").rglob("*.py"))
             for line, i in named_ids(path.read_text(encoding="utf-8"), looked_for)]
    assert not found, ("tests name ids of the real data, so editing data/ would break them: pick the subject by "
                       "property, or use the tests' own data (tests/fixtures)\n" + "\n".join(found))


def test_the_scan_finds_an_id_in_a_string_and_in_an_f_string():
    """The guard above can fail: a real id quoted whole, in any kind of string literal, is found."""
    ids = real_ids()
    some = next(i for i in ids if "-" in i and i not in STRUCTURE)
    source = f'A = "{some}"\nB = f"#fig-{some}" + x\nC = "{some}x"\n# {some} in a comment is not code\n'
    assert named_ids(source, {some}) == [(1, some), (2, some)]
    assert named_ids(source + f'D = {{"id": "{some}"}}\n', {some}) == [], "an id the module defines is its own"


def test_the_real_data_has_ids_of_each_kind():
    """The scan reads where the ids are: a moved or renamed data file would leave it looking for nothing."""
    where = set(real_ids().values())
    for name in ("figures.yml", "partners.yml", "resources.yml"):
        assert f"data/{name}" in where, name
    assert any(w.startswith("data/sources/") for w in where)
