"""What a page tells the theme about itself (macros/page_meta.py), at the boundary with the templates.

The front matter was checked when the build started (hooks/html_policy.py, on_config). Here, before
any plugin reads it, a page keeps only the keys a page may set, escaped for HTML; and once its
markdown is rendered, its title (from a heading, if no front matter gives one) must be plain text,
or the build stops with the page's line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import page_meta  # noqa: E402


@event_priority(110)  # before mkdocs-macros (which renders the page in macros/page_sandbox.py) and every other reader of page.meta
def on_page_markdown(markdown, page, config, files):
    meta = page.meta or {}
    page.meta = {k: page_meta.plain(v) for k, v in meta.items() if k in page_meta.FIELDS and isinstance(v, str)}
    return markdown


@event_priority(100)  # once the page's markdown is rendered: its title is known
def on_page_content(html, page, config, files):
    shown = f"docs/{page.file.src_uri}"
    text = page.file.content_string if page.file.abs_src_path else ""
    line = next((p.line for p in page_meta.heading_problems(text, shown)), None)
    problem = page_meta.title_problem(page.title, shown, line)
    if problem:
        raise PluginError(str(problem))
    return html
