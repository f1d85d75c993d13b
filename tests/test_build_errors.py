"""Bad input stops the real build with a message that names the place and the fix. The mistakes are made
in what the tests own (tests/fixtures/growth, added to a copy of the project), never in data/ or docs/."""
from __future__ import annotations

import pytest

from macros.checks import check
from tests.growth import grow
from tests.helpers import build, project_copy

pytestmark = pytest.mark.build


def _output(run) -> str:
    return run.stdout + run.stderr


def test_a_bad_page_stops_the_build_with_the_words_of_make_check(tmp_path):
    """Wiring: the build reports a page's mistake as `make check` does (the kinds of mistake are unit-tested in
    tests/test_sandbox.py and tests/test_check.py), with no traceback."""
    project = grow(project_copy(tmp_path))
    page = project / "docs" / "en" / "resources" / "fixturium.md"
    page.write_text(page.read_text(encoding="utf-8").replace('fig("fixturium-ore-processed")', 'fig("fixturium-ore-processe")'),
                    encoding="utf-8")
    line = next(i for i, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "ore-processe\"" in text)
    said = (f"docs/en/resources/fixturium.md:{line}: unknown figure id 'fixturium-ore-processe' — did you mean "
            "'fixturium-ore-processed'? use an id from data/figures.yml")
    run = build(project, {"DOSSIER_PDF": "0"})  # the mistake stops the build; briefs of the edition before it would only cost time
    assert run.returncode != 0
    out = _output(run)
    expected = [str(p) for p in check(project) if p.path == "docs/en/resources/fixturium.md"]
    assert expected == [said]
    assert said in out
    assert "Traceback" not in out


def test_broken_data_stops_the_build_with_the_loader_message(tmp_path):
    project = grow(project_copy(tmp_path))
    figures = project / "data" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    assert text.count('quote: "The survey counts 12 exploration sites"') == 1
    figures.write_text(text.replace('quote: "The survey counts 12 exploration sites"', 'quote: "The survey counts 13 exploration sites"'),
                       encoding="utf-8")
    run = build(project, {"DOSSIER_PDF": "0"})  # the mistake stops the build; briefs of the edition before it would only cost time
    assert run.returncode != 0
    out = _output(run)
    assert "data/figures.yml:" in out and "survey-sites" in out
    assert "quote not found in paragraph p2 of english-source" in out
    assert "Traceback" not in out
    assert not (project / "site" / "index.html").exists() or "survey-sites" not in (project / "site" / "index.html").read_text()
