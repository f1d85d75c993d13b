"""The three-language test site (tests/fixtures/trilingual): the small fixture dataset plus an English-original
source, every text given a German placeholder, German published as a third edition, built with the
production hook list (tests/fixtures/trilingual/mkdocs.yml; a test keeps its hooks the real ones)."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import yaml

from tests.helpers import FIXTURE_EDITIONS, FIXTURES, ROOT, fixture_data, languages_publishing, pin

ENGLISH = FIXTURES / "english"
TRILINGUAL = FIXTURES / "trilingual"


def with_english_source(data: Path) -> Path:
    """A fixture dataset plus the English-original source and a figure quoting it."""
    shutil.copy(ENGLISH / "english-source.yml", data / "sources" / "english-source.yml")
    figures = data / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8") + (ENGLISH / "figures.yml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    return pin(data)


_INLINE_EN = re.compile(r'([{,]\s*)en: ("(?:[^"\\]|\\.)*")')
_BLOCK_EN = re.compile(r'^(\s*)en: (.*)$', re.M)


def with_placeholder_language(text: str, lang: str) -> str:
    """Every `en:` text of a data file given once more as `lang:` (a placeholder translation)."""
    text = _INLINE_EN.sub(lambda m: f"{m.group(1)}en: {m.group(2)}, {lang}: {m.group(2)}", text)
    return _BLOCK_EN.sub(lambda m: f"{m.group(1)}en: {m.group(2)}\n{m.group(1)}{lang}: {m.group(2)}", text)


def three_languages(data: Path) -> None:
    """data/languages.yml of the project with German published as a third edition."""
    table = yaml.safe_load(languages_publishing(FIXTURE_EDITIONS))
    extra = yaml.safe_load((TRILINGUAL / "languages.yml").read_text(encoding="utf-8"))
    for code, entry in table.items():  # a language without a German name here keeps its English one
        entry["name"]["de"] = extra["names_in_de"].get(code, entry["name"]["en"])
    table["de"] = extra["de"]
    (data / "languages.yml").write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only_editions(config: str, editions: tuple[str, ...]) -> str:
    """mkdocs.yml's text without the i18n languages outside `editions` (each block runs from its
    `- locale:` line to the next one, or to the macros plugin)."""
    blocks = re.split(r"(?m)^(?=        - locale: |  - macros:)", config)
    keep = [b for b in blocks if not (m := re.match(r"        - locale: (\w+)", b)) or m.group(1) in editions]
    return "".join(keep)


def three_language_config() -> str:
    """The project's mkdocs.yml with German added as a third edition and the small site's nav."""
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    change = yaml.safe_load((TRILINGUAL / "mkdocs-changes.yml").read_text(encoding="utf-8"))
    search = re.search(r"(?m)^      lang: \[.*\]$", real)
    assert search, "mkdocs.yml: the search plugin's lang list moved"
    real = real[:search.start()] + change["search_lang"] + real[search.end():]
    real = only_editions(real, FIXTURE_EDITIONS)
    at = real.index("  - macros:\n")  # the i18n languages end where the macros plugin starts
    real = real[:at] + textwrap.indent(change["i18n_language"], " " * 8) + real[at:]
    return real[:real.index("\nnav:\n") + 1] + change["nav"]


def trilingual_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("macros", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(TRILINGUAL / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(three_language_config(), encoding="utf-8")
    data = with_english_source(fixture_data(project))
    for path in [*data.glob("*.yml"), *(data / "sources").glob("*.yml")]:
        path.write_text(with_placeholder_language(path.read_text(encoding="utf-8"), "de"), encoding="utf-8")
    three_languages(data)
    english = data / "sources" / "english-source.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("renderings: {ru: ", 'renderings: {de: "Platzhalter.", ru: '),
                       encoding="utf-8")
    figures = data / "figures.yml"  # the English-original figure's quote, in German too
    figures.write_text(figures.read_text(encoding="utf-8").replace("quote_renderings: {ru: ", 'quote_renderings: {de: "Platzhalter", ru: '),
                       encoding="utf-8")
    return project


