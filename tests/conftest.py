"""Session fixtures: the real site is built once and shared by every test that reads it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser, page, site_server  # noqa: F401  (browser fixtures, see tests/browser.py)
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Build both editions (and everything the build produces) once per test session."""
    reuse = os.environ.get("DOSSIER_BUILT_SITE")
    if reuse:  # for quick iteration on site tests: point at an existing `make build` output
        return Path(reuse)
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"site build failed:\n{run.stdout}\n{run.stderr}"
    return out
