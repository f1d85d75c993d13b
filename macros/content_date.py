"""The date of the dossier's content: what the PDFs' "Edition of" line and metadata dates show.

In order: SOURCE_DATE_EPOCH (reproducible-builds convention) when set; else the date of the last
committed change to data/ or docs/ (`git log -1 --format=%cI -- data docs`), so two builds of the
same content give the same PDFs on any day; else (no git, e.g. an exported copy) the newest
modification time of a file under data/ and docs/. Uncommitted edits keep the last commit's date.
"""
from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

CONTENT_DIRS = ("data", "docs")


class ContentDateError(ValueError):
    """SOURCE_DATE_EPOCH that is not a whole number of seconds."""


def content_date(root: Path) -> datetime.datetime:
    """An aware UTC datetime, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        except (ValueError, OverflowError):
            raise ContentDateError(f"SOURCE_DATE_EPOCH={epoch!r}: give seconds since 1970-01-01 UTC, "
                                   "e.g. $(git log -1 --format=%ct)") from None
    return _git_date(root) or _newest_mtime(root)


def _git_date(root: Path) -> datetime.datetime | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cI", "--", *CONTENT_DIRS], cwd=root,
                             capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out:  # not a git checkout, or nothing committed under data/ and docs/
        return None
    return datetime.datetime.fromisoformat(out).astimezone(datetime.UTC)


def _newest_mtime(root: Path) -> datetime.datetime:
    newest = max((p.stat().st_mtime for d in CONTENT_DIRS for p in (root / d).rglob("*") if p.is_file()),
                 default=0)
    return datetime.datetime.fromtimestamp(int(newest), datetime.UTC)
