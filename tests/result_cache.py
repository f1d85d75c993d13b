"""Answers of slow, deterministic checks kept between test runs, keyed by everything they read.

The Nu HTML Checker over the built pages, and axe over one page in Chromium, give the same answer for the
same bytes, the same test code and the same tool versions. A run whose inputs did not change reads the
answer instead of computing it again; a clean clone, as in CI, computes them all. Kept outside the checkout
(macros/build_cache.py), where no pull request can plant an answer; DOSSIER_TEST_CACHE=0 turns it off.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from macros import build_cache

ENV = "DOSSIER_TEST_CACHE"


def folder() -> Path:
    return build_cache.home() / "test-results"


def digest(*parts: str | bytes | Path) -> str:
    """One hash of texts, bytes and files (a file counts by its bytes)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


@functools.cache
def site_digest(site: Path) -> str:
    """Every file of a built site but its PDFs (no page loads them), by path and bytes."""
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".pdf")
    return digest(*(part for p in files for part in (p.relative_to(site).as_posix(), p)))


def cached(name: str, key: str, make: Callable[[], object], keep: Callable[[object], bool] = lambda _: True):
    """`make()`'s JSON value, or the one stored under `key` by an earlier run. A value is stored only when
    `keep(value)` says so (a browser check keeps clean answers only: a failure is always looked at afresh)."""
    if os.environ.get(ENV) == "0":
        return make()
    path = folder() / name / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = make()
    if keep(value):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value), encoding="utf-8")
        tmp.replace(path)
    return value
