"""Read one YAML file into plain data plus the line of every key and list item."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .problems import Problem

Lines = dict[tuple, int]


# libyaml's parser when PyYAML has it: the same resolution rules as SafeLoader, several times
# faster on large data files (bench/REPORT.md); errors are still worded by the pure-Python parser.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, shown_as: str) -> tuple[object, Lines]:
    """Return (data, lines); raise a list of one Problem if the file is not valid YAML."""
    text = path.read_text(encoding="utf-8")
    try:
        node, data = _parse(text, _FAST_LOADER)
    except yaml.MarkedYAMLError as fast_error:
        problem = fast_error
        try:
            _parse(text, yaml.SafeLoader)
        except yaml.MarkedYAMLError as pure_error:
            problem = pure_error  # the pure-Python parser words its errors better
        raise YamlProblem(_syntax_problem(problem, text, shown_as)) from None
    lines: Lines = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _parse(text: str, loader_class) -> tuple[yaml.Node | None, object]:
    """Parse once: the node tree (for line numbers) and the data constructed from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def syntax_problem(text: str, shown_as: str) -> Problem | None:
    """The first syntax error of a YAML text (every document in it), or None. Tags are not
    interpreted, so this works for any YAML file (mkdocs.yml, workflows), not only data."""
    try:
        for _ in yaml.compose_all(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, text, shown_as)
    return None


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of the deepest known part of a data path."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), None)


def as_written(line_text: str, key: object) -> str | None:
    """A scalar as typed on its line, before YAML read `no` as False or `010` as 8.

    `key` is the mapping key the scalar belongs to, or an int for a list item."""
    if isinstance(key, str):
        m = re.search(rf"(?:^|[{{,\s]){re.escape(key)}\s*:\s+([^,}}#\s][^,}}#]*?)\s*(?:[,}}#]|$)", line_text)
    else:
        m = re.match(r"\s*-\s+([^#]*?)\s*(?:#|$)", line_text)
    return m.group(1) if m else None


def _walk(node: yaml.Node, path: tuple, lines: Lines) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            lines[sub] = key.start_mark.line + 1
            _walk(value, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = path + (i,)
            lines[sub] = item.start_mark.line + 1
            _walk(item, sub, lines)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    source_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    reason = exc.problem or exc.context or "invalid YAML"
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "'\\t'" in reason:
        fix = "YAML indentation must use spaces, not tabs: replace the tab with spaces"
    elif "mapping values are not allowed" in reason:
        fix = "a value containing ': ' must be quoted: wrap the text in double quotes"
    else:
        fix = "fix the YAML syntax on this line (check quotes, colons and indentation)"
    return Problem(shown_as, line, None, f"YAML syntax error: {reason}", fix)
