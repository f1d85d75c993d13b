"""The Content-Security-Policy (macros/csp.py): fixed before any page is rendered, scripts and styles of
the site only; an inline script or <style> in a finished page is found (the build stops on it)."""
from __future__ import annotations

import re
from pathlib import Path

from macros import csp
from tests.helpers import ROOT

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


def directives(policy: str) -> dict[str, str]:
    return dict(d.split(" ", 1) for d in policy.split("; "))


def test_inline_scripts_that_run_and_styles_are_found():
    scripts, styles = csp.inline_code(PAGE)
    assert scripts == ["var a = 1;", 'import "./m.js";', "var b = 2;"]
    assert styles == [".a { color: red }"]
    found = csp.inline_problems(PAGE)
    assert len(found) == 4 and found[0].startswith("an inline script") and found[-1].startswith("a <style>")


def test_data_blocks_and_scripts_of_the_site_are_not_inline_code():
    page = ('<script src="assets/x.js"></script><script type="application/json">{"a": 1}</script>'
            '<script type="application/ld+json">{}</script><!-- <script>x()</script> -->')
    assert csp.inline_problems(page) == []


def test_the_policy_is_the_same_for_every_page_and_allows_no_inline_code():
    policy = csp.policy()
    d = directives(policy)
    assert d["script-src"] == "'self'" and d["style-src"] == "'self'"
    assert d["default-src"] == "'self'" and d["object-src"] == "'none'"
    assert d["frame-src"] == "'none'" and d["base-uri"] == "'self'" and d["form-action"] == "'self'"
    assert "unsafe" not in policy and "sha256" not in policy and "*" not in policy and "http" not in policy


def test_the_placeholder_is_replaced_once_and_its_absence_is_seen():
    done = csp.with_policy(PAGE)
    assert csp.PLACEHOLDER not in done and f'content="{csp.policy()}"' in done
    assert csp.with_policy("<html><head></head></html>") is None


def test_under_mkdocs_serve_inline_scripts_run():
    """mkdocs serve adds an inline live-reload script to each page it serves (never published)."""
    assert directives(csp.policy(live_reload=True))["script-src"] == "'self' 'unsafe-inline'"
    assert directives(csp.policy(live_reload=True))["style-src"] == "'self'"


def _material_script(name: str) -> str:
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "javascripts" / f"{name}.html"
    text = path.read_text(encoding="utf-8")
    return re.findall(r"<script>(.*?)</script>", text, re.S)[-1]


def test_the_theme_scripts_are_materials_own_inline_scripts():
    """overrides/assets/theme/*.js are Material's inline scripts as files; an upgrade of Material that
    changes one shows here. base.js scopes storage to the site root from its own address (../.. of
    assets/theme/), where Material writes the page's base_url (the site root on every page)."""
    theme = ROOT / "overrides" / "assets" / "theme"
    base = _material_script("base").replace('new URL("{{ config.extra.scope | d(base_url) }}",location)',
                                            'new URL("../..",document.currentScript.src)')
    assert (theme / "base.js").read_text(encoding="utf-8").strip() == base
    for name in ("palette", "content"):
        assert (theme / f"{name}.js").read_text(encoding="utf-8").strip() == _material_script(name), name


def test_the_build_stops_on_a_page_that_carries_inline_code():
    """The trusted templates write none: inline code in a finished page came from its content (hooks/csp.py)."""
    import pytest
    from mkdocs.exceptions import PluginError

    from hooks import csp as csp_hook

    page = '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="__DOSSIER_CSP__">'
    assert "script-src 'self';" in csp_hook._with_policy(page + "</head></html>", "docs/ru/x.md")
    with pytest.raises(PluginError, match=r"docs/ru/x.md: an inline script \('alert\(1\)'\) — the site's templates"):
        csp_hook._with_policy(page + "<script>alert(1)</script></head></html>", "docs/ru/x.md")
    with pytest.raises(PluginError, match=r"a <style> element"):
        csp_hook._with_policy(page + "<style>a{}</style></head></html>", "docs/ru/x.md")
