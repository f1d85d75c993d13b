"""Bad input stops the real build with a message that names the place and the fix."""
from __future__ import annotations

import pytest

from macros.check import check
from tests.helpers import build, project_copy

pytestmark = pytest.mark.build


def _output(run) -> str:
    return run.stdout + run.stderr


def test_a_bad_page_stops_the_build_with_the_words_of_make_check(tmp_path):
    """Wiring: the build reports a page's mistake as `make check` does (the kinds of mistake are unit-tested in
    tests/test_sandbox.py and tests/test_check.py), with no traceback."""
    project = project_copy(tmp_path, {"ru/method.md": '# Test { #method }\n\n{{ fig("uranium-world-shar") }}\n'})
    run = build(project)
    assert run.returncode != 0
    out = _output(run)
    expected = [str(p) for p in check(project) if p.path == "docs/ru/method.md"]
    assert expected == ["docs/ru/method.md:3: unknown figure id 'uranium-world-shar' — did you mean "
                        "'uranium-world-share'? use an id from data/figures.yml"]
    assert "docs/ru/method.md:3: unknown figure id 'uranium-world-shar' — did you mean 'uranium-world-share'? " \
           "use an id from data/figures.yml" in out
    assert "Traceback" not in out


def test_broken_data_stops_the_build_with_the_loader_message(tmp_path):
    project = project_copy(tmp_path)
    figures = project / "data" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace('quote: "но разведало только 37"', 'quote: "но разведало только 38"'), encoding="utf-8")
    run = build(project)
    assert run.returncode != 0
    out = _output(run)
    assert "data/figures.yml:" in out and "rare-earth-deposits-explored" in out
    assert "quote not found in paragraph p2 of kazakhstan-critical-minerals" in out
    assert "Traceback" not in out
    assert not (project / "site" / "index.html").exists() or "rare-earth" not in (project / "site" / "index.html").read_text()
