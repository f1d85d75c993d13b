"""A contributor's additions (tests/fixtures/growth/), made the way CONTRIBUTING says: records
appended to the data files, new files copied in, the sources pinned."""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

import yaml

from tests.helpers import FIXTURES, pin

GROWTH = FIXTURES / "growth"
APPENDED = ("partners.yml", "resources.yml", "figures.yml", "observations.yml", "terminology.yml")
COPIED = ("sources", "references")


class FixtureClash(Exception):
    """The project already has an id or a page that the growth fixture adds."""


def _records(path: Path) -> list:
    """A data file's records, read by libyaml (the pure-Python reader takes a second for the project's files)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []


@functools.cache
def added_ids() -> dict[str, set[str]]:
    """The ids the fixture adds, by data file or folder: {'partners.yml': {...}, 'sources': {...}, ...}."""
    ids = {name: {r["id"] for r in _records(GROWTH / name)} for name in APPENDED}
    ids.update({folder: {p.stem for p in (GROWTH / folder).glob("*.yml")} for folder in COPIED})
    return ids


def _clashes(root: Path) -> list[str]:
    """What the fixture would add that `root` already has: ids in its data, pages in its docs."""
    data = root / "data"
    found = []
    for name in APPENDED:
        have = {r.get("id") for r in _records(data / name) if isinstance(r, dict)}
        found += [f"data/{name}: id {i!r}" for i in sorted(added_ids()[name] & have)]
    have = {p.stem: p for folder in COPIED for p in (data / folder).glob("*.yml")}  # one namespace: a citation names either
    found += [f"{have[i].relative_to(root).as_posix()}: id {i!r}" for folder in COPIED for i in sorted(added_ids()[folder])
              if i in have]
    found += [f"docs/{p.relative_to(GROWTH / 'docs').as_posix()}" for p in sorted((GROWTH / "docs").rglob("*.md"))
              if (root / "docs" / p.relative_to(GROWTH / "docs")).exists()]
    return found


def grow(root: Path) -> Path:
    """Add the growth fixture to the project at `root` (its data/ and docs/); return `root`.
    Stops (FixtureClash) when the project already has one of the fixture's ids or pages: appending it
    again would make a duplicate, and the failure would not say why."""
    clashes = _clashes(root)
    if clashes:
        raise FixtureClash("the growth fixture (tests/fixtures/growth) adds what the project already has: "
                           + "; ".join(clashes) + ". Rename it in the fixture (its ids are meant to be invented).")
    for name in APPENDED:
        with (root / "data" / name).open("a", encoding="utf-8") as f:
            f.write("\n" + (GROWTH / name).read_text(encoding="utf-8"))
    for folder in COPIED:
        for path in (GROWTH / folder).glob("*.yml"):
            shutil.copy(path, root / "data" / folder / path.name)
    shutil.copytree(GROWTH / "docs", root / "docs", dirs_exist_ok=True)
    pin(root / "data")
    return root
