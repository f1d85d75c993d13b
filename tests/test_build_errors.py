"""Bad input stops the real build with a message that names the place and the fix."""
from __future__ import annotations

from tests.helpers import build, project_copy


def _output(run) -> str:
    return run.stdout + run.stderr


def test_unknown_macro_in_a_page_stops_the_build(tmp_path):
    page = "# Test\n\n{{ fgi(\"uranium-world-share\") }}\n"
    run = build(project_copy(tmp_path, {"ru/method.md": page}))
    assert run.returncode != 0
    out = _output(run)
    assert "method.md" in out and "fgi" in out and "undefined" in out.lower()


def test_unknown_variable_in_a_page_stops_the_build(tmp_path):
    page = "# Test { #test }\n\nTotal: {{ total_value }}\n"
    run = build(project_copy(tmp_path, {"en/method.md": page}))
    assert run.returncode != 0
    out = _output(run)
    assert "method.md" in out and "total_value" in out


def test_misspelled_figure_id_names_the_page_and_suggests_the_id(tmp_path):
    page = "# Test { #test }\n\n{{ fig(\"uranium-world-shar\") }}\n"
    run = build(project_copy(tmp_path, {"ru/method.md": page}))
    assert run.returncode != 0
    out = _output(run)
    assert "method.md" in out and "unknown figure id 'uranium-world-shar'" in out
    assert "did you mean 'uranium-world-share'?" in out.lower()


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
