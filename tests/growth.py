"""A contributor's additions (tests/fixtures/growth/), made the way CONTRIBUTING says: records
appended to the data files, new files copied in, the sources pinned."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import FIXTURES, pin

GROWTH = FIXTURES / "growth"
APPENDED = ("partners.yml", "resources.yml", "figures.yml")


def grow(root: Path) -> Path:
    """Add the growth fixture to the project at `root` (its data/ and docs/); return `root`."""
    for name in APPENDED:
        with (root / "data" / name).open("a", encoding="utf-8") as f:
            f.write("\n" + (GROWTH / name).read_text(encoding="utf-8"))
    for folder in ("sources", "references"):
        for path in (GROWTH / folder).glob("*.yml"):
            shutil.copy(path, root / "data" / folder / path.name)
    shutil.copytree(GROWTH / "docs", root / "docs", dirs_exist_ok=True)
    pin(root / "data")
    return root
