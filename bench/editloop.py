"""Section 5: seconds from saving data/figures.yml to the rebuilt page under `mkdocs serve`.

Works on a copy of the project. Each round changes the English label of the first figure to a new
marker (harmless: a label is free text) and polls the English "All figures" page until the marker
appears. The first request after start-up waits for serve's initial build, reported separately.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from . import measure

LABEL_EN = re.compile(r'(^\s*label:\s*\n\s*ru:\s*".*"\s*\n\s*en:\s*")([^"]*)(")', re.M)
PAGE = "en/figures/"  # lists every figure with its label


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in fetch(url):
            return time.perf_counter()
        time.sleep(0.05)
    return None


def mount_path(project: Path) -> str:
    """`mkdocs serve` serves the site under the path of site_url (e.g. /dossier/)."""
    from mkdocs.utils.yaml import yaml_load
    with open(project / "mkdocs.yml", "rb") as f:
        site_url = yaml_load(f).get("site_url") or "/"
    return urlsplit(site_url).path.rstrip("/") + "/"


def edit_marker(i: int) -> str:
    """The text round `i` appends to a label: letters only, as a label's digits would be typed by hand
    on the pages that print it (the build's digit check stops such a build instead of rebuilding)."""
    return "bench-edit-" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (1 + i // 26)


def relabel(figures: Path, marker: str) -> None:
    text = figures.read_text(encoding="utf-8")
    match = LABEL_EN.search(text)
    if not match:
        raise RuntimeError(f"{figures}: no figure label with ru/en lines found to edit")
    base = re.sub(r" bench-edit-[a-z]+$", "", match.group(2))
    figures.write_text(text[: match.start(2)] + f"{base} {marker}" + text[match.end(2):], encoding="utf-8")


def run(work: Path, rounds: int, timeout: float = 120, root: Path = measure.ROOT) -> dict:
    project = measure.copy_project(work / "serve", root)
    port = free_port()
    url = f"http://127.0.0.1:{port}{mount_path(project)}{PAGE}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = open(work / "serve.log", "w")
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        up = wait_for(url, "<html", timeout)
        if up is None:
            return {"error": f"mkdocs serve did not serve {PAGE} within {timeout} s (see {work / 'serve.log'})"}
        first = up - start
        seconds = []
        for i in range(1, rounds + 1):
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            marker = edit_marker(i)
            saved = time.perf_counter()
            relabel(project / "data" / "figures.yml", marker)
            seen = wait_for(url, marker, timeout)
            seconds.append(None if seen is None else seen - saved)
        done = [s for s in seconds if s is not None]
        return {"page": PAGE, "first_serve_seconds": first, "rounds": seconds,
                "seconds": measure.median(done) if done else None, "target_seconds": 3}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
