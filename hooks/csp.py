"""A Content-Security-Policy on every page (macros/csp.py): scripts and styles of the site only.

overrides/main.html writes the policy's <meta> with a placeholder; once a page is complete
(on_post_page, on_post_template for the 404 pages) the placeholder becomes the policy. A page
without the <meta>, or with an inline script or <style> (which the trusted templates never write),
stops the build. Under `mkdocs serve` inline scripts are allowed (macros/csp.policy), or its
live-reload script would be blocked; what `mkdocs build` publishes never allows them.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros.csp import inline_problems, with_policy  # noqa: E402

_run = {"serve": False}


def on_startup(command, dirty):
    _run["serve"] = command == "serve"


def _with_policy(html: str, what: str) -> str:
    inline = inline_problems(html)
    if inline:
        raise PluginError(f"{what}: {inline[0]} — the site's templates write no inline code, so the page's content "
                          f"or data put it there: remove it (a page carries no script or style; the site's own are files "
                          f"under overrides/assets/)")
    done = with_policy(html, live_reload=_run["serve"])
    if done is None:
        raise PluginError(f"{what}: no Content-Security-Policy <meta> — overrides/main.html must write it "
                          f"(block site_meta) for every page")
    return done


@event_priority(-100)  # the last change to the page: its final HTML is checked
def on_post_page(output, page, config):
    return _with_policy(output, f"docs/{page.file.src_uri}")


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, f"template {template_name}")
