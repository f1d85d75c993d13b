"""Shared helpers for the tests: fixture datasets built from tests/fixtures/base."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def fixture_data(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of the small valid dataset (real schemas and strings), with `old -> new` edits."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copy(ROOT / "data" / "strings.yml", data / "strings.yml")
    for name, (old, new) in (edits or {}).items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture edit does not apply: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data
