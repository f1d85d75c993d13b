"""The checks of a page's markdown as written, before anything renders it: one place for `make check`
and the build (hooks/html_policy.py, on_config), so both say the same words.

- its characters (macros/text_chars.py): nothing invisible, no digits of other scripts, no lookalikes;
- its front matter and title (macros/page_meta.py): an allow-list of plain-text keys;
- its size and nesting: a page is bounded, so no page can keep the build busy for minutes or end it
  in a recursion error (Python-Markdown nests one call per level of HTML or quotes).
The number of macro calls is bounded where the calls are read (macros/template_policy.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import page_meta, text_chars
from .problems import Problem
from .yamlfile import YamlProblem, read_text

MAX_BYTES = 100 * 1024  # today's largest page is 6 KB: the macros write the long tables
MAX_NESTING = 40  # HTML elements or quotes inside each other; the dossier's pages nest fewer than 10

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)>")  # [^<>]: each scan stops at the next tag
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_QUOTES = re.compile(r"^ {0,3}((?:>[ \t]?){" + str(MAX_NESTING + 1) + ",})", re.M)


def read(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A page's markdown, read within MAX_BYTES as UTF-8; (None, the problem) otherwise."""
    try:
        return read_text(path, shown, MAX_BYTES), []
    except YamlProblem as exc:
        return None, exc.problems


def problems(text: str, shown: str) -> list[Problem]:
    """Everything wrong with a page's markdown as written (read with `read`)."""
    return checked(text, shown)[0]


def checked(text: str, shown: str) -> tuple[list[Problem], bool]:
    """(problems, readable): readable is False when the page must not reach Markdown or the other
    checks (it nests too deep, or has a shape they read in quadratic time)."""
    unreadable = [*nesting_problems(text, shown), *cost_problems(text, shown)]
    return [*text_chars.page_problems(text, shown), *page_meta.problems(text, shown), *unreadable], not unreadable


# Per block of text (lines with no blank line between them): Python-Markdown reads some shapes in time
# quadratic in a block, or nests one element per marker. The pages' largest block has 777 characters, 3 '[',
# 4 tags and 4 emphasis marks.
MAX_BLOCK = 8_000  # characters
MAX_BRACKETS = 50  # '[': each link is read to the block's end
MAX_TAGS = 200  # HTML tags (a table written out in HTML needs some tens)
MAX_EMPHASIS = 100  # '*' and '_': each pair nests an element
_BLOCK = re.compile(r"\n[ \t]*\n")
_TAG_START = re.compile(r"</?[a-zA-Z]")
_UNCLOSED = re.compile(r"</?[a-zA-Z][^<>]*(?=<|\Z)")  # a tag with no '>' before the next '<'


def cost_problems(text: str, shown: str) -> list[Problem]:
    """Shapes that Python-Markdown and Python's HTML parser read in time quadratic in a block (a page of
    '[a](' or '<a ' took minutes): an HTML tag never closed, and too many brackets or tags in one block."""
    found = []
    m = _UNCLOSED.search(text)
    if m:
        found.append(Problem(shown, text.count("\n", 0, m.start()) + 1, None,
                             f"an HTML tag is opened and never closed: '{m.group()[:30].strip()}'",
                             "close the tag with '>', or write '<' as &lt; if it is not a tag"))
    at = 0
    for block in _BLOCK.split(text):
        counts = {"characters": (len(block), MAX_BLOCK), "brackets '['": (block.count("["), MAX_BRACKETS),
                  "HTML tags": (len(_TAG_START.findall(block)), MAX_TAGS),
                  "emphasis marks (* and _)": (block.count("*") + block.count("_"), MAX_EMPHASIS)}
        over = next(((what, n, limit) for what, (n, limit) in counts.items() if n > limit), None)
        at = text.find(block, at)
        if over:
            found.append(Problem(shown, text.count("\n", 0, at) + 1, None,
                                 f"one block of the page holds {over[1]:_} {over[0]}, more than {over[2]:_}",
                                 "split it into paragraphs (a blank line between them), or show the data through a macro"))
            break
        at += len(block)
    return found


def nesting_problems(text: str, shown: str) -> list[Problem]:
    """HTML elements or block quotes nested deeper than MAX_NESTING, at the line where the limit is passed."""
    depth = 0
    for m in _TAG.finditer(text):
        closing, tag, selfclosing = m.group(1), m.group(2).lower(), m.group(3).endswith("/")
        if tag in _VOID or selfclosing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_NESTING:
            return [_too_deep(text, shown, m.start(), "HTML elements")]
    m = _QUOTES.search(text)
    if m:
        return [_too_deep(text, shown, m.start(), "block quotes (>)")]
    return []


def _too_deep(text: str, shown: str, at: int, what: str) -> Problem:
    return Problem(shown, text.count("\n", 0, at) + 1, None, f"{what} nested more than {MAX_NESTING} levels deep",
                   "flatten the page: close what you open, and nest a few levels at most")
