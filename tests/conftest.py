"""Session fixtures: the real site is built once per test run and shared by every test that reads it,
across pytest-xdist workers too (tests/site_build.py: it starts building when the tests are collected)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import site_build
from tests.browser import _tab, browser, page, site_server  # noqa: F401  (browser fixtures, see tests/browser.py)


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
    return site_build.wait(run_dir / site_build.REAL)


@pytest.fixture(scope="session")
def trilingual_built(tmp_path_factory) -> Path:
    """The three-language site (tests/trilingual.py), built once per test process, without PDFs."""
    from tests.helpers import build
    from tests.trilingual import trilingual_project

    project = trilingual_project(tmp_path_factory.mktemp("trilingual"))
    run = build(project, {"DOSSIER_PDF": "0"})
    assert run.returncode == 0, f"the three-language site did not build:\n{run.stdout}\n{run.stderr}"
    return project / "site"


@pytest.fixture(scope="session")
def grown_site(run_dir) -> Path:
    """The project with a contributor's additions (tests/growth.py), built once per test run, without PDFs."""
    return site_build.wait(run_dir / site_build.GROWN)


class _PassedInThisProcess(set):
    """Schema verdicts kept in memory for one test process, as the build keeps them between builds
    (macros/load.schema_passes): a data file whose exact text passed its schema is not validated again.
    Only passes are kept, so every test of a bad file still meets the validator."""
    passed = set.__contains__


@pytest.fixture(autouse=True, scope="session")
def _schema_passes():
    from macros import load

    kept, load.schema_passes = load.schema_passes, _PassedInThisProcess()
    yield
    load.schema_passes = kept


TIER_ORDER = ("unit", "project", "build", "site", "browser")


def tier(item) -> str:
    marks = {m.name for m in item.iter_markers()}
    return next((t for t in reversed(TIER_ORDER) if t in marks), "unit")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: the `site` mark must be there to be chosen by
def pytest_collection_modifyitems(config, items):
    """Every test that reads the real site is in the `site` tier (pytest.ini). The tests run tier by tier (unit,
    project, build, site, browser), and the real site starts building as soon as they are collected (below),
    so that the other tiers run while it builds and no worker waits for it."""
    for item in items:
        if {"built_site", "grown_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
        elif "trilingual_built" in getattr(item, "fixturenames", ()):  # the three-language site, built by the test's process
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: TIER_ORDER.index(tier(item)))  # stable: the order within a tier stays


def pytest_collection_finish(session):
    """The sites the selected tests read start building now (none for a run of the unit tier alone)."""
    config, items = session.config, session.items
    if config.option.collectonly:
        return
    used = {name for item in items for name in getattr(item, "fixturenames", ())}
    base = config._tmp_path_factory.getbasetemp()  # the run_dir fixture's folder, before fixtures exist
    base = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    if "built_site" in used and not os.environ.get("DOSSIER_BUILT_SITE"):
        site_build.start(base / site_build.REAL)
    if "grown_site" in used:
        site_build.start(base / site_build.GROWN)
