"""Compiled Jinja templates kept in memory, for the second edition of a build and for the rebuilds of
`make serve`: each edition makes a new theme environment, so without this every theme template would
be compiled twice a build, and every page's markdown at every save.

Nothing is written to disk and nothing is loaded from it: the code objects stay in this process. A
theme template is found again under Jinja's key and checksum of its source; a page's markdown under a
digest of its text, for environments with the same options and macros. Only a successful compile is
kept, so a page the sandbox refuses is refused again.
"""
from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

MAX_ENTRIES = 5_000  # a long `make serve` session: every saved edit is a new text; past this, start afresh


def _options(env: jinja2.Environment) -> tuple:
    """What Jinja's code generator reads from an environment besides the template text."""
    return (type(env).__module__, type(env).__qualname__, env.sandboxed, env.is_async, env.optimized,
            repr(env.autoescape), env.finalize is not None, env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, tuple(sorted(env.extensions)))


class Store:
    """Compiled code by key, in memory, one store per kind of environment."""

    _stores: dict[tuple, dict] = {}

    def __init__(self, kind: tuple):
        self.memory = self._stores.setdefault(kind, {})

    def get(self, key: str):
        return self.memory.get(key)

    def put(self, key: str, value) -> None:
        if len(self.memory) >= MAX_ENTRIES:
            self.memory.clear()
        self.memory[key] = value


def store(kind: str, env: jinja2.Environment, *extra: str) -> Store:
    """The store for templates of `kind` ("theme", "pages") compiled by environments like `env`."""
    return Store((kind, _options(env), *extra))


class ThemeBytecode(BytecodeCache):
    """Jinja's bytecode cache interface over a Store: the code object itself, kept with the checksum of
    its source (a template whose source changed is a miss)."""

    def __init__(self, store: Store):
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.store.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(bucket.key, (bucket.checksum, bucket.code))


def on_env(env, config, files):
    """The theme's environment (one per edition) keeps its compiled templates here."""
    if env.bytecode_cache is None:
        env.bytecode_cache = ThemeBytecode(store("theme", env))
    return env
