"""Verdicts of pure checks kept between builds: "this input passed this code".

A check whose verdict depends only on its inputs (a page's HTML, its markdown, data/'s files) and on
the code that decides may skip an input it passed before. Only passes are kept, never failures: a
failing input is checked again and reported in full. Each check has one file of passed digests,
named by the check and by a digest of the deciding code (macros/, hooks/, the Python and the
libraries that decide: nh3, jsonschema, PyYAML, Jinja, Babel...), so any change to that code starts afresh.
The folder lives outside the checkout (macros/build_cache.py: DOSSIER_VERDICT_CACHE, else
~/.cache/kazakhstan-dossier/verdicts/): a pull request cannot plant a verdict, and a digest
of hostile input is never one that passed. Any problem reading the file means "nothing passed"."""
from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

from . import build_cache
from .paths import DIGEST_CHARS, digest

CACHE_ENV = "DOSSIER_VERDICT_CACHE"
ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("nh3", "jsonschema", "PyYAML", "Jinja2", "Markdown", "mkdocs", "Babel", "mkdocs-macros-plugin",
             "mkdocs-static-i18n")  # Babel writes the numbers and dates a rendered page keeps
MAX_ENTRIES = 20_000  # a file grows with every edited page; past this it starts afresh
_DIGEST_CHARS = DIGEST_CHARS


def folder() -> Path:
    return Path(os.environ.get(CACHE_ENV) or build_cache.home() / "verdicts")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


_code: str | None = None


def engine() -> str:
    """The engine that runs the build. Under `properdocs build` the name `mkdocs` is ProperDocs' own
    module (it redirects every `mkdocs.*` import), so this says "properdocs 1.6.7" there, "mkdocs 1.6.1" here."""
    import mkdocs

    return f"{mkdocs.__name__} {getattr(mkdocs, '__version__', '')}"


def code_digest() -> str:
    """Every module of the dossier's own code (macros/, hooks/), the versions of what they call, and the
    engine: the two engines of one venv (tests/test_engines.py) never share a kept verdict or rendering."""
    global _code
    if _code is None:
        files = sorted([*(ROOT / "macros").glob("*.py"), *(ROOT / "hooks").glob("*.py")])
        _code = digest(sys.version, engine(), *(f"{n}={_version(n)}" for n in LIBRARIES),
                        *(part for f in files for part in (f.name, f.read_bytes())))
    return _code


def key(*inputs: str | bytes) -> str:
    """The digest of everything a verdict depends on besides the code."""
    return digest(*inputs)


class Verdicts:
    """The passes of one check (`name`), read once per process; `passed` only after `add` or a read file."""

    def __init__(self, name: str):
        assert name.isidentifier(), name  # no '-': the file name is <name>-<code digest>.txt
        self.name = name
        self._loaded_from: Path | None = None
        self._passed: set[str] = set()
        self._dirty = False

    def _file(self) -> Path:
        return folder() / f"{self.name}-{code_digest()}.txt"

    def _load(self) -> None:
        path = self._file()
        if self._loaded_from == path:
            return
        self._loaded_from, self._passed, self._dirty = path, _read(path), False

    def passed(self, digest: str) -> bool:
        self._load()
        return digest in self._passed

    def add(self, digest: str) -> None:
        self._load()
        if digest in self._passed:
            return
        if len(self._passed) >= MAX_ENTRIES:
            self._passed.clear()
        self._passed.add(digest)
        self._dirty = True

    def save(self) -> None:
        """Write the passes added since the last save (the hooks call it once a build is done)."""
        if self._dirty and self._loaded_from is not None:
            _write(self._loaded_from, self.name, self._passed)
        self._dirty = False


def _read(path: Path) -> set[str]:
    """The digests in `path`; empty if it is missing, not a plain file, or not every line is a digest."""
    try:
        if path.is_symlink() or not path.is_file():
            return set()
        lines = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeError):
        return set()
    hexdigits = set("0123456789abcdef")
    if not all(len(line) == _DIGEST_CHARS and set(line) <= hexdigits for line in lines):
        return set()
    return set(lines)


def _write(path: Path, name: str, digests: set[str]) -> None:
    """Atomically (a reader sees the old file or the new one); a cache that cannot be written is no cache."""
    if not build_cache.write_atomic(path, "".join(d + "\n" for d in sorted(digests)).encode("ascii")):
        return
    for old in path.parent.glob(f"{name}-*.txt"):
        if old != path:  # the same check's verdicts under older code
            old.unlink(missing_ok=True)
