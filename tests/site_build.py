"""The real site, and the same dossier grown by a contributor (tests/growth.py), built once per test
run, in the background from the moment the tests are collected.

`start(base)` launches `mkdocs build --strict` of the project into `base/site` unless a process of this
run already did (a file lock decides: under pytest-xdist every worker collects the tests), so that the
unit tests run while the site builds. `wait(base)` gives the site when the build is over, or fails the
test with the build's own words. Run as `python -m tests.site_build BASE`, it is that background build.
A base named `grown-site` builds a copy of the project with tests/fixtures/growth added, without PDFs
(tests/test_growth.py renders the new briefs itself).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, SESSION_PDF_CACHE

DONE, FAILED, STARTED = "build-done", "build-failed.txt", "build-started"
REAL, GROWN = "real-site", "grown-site"  # the bases: the project as it is, and with a contributor's additions


def start(base: Path) -> None:
    base.mkdir(parents=True, exist_ok=True)
    with open(base / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (base / STARTED).exists():
            return
        subprocess.Popen([sys.executable, "-m", "tests.site_build", str(base)], cwd=ROOT, start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (base / STARTED).write_text(str(os.getpid()), encoding="utf-8")


def wait(base: Path) -> Path:
    start(base)  # no-op when collection started it
    while not (base / DONE).exists() and not (base / FAILED).exists():
        time.sleep(0.1)
    if (base / FAILED).exists():
        pytest.fail(f"the {base.name} build failed (mkdocs build --strict):\n{(base / FAILED).read_text(encoding='utf-8')}",
                    pytrace=False)
    return base / "site"


def build(base: Path) -> None:
    """The build itself: writes `build-done`, or `build-failed.txt` with what mkdocs said (never neither)."""
    # PDFs come from the build's cache (macros/pdf_cache.py) where their inputs are unchanged, as in `make build`:
    # a cached PDF is the bytes the same inputs render (tests/test_pdf_incremental.py renders afresh and
    # compares). A clean clone, as in CI, renders them all.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOSSIER_PDF_CACHE=str(SESSION_PDF_CACHE))
    try:
        project = ROOT
        if base.name == GROWN:
            from tests.growth import grow
            from tests.helpers import project_copy

            shutil.rmtree(base / "project", ignore_errors=True)
            project = grow(project_copy(base))
            env["DOSSIER_PDF"] = "0"
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(base / "site")],
                             cwd=project, env=env, capture_output=True, text=True)
        said = [line for line in f"{run.stdout}\n{run.stderr}".splitlines() if line.strip() and not line.startswith("INFO")]
        problem = None if run.returncode == 0 else "\n".join(said) or f"exit code {run.returncode}, no message"
    except Exception as exc:  # noqa: BLE001  (the waiting tests must hear of it)
        problem = f"the build could not run: {exc}"
    tmp = base / ".result"
    tmp.write_text(problem or "", encoding="utf-8")
    tmp.rename(base / (FAILED if problem else DONE))


if __name__ == "__main__":
    build(Path(sys.argv[1]))
