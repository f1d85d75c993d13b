"""A strict `mkdocs build` in a child forked from a server that has already imported mkdocs, its
plugins and their libraries: a separate process for every build, as `python -m mkdocs build` is, without
its 0.6 s of imports. The server imports only third-party code (the project's own macros/ and hooks/ are
imported afresh in each child, from the project being built), and it runs no thread, so forking it is safe.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOAD = ["mkdocs.commands.build", "mkdocs.config", "mkdocs.__main__", "material.plugins.search.plugin",
           "mkdocs_macros.plugin", "mkdocs_static_i18n.plugin", "jinja2", "markdown", "pymdownx", "nh3",
           "babel.numbers", "babel.dates", "yaml", "jsonschema"]
_context = None


def _server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _child(args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    for fd, name in ((1, out), (2, err)):
        handle = os.open(name, os.O_WRONLY | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    from mkdocs.__main__ import cli
    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def build(project: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """The build's exit code and output; a build still running after `timeout` seconds is killed and fails
    (so a hostile input that would make a build run without end fails its test instead of hanging it)."""
    args = ["build", "--strict", "--site-dir", str(project / "site")]
    with tempfile.NamedTemporaryFile(prefix="build-out-") as out, tempfile.NamedTemporaryFile(prefix="build-err-") as err:
        child = _server().Process(target=_child, args=(args, str(project), env, out.name, err.name))
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join()
        stdout = Path(out.name).read_text(encoding="utf-8", errors="replace")
        stderr = Path(err.name).read_text(encoding="utf-8", errors="replace")
    if child.exitcode == -9:
        stderr += f"\nthe build was stopped after {timeout:.0f} s\n"
    return subprocess.CompletedProcess(["mkdocs", *args], child.exitcode, stdout, stderr)
