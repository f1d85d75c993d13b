"""Page-level mistakes stop the build in `make check`'s words (macros/checks.py: the checks make check runs too).

on_config: each page exists in every language, every nav entry has its page, every page is in
the nav; once per build, the typography and terminology of data/'s own texts. on_page_markdown, after the macros ran: the anchors the page gives (its own markdown and
what its macros emitted). on_env, once every page of the edition is rendered: each link in a
page's own prose lands on a file of the edition and on an anchor that page has, and its prose keeps
the typography and terminology rules (macros/typography.py, macros/terminology.py). (No digit typed by
hand in a page: hooks/html_policy.py, with the allow-list, from the same reading of the page.)
mkdocs' own validation (mkdocs.yml `validation:`) stays behind these as a backstop.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import checks, kept_dossier, own_words, site, verdicts  # noqa: E402  # noqa: E402
from macros.problems import lines as problem_lines  # noqa: E402

_data_passed = verdicts.Verdicts("data_wording")  # data/ whose texts keep typography and terminology

# The pages of the edition being built: src_uri ('ru/partners/china.md') -> (own markdown, anchors).
_pages: dict[str, tuple[str, set[str]]] = {}


def _stop(problems) -> None:
    if problems:
        raise PluginError(problem_lines(problems))


_terms: list = []  # data/terminology.yml's rules, read once per build


def on_config(config):
    if site.broken():  # `mkdocs serve` shows make check's problems in place of the pages (hooks/site.py)
        return config
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else ROOT
    _stop(checks.one_language_pages(Path(config.docs_dir)) + checks.nav_problems(root))
    _pages.clear()
    if site.building_language(config) == site.editions(config)[0]:  # the data once per build, in make check's words
        data = site.data_dir(config)
        found: list = []
        _terms[:] = checks.terms_of(data, found)
        digest = kept_dossier.key(data)  # None: a symlink under data/ (refused before, hooks/html_policy.py)
        if not found and digest and _data_passed.passed(digest):
            return config
        _stop(found + checks.data_wording_problems(data, _terms) + checks.data_copy_problems(data, _prints(config)))
        if digest:
            _data_passed.add(digest)
    return config


def _prints(config) -> dict:
    """The fingerprints of the references and reproduced sources (macros/own_words.py), once per build."""
    data = site.data_dir(config)
    state = (data, kept_dossier.key(data))  # read again whenever a file under data/ changed (make serve)
    if state[1] is None or _fingerprints.get("state") != state:
        _fingerprints.update(state=state, prints=own_words.prints_of(data))
    return _fingerprints["prints"]


_fingerprints: dict = {}


@event_priority(-100)  # after mkdocs-macros rendered the page
def on_page_markdown(markdown, page, config, files):
    _pages[page.file.src_uri] = (page.file.content_string, checks.anchors_in(markdown))
    return markdown


def on_post_build(config):
    _data_passed.save()


def on_env(env, config, files):
    docs = Path(config.docs_dir)
    by_lang: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for src_uri, page in _pages.items():
        lang, _, rel = src_uri.partition("/")
        by_lang.setdefault(lang, {})[rel] = page
    found = []
    for lang, pages in sorted(by_lang.items()):
        index = checks.file_index(docs / lang, {rel: anchors for rel, (_, anchors) in pages.items()})
        for rel, (text, _) in sorted(pages.items()):
            found.extend(checks.link_problems(f"docs/{lang}/{rel}", rel, text, index))
            found.extend(checks.digit_problems(f"docs/{lang}/{rel}", text))  # nothing unsourced (issue 11)
            found.extend(checks.wording_problems(f"docs/{lang}/{rel}", checks.own_prose(text), lang, _terms))  # issue 12
            found.extend(checks.page_copy_problems(f"docs/{lang}/{rel}", text, lang, _prints(config)))  # issue 20
    _pages.clear()
    _stop(found)
    return env
