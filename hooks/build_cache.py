"""Where the build keeps what it may reuse between builds (PDFs, verdicts of page checks): outside
the checkout, in the user's cache ($XDG_CACHE_HOME or ~/.cache, then kazakhstan-dossier/). A pull
request can add any file to the checkout, even an ignored one (`git add -f`), so a cache inside it
could carry a planted PDF or verdict; nothing from a pull request reaches this folder."""
from __future__ import annotations

import os
from pathlib import Path

NAME = "kazakhstan-dossier"


def home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / NAME
