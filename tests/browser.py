"""Browser test harness: the built site served on 127.0.0.1, and headless Chromium driving it.

Fixtures (made available to every test module through tests/conftest.py):
- `site_server`: the `built_site` directory served at the path of `site_url` (e.g. /dossier/), as
  the site is published, with the edition's 404.html for a missing address under /<lang>/;
  `site_server.url("en/partners/china/")` gives an absolute address.
- `browser`: one Chromium for the whole session: Debian's chromium-headless-shell, never a download (the
  same engine as /usr/bin/chromium without its user interface: a page load costs a third of the CPU).
- `page`: one tab per worker, handed to each test reset (storage, cookies, permissions, routes, media,
  viewport and the problem list cleared, at about:blank): a new tab costs a renderer process, about
  0.3 CPU-s, on every test. The palette is light; failed requests and script errors are collected on
  `page.problems`, Content-Security-Policy violations in the page on `window.__cspViolations` (read
  them with `csp_violations(page)`); a test whose last page reports a CSP violation fails. Tests that
  need other context options (no JavaScript, a phone's viewport, clipboard) take `new_page(...)`.

Browser tests are marked `@pytest.mark.browser`. Without that browser they skip, unless
DOSSIER_REQUIRE_BROWSER=1 (set by .ci/run), when they fail.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"


def site_path() -> str:
    """The path the site is published under, from site_url: '/dossier/'."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    conf = yaml.load(text, Loader=_IgnoreTags)
    return urlsplit(conf.get("site_url") or "/").path.rstrip("/") + "/"


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may use !ENV and python tags; only plain keys are read here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`; a missing page gets its edition's 404.html."""
    prefix = "/"

    def log_message(self, *args):  # keep test output quiet
        pass

    def _inside(self) -> str | None:
        path = unquote(urlsplit(self.path).path)
        return path[len(self.prefix):] if path.startswith(self.prefix) else None

    def do_GET(self):
        if self._inside() is not None:
            return super().do_GET()
        if urlsplit(self.path).path == "/":
            self.send_response(302)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return
        self.send_error(404)

    def translate_path(self, path):
        return super().translate_path("/" + (self._inside() or ""))

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = self.not_found_page()
        body = page.read_bytes() if page else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found_page(self) -> Path | None:
        """`<lang>/404.html` for a missing address under /<lang>/ (when that edition has one), else the root 404.html."""
        root = Path(self.directory)
        first = (self._inside() or "").split("/", 1)[0]
        for candidate in ([root / first / "404.html"] if first else []) + [root / "404.html"]:
            if candidate.is_file():
                return candidate
        return None


@dataclass
class SiteServer:
    origin: str
    prefix: str
    directory: Path

    def url(self, path: str = "") -> str:
        return self.origin + self.prefix + path.lstrip("/")


def serve(directory: Path, prefix: str = "/"):
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_server(built_site):
    server = serve(built_site, site_path())
    yield SiteServer(f"http://127.0.0.1:{server.server_port}", site_path(), Path(built_site))
    server.shutdown()
    server.server_close()


def _require_browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (Debian package 'chromium-headless-shell')"
        if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and DOSSIER_REQUIRE_BROWSER=1")
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Every violation of the page's Content-Security-Policy, recorded from the first script on.
CSP_LISTENER = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    (e.sample ? " (" + e.sample + ")" : "") + " at " + e.sourceFile + ":" + e.lineNumber);
});"""


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || ['the CSP listener did not run']")


VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default, restored between tests


def new_page(browser, site_server, **context_options):
    """A page in a fresh context. `page.problems` lists script errors, failed requests, HTTP errors,
    any request to another host than the test server (the site loads nothing from third parties), any
    dialog (alert, confirm, prompt: dismissed) and any navigation of the page to another host."""
    context = browser.new_context(**{"color_scheme": "light", "viewport": VIEWPORT, **context_options})
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    page.problems = []

    def dialog(d):
        page.problems.append(f"dialog: {d.type} {d.message!r}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("framenavigated", lambda frame: frame == page.main_frame
            and not frame.url.startswith((site_server.origin + "/", "about:", "chrome-error:"))
            and page.problems.append(f"navigation to another host: {frame.url}"))
    page.on("pageerror", lambda err: page.problems.append(f"script error: {err}"))
    page.on("request", lambda req: not req.url.startswith((site_server.origin + "/", "data:", "blob:"))
            and page.problems.append(f"third-party request: {req.url}"))
    page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED"  # cut short by leaving the page
            and page.problems.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", lambda res: res.status >= 400 and page.problems.append(f"HTTP {res.status}: {res.url}"))
    return page


@pytest.fixture(scope="session")
def _tab(browser, site_server):
    """The worker's one tab (see `page`); replaced when a test closed it."""
    tab = {"page": None}
    yield tab
    if tab["page"] and not tab["page"].is_closed():
        tab["page"].context.close()


def reset(page, site_server) -> None:
    """Back to a tab as new: nothing a test did carries over into the next one."""
    if page.url.startswith(site_server.origin):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.goto("about:blank")
    page.unroute_all(behavior="wait")
    page.context.clear_cookies()
    page.context.clear_permissions()
    page.emulate_media(media="null", color_scheme="light")  # "null" undoes an emulation (None leaves it as it is)
    page.set_viewport_size(VIEWPORT)
    page.problems.clear()


@pytest.fixture
def page(_tab, browser, site_server):
    """The worker's tab, reset; when the test is over, the page it ends on must report no
    Content-Security-Policy violation (so every browser test is also a CSP test of what it did)."""
    if _tab["page"] is None or _tab["page"].is_closed():
        _tab["page"] = new_page(browser, site_server)
    page = _tab["page"]
    yield page
    if page.is_closed():
        return
    url = page.url
    seen = csp_violations(page) if url.startswith(site_server.origin) else []
    reset(page, site_server)
    assert not seen, f"the Content-Security-Policy blocked something on {url}: {seen}"


def screenshot(page, name: str) -> Path:
    """Save a screenshot into test-artifacts/screenshots/ (not committed) for a person to look at."""
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=False, animations="disabled")
    return path
