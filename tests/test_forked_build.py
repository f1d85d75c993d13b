"""tests/forked_build.py: a test build is its own process, with its output, and one that runs on is stopped."""
from __future__ import annotations

import os

import pytest

from tests import forked_build


def tiny(tmp_path, hook: str):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nhooks: [hook.py]\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# t\n", encoding="utf-8")
    (tmp_path / "hook.py").write_text(hook, encoding="utf-8")
    return tmp_path


@pytest.mark.build
def test_a_build_that_runs_on_is_stopped_and_fails(tmp_path):
    project = tiny(tmp_path, "import time\ndef on_config(config):\n    time.sleep(60)\n")
    run = forked_build.build(project, dict(os.environ), timeout=2)
    assert run.returncode != 0
    assert "the build was stopped after 2 s" in run.stderr


@pytest.mark.build
def test_a_failing_build_gives_its_exit_code_and_its_words(tmp_path):
    project = tiny(tmp_path, "import os, sys\n"
                             "def on_config(config):\n"
                             "    print('pid', os.getpid(), file=sys.stderr)\n"
                             "    raise SystemExit(3)\n")
    run = forked_build.build(project, dict(os.environ))
    assert run.returncode == 3
    assert f"pid {os.getpid()}" not in run.stderr and "pid " in run.stderr  # another process
