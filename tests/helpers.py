"""Shared helpers for the tests: fixture datasets built from tests/fixtures/base."""
from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
from pathlib import Path

from macros import pdf_cache

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The PDF cache of the session build (tests/conftest.py): the one `make build` uses (macros/pdf_cache.py).
SESSION_PDF_CACHE = pdf_cache.cache_dir()


@functools.cache
def real_dossier():
    """The project's own data, loaded once per test process and shared by the modules that only read it."""
    from macros.load import load_dossier

    return load_dossier(ROOT / "data")


FIXTURE_EDITIONS = ("ru", "en")  # the small fixtures are bilingual, whatever the real site publishes


def languages_publishing(editions: tuple[str, ...]) -> str:
    """The project's data/languages.yml with exactly `editions` published, in that order."""
    from tools.editions import publishing

    return publishing((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"), editions)


def fixture_data(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None, overlay: str | None = None) -> Path:
    """A copy of the small valid dataset (real schemas and strings), with `old -> new` edits. `overlay`: a
    folder of tests/fixtures whose files are copied over it (tests/fixtures/observed: other sources)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    if overlay:
        shutil.copytree(FIXTURES / overlay, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copy(ROOT / "data" / "strings.yml", data / "strings.yml")
    (data / "languages.yml").write_text(languages_publishing(FIXTURE_EDITIONS), encoding="utf-8")
    pin(data)  # the sources as published: an edit below is a change a pull request makes
    for name, (old, new) in (edits or {}).items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture edit does not apply: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def pin(data: Path) -> Path:
    """Pin the text of every source under `data` (data/source-pins.yml), as `make pin-sources` does."""
    from tools.pin_sources import pins_text

    (data / "source-pins.yml").write_text(pins_text(data), encoding="utf-8")
    return data


def project_copy(tmp_path: Path, pages: dict[str, str] | None = None) -> Path:
    """A copy of the project (config, data, docs, code) in tmp_path, with extra or replaced pages
    given as {'ru/extra.md': '...'}; for tests that must build a real site from changed input."""
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("site", ".venv", "__pycache__", ".git", "test-artifacts", "node_modules", "out")
    project.mkdir()
    for name in ("mkdocs.yml", "data", "docs", "macros", "hooks", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=ignore)
        elif src.exists():
            shutil.copy(src, project / name)
    for rel, text in (pages or {}).items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, encoding="utf-8")
    return project


def build(project: Path, extra_env: dict[str, str] | None = None):
    """Run a strict mkdocs build of `project` in a process of its own (tests/forked_build.py); return the
    CompletedProcess (output in .stdout and .stderr)."""
    from tests import forked_build

    return forked_build.build(project, dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {})))


def once_per_run(path: Path, make):
    """`make()`'s JSON value, computed by the first worker that asks (under a file lock) and read by the others.
    Nothing is kept when `make` raises, so the next test that asks tries again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            path.write_text(json.dumps(make()), encoding="utf-8")
        return json.loads(path.read_text(encoding="utf-8"))
