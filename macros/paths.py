"""Files that must not be links: mkdocs publishes what a symlink under docs/ points to, and the
loader would read what one under data/ points to (any file of the machine that builds).
The one place that finds them: the loader, `make check` and the build's on_config ask here."""
from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem


def symlinks_under(top: Path, root: Path) -> list[Problem]:
    """A Problem for `top` and for every file or folder below it that is a symbolic link, shown
    relative to `root`. Links are listed, never followed: one in a pull request could point anywhere."""
    def problem(path: Path) -> Problem:
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        kind = "folder" if path.is_dir() else "file"
        return Problem(shown, None, None, f"symbolic link to {os.readlink(path)}: links are not followed",
                       f"commit the {kind} itself, not a link to it")

    if top.is_symlink():
        return [problem(top)]
    found = []
    for folder, dirs, files in os.walk(top):  # os.walk does not descend into linked folders
        found.extend(problem(Path(folder, name)) for name in sorted(dirs + files) if os.path.islink(os.path.join(folder, name)))
    return found


def symlink_problems(root: Path) -> list[Problem]:
    """Symbolic links under docs/ and data/ of the project at `root`."""
    return [p for name in ("docs", "data") for p in symlinks_under(root / name, root)]
