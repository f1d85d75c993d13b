"""mkdocs-macros gathers git facts for a `git` variable that no page can read (pages are rendered in the
dossier's sandbox, macros/page_sandbox.py, with the macros alone): 13 git commands per edition, ~45 ms a
build (bench/REPORT.md). mkdocs-macros has no option to skip them, so its public gatherer is replaced
before its on_config runs."""
from __future__ import annotations

from mkdocs_macros import context


def _no_git_facts() -> dict:
    return {"status": False, "date": None, "diagnosis": "not gathered: page markdown cannot read it"}


if hasattr(context, "get_git_info"):
    context.get_git_info = _no_git_facts
