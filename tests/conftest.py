"""Session fixtures: the real site is built once per test run and shared by every test that reads it,
across pytest-xdist workers too (the first worker to need it builds it; the others wait for it)."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser, page, site_server  # noqa: F401  (browser fixtures, see tests/browser.py)
from tests.helpers import ROOT, SESSION_PDF_CACHE

FAILED = "build-failed.txt"  # written instead of a site when the build fails, so every worker reports the same


def build_real_site(out: Path) -> str | None:
    """`mkdocs build --strict` of the project into `out`; the build's output when it fails, else None."""
    # PDFs come from the project's cache (.cache/pdf/) where their inputs are unchanged, as in `make build`:
    # a cached PDF is the bytes the same inputs render (tests/test_pdf_incremental.py renders afresh and
    # compares). A clean clone, as in CI, renders them all.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOSSIER_PDF_CACHE=str(SESSION_PDF_CACHE))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode == 0:
        return None
    said = [line for line in f"{run.stdout}\n{run.stderr}".splitlines() if line.strip() and not line.startswith("INFO")]
    return "\n".join(said) or f"exit code {run.returncode}, no message"


def shared_build(base: Path) -> Path:
    """The site built once under `base` (a folder every worker of this run shares), under a file lock."""
    out, failed = base / "site", base / FAILED
    base.mkdir(parents=True, exist_ok=True)
    with open(base / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the worker that builds; the others wait here
        if not (out / "index.html").exists() and not failed.exists():
            problem = build_real_site(out)
            if problem is not None:
                failed.write_text(problem, encoding="utf-8")
    if failed.exists():
        pytest.fail(f"the real site build failed (mkdocs build --strict):\n{failed.read_text(encoding='utf-8')}",
                    pytrace=False)
    return out


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory) -> Path:
    """A folder that every worker of this test run shares (under xdist, gw0, gw1, ... share pytest-N/)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(run_dir) -> Path:
    """Both editions (and everything the build produces, PDFs included), built once per test run."""
    reuse = os.environ.get("DOSSIER_BUILT_SITE")
    if reuse:  # for quick iteration on site tests: point at an existing `make build` output
        return Path(reuse)
    return shared_build(run_dir / "real-site")


def pytest_collection_modifyitems(items):
    """Every test that reads the real site is in the `site` tier (pytest.ini)."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)
