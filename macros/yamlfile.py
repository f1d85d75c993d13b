"""Read one YAML file into plain data plus the line of every key and list item.

Data files come from pull requests, so reading them is bounded: a size limit before parsing,
strict UTF-8, no anchors or aliases, a nesting limit while the node tree is built (before any
data is constructed), no duplicate keys and no impossible bare dates. Each breach is one Problem.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Problem

Lines = dict[tuple, int]

# Today's largest data file is 27 KB and the benchmark's 100x synthetic figures.yml 1.3 MB:
# 4 MB leaves room to grow while keeping a hostile file from costing seconds and memory.
MAX_FILE_BYTES = 4 * 1024 * 1024
# The data is at most 5 levels deep (figure -> notes -> item -> ru); 20 is generous and keeps
# the composer's recursion (and libyaml's, which crashes the process at ~100,000) far away.
MAX_DEPTH = 20


class YamlProblem(Exception):
    """The file cannot be read as data: one or more Problems (each with its line)."""

    def __init__(self, problem: Problem | list[Problem]):
        self.problems = problem if isinstance(problem, list) else [problem]
        self.problem = self.problems[0]
        super().__init__("\n".join(map(str, self.problems)))


class _Refused(Exception):
    """A limit breached while composing or constructing: line (1-based), what, fix."""

    def __init__(self, mark, what: str, fix: str, date: bool = False):
        self.line = mark.line + 1 if mark else None
        self.what, self.fix, self.date = what, fix, date
        super().__init__(what)


class _LimitedComposer(Composer):
    """Builds the node tree from parser events, refusing aliases, anchors and deep nesting.

    Checked on the events, before a node exists: an alias bomb never grows, and a file of
    100,000 '[' never reaches a recursive composer. Leaner than PyYAML's own compose_node
    (no anchors to keep, no path resolvers: SafeLoader has none), so libyaml's speed is kept."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.get_event()
        if event.anchor is not None:  # an alias event carries the name it refers to as its anchor
            kind, sign = ("alias", "*") if isinstance(event, AliasEvent) else ("anchor", "&")
            raise _Refused(event.start_mark, f"YAML {kind} '{sign}{event.anchor}' is not allowed in data files",
                           "remove the anchor/alias and write the value out in full where it is needed")
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag if event.tag not in (None, "!") else self.resolve(ScalarNode, event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        if kind is AliasEvent:  # an alias without a name: refused like the others
            raise _Refused(event.start_mark, "YAML alias is not allowed in data files",
                           "remove the alias and write the value out in full where it is needed")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"data nested deeper than {MAX_DEPTH} levels",
                           "flatten the data: a record needs only a few levels (see data/schema)")
        tag = event.tag if event.tag not in (None, "!") else self.resolve(
            SequenceNode if kind is SequenceStartEvent else MappingNode, None, event.implicit)
        if kind is SequenceStartEvent:
            node = SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
            while not self.check_event(SequenceEndEvent):
                node.value.append(self.compose_node(node, None))
        else:
            node = MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
            while not self.check_event(MappingEndEvent):
                key = self.compose_node(node, None)
                node.value.append((key, self.compose_node(node, key)))
        node.end_mark = self.get_event().end_mark
        self._depth -= 1
        return node


class _CheckedConstructor(SafeConstructor):
    """SafeConstructor whose bare dates (2025-02-30 unquoted) fail with a Problem, not a ValueError."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _Refused(node.start_mark, f"{node.value} is not a date that exists ({exc})",
                           "write a date that exists on the calendar, in quotes: \"YYYY-MM-DD\"", date=True) from None


_CheckedConstructor.add_constructor("tag:yaml.org,2002:timestamp", _CheckedConstructor.construct_yaml_timestamp)


class _PureLoader(_LimitedComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  _CheckedConstructor, Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        Composer.__init__(self)
        _CheckedConstructor.__init__(self)
        Resolver.__init__(self)


try:
    from yaml._yaml import CParser

    class _FastLoader(_LimitedComposer, CParser, _CheckedConstructor, Resolver):
        """libyaml's parser (several times faster on large files, bench/REPORT.md) under the Python
        composer above: the events come from C, the limits are checked on each of them."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            _CheckedConstructor.__init__(self)
            Resolver.__init__(self)
except ImportError:  # PyYAML without libyaml: the same rules, slower
    _FastLoader = _PureLoader


def read_text(path: Path, shown_as: str, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text; raise YamlProblem if it is larger than `limit` bytes or not UTF-8."""
    with open(path, "rb") as f:
        raw = f.read(limit + 1)
    if len(raw) > limit:
        size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise YamlProblem(Problem(shown_as, None, None, f"file is larger than {size}",
                                  "split it, or remove what does not belong in it"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(Problem(shown_as, line, None,
                                  f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {column} (byte {exc.start}) "
                                  "cannot be read", "save the file as UTF-8 (your editor's encoding setting)")) from None


_reading: list[dict[str, tuple[object, Lines]]] = []  # within one_reading(): each text parsed, by its text


@contextlib.contextmanager
def one_reading():
    """Within it, a file's text is parsed once, whichever step reads it (`make check` reads data/ for the
    loader, for the wording and copy checks and for the fingerprints). Only a text that read without
    problems is kept, and only until the block ends: nothing outlives the run that read it."""
    outer = not _reading
    if outer:
        _reading.append({})
    try:
        yield
    finally:
        if outer:
            _reading.clear()


def read_yaml(path: Path, shown_as: str, text: str | None = None) -> tuple[object, Lines]:
    """Return (data, lines); raise YamlProblem if the file is not valid, bounded YAML. The data is shared
    within one_reading(): its readers never change it."""
    text = read_text(path, shown_as) if text is None else text
    if _reading and text in _reading[0]:
        return _reading[0][text]
    data, lines = _read(text, shown_as)
    if _reading:
        _reading[0][text] = data, lines
    return data, lines


def _read(text: str, shown_as: str) -> tuple[object, Lines]:
    try:
        node, data = _parse(text, _FastLoader)
    except _Refused as exc:
        what = exc.what
        if exc.date:  # name the field the date was written in, as the schema's messages do
            line_text = text.splitlines()[exc.line - 1] if exc.line else ""
            key = re.match(r"\s*(?:-\s+)?([\w-]+)\s*:", line_text)
            what = f"field '{key.group(1)}' = {what}" if key else f"date {what}"
        raise YamlProblem(Problem(shown_as, exc.line, None, what, exc.fix)) from None
    except yaml.MarkedYAMLError as fast_error:
        problem = fast_error
        try:
            _parse(text, _PureLoader)
        except yaml.MarkedYAMLError as pure_error:
            problem = pure_error  # the pure-Python parser words its errors better
        except _Refused:
            pass
        raise YamlProblem(_syntax_problem(problem, text, shown_as)) from None
    lines: Lines = {}
    duplicates: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, duplicates, shown_as)
    if duplicates:
        raise YamlProblem(duplicates)
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


def _walk(node: yaml.Node, path: tuple, lines: Lines, duplicates: list[Problem], shown_as: str,
          record: str | None = None) -> None:
    """Record the line of every key and item; a key given twice in one mapping is a Problem
    (YAML would keep the last value silently)."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[tuple, int] = {}
        record = next((v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), record)
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode):
                if (key.tag, key.value) in seen:
                    duplicates.append(Problem(shown_as, line, record,
                                              f"duplicate key '{key.value}' (also on line {seen[key.tag, key.value]})",
                                              "keep one of them: YAML would silently use the last"))
                seen.setdefault((key.tag, key.value), line)
            sub = path + (key.value,)
            lines[sub] = line
            _walk(value, sub, lines, duplicates, shown_as, record)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = path + (i,)
            lines[sub] = item.start_mark.line + 1
            _walk(item, sub, lines, duplicates, shown_as, record)


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
