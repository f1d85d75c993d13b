"""The ids of the real data, and where a text names them: what tests/test_content_independence.py and
tests/test_hostile.py look for (no test may name an id of data/, see the former)."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import yaml

from tests.helpers import FIXTURES, ROOT

# the partners and resources the project's structure names (the brief's five partners and six resources)
STRUCTURE = {"russia", "china", "eu", "usa", "turkey",
             "rare-earths", "uranium", "copper", "bauxite", "oil", "natural-gas"}
RECORDS = ("figures.yml", "observations.yml", "partners.yml", "resources.yml")
FOLDERS = ("sources", "references")
OWN_ID = re.compile(r"""["']?\bid["']?\s*[:=]\s*["']([a-z0-9][a-z0-9-]*)["']""")


@functools.cache
def real_ids(data: Path = ROOT / "data") -> dict[str, str]:
    """Every id of the real data, with the file it is defined in (read once per test process: do not change it)."""
    ids = {}
    for name in (n for n in RECORDS if (data / n).exists()):  # observations.yml is optional
        for record in yaml.safe_load((data / name).read_text(encoding="utf-8")) or []:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.setdefault(record["id"], f"data/{name}")
    for folder in FOLDERS:
        for path in sorted((data / folder).glob("*.yml")):
            ids.setdefault(path.stem, f"data/{folder}/{path.name}")
    return ids


@functools.cache
def fixture_ids() -> frozenset[str]:
    """The ids the tests' own data defines (records and source files under tests/fixtures)."""
    found = set()
    for path in FIXTURES.rglob("*.yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):  # the hostile cases hold broken YAML on purpose
            continue
        records = data if isinstance(data, list) else [data]
        found |= {r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}
    return frozenset(found)


def _pattern(ids) -> re.Pattern | None:
    """Any of `ids` of two words or more, as a whole (not as part of a longer id)."""
    wanted = sorted((i for i in ids if "-" in i), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, wanted)) + r")(?![a-z0-9])") if wanted else None


def ids_in(text: str, ids) -> set[str]:
    """The ids of `ids` (of two words or more) that `text` names."""
    pattern = _pattern(ids)
    return set(pattern.findall(text)) if pattern else set()


def named_ids(source: str, ids) -> list[tuple[int, str]]:
    """(line, id) for each id of `ids` (of two words or more) that a string literal of the Python `source`
    names, leaving out the ids the module defines itself."""
    pattern = _pattern(set(ids) - set(OWN_ID.findall(source)))
    if pattern is None:
        return []
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found |= {(node.lineno, m) for m in pattern.findall(node.value)}
    return sorted(found)
