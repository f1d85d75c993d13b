"""The Content-Security-Policy of a built page: everything from the site itself, and the page's
own inline scripts and <style> elements allowed by their SHA-256 hashes (no 'unsafe-inline').

overrides/main.html writes a <meta http-equiv="Content-Security-Policy"> whose content is
PLACEHOLDER; hooks/csp.py replaces it with `policy(html)` once the page is complete.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

PLACEHOLDER = "__DOSSIER_CSP__"

# Everything from the site itself; data: images for the theme's icons (CSS masks); no frames,
# no plugins; Material's search runs in a worker of the site.
FIXED = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

# A <script> with one of these types (or none) runs; any other type is a data block (JSON, JSON-LD).
_EXECUTABLE = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
               "application/x-javascript", "text/ecmascript", "text/jscript", "text/livescript"}


class _StartTag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {k: v or "" for k, v in attrs}


def _attributes(tag: str) -> dict[str, str]:
    reader = _StartTag()
    reader.feed(tag)
    reader.close()
    return reader.attrs


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The text of every inline script that runs, and of every <style> element, in document order.
    A targeted scan (comments skipped), not a full parse: tests/test_site.py checks it against one."""
    scripts: list[str] = []
    styles: list[str] = []
    at = 0
    while True:
        nearest = [(i, mark) for mark in ("<!--", "<script", "<style") if (i := html.find(mark, at)) >= 0]
        if not nearest:
            return scripts, styles
        start, mark = min(nearest)
        if mark == "<!--":
            end = html.find("-->", start + 4)
            at = len(html) if end < 0 else end + 3
            continue
        after = html[start + len(mark):start + len(mark) + 1]
        close = html.find(">", start)
        if after not in (" ", "\t", "\n", "/", ">") or close < 0:
            at = start + 1
            continue
        end = html.find(f"</{mark[1:]}", close)
        end = len(html) if end < 0 else end
        body, at = html[close + 1:end], end
        attrs = _attributes(html[start:close + 1])
        if mark == "<style":
            styles.append(body)
        elif "src" not in attrs and attrs.get("type", "").strip().lower() in _EXECUTABLE:
            scripts.append(body)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str, live_reload: bool = False) -> str:
    """The policy for the complete page `html`. `live_reload` (mkdocs serve only, never published):
    the script that mkdocs serve adds to each page changes at every request, so no hash can allow it;
    inline scripts are allowed as such instead (a browser ignores 'unsafe-inline' beside a hash)."""
    scripts, styles = inline_code(html)
    directives = dict(FIXED)
    allowed = ["'unsafe-inline'"] if live_reload else dict.fromkeys(sha256(s) for s in scripts)
    directives["script-src"] = " ".join(["'self'", *allowed])
    directives["style-src"] = " ".join(["'self'", *dict.fromkeys(sha256(s) for s in styles)])
    order = ["default-src", "script-src", "style-src", *[k for k in FIXED if k != "default-src"]]
    return "; ".join(f"{name} {directives[name]}" for name in order)


def with_policy(html: str, live_reload: bool = False) -> str | None:
    """`html` with its policy in place of PLACEHOLDER; None if the page has no placeholder."""
    if PLACEHOLDER not in html:
        return None
    return html.replace(PLACEHOLDER, policy(html, live_reload), 1)
