"""Page content within the allow-list of macros/html_policy.py; under docs/ and data/ no symbolic links,
no file but pages and checked images (docs/), no file name with a control character.

on_page_content sees a page's HTML as page markdown and macros made it (the theme around it is
trusted) and reads it once for all its checks (macros/checks.py, content_problems): anything outside
the list, or a digit typed by hand outside the marked elements (macros/figlink.py), stops the build
with `docs/<lang>/<page>.md:<line>: what — fix`.
on_config refuses those files before mkdocs reads or copies one (macros/paths.py, macros/docs_files.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import checks, docs_files, paths, site, verdicts  # noqa: E402
from macros.paths import symlinks_under  # noqa: E402
from macros.problems import lines as problem_lines  # noqa: E402

_passed = verdicts.Verdicts("page_content")  # pages whose content passed every check, in earlier builds too


def _project(config) -> Path:
    return Path(config.config_file_path).resolve().parent if config.config_file_path else ROOT


@event_priority(100)  # before any plugin reads docs/ or data/
def on_config(config):
    project = _project(config)
    data = site.data_dir(config)
    found = symlinks_under(Path(config.docs_dir), project) + symlinks_under(data, project)
    default, others = site.editions(config)
    found += docs_files.docs_problems(Path(config.docs_dir), project, (default, *others))
    found += docs_files.name_problems(data, project)
    if not found and site.building_language(config) == default:  # the pages as written, once per build
        found = checks.written_page_problems(Path(config.docs_dir), project, (default, *others))
    if found:
        raise PluginError(problem_lines(found))
    return config


@event_priority(-100)  # after every other change to the page's HTML
def on_page_content(html, page, config, files):
    source = page.file.abs_src_path
    text = page.file.content_string if source else ""  # as mkdocs read it, once
    shown = paths.shown(source, _project(config)) if source else f"docs/{page.file.src_uri}"
    digest = verdicts.key(shown, page.title or "", html, text)  # all that the checks read
    if _passed.passed(digest):
        return html
    found = checks.content_problems(html, text, shown, page.title)
    if found:
        raise PluginError(problem_lines(found))
    _passed.add(digest)
    return html


def on_post_build(config):
    _passed.save()
