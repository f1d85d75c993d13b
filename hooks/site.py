"""mkdocs' side of the adapter (macros/site.py): the command, the data load, the nav from the data, and
under `mkdocs serve` the problem page in place of the site while anything is wrong.

- on_startup tells the adapter the command (`build` or `serve`).
- on_config loads the data at the start of each edition's build. With problems, `mkdocs build`
  stops with their `file:line: id: what — fix` lines (no traceback). `mkdocs serve` goes on:
  on_files puts a page listing the problems in place of every page of the edition, in its language
  (its watcher still watches data/ and docs/, so the next save rebuilds the real site and the
  browser reloads).
- on_serve wraps the rebuild: whatever else stops a build under `mkdocs serve` (a page's mistake)
  is shown the same way, with every problem `make check` finds, so the server never waits for a
  build that failed. `make check` runs only then: a save that builds costs the build alone.
- on_config also lists every partner, resource and source after its section's index page in the
  nav (titled by the page's heading): adding one touches only data/ and docs/.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import kept_dossier, links, load, problem_page, site, verdicts  # noqa: E402
from macros.problems import DossierError, Problem  # noqa: E402

load.schema_passes = verdicts.Verdicts("schema")  # data files that passed their schema, in earlier builds too
site.kept = kept_dossier.KeptDossier()  # the whole load, in this process (make serve), while data/ is unchanged

_told: list = []  # the problems last printed under `mkdocs serve`


def on_startup(command, dirty):
    site.started(command)


def _project_problems(config) -> list[Problem]:
    """Every problem `make check` finds in the project being served."""
    from macros import checks  # here: only after a rebuild failed

    path = getattr(config, "config_file_path", None)
    return checks.check(Path(path).parent) if path else []


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
        config.validation.nav.omitted_files = logging.DEBUG  # so the terminal does not list every page as unlisted
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
    page = problem_page.problem_page(site.problems(), lang, site.data_dir(config), config.site_name)
    for file in list(files.documentation_pages()):
        files.remove(file)
        files.append(File.generated(config, file.dest_uri, content=page))
    if lang == links.default_edition():  # the edition at the site root
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


def on_serve(server, config, builder):
    """A rebuild that fails for any other reason shows its message as the problem page of every page
    (mkdocs would otherwise keep every request waiting for a build that never comes)."""
    rebuild = server.builder

    def guarded():
        said = _Said()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            rebuild()
        except (Exception, SystemExit) as exc:  # noqa: BLE001  (shown to the contributor, not raised)
            _show_failure(config, exc, said.lines)
        finally:
            logging.getLogger("mkdocs").removeHandler(said)

    server.builder = guarded
    return server


class _Said(logging.Handler):
    """The warnings and errors mkdocs and the plugins log during a rebuild (a BuildError's own text
    only says that the build was aborted)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines += [line for line in record.getMessage().splitlines() if line.strip()]


def _show_failure(config, exc: BaseException, logged: list[str] = ()) -> None:
    said = str(exc).strip() or type(exc).__name__
    found = problem_page.failure_problems(said, logged)
    try:  # the rest of what is wrong, in make check's words: one round of fixes, not one per save
        shown = {str(p) for p in found}
        found += [p for p in _project_problems(config) if str(p) not in shown]
    except Exception:  # noqa: BLE001  (the build's own words are shown whatever happens here)
        pass
    print(f"{said}\n(the browser shows it too; save a fix and the site comes back)", file=sys.stderr)
    problem_page.write_everywhere(found, Path(config.site_dir), Path(config.docs_dir), site.editions(config),
                                  site.data_dir(config), config.site_name)
