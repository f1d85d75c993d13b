"""Page markdown rendered in a locked-down Jinja sandbox: step 2 of the flow (MAINTAINING.md).

Pages only need to *call* the dossier's macros. An ordinary Jinja environment, like mkdocs-macros' own,
would let markdown from a pull request reach Python internals ({{ cycler.__init__.__globals__.os… }}),
run commands at build time or print `config` with the build machine's paths. So mkdocs-macros renders
no page itself (mkdocs.yml: `render_by_default: false`, checked by macros/__init__.py), and after its
hooks ran, `render` below renders the page here: the globals are the dossier's macros and nothing else,
there are no filters or tests, no attribute or item of any object can be read, nothing is included from
disk, a template that is not text and macro calls is refused before it runs (macros/template_policy.py,
the rule `make check` applies too), and rendering stops past a time and an output-size limit.
"""
from __future__ import annotations

import signal
import threading

from jinja2 import BaseLoader, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import template_policy

MAX_SECONDS = 20  # a page's macros take milliseconds; the full figures table of a 100x dossier under 1 s
MAX_OUTPUT = 8_000_000  # characters of Markdown/HTML one page may render to (today's largest: ~0.2 MB)
MAX_KEPT = 5_000  # compiled pages kept in memory (`make serve`: every saved edit is a new text)
_compiled: dict[tuple, object] = {}  # (macro names, page text) -> Jinja's code object, in this process only

_HOW = f"{template_policy.HOW}; remove the expression or ask a maintainer for a new macro"


class RenderLimit(Exception):
    """A page whose rendering went past a limit; `what` and `fix` feed the build's message."""

    def __init__(self, what: str, fix: str):
        self.what, self.fix = what, fix
        super().__init__(what)


class _NoFiles(BaseLoader):
    """{% include %}, {% import %} and {% extends %} end here, with a message that says why."""

    def get_source(self, environment, template):
        raise SecurityError(f"including or importing '{template}' is not allowed in page markdown: {_HOW}")


class PageSandbox(ImmutableSandboxedEnvironment):
    """The dossier's macros and nothing else. A page's compiled code is kept in memory while its text and
    the macros' names are the same (the rebuilds of `make serve`); only code that passed the policy."""

    def __init__(self, macros: dict):
        super().__init__(undefined=StrictUndefined, loader=_NoFiles())
        self.filters.clear()
        self.tests.clear()
        self.globals.clear()
        self.globals.update({name: fn for name, fn in macros.items() if getattr(fn, "_dossier_macro", False)})
        self.names = tuple(sorted(self.globals))

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        found = template_policy.findings(tree, self.globals)
        if found:
            raise template_policy.PolicyError(found[0])
        return tree

    def page(self, markdown: str):
        code = _compiled.get((self.names, markdown))
        if code is None:
            code = self.compile(markdown)  # parses, so the policy check runs; a refusal raises
            if len(_compiled) >= MAX_KEPT:
                _compiled.clear()
            _compiled[self.names, markdown] = code
        return self.template_class.from_code(self, code, self.make_globals(None))

    def getattr(self, obj, attribute):
        raise SecurityError(f"reading '.{attribute}' of a value is not allowed in page markdown: {_HOW}")

    def getitem(self, obj, argument):
        raise SecurityError(f"reading '[{argument!r}]' of a value is not allowed in page markdown: {_HOW}")

    def call(self, __context, __obj, *args, **kwargs):
        if not getattr(__obj, "_dossier_macro", False):
            raise SecurityError(f"calling '{getattr(__obj, '__name__', type(__obj).__name__)}' is not allowed "
                                f"in page markdown: {_HOW}")
        return super().call(__context, __obj, *args, **kwargs)


def _too_slow(signum, frame):
    raise RenderLimit(f"rendering the page took more than {MAX_SECONDS} s",
                      "split the page, or ask a maintainer: a macro should never take that long")


def render(box: PageSandbox, markdown: str) -> str:
    """The page's markdown with its macro calls rendered, within the limits; raises on any failure
    (template_policy.failure tells its line, what and fix)."""
    template = box.page(markdown)
    timed = threading.current_thread() is threading.main_thread()  # signals reach the main thread only
    previous = signal.signal(signal.SIGALRM, _too_slow) if timed else None
    try:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
        out = template.render()
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if len(out) > MAX_OUTPUT:
        raise RenderLimit(f"the page renders to {len(out):_} characters, more than the limit of {MAX_OUTPUT:_}",
                          "split the page; a page this large would not load for a reader")
    return out


def problem(shown: str, exc: BaseException) -> str:
    """`docs/<lang>/<page>.md:<line>: what — fix`, the words `make check` uses."""
    found = template_policy.failure(exc)
    return f"{shown}:{found.line}: {found.what} — {found.fix}"
