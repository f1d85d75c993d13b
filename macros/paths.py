"""Files that must not be links: mkdocs publishes what a symlink under docs/ points to, and the
loader would read what one under data/ points to (any file of the machine that builds).
The one place that finds them: the loader, `make check` and the build's on_config ask here."""
from __future__ import annotations

import hashlib
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


def folder_digest(folder: Path) -> str | None:
    """A digest of every file under `folder` (its path in the folder and its bytes) and of the folder's
    own path, for answers kept while data/ is unchanged; None when a symbolic link is below it (the
    loader refuses it, and nothing is kept for it)."""
    folder = Path(folder).resolve()
    paths = sorted(folder.rglob("*"))
    if any(p.is_symlink() for p in paths):
        return None
    return digest(str(folder), *(x for p in paths if p.is_file() for x in (p.relative_to(folder).as_posix(), p.read_bytes())))


DIGEST_CHARS = 32


def shown(path: Path | str, project: Path) -> str:
    """A file's path as messages name it: relative to the project (`docs/en/x.md`), else as given."""
    path = Path(path)
    resolved = path.resolve()
    return resolved.relative_to(project).as_posix() if resolved.is_relative_to(project) else path.as_posix()


def digest(*parts: str | bytes) -> str:
    """The one digest of the build's caches (verdicts, PDFs, print documents, data/): each part's length
    and bytes, so that no two sequences of parts give the same input; 32 hex characters (BLAKE2b)."""
    h = hashlib.blake2b(digest_size=DIGEST_CHARS // 2)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()
