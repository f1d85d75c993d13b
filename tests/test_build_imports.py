"""A build without PDFs does not import what only PDFs or failing data need (issue 12 item 6: WeasyPrint
alone was ~0.3 s of such a build). Checked in a fresh process that loads the hooks as mkdocs does and
loads the data twice, as two builds would: the second, whose schema verdicts are kept, validates nothing."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from tests.helpers import ROOT

PDF_ONLY = ("weasyprint", "pydyf", "tinyhtml5", "macros.print_doc", "macros.pdf_render")
FAILING_DATA_ONLY = ("jsonschema", "referencing")

_BUILD_LIKE = """
import importlib.util, json, sys
sys.path.insert(0, ".")
for i, path in enumerate(json.loads(sys.argv[1])):  # as mkdocs loads hooks: by path
    spec = importlib.util.spec_from_file_location(f"hook_{i}", path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
from macros import load
load.load_dossier("data")
load.schema_passes.save()
print(json.dumps(sorted(sys.modules)))
"""


def _hooks() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["hooks"]


def _modules_of_a_build(env: dict) -> set[str]:
    run = subprocess.run([sys.executable, "-c", _BUILD_LIKE, json.dumps(_hooks())], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


@pytest.mark.build
def test_a_build_without_pdfs_imports_no_pdf_code_and_a_rebuild_no_schema_validator(tmp_path):
    import os

    env = dict(os.environ, DOSSIER_PDF="0", DOSSIER_VERDICT_CACHE=str(tmp_path / "verdicts"))
    first = _modules_of_a_build(env)
    assert {"macros.pdf_cache", "macros.content_date", "macros.checks"} <= first, "hooks/pdf.py and the page checks were loaded"
    assert "jsonschema" in first, "the first load validates every data file"
    assert not [m for m in PDF_ONLY if m in first]
    again = _modules_of_a_build(env)
    assert not [m for m in (*PDF_ONLY, *FAILING_DATA_ONLY) if m in again]


def test_no_code_of_the_build_loads_code_from_a_file():
    """No cache holds code: nothing under macros/, hooks/ or tools/ imports pickle or marshal (a file a
    pull request or another user planted would run), and no store of compiled templates is on disk."""
    import re

    from tests.helpers import ROOT

    found = [f"{p.relative_to(ROOT)}: {m.group(0).strip()}" for top in ("macros", "hooks", "tools")
             for p in sorted((ROOT / top).rglob("*.py"))
             for m in re.finditer(r"(?m)^\s*(?:import|from)\s+(?:pickle|marshal|shelve|dill|cloudpickle)\b.*$",
                                  p.read_text(encoding="utf-8"))]
    assert not found, found
