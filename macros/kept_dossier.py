"""The dossier as loaded from data/, kept in this process: `make serve` rebuilds both editions at every
save, and a save under docs/ leaves data/ as it was, so the load and its checks are skipped then.

Only a load that passed every check is kept, under a digest of every file under data/ (its path and
bytes) and the folder's absolute path. Nothing is written to disk: a new process (every `make build`,
every CI run) loads afresh. data/ with a symbolic link is never kept nor looked up: the loader refuses it.
"""
from __future__ import annotations

from pathlib import Path

from . import paths

_keys: dict[tuple, str | None] = {}  # the last folder's digest, by the stat of its files


def key(data_dir: Path) -> str | None:
    """The digest of data/ as the loader would read it; None when it holds a symbolic link. The load and
    the print documents both ask for it in one build: the files are read once while none of them
    changed size or modification time."""
    data_dir = Path(data_dir).resolve()
    files = sorted(p for p in data_dir.rglob("*") if p.is_file() or p.is_symlink())
    stamp = (str(data_dir), *((str(p), p.is_symlink(), st.st_mtime_ns, st.st_size) for p in files for st in [p.lstat()]))
    if stamp not in _keys:
        _keys.clear()
        _keys[stamp] = paths.folder_digest(data_dir)
    return _keys[stamp]


class KeptDossier:
    """One kept load (the latest): `get` answers it for unchanged data, `put` replaces it."""

    def __init__(self):
        self._kept: tuple[str, object] | None = None

    def get(self, data_dir: Path):
        wanted = key(data_dir)
        if wanted is None or self._kept is None or self._kept[0] != wanted:
            return None
        return self._kept[1]

    def put(self, data_dir: Path, dossier) -> None:
        wanted = key(data_dir)
        self._kept = None if wanted is None else (wanted, dossier)
