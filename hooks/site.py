"""mkdocs' side of the adapter (macros/site.py): the command, the data load, the nav from the data, and
under `mkdocs serve` the problem page when the data is broken.

- on_startup tells the adapter the command (`build` or `serve`).
- on_config loads the data at the start of each edition's build. With problems, `mkdocs build`
  stops with their `file:line: id: what — fix` lines (no traceback); `mkdocs serve` goes on, and
  on_files puts a page listing them in place of every page of the edition (its watcher still
  watches data/, so the next save rebuilds the real site and the browser reloads).
- on_config also lists every partner, resource and source after its section's index page in the
  nav (titled by the page's heading): adding one touches only data/ and docs/.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from hooks import kept_dossier, verdicts  # noqa: E402
from macros import links, load, site  # noqa: E402
from macros.problems import DossierError  # noqa: E402

load.schema_passes = verdicts.Verdicts("schema")  # data files that passed their schema, in earlier builds too
site.kept = kept_dossier.KeptDossier()  # the whole load, when data/ and the code are unchanged

_told: list = []  # the problems last printed under `mkdocs serve`


def on_startup(command, dirty):
    site.started(command)


@event_priority(90)  # after the symlink guard (hooks/html_policy.py, 100), before mkdocs-macros loads its macros
def on_config(config):
    if site.load(config) is None:
        problems = site.problems()
        if not site.serving():
            raise PluginError(str(DossierError(problems)))
        if problems != _told:  # once, not per edition
            _told[:] = problems
            print(f"{DossierError(problems)}\n(the browser shows them too; save a fix and the site comes back)",
                  file=sys.stderr)
        config.theme.static_templates.clear()  # no 404 or sitemap from templates that need the data
        config.nav = []  # its pages are not built
        return config
    _told.clear()
    if config.nav:
        config.nav = site.with_data_pages(config.nav, links.listed_pages(site.data_ids(site.dossier())))
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen the edition's files
def on_files(files, config):
    if not site.broken():
        return files
    lang = site.building_language(config)
    page = site.problem_page(site.problems(), lang)
    for file in list(files.documentation_pages()):
        files.remove(file)
        files.append(File.generated(config, file.dest_uri, content=page))
    if lang == links.DEFAULT_LANG:  # the edition at the site root
        files.append(File.generated(config, "404.html", content=page))  # mkdocs serve shows it for any other address
    return files


@event_priority(-90)  # before mkdocs-static-i18n (-100), which warns (and strict stops) on an edition without a home
def on_nav(nav, config, files):
    if site.broken():
        home = files.get_file_from_path(links.edition_prefix(site.building_language(config)) + "index.html")
        nav.homepage = Page(None, home, config) if home else nav.homepage
    return nav


def on_post_build(config):
    load.schema_passes.save()
