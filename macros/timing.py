"""Opt-in build timings for the benchmark (bench/): off unless DOSSIER_TIMINGS names a file.

With DOSSIER_TIMINGS=<file>, the time spent in each phase is appended to <file> as JSON lines
{"phase": ..., "name": ..., "seconds": ..., "calls": ...}. Macro calls are summed in memory and
written once when the process exits, so timing them costs two clock reads per call. When the
variable is unset, `phase` is a plain pass-through and `timed_macros` returns the table untouched.
"""
from __future__ import annotations

import atexit
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

ENV = "DOSSIER_TIMINGS"
_totals: dict[tuple[str, str], list] = {}  # (phase, name) -> [seconds, calls]


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def record(phase: str, seconds: float, name: str = "", calls: int = 1) -> None:
    """Append one measurement line (no-op when timings are off)."""
    path = os.environ.get(ENV)
    if not path:
        return
    line = json.dumps({"phase": phase, "name": name, "seconds": round(seconds, 6), "calls": calls, "pid": os.getpid()})
    with open(path, "a", encoding="utf-8") as out:
        out.write(line + "\n")


@contextmanager
def phase(name: str, detail: str = "") -> Iterator[None]:
    """Time a block, e.g. `with timing.phase("pdf"):` in a hook; records even when it raises."""
    if not os.environ.get(ENV):
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        record(name, time.perf_counter() - start, detail)


def timed_macros(table: dict[str, Callable]) -> dict[str, Callable]:
    """Wrap each macro so its calls add up under phase "macros" (only when timings are on)."""
    if not enabled():
        return table
    return {name: _summed("macros", name, fn) for name, fn in table.items()}


def timed(phase_name: str) -> Callable[[Callable], Callable]:
    """Decorator: sum every call of a function under `phase_name` (only when timings are on)."""
    def decorate(fn: Callable) -> Callable:
        return _summed(phase_name, fn.__name__, fn) if enabled() else fn
    return decorate


def _summed(phase_name: str, name: str, fn: Callable) -> Callable:
    if not _totals:
        atexit.register(flush)
    slot = _totals.setdefault((phase_name, name), [0.0, 0])

    @wraps(fn)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            slot[0] += time.perf_counter() - start
            slot[1] += 1

    return timed


def flush() -> None:
    """Write the summed macro times (called at exit; the benchmark may call it earlier)."""
    for (phase_name, name), (seconds, calls) in _totals.items():
        if calls:
            record(phase_name, seconds, name, calls)
    for slot in _totals.values():
        slot[0], slot[1] = 0.0, 0
