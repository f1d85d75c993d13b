"""`make serve` on a broken edit: the browser shows the problem lines, and the site comes back by
itself once the edit is fixed (hooks/site.py). One real `mkdocs serve` on a project copy."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.helpers import project_copy

WAIT = 60  # seconds, at most, for each change to show


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # a 404 has a page too
        return error.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _until(url: str, ok, what: str, server) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve exited while waiting for {what}"
        page = _get(url)
        if ok(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"no {what} at {url} within {WAIT} s; last page:\n{page[:2000]}")


def test_a_data_error_is_shown_in_the_browser_and_the_site_comes_back_when_fixed(tmp_path):
    project = project_copy(tmp_path)
    figures = project / "data" / "figures.yml"
    good = figures.read_text(encoding="utf-8")
    assert good.count("\n  value: 5000\n") == 1
    broken = good.replace("\n  value: 5000\n", '\n  value: "5000"\n')
    line = good[:good.index("\n  value: 5000\n")].count("\n") + 2
    problem = f"data/figures.yml:{line}: mineral-deposits-count: field &#x27;value&#x27; should be number"

    port = _free_port()
    base = f"http://127.0.0.1:{port}/dossier/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DOSSIER_PDF", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        china = base + "en/partners/china/"
        _until(china, lambda p: 'id="fig-' in p, "the normal English China page", server)

        figures.write_text(broken, encoding="utf-8")
        page = _until(china, lambda p: problem in p, "the problem line", server)
        assert '<html lang="en"' in page and "The dossier data has problems" in page
        assert "livereload" in page, "the problem page reloads by itself once the data is fixed"
        home = _get(base)
        assert '<html lang="ru"' in home and problem in home and "Данные досье содержат ошибки" in home
        assert problem in _get(base + "no/such/page/"), "any address shows the problems"

        figures.write_text(good, encoding="utf-8")
        back = _until(china, lambda p: 'id="fig-' in p, "the normal page again", server)
        assert problem not in back
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    assert "Traceback" not in err, err[-3000:]
    assert problem.replace("&#x27;", "'") in err, "the terminal shows the same line"
