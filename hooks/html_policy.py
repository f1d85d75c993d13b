"""Page content within the allow-list of macros/html_policy.py; no symbolic links under docs/ or data/.

on_page_content sees a page's HTML as page markdown and macros made it (the theme around it is
trusted): anything outside the list stops the build with `docs/<lang>/<page>.md:<line>: what — fix`.
on_config refuses symlinks before mkdocs reads or copies a file (macros/paths.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from hooks import verdicts  # noqa: E402
from macros import html_policy, site  # noqa: E402
from macros.paths import symlinks_under  # noqa: E402

_passed = verdicts.Verdicts("html_policy")  # page HTML + markdown that passed, in earlier builds too


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent if config.config_file_path else ROOT


@event_priority(100)  # before any plugin reads docs/ or data/
def on_config(config):
    project = _project(config)
    data = site.data_dir(config)
    found = symlinks_under(Path(config.docs_dir), project) + symlinks_under(data, project)
    if found:
        raise PluginError("\n".join(str(p) for p in found))
    return config


@event_priority(-100)  # after every other change to the page's HTML
def on_page_content(html, page, config, files):
    source = page.file.abs_src_path
    text = page.file.content_string if source else ""  # as mkdocs read it, once
    digest = verdicts.key(html, text)  # the verdict reads both: the HTML, and the markdown for own markers
    if _passed.passed(digest):
        return html
    shown = _shown(source, config) if source else f"docs/{page.file.src_uri}"
    found = html_policy.problems(html, text, shown) + html_policy.own_marker_problems(text, shown)
    if found:
        raise PluginError("\n".join(str(p) for p in found))
    _passed.add(digest)
    return html


def on_post_build(config):
    _passed.save()


def _shown(source: str, config) -> str:
    try:
        return Path(source).resolve().relative_to(_project(config)).as_posix()
    except ValueError:
        return Path(source).as_posix()
