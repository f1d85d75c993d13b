"""Compiled Jinja templates kept between builds and between the two editions of one build.

Each edition's build makes a new theme environment, so without this every theme template is parsed
and compiled twice a build, and every page's markdown once, though they rarely change. Here a
template's compiled code is kept under a key that names its source exactly (Jinja's sha1 checksum
for theme templates, a blake2b digest of the text for page markdown): changed text is compiled
afresh, and a page that the sandbox refuses is never kept, because only a successful compile is
stored. The folder lives outside the checkout (hooks/build_cache.py: DOSSIER_TEMPLATE_CACHE, else
~/.cache/kazakhstan-dossier/templates/), as compiled code is run when loaded and a pull request must
not be able to plant any; each kind of environment has its own subfolder, named by a digest of the
Jinja and Python versions, the environment's compile options and, for pages, the dossier's code.
A file that cannot be read or loaded is a miss; a folder that cannot be written is no cache.
"""
from __future__ import annotations

import marshal
import os
import shutil
import sys
import time
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from hooks import build_cache, verdicts

CACHE_ENV = "DOSSIER_TEMPLATE_CACHE"
MAX_FILES = 5_000  # one file per template version; past this the folder starts afresh
MAX_AGE_DAYS = 14  # a folder of older code or another environment, unused this long, is removed
_HEX = frozenset("0123456789abcdef")


def folder() -> Path:
    return Path(os.environ.get(CACHE_ENV) or build_cache.home() / "templates")


def _options(env: jinja2.Environment) -> tuple:
    """What Jinja's code generator reads from an environment besides the template text."""
    return (type(env).__module__, type(env).__qualname__, env.sandboxed, env.is_async, env.optimized,
            repr(env.autoescape), env.finalize is not None, env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, tuple(sorted(env.extensions)))


class Store:
    """Compiled code by key: in memory for this process, and one file per key in `path`."""

    _memory: dict[Path, dict[str, bytes]] = {}  # shared by every Store of the same folder

    def __init__(self, path: Path):
        self.path = path
        self.memory = self._memory.setdefault(path, {})
        self._checked = False

    def get(self, key: str) -> bytes | None:
        data = self.memory.get(key)
        if data is None and set(key) <= _HEX:
            file = self.path / key
            try:
                if not file.is_symlink() and file.is_file():
                    data = self.memory[key] = file.read_bytes()
            except OSError:
                return None
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(self.memory) >= MAX_FILES:  # a long `mkdocs serve` session: every saved edit is a new text
            self.memory.clear()
        self.memory[key] = data
        if not set(key) <= _HEX:
            return
        try:
            self._make_room()
        except OSError:
            return
        build_cache.write_atomic(self.path / key, data)

    def _make_room(self) -> None:
        """Once per process: make the folder, mark it used, drop folders unused for MAX_AGE_DAYS (older
        code, other Jinja), and empty it if it is full."""
        if self._checked:
            return
        self._checked = True
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.utime(self.path)
        stale = time.time() - MAX_AGE_DAYS * 86_400
        for old in self.path.parent.iterdir():
            if old != self.path and old.is_dir() and not old.is_symlink() and old.stat().st_mtime < stale:
                shutil.rmtree(old, ignore_errors=True)
        if sum(1 for _ in self.path.iterdir()) > MAX_FILES:
            for file in self.path.iterdir():
                file.unlink(missing_ok=True)


def store(kind: str, env: jinja2.Environment, *extra: str) -> Store:
    """The store for templates of `kind` ("theme", "pages") compiled by environments like `env`."""
    digest = verdicts.key(sys.version, jinja2.__version__, repr(_options(env)), *extra)
    return Store(folder() / f"{kind}-{digest}")


class ThemeBytecode(BytecodeCache):
    """Jinja's bytecode cache interface over a Store: the bucket's key names the template's name and
    file, and its checksum of the source is checked on load (a mismatch is a miss)."""

    def __init__(self, store: Store):
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(bucket.key, bucket.bytecode_to_string())


def load_code(store: Store, key: str):
    """The code object kept under `key`, or None when there is none or it does not load."""
    data = store.get(key)
    if data is None:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        store.memory.pop(key, None)
        return None


def keep_code(store: Store, key: str, code) -> None:
    store.put(key, marshal.dumps(code))


def on_env(env, config, files):
    """The theme's environment (one per edition) keeps its compiled templates here."""
    if env.bytecode_cache is None:
        env.bytecode_cache = ThemeBytecode(store("theme", env))
    return env
