"""Render page markdown in a locked-down Jinja sandbox.

mkdocs-macros renders pages with an ordinary Jinja environment, so markdown from a pull request
could reach Python internals ({{ cycler.__init__.__globals__.os... }}) and run commands at build
time, or print `config` with the build machine's paths. Pages here only need to *call* the
dossier's macros, so this hook swaps in a sandbox that holds nothing else: its globals are the
dossier's macros, it has no filters, it ignores the variables mkdocs-macros passes to `render`
(config, page, navigation, the page's front matter…), it refuses any template that is not text
and macro calls (macros/template_policy.py, the rule `make check` applies too), no attribute or
item of any object can be read, and nothing can be included from disk.
"""
from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from jinja2 import BaseLoader, Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.plugins import event_priority
from mkdocs_macros import context as _macros_context

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by path; the macros package lives beside them
    sys.path.insert(0, str(ROOT))

from hooks import template_cache  # noqa: E402
from macros import template_policy  # noqa: E402

_HOW = f"{template_policy.HOW}; remove the expression or ask a maintainer for a new macro"


from mkdocs.exceptions import PluginError  # noqa: E402

# mkdocs-macros answers any error of a page with a traceback (and a message that breaks on '%'), so
# the sandbox keeps the first failure of the page being rendered and on_page_markdown, after
# mkdocs-macros, stops the build with `docs/<lang>/<page>.md:<line>: what — fix` instead.
_failed: list[BaseException] = []


MAX_SECONDS = 20  # a page's macros take milliseconds; the full figures table of a 100x dossier under 1 s
MAX_OUTPUT = 8_000_000  # characters of Markdown/HTML one page may render to (today's largest: ~0.2 MB)


class RenderLimit(Exception):
    """A page whose rendering went past a limit; `what` and `fix` feed the build's message."""

    def __init__(self, what: str, fix: str):
        self.what, self.fix = what, fix
        super().__init__(what)


def _too_slow(signum, frame):
    raise RenderLimit(f"rendering the page took more than {MAX_SECONDS} s",
                      "split the page, or ask a maintainer: a macro should never take that long")


class PageTemplate(Template):
    """A page's template: it renders with the sandbox's globals only, whatever it is given, within
    a time and an output-size limit."""

    def render(self, *args, **kwargs):
        timed = threading.current_thread() is threading.main_thread()  # signals reach the main thread only
        previous = signal.signal(signal.SIGALRM, _too_slow) if timed else None
        try:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
            out = super().render()
            if len(out) > MAX_OUTPUT:
                raise RenderLimit(f"the page renders to {len(out):_} characters, more than the limit of {MAX_OUTPUT:_}",
                                  "split the page; a page this large would not load for a reader")
            return out
        except Exception as exc:  # reported by on_page_content below, with the page and line
            _failed.append(exc)
            return ""
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


class _Refused:
    """Stands for a template that may not be rendered at all: rendering it records why."""

    def __init__(self, exc: BaseException):
        self.exc = exc

    def render(self, *args, **kwargs):
        _failed.append(self.exc)
        return ""


class PageSandbox(ImmutableSandboxedEnvironment):
    template_class = PageTemplate
    _compiled: template_cache.Store | None = None  # made on first compile, once the macros are in globals

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        found = template_policy.findings(tree, self.globals)
        if found:
            raise template_policy.PolicyError(found[0])
        return tree

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        """A page's markdown compiled once per process: the code of a text that passed the policy is kept
        in memory (hooks/template_cache.py) and reused while the text and the macros are the same."""
        if raw or defer_init or name is not None or filename is not None or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        if self._compiled is None:
            self._compiled = template_cache.store("pages", self, *sorted(self.globals))
        code = self._compiled.get(source)
        if code is None:
            code = super().compile(source)  # parses, so the policy check in _parse runs; a refusal raises
            self._compiled.put(source, code)
        return code

    def from_string(self, source, globals=None, template_class=None):
        try:
            return super().from_string(source, globals, template_class)
        except Exception as exc:  # a syntax error or a refused template: reported like a render failure
            return _Refused(exc)

    def getattr(self, obj, attribute):
        raise SecurityError(f"reading '.{attribute}' of a value is not allowed in page markdown: {_HOW}")

    def getitem(self, obj, argument):
        raise SecurityError(f"reading '[{argument!r}]' of a value is not allowed in page markdown: {_HOW}")

    def call(self, __context, __obj, *args, **kwargs):
        if not getattr(__obj, "_dossier_macro", False):
            raise SecurityError(f"calling '{getattr(__obj, '__name__', type(__obj).__name__)}' is not allowed "
                                f"in page markdown: {_HOW}")
        return super().call(__context, __obj, *args, **kwargs)


class _NoFiles(BaseLoader):
    """{% include %}, {% import %} and {% extends %} end here, with a message that says why."""

    def get_source(self, environment, template):
        raise SecurityError(f"including or importing '{template}' is not allowed in page markdown: {_HOW}")


def sandboxed(env) -> PageSandbox:
    """A sandbox with the same delimiters, undefined policy, macros and filters as `env`."""
    box = PageSandbox(
        undefined=env.undefined,
        block_start_string=env.block_start_string, block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string, variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string, comment_end_string=env.comment_end_string,
        loader=_NoFiles(),
    )
    box.filters.clear()
    box.tests.clear()
    box.globals.clear()
    box.globals.update({name: fn for name, fn in env.globals.items() if getattr(fn, "_dossier_macro", False)})
    return box


def _no_git_facts() -> dict:
    """mkdocs-macros runs 13 git commands per edition for its `git` variable (~45 ms a build:
    bench/REPORT.md); in the sandbox a page cannot read any of it, so none is gathered."""
    return {"status": False, "date": None, "diagnosis": "not gathered: page markdown cannot read it"}


if hasattr(_macros_context, "get_git_info"):  # mkdocs-macros reads it at on_config, after hooks load
    _macros_context.get_git_info = _no_git_facts


def _lock(config) -> None:
    plugin = config.plugins.get("macros")
    if plugin is None:
        return
    if not isinstance(plugin.env, PageSandbox) or set(plugin.env.globals) != _macros_of(plugin.env):
        plugin._env = sandboxed(plugin.env)


def _macros_of(env) -> set[str]:
    return {name for name, fn in env.globals.items() if getattr(fn, "_dossier_macro", False)}


@event_priority(-90)
def on_config(config):
    _lock(config)
    return config


@event_priority(100)  # before mkdocs-macros renders the page
def on_page_markdown(markdown, page, config, files):
    _lock(config)
    _failed.clear()
    return markdown


@event_priority(100)  # the first event after mkdocs-macros rendered the page
def on_page_content(html, page, config, files):
    if _failed:
        exc = _failed[0]
        _failed.clear()
        raise PluginError(page_problem(page, exc))
    return html


def page_problem(page, exc: BaseException) -> str:
    """`docs/<lang>/<page>.md:<line>: what — fix`, the words `make check` uses."""
    found = template_policy.failure(exc)
    return f"{_shown(page)}:{found.line}: {found.what} — {found.fix}"


def _shown(page) -> str:
    return f"docs/{page.file.src_uri}"

