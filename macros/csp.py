"""The Content-Security-Policy of every built page: scripts and styles from files of the site only.

The policy is fixed before any page is rendered: no hash of a page's own inline code (a hash of what
a finished page happens to contain would allow a script injected into it), no 'unsafe-inline'. The
trusted templates write no inline script or <style> (Material's own inline scripts are files under
overrides/assets/theme/), so a page that carries one was changed by its content: `inline_problems`
names it, and the build stops (hooks/csp.py).

overrides/main.html writes a <meta http-equiv="Content-Security-Policy"> whose content is
PLACEHOLDER; hooks/csp.py replaces it with `policy()`.
"""
from __future__ import annotations

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


def inline_problems(html: str) -> list[str]:
    """What a finished page carries inline that the policy blocks (and the trusted templates never write)."""
    scripts, styles = inline_code(html)
    return ([f"an inline script ({_shown(s)})" for s in scripts] +
            [f"a <style> element ({_shown(s)})" for s in styles])


def _shown(code: str) -> str:
    code = " ".join(code.split())
    return repr(code if len(code) <= 60 else code[:57] + "…")


def policy(live_reload: bool = False) -> str:
    """The policy of every page. `live_reload` (mkdocs serve only, never published): the script that
    mkdocs serve adds to each page is inline, so inline scripts run there."""
    directives = dict(FIXED)
    directives["script-src"] = "'self' 'unsafe-inline'" if live_reload else "'self'"
    directives["style-src"] = "'self'"
    order = ["default-src", "script-src", "style-src", *[k for k in FIXED if k != "default-src"]]
    return "; ".join(f"{name} {directives[name]}" for name in order)


def with_policy(html: str, live_reload: bool = False) -> str | None:
    """`html` with the policy in place of PLACEHOLDER; None if the page has no placeholder."""
    if PLACEHOLDER not in html:
        return None
    return html.replace(PLACEHOLDER, policy(live_reload), 1)
