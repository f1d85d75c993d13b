"""The markdown of the partner and resource pages: numbers only through macros, a narrative that
cites figures, and the same macros and links in both languages."""
from __future__ import annotations

import re

import pytest

from macros import checks, links
from tests.helpers import ROOT, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
LANGS = ("ru", "en")

MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
HEADING_ANCHOR = re.compile(r"\{\s*#[^}]*\}")
FIG_CALL = re.compile(r"""\{\{\s*fig\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")

PAGES = [links.partner_page(p.id) for p in DOSSIER.partners] + [links.resource_page(r.id) for r in DOSSIER.resources]


def source(lang: str, page: str) -> str:
    return (ROOT / "docs" / lang / page).read_text(encoding="utf-8")


def blank(match: re.Match) -> str:
    """Remove a match but keep its line breaks, so reported line numbers stay true."""
    return "\n" * match.group(0).count("\n")


def typed_digits(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) for every line with a digit typed by hand: make check's rule (issue 11),
    which leaves out macro calls, anchors, link targets and marked examples."""
    lines = markdown.splitlines()
    return [(p.line, lines[p.line - 1].strip()) for p in checks.digit_problems("page.md", markdown)]


def narrative(markdown: str) -> str:
    """The prose between the page title and its first section heading."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
    end = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    return "\n".join(lines[start:end])


def test_the_digit_check_sees_typed_numbers_and_ignores_macros_and_anchors():
    assert typed_digits('# T { #t1 }\n\nWorth {{ fig("invented-5-satellite") }}.\n') == []
    assert typed_digits('# T { #t }\n\nAbout 40% of {{ fig("x") }}.\n') == [(3, 'About 40% of {{ fig("x") }}.')]
    assert typed_digits('# T { #t }\n\nSee [the note](#fig-china-2025-h1).\n') == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_no_number_is_typed_by_hand(lang, page):
    found = typed_digits(source(lang, page))
    assert not found, (f"docs/{lang}/{page}: digits typed in prose (cite them with {{{{ fig(\"<id>\") }}}} "
                       f"from data/figures.yml instead): {found}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_narrative_cites_figures(lang, page):
    text = narrative(source(lang, page))
    assert "NARRATIVE" not in text, f"docs/{lang}/{page}: the narrative placeholder is still there"
    cited = FIG_CALL.findall(text)
    kind, eid = ("partner" if page.startswith("partners/") else "resource"), page.rsplit("/", 1)[1][:-3]
    if DOSSIER.figures_of(kind, eid):  # a partner with no figure yet has nothing to cite
        assert cited, f"docs/{lang}/{page}: the narrative cites none of the page's figures through fig(...)"
    unknown = [fid for fid in cited if fid not in DOSSIER.figure_by_id]
    assert not unknown, f"docs/{lang}/{page}: unknown figure ids {unknown}"


@pytest.mark.parametrize("page", PAGES)
def test_both_languages_use_the_same_macros_anchors_and_links(page):
    ru, en = source("ru", page), source("en", page)
    for what, pattern in (("macro calls", MACRO), ("heading anchors", HEADING_ANCHOR), ("link targets", LINK_TARGET)):
        def found(text):
            return sorted(re.sub(r"\s+", "", m) for m in pattern.findall(text))
        assert found(ru) == found(en), f"{page}: ru and en differ in {what}: {found(ru)} != {found(en)}"
