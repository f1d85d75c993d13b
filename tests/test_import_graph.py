"""The code's imports follow the flow (issue 22): no circle between the modules of macros/ and hooks/,
counting the imports written inside functions; an import inside a function is there for cost (a heavy
module loaded only when its work is needed), never to dodge a circle."""
from __future__ import annotations

import ast

from tests.helpers import ROOT

# An import inside a function, and why it is not at the top: cost only.
LAZY_FOR_COST = {
    ("macros.briefs", "macros.print_doc"): "composing print documents: only in a build that makes PDFs",
    ("macros.briefs", "macros.pdf_render"): "WeasyPrint (~0.4 s): only when a PDF is not in the cache",
    ("hooks.site", "macros.checks"): "make check's page checks: only under `mkdocs serve`",
    ("macros.print_doc", "macros.observations"): "the observations' print text: only in a build that makes PDFs",
}


def _imports() -> dict[str, tuple[set[str], set[str]]]:
    """module -> (imported at the top, imported inside a function) within macros/ and hooks/."""
    found = {}
    for pkg in ("macros", "hooks"):
        for path in (ROOT / pkg).glob("*.py"):
            name = pkg if path.stem == "__init__" else f"{pkg}.{path.stem}"
            tree = ast.parse(path.read_text(encoding="utf-8"))
            top_level = {id(n) for n in tree.body} | {id(c) for n in tree.body if isinstance(n, (ast.If, ast.Try))
                                                      for c in ast.walk(n)}
            top, lazy = set(), set()
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom):
                    continue
                if node.level == 1:
                    targets = [f"{pkg}.{node.module}"] if node.module else [f"{pkg}.{a.name}" for a in node.names]
                elif node.module in ("macros", "hooks"):
                    targets = [f"{node.module}.{a.name}" for a in node.names]
                elif node.module and node.module.split(".")[0] in ("macros", "hooks"):
                    targets = [node.module]
                else:
                    continue
                (top if id(node) in top_level else lazy).update(targets)
            found[name] = (top, lazy)
    names = set(found)
    return {m: ({t for t in top if t in names and t != m}, {t for t in lazy if t in names and t != m})
            for m, (top, lazy) in found.items()}


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = set()
            while True:
                w = stack.pop()
                on.discard(w)
                part.add(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(part)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_circle_between_the_modules():
    imports = _imports()
    assert not _circles({m: top | lazy for m, (top, lazy) in imports.items()}), "a circle, counting lazy imports"
    assert not _circles({m: top for m, (top, _) in imports.items()}), "a circle at import time"


def test_an_import_inside_a_function_is_there_for_cost():
    lazy = {(m, t) for m, (_, inside) in _imports().items() for t in inside}
    assert lazy <= set(LAZY_FOR_COST), sorted(lazy - set(LAZY_FOR_COST))
