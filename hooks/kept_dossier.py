"""The dossier as loaded from data/, kept between builds: the same files read by the same code give
the same Dossier, so a rebuild whose data/ is unchanged skips the load and its checks (0.15–0.2 s).

Only a load that passed every check is kept, under a digest of every file under data/ (its path
and bytes), the folder's absolute path (records name their files) and the code (hooks/verdicts.py's
code digest: macros/, hooks/, Python and the deciding libraries). Any change is loaded and checked
in full. data/ with a symbolic link is never kept nor looked up: the loader refuses it. The file is
in the verdict folder, outside the checkout (unpickling runs code: a pull request must not be
able to plant one). A file that cannot be read or unpickled is a miss; one that cannot be written
is no cache.
"""
from __future__ import annotations

import pickle
from pathlib import Path

from hooks import build_cache, verdicts
from macros import paths

_SEPARATOR = b"\n"


def _file() -> Path:
    return verdicts.folder() / f"dossier-{verdicts.code_digest()}.pickle"


_keys: dict[tuple, str | None] = {}  # the last folder's digest, by the stat of its files


def key(data_dir: Path) -> str | None:
    """The digest of data/ as the loader would read it; None when it holds a symbolic link. The load,
    the kept renderings and the print documents all ask for it in one build: the files are read once
    while none of them changed size or modification time."""
    data_dir = Path(data_dir).resolve()
    files = sorted(p for p in data_dir.rglob("*") if p.is_file() or p.is_symlink())
    stamp = (str(data_dir), *((str(p), p.is_symlink(), st.st_mtime_ns, st.st_size) for p in files for st in [p.lstat()]))
    if stamp not in _keys:
        _keys.clear()
        _keys[stamp] = paths.folder_digest(data_dir)
    return _keys[stamp]


class KeptDossier:
    """One kept load (the latest): `get` answers it for unchanged data, `put` replaces it."""

    def get(self, data_dir: Path):
        wanted = key(data_dir)
        if wanted is None:
            return None
        try:
            path = _file()
            if path.is_symlink() or not path.is_file():
                return None
            stored, _, pickled = path.read_bytes().partition(_SEPARATOR)
            if stored.decode("ascii") != wanted:
                return None
            return pickle.loads(pickled)
        except Exception:  # noqa: BLE001 - any unreadable or foreign file is a miss, then loaded afresh
            return None

    def put(self, data_dir: Path, dossier) -> None:
        wanted = key(data_dir)
        if wanted is None:
            return
        path = _file()
        try:
            data = wanted.encode("ascii") + _SEPARATOR + pickle.dumps(dossier, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError):
            return
        if not build_cache.write_atomic(path, data):
            return
        for old in path.parent.glob("dossier-*.pickle"):
            if old != path:  # the load of older code
                old.unlink(missing_ok=True)
