"""Files that must not be links: mkdocs publishes what a symlink under docs/ points to, and the
loader would read what one under data/ points to (any file of the machine that builds)."""
from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

_FIX = "replace the link by a copy of the file it should publish, or remove it"


def symlinks_under(folder: Path, root: Path) -> list[Problem]:
    """One problem per symbolic link in `folder` (the folder itself included), shown relative to `root`."""
    found = [folder] if folder.is_symlink() else []
    if folder.is_dir() and not folder.is_symlink():
        for here, dirs, files in os.walk(folder):  # links to folders are listed, never followed
            found += [Path(here, name) for name in sorted(dirs + files) if Path(here, name).is_symlink()]
    return [Problem(_shown(link, root), None, None,
                    f"is a symbolic link (to {os.readlink(link)}): the build would publish or read the file it points to",
                    _FIX) for link in sorted(found)]


def symlink_problems(root: Path) -> list[Problem]:
    """Symbolic links under docs/ and data/ of the project at `root`."""
    return [p for name in ("docs", "data") for p in symlinks_under(root / name, root)]


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
