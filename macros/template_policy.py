"""What page markdown may contain as Jinja: calls of the dossier's macros with constant arguments.

One rule for both sides: macros/page_sandbox.py refuses any other template before it is rendered, and
`make check` reports the same findings with the same words. Nothing else exists for a page:
no variables (config, page, navigation…), no attributes, items, filters, tests, statements,
includes or imports, so no rewrite can print what mkdocs-macros keeps in its environment.
"""
from __future__ import annotations

import difflib
import traceback
from collections.abc import Collection
from dataclasses import dataclass

from jinja2 import nodes

HOW = "pages may only call the dossier's macros, such as {{ fig(\"uranium-world-share\") }}"

_STATEMENTS = {nodes.For: "for", nodes.If: "if", nodes.Macro: "macro", nodes.CallBlock: "call",
               nodes.FilterBlock: "filter", nodes.With: "with", nodes.Block: "block", nodes.Include: "include",
               nodes.Import: "import", nodes.FromImport: "from … import", nodes.Extends: "extends",
               nodes.Assign: "set", nodes.AssignBlock: "set", nodes.ExprStmt: "do", nodes.Scope: "scope"}


@dataclass(frozen=True)
class Finding:
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what} — {self.fix}"


MAX_CALLS = 200  # macro calls a page may make (the dossier's pages make at most about fifteen)


def findings(tree: nodes.Template, macros: Collection[str]) -> list[Finding]:
    """Everything in a parsed page that is not text or a macro call with constant arguments; and a page
    that makes more than MAX_CALLS calls (each renders a table or a card: thousands would take minutes)."""
    calls = [n for n in tree.find_all(nodes.Call)]
    if len(calls) > MAX_CALLS:
        return [Finding(calls[MAX_CALLS].lineno, f"the page makes {len(calls)} macro calls, more than {MAX_CALLS}",
                        "split the page, or show the figures through one macro (figures_by, figures_table)")]
    found: list[Finding] = []
    for node in tree.body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                if not isinstance(part, nodes.TemplateData):
                    found.extend(_expression(part, macros))
        else:
            name = next((n for t, n in _STATEMENTS.items() if isinstance(node, t)), type(node).__name__.lower())
            found.append(Finding(node.lineno, f"'{{% {name} %}}' is not allowed in page markdown",
                                 f"remove it; {HOW}"))
    return sorted(found, key=lambda f: f.line)


def _expression(node: nodes.Node, macros: Collection[str]) -> list[Finding]:
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.node.name not in macros:
            return [_unknown(node.node, macros)]
        bad = [a for a in [*node.args, *(k.value for k in node.kwargs)] if not isinstance(a, nodes.Const)]
        if node.dyn_args or node.dyn_kwargs or bad:
            return [Finding(node.lineno, f"macro '{node.node.name}' is given a computed argument",
                            "give each argument as a quoted constant, e.g. fig(\"uranium-world-share\")")]
        return []
    if isinstance(node, nodes.Call):  # calling something that is not a macro: say what it is
        return _expression(node.node, macros)
    if isinstance(node, nodes.Name):
        if node.name in macros:
            return [Finding(node.lineno, f"macro '{node.name}' is named but not called",
                            f"call it with its arguments: {{{{ {node.name}(...) }}}}")]
        return [_unknown(node, macros)]
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        part = f".{node.attr}" if isinstance(node, nodes.Getattr) else "[...]"
        return [Finding(node.lineno, f"reading '{part}' of a value is not allowed in page markdown",
                        f"remove it; {HOW}")]
    if isinstance(node, nodes.Filter):
        return [Finding(node.lineno, f"the filter '|{node.name}' is not allowed in page markdown", f"remove it; {HOW}")]
    if isinstance(node, nodes.Const):
        return [Finding(node.lineno, "a constant in '{{ }}' is not allowed in page markdown",
                        "write the text itself, without '{{ }}'")]
    return [Finding(node.lineno, f"the expression '{type(node).__name__}' is not allowed in page markdown",
                    f"remove it; {HOW}")]


def _unknown(node: nodes.Name, macros: Collection[str]) -> Finding:
    close = difflib.get_close_matches(node.name, list(macros), 1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return Finding(node.lineno, f"unknown macro '{node.name}' (pages have no variables, only the dossier's macros)",
                   f"{hint}use one of: {', '.join(sorted(macros))}")


def failure(exc: BaseException) -> Finding:
    """Why a page's template failed to parse or render, as a Finding (line, what, fix): the words
    `make check` uses, for the build's message."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        message = exc.message or "template syntax error"
        if "comment" in message:
            fix = "'{#' starts a Jinja comment: write a heading anchor with spaces, '{ #anchor }'"
        else:
            fix = "close every '{{' with '}}' and every '{%' with '%}'; write macro calls as {{ fig(\"id\") }}"
        return Finding(exc.lineno or 1, f"template syntax error: {message}", fix)
    if isinstance(exc, PolicyError):
        return exc.finding
    if isinstance(exc, RecursionError):  # '{{ {{ {{ …' thousands deep: Jinja's parser recurses per level
        return Finding(1, "template brackets nested too deeply to read",
                       "a macro call is written {{ name(\"id\") }}: remove the nested {{ or ( or [")
    line = next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__)) if f.filename == "<template>"), 1)
    what = getattr(exc, "what", None) or str(exc).strip("'\"")
    fix = getattr(exc, "fix", None) or "see the macro's description in CONTRIBUTING.md"
    return Finding(line, what, fix)


class PolicyError(Exception):
    """A page template outside the rule above (raised by the sandbox, before rendering)."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


def parsed(text: str, macros: Collection[str]) -> tuple[nodes.Template | None, list[Finding]]:
    """A page read as a template, and its findings (a syntax error or a nesting too deep for the parser
    is one finding, and no tree): what `make check` and the build's first look at every page share."""
    from jinja2 import Environment, TemplateSyntaxError

    try:
        tree = Environment().parse(text)
    except (TemplateSyntaxError, RecursionError) as exc:
        return None, [failure(exc)]
    return tree, findings(tree, macros)
