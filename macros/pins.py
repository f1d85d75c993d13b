"""Tamper-evident sources: the text of every reproduced source, pinned paragraph by paragraph.

data/source-pins.yml (a maintainers' file: CODEOWNERS) holds the SHA-256 of each paragraph's
verbatim text, of the title and of the credits of every file in data/sources/. A change to a
source's own words, an added or a removed paragraph stops `make check` and the build unless the pins
change in the same pull request, which a maintainer must approve; the figure diff names the
paragraph and the words (tools/figure_diff.py). The dossier's renderings of a paragraph are its own
text and are not pinned. `make pin-sources` (tools/pin_sources.py) writes the file.
"""
from __future__ import annotations

import hashlib

from .problems import Problem

FILE = "source-pins.yml"
SHOWN = f"data/{FILE}"
_FIX = (f"restore the source's words exactly as published; if the source itself changed (a corrected edition), "
        f"a maintainer runs `make pin-sources` and commits {SHOWN} with it")


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def pins_of(source) -> dict:
    """The pins of one loaded source (macros.model.Source)."""
    return {"title": digest(source.title), "credits": digest("\n".join(source.credits)),
            "paragraphs": {p.id: digest(p.text) for p in source.paragraphs}}


def problems(sources: dict, pinned: dict | None, pins_where=None, unread: frozenset = frozenset()) -> list[Problem]:
    """Every difference between the sources' text and their pins (`pinned`: the file's data, None if missing);
    `unread`: ids of source files that could not be read (their pins are not compared)."""
    found = []
    pinned = pinned or {}
    for src in sources.values():
        want = pinned.get(src.id)
        at = (src.where.path, src.where.line, src.id)
        if want is None:
            what = f"{SHOWN} is missing" if not pinned else f"source '{src.id}' has no pins in {SHOWN}"
            found.append(Problem(*at, f"{what}: the text of a reproduced source must be pinned",
                                 f"a maintainer runs `make pin-sources` and commits {SHOWN} (a new source is reviewed "
                                 f"by a maintainer: the dossier reproduces only texts it may reproduce)"))
            continue
        have = pins_of(src)
        for part in ("title", "credits"):
            if have[part] != want.get(part):
                found.append(Problem(*at, f"the source's {part} differs from the text pinned in {SHOWN}", _FIX))
        pinned_paragraphs = want.get("paragraphs") or {}
        for p in src.paragraphs:
            if p.id not in pinned_paragraphs:
                found.append(Problem(p.where.path, p.where.line, f"{src.id}/{p.id}",
                                     f"paragraph {p.id} is not in the pinned text ({SHOWN})", _FIX))
            elif have["paragraphs"][p.id] != pinned_paragraphs[p.id]:
                found.append(Problem(p.where.path, p.where.line, f"{src.id}/{p.id}",
                                     f"the text of paragraph {p.id} differs from the text pinned in {SHOWN}: a "
                                     f"reproduced source is never edited (`make figure-diff BASE=main` shows the words)", _FIX))
        for pid in pinned_paragraphs:
            if pid not in have["paragraphs"]:
                found.append(Problem(*at, f"pinned paragraph {pid} is missing from the source", _FIX))
    for sid in pinned:
        if sid not in sources and sid not in unread:
            line = pins_where((sid,)).line if pins_where else None
            found.append(Problem(SHOWN, line, sid, f"pins of a source that does not exist (data/sources/{sid}.yml)",
                                 "a maintainer removes them with `make pin-sources`"))
    return found
