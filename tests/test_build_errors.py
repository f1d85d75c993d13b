"""Bad input stops the real build with a message that names the place and the fix."""
from __future__ import annotations

import pytest

from tests.helpers import build, project_copy


def _output(run) -> str:
    return run.stdout + run.stderr


@pytest.mark.parametrize("page, text, expected", [
    ("ru/method.md", '# Test\n\n{{ fgi("uranium-world-share") }}\n', ["fgi", "undefined"]),
    ("en/method.md", "# Test { #test }\n\nTotal: {{ total_value }}\n", ["total_value"]),
    ("ru/method.md", '# Test { #test }\n\n{{ fig("uranium-world-shar") }}\n',
     ["unknown figure id 'uranium-world-shar'", "did you mean 'uranium-world-share'?"]),
], ids=["unknown macro", "unknown variable", "misspelled figure id"])
def test_a_bad_page_stops_the_build_naming_the_page_and_the_problem(tmp_path, page, text, expected):
    run = build(project_copy(tmp_path, {page: text}))
    assert run.returncode != 0
    out = _output(run).lower()
    assert "method.md" in out
    for part in expected:
        assert part.lower() in out, part


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
