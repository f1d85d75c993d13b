"""`make serve` on a broken edit: the browser shows the problem lines, and the site comes back by
itself once the edit is fixed (hooks/site.py). One real `mkdocs serve` on a project copy."""
from __future__ import annotations

import html
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import types
import urllib.error
import urllib.request

import pytest

from macros.load import load_dossier
from macros.problem_page import problem_texts
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


def _first_number(text: str) -> re.Match:
    """The first figure of data/figures.yml with a whole-number value: any valid dossier has one."""
    return re.search(r"(?m)^- id: \"?([\w-]+)\"?\n(?:(?!- id: ).*\n)*?(  value: (\d+)\n)", text)


@pytest.mark.build
def test_a_data_or_page_error_is_shown_in_the_browser_and_the_site_comes_back_when_fixed(tmp_path):
    """`make serve` never hangs: a data problem and a page problem each show in place of every page,
    styled and in the edition's language, and the next save brings the site back."""
    project = project_copy(tmp_path)
    figures = project / "data" / "figures.yml"
    good = figures.read_text(encoding="utf-8")
    found = _first_number(good)
    broken = good[:found.start(2)] + f'  value: "{found[3]}"\n' + good[found.end(2):]
    line = good[:found.start(2)].count("\n") + 1
    problem = f"<code>data/figures.yml:{line}</code> {found[1]}: field &#x27;value&#x27; should be number"
    partner = load_dossier(project / "data").partners[0].id
    page_file = project / "docs" / "ru" / "partners" / f"{partner}.md"
    page_text = page_file.read_text(encoding="utf-8")

    port = _free_port()
    base = f"http://127.0.0.1:{port}/dossier/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DOSSIER_PDF", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    titles = {lang: problem_texts(lang, project / "data")[0] for lang in ("ru", "en")}
    try:
        english = base + f"en/partners/{partner}/"
        _until(english, lambda p: 'id="fig-' in p, "the normal English partner page", server)

        figures.write_text(broken, encoding="utf-8")
        page = _until(english, lambda p: problem in p, "the problem line", server)
        assert '<html lang="en"' in page and html.escape(titles["en"]) in page
        assert "<style>" in page, "the problem page is styled"
        assert "livereload" in page, "the problem page reloads by itself once the data is fixed"
        home = _get(base)
        assert '<html lang="ru"' in home and problem in home and html.escape(titles["ru"]) in home
        assert problem in _get(base + "no/such/page/"), "any address shows the problems"

        figures.write_text(good, encoding="utf-8")
        back = _until(english, lambda p: 'id="fig-' in p, "the normal page again", server)
        assert problem not in back

        page_file.write_text(page_text + '\n{{ fig("no-such-figure") }}\n', encoding="utf-8")
        shown = _until(english, lambda p: "no-such-figure" in p, "the page's problem", server)
        assert f"<code>docs/ru/partners/{partner}.md:" in shown and '<html lang="en"' in shown
        page_file.write_text(page_text, encoding="utf-8")
        _until(english, lambda p: 'id="fig-' in p, "the normal page after the page's fix", server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    assert "Traceback" not in err, err[-3000:]
    assert f"data/figures.yml:{line}: {found[1]}: field 'value' should be number" in err, "the terminal shows the same line"


def test_a_rebuild_that_fails_otherwise_shows_what_the_build_said_in_every_page(tmp_path, monkeypatch):
    """The last guard: whatever else stops a rebuild under `mkdocs serve` replaces each page of the
    previous build with the problem page in its edition's language, and the server carries on."""
    from mkdocs.exceptions import PluginError

    from hooks import site as site_hook

    site_dir = tmp_path / "site"
    for page in ("index.html", "partners/x/index.html", "en/index.html", "en/partners/x/index.html"):
        (site_dir / page).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / page).write_text("<p>old</p>", encoding="utf-8")

    def rebuild():
        logging.getLogger("mkdocs.plugins").error("docs/en/x.md:3: something only the build sees — do this")
        raise PluginError("Aborted with a BuildError!")

    i18n = types.SimpleNamespace(default_language="ru", config=types.SimpleNamespace(languages=[
        types.SimpleNamespace(locale="ru", build=True), types.SimpleNamespace(locale="en", build=True)]))
    docs = tmp_path / "docs"
    for page in ("ru/index.md", "en/index.md", "en/partners/y.md"):  # y: a page the failed build did not write
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# Y\n", encoding="utf-8")
    config = types.SimpleNamespace(site_dir=str(site_dir), docs_dir=str(docs), site_name="Dossier", plugins={"i18n": i18n},
                                   extra={})
    from macros.problems import Problem

    also = Problem("docs/ru/y.md", 2, None, "another mistake make check finds", "fix it too")
    monkeypatch.setattr(site_hook, "_project_problems", lambda config: [also])  # make check runs after a failure only
    server = types.SimpleNamespace(builder=rebuild)
    site_hook.on_serve(server, config, rebuild)
    server.builder()  # does not raise
    for page, lang in (("index.html", "ru"), ("en/partners/x/index.html", "en"), ("en/partners/y/index.html", "en"),
                       ("404.html", "ru")):
        text = (site_dir / page).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in text and "<p>old</p>" not in text, page
        assert "<code>docs/en/x.md:3</code> something only the build sees" in text, page
        assert "<code>docs/ru/y.md:2</code> another mistake make check finds" in text, page
