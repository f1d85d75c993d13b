"""The Content-Security-Policy of a page (macros/csp.py): its inline scripts and styles by hash."""
from __future__ import annotations

import base64
import hashlib

from macros import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__DOSSIER_CSP__">
<script>var a = 1;</script>
<script type="application/ld+json">{"@context": "https://schema.org"}</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/bundle.js"></script>
<script type="module">import "./m.js";</script>
<style>.a { color: red }</style>
</head><body>
<!-- <script>not a script</script> -->
<p>&lt;script&gt;text&lt;/script&gt;</p>
<script defer>var b = 2;</script>
</body></html>"""


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_that_run_and_styles_are_found():
    scripts, styles = csp.inline_code(PAGE)
    assert scripts == ["var a = 1;", 'import "./m.js";', "var b = 2;"]
    assert styles == [".a { color: red }"]


def test_the_policy_allows_exactly_those_hashes():
    policy = csp.policy(PAGE)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == " ".join(["'self'", digest("var a = 1;"), digest('import "./m.js";'),
                                                 digest("var b = 2;")])
    assert directives["style-src"] == "'self' " + digest(".a { color: red }")
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "unsafe" not in policy and "*" not in policy and "http" not in policy


def test_the_placeholder_is_replaced_once_and_its_absence_is_seen():
    done = csp.with_policy(PAGE)
    assert csp.PLACEHOLDER not in done and f'content="{csp.policy(PAGE)}"' in done
    assert csp.with_policy("<html><head></head></html>") is None


def test_the_same_script_twice_is_listed_once():
    page = "<script>x()</script><p>a</p><script>x()</script>"
    assert csp.policy(page).count("'sha256-") == 1


def test_under_mkdocs_serve_inline_scripts_run_without_hashes():
    """mkdocs serve adds a live-reload script that differs at every request (never published)."""
    directives = dict(d.split(" ", 1) for d in csp.policy(PAGE, live_reload=True).split("; "))
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["style-src"] == "'self' " + digest(".a { color: red }")
