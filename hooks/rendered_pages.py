"""A page's markdown as the macros rendered it, kept between builds: the macros are pure functions of
the page's text, its place and language, data/ and the code, so with all of these unchanged the page
is not rendered again (0.3 s of a build for both editions).

The key is a digest of everything the macros read: the page's markdown as it reaches mkdocs-macros
(after mkdocs-static-i18n's admonition titles), its front matter, its path (which gives its language),
mkdocs.yml's text (the macros' settings) and the site_url, repo_url and extra the build runs with
(`mkdocs serve` sets its own site_url), every file under data/ and the code
digest of hooks/verdicts.py (macros/, hooks/, Python, Babel, Jinja and the other deciding libraries).
Only a page whose rendering succeeded is kept: the output is stored at on_page_content, after
hooks/sandbox.py has raised any failure of the page. The HTML made from it is checked in every build
as before (allow-list, digits). The store is hooks/template_cache.py's, outside the checkout; a data
folder with a symbolic link is never looked up (the load refuses it).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import kept_dossier, template_cache, verdicts  # noqa: E402
from macros import site  # noqa: E402

_config_text: dict[str, bytes] = {}  # mkdocs.yml's path -> its text, read once per build
_keys: dict[str, str] = {}  # src_uri -> the key its rendering will be stored under (this build)
_front_matter: dict[str, tuple[bool, object]] = {}  # src_uri -> its own render_macros (had it, value), put back
_store: list[template_cache.Store] = []


def on_pre_build(config):
    _config_text.clear()


def _shared(config) -> tuple[str | None, bytes]:
    path = getattr(config, "config_file_path", None) or ""
    if path not in _config_text:
        _config_text[path] = Path(path).read_bytes() if path else b""
    return kept_dossier.key(site.data_dir(config)), _config_text[path]


def store() -> template_cache.Store:
    folder = template_cache.folder() / f"rendered-{verdicts.code_digest()}"
    if not _store or _store[0].path != folder:
        _store[:] = [template_cache.Store(folder)]
    return _store[0]


def key(markdown: str, page, config) -> str | None:
    data, config_text = _shared(config)
    if data is None or site.broken():
        return None
    meta = json.dumps(getattr(page, "meta", {}) or {}, sort_keys=True, ensure_ascii=False, default=repr)
    effective = json.dumps([_setting(config, name) for name in ("site_url", "repo_url", "extra")],  # `mkdocs serve`
                           sort_keys=True, ensure_ascii=False, default=repr)  # sets its own site_url
    return verdicts.key("rendered page", data, config_text, effective, page.file.src_uri, meta, markdown)


def _setting(config, name: str):
    getter = getattr(config, "get", None)
    return getter(name) if callable(getter) else getattr(config, name, None)


@event_priority(25)  # after mkdocs-static-i18n's admonition titles (50), before mkdocs-macros renders (0)
def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    site.rendered_earlier.discard(uri)
    _keys.pop(uri, None)
    wanted = key(markdown, page, config)
    if wanted is None:
        return markdown
    kept = store().get(wanted)
    if kept is None:
        _keys[uri] = wanted
        return markdown
    _front_matter[uri] = ("render_macros" in page.meta, page.meta.get("render_macros"))
    page.meta["render_macros"] = False  # mkdocs-macros leaves the page as it is (on_page_content puts it back)
    site.rendered_earlier.add(uri)  # and macros/__init__.py's glossary passes skip it (they ran before)
    return kept.decode("utf-8")


@event_priority(90)  # after hooks/sandbox.py (100) has stopped the build on a failed rendering
def on_page_content(html, page, config, files):
    uri = page.file.src_uri
    if uri in _front_matter:  # the templates see the front matter as written
        had, value = _front_matter.pop(uri)
        if had:
            page.meta["render_macros"] = value
        else:
            page.meta.pop("render_macros", None)
    wanted = _keys.pop(uri, None)
    if wanted is not None:
        store().put(wanted, page.markdown.encode("utf-8"))
    return html
