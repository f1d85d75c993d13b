"""Write data/source-pins.yml from data/sources/ (a maintainer's step; see macros/pins.py).

    python -m tools.pin_sources [DATA_DIR]        (make pin-sources)

Run it only after reading the change to the source's text (make figure-diff BASE=main): the pins say
that a maintainer has checked the reproduced text against its publication.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros import pins
from macros.load import load_sources
from macros.problems import DossierError

HEADER = """# yaml-language-server: $schema=schema/source-pins.schema.json
# The text of every reproduced source, pinned: the SHA-256 of its title, credits and each paragraph's
# verbatim text (macros/pins.py). A maintainers' file (CODEOWNERS): a change to a source's words stops the
# build unless this file changes with it. Written by `make pin-sources`; never edited by hand.
"""


def pins_text(data: Path) -> str:
    sources = load_sources(data)
    lines = [HEADER]
    for sid in sorted(sources):
        p = pins.pins_of(sources[sid])
        lines += [f'"{sid}":', f'  title: "{p["title"]}"', f'  credits: "{p["credits"]}"', "  paragraphs:"]
        lines += [f'    "{pid}": "{d}"' for pid, d in p["paragraphs"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        text = pins_text(data)
    except DossierError as exc:
        print(exc, file=sys.stderr)
        return 1
    (data / pins.FILE).write_text(text, encoding="utf-8")
    print(f"pin-sources: wrote {data / pins.FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
