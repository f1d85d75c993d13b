"""Where the dossier's own text is, for the checks that read it (typography, terminology):
every text per language in data/ (labels, names, summaries, notes, glossary, strings, the dossier's
renderings of source paragraphs), never a source's verbatim text, a quote or its rendering.

    data_texts(data_dir, languages) -> [OwnText(shown, line, record, lang, text, field)]
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .load import _record_id  # the id of the record a data path points into, as the loader names it
from .yamlfile import YamlProblem, line_of, read_yaml

# Text that is a source's, word for word: a quote and its renderings (make check keeps a quote
# rendering word for word in its paragraph's rendering, which is checked).
VERBATIM = frozenset({"quote", "quote_renderings", "fragment"})
# Lists of words the glossary (its terms' forms) and the terminology find in text, not text themselves.
WORD_LISTS = frozenset({"forms", "matches", "avoid"})


class OwnText(NamedTuple):
    shown: str  # data/figures.yml
    line: int | None
    record: str | None
    lang: str
    text: str
    field: str  # the key the text is under: label, notes, renderings...


def _files(data_dir: Path) -> list[Path]:
    return sorted([*data_dir.glob("*.yml"), *(data_dir / "sources").glob("*.yml"), *(data_dir / "references").glob("*.yml")])


def _texts(node, path: tuple, langs: frozenset[str]):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in VERBATIM and k not in WORD_LISTS:
                yield from _texts(v, (*path, k), langs)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, (*path, i), langs)
    elif isinstance(node, str):
        lang = next((p for p in reversed(path[-2:]) if p in langs), None)  # {lang: text} or a plural {lang: {one: text}}
        if lang is not None:
            yield path, lang, node


def data_texts(data_dir: Path, languages: frozenset[str]) -> list[OwnText]:
    found = []
    for path in _files(Path(data_dir)):
        shown = path.relative_to(Path(data_dir).parent).as_posix()
        if path.name in ("languages.yml", "terminology.yml"):  # names of languages; the terms' own wordings
            continue
        try:
            data, lines = read_yaml(path, shown)
        except YamlProblem:
            continue  # the loader reports it
        for at, lang, text in _texts(data, (), languages):
            field = next((p for p in reversed(at) if isinstance(p, str) and p not in languages), "")
            found.append(OwnText(shown, line_of(lines, at), _record_id(data, at) or (at[0] if isinstance(at[0], str) and "." in at[0] else None), lang, text, field))
    return found
