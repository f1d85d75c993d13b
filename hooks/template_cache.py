"""Compiled theme templates kept in memory, for the other editions of a build and for the rebuilds of
`make serve`: each edition makes a new theme environment, so without this every theme template would be
compiled once per edition. (Pages' compiled code is kept by macros/page_sandbox.py.)

Nothing is written to disk and nothing is loaded from it: the code objects stay in this process. A
template is found again under Jinja's key and the checksum of its source, for environments that
compile alike.
"""
from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

MAX_ENTRIES = 5_000  # past this, start afresh


def _options(env: jinja2.Environment) -> tuple:
    """What Jinja's code generator reads from an environment besides the template text."""
    return (type(env).__module__, type(env).__qualname__, env.sandboxed, env.is_async, env.optimized,
            repr(env.autoescape), env.finalize is not None, env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, tuple(sorted(env.extensions)))


class ThemeBytecode(BytecodeCache):
    """Jinja's bytecode cache interface over process memory: the code object itself, kept with the
    checksum of its source (a template whose source changed is a miss), one store per kind of environment."""

    stores: dict[tuple, dict] = {}

    def __init__(self, env: jinja2.Environment):
        self.memory = self.stores.setdefault(_options(env), {})

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.memory.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self.memory) >= MAX_ENTRIES:
            self.memory.clear()
        self.memory[bucket.key] = (bucket.checksum, bucket.code)


def on_env(env, config, files):
    """The theme's environment (one per edition) keeps its compiled templates here."""
    if env.bytecode_cache is None:
        env.bytecode_cache = ThemeBytecode(env)
    return env
