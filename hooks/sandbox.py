"""Render page markdown in a locked-down Jinja sandbox.

mkdocs-macros renders pages with an ordinary Jinja environment, so markdown from a pull request
could reach Python internals ({{ cycler.__init__.__globals__.os... }}) and run commands at build
time. Pages here only need to *call* the dossier's macros, so this hook swaps in a sandbox where
no attribute or item of any object can be read, and nothing can be included from disk.
"""
from __future__ import annotations

from jinja2 import BaseLoader
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.plugins import event_priority
from mkdocs_macros import context as _macros_context

_HOW = ("pages may only call the dossier's macros, such as {{ fig(\"uranium-world-share\") }}; "
        "remove the expression or ask a maintainer for a new macro")


class PageSandbox(ImmutableSandboxedEnvironment):
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
    box.filters.update(env.filters)
    box.globals.update(env.globals)
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
    if not isinstance(plugin.env, PageSandbox):
        plugin._env = sandboxed(plugin.env)


@event_priority(-90)
def on_config(config):
    _lock(config)
    return config


@event_priority(100)  # before mkdocs-macros renders the page
def on_page_markdown(markdown, page, config, files):
    _lock(config)
    return markdown
