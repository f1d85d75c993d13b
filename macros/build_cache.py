"""Where the build keeps what it may reuse between builds (PDFs, verdicts of page checks): outside
the checkout, in the user's cache ($XDG_CACHE_HOME or ~/.cache, then kazakhstan-dossier/). A pull
request can add any file to the checkout, even an ignored one (`git add -f`), so a cache inside it
could carry a planted PDF or verdict; nothing from a pull request reaches this folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

NAME = "kazakhstan-dossier"


def home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / NAME


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of it (the
    folder is made if needed). False when it cannot be written: a cache that cannot be written is no cache."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
