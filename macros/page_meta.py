"""What a page tells the theme about itself: front matter on an allow-list, and a plain-text title.

MkDocs' theme environment does not autoescape, and Material prints a page's front matter (title,
description, author, status, subtitle…) and its title raw into <head>, the header and the
navigation of every page; `template:`, `render_macros:` and `icon:` change how a page is built. So a
page may set only the keys in FIELDS, each plain text, and its title (from front matter or its first
heading) may hold nothing a browser reads as markup, even after one unescaping (Material's
`striptags` unescapes entities). mkdocs reads front matter in two styles, YAML between `---` lines
and MultiMarkdown `Key: value` lines at the top; both are read here as mkdocs reads them.
`make check` and the build (hooks/page_meta.py) ask here; `plain` escapes at the boundary too.
"""
from __future__ import annotations

import html
import re

from .problems import Problem
from .yamlfile import YamlProblem, read_yaml

# The keys a page may set, with the longest text each may hold.
FIELDS = {"title": 120, "description": 300}

# mkdocs.utils.meta's own patterns: how mkdocs finds front matter.
_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MULTIMARKDOWN = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MARKUP = re.compile(r"[<>\"'{}`\\]")
_HEADING = re.compile(r"^ {0,3}#(?!#)[ \t]+(.*?)(?:[ \t]+\{[^}\n]*\})?[ \t#]*$", re.M)


def front_matter(text: str) -> tuple[str, int] | None:
    """The YAML front matter's text and the line it starts on, or None if the page has none."""
    m = _YAML.match(text)
    return (m.group(1), 2) if m else None


def without_front_matter(text: str) -> str:
    """The page with its YAML front matter blanked (lines kept), as mkdocs hands it to Markdown."""
    return _YAML.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)


def problems(text: str, shown: str) -> list[Problem]:
    """Front matter outside the allow-list, and a title that is not plain text."""
    found = _front_matter_problems(text, shown)
    fm = front_matter(text)
    if not found and not (fm and "title" in (_read(fm[0], shown) or {})):
        found += heading_problems(text, shown)
    return found


def _read(meta: str, shown: str) -> dict | None:
    try:
        data, _ = read_yaml(None, shown, meta)
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None


def _front_matter_problems(text: str, shown: str) -> list[Problem]:
    fm = front_matter(text)
    if fm is None:
        first = text.split("\n", 1)[0]
        m = _MULTIMARKDOWN.match(first)
        if m:
            return [Problem(shown, 1, None, f"line 1 '{_cut(first)}' is read by mkdocs as page metadata "
                                            f"('{m.group('key')}:'), not shown on the page",
                            "start the page with its heading (# Title { #anchor }); a page sets no metadata this way")]
        return []
    meta, start = fm
    try:
        data, lines = read_yaml(None, shown, meta)
    except YamlProblem as exc:  # bounded: no anchors or aliases, no deep nesting
        return [Problem(shown, (p.line or 1) + start - 1, None, f"front matter: {p.what}", p.fix) for p in exc.problems]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [Problem(shown, start, None, "front matter is not a list of keys and values",
                        f"write 'title: …' (the only keys a page may set: {', '.join(FIELDS)}), or remove it")]
    found = []
    for key, value in data.items():
        line = lines.get((key,), 1) + start - 1
        if key not in FIELDS:
            found.append(Problem(shown, line, None, f"front matter key '{key}' is not allowed",
                                 f"remove it: a page may set only {', '.join(FIELDS)} (plain text); the site's "
                                 f"templates, icons and build options are the maintainers' (mkdocs.yml, overrides/)"))
            continue
        what = text_problem(value, FIELDS[key])
        if what:
            found.append(Problem(shown, line, None, f"front matter '{key}' {what}", _PLAIN_FIX))
    return found


_PLAIN_FIX = ("write plain words: no markup or quote characters (< > \" ' ` { } \\), no digits (numbers come from "
              "the data) and no HTML entities; use « » or “ ” for quotation marks")


def text_problem(value, limit: int) -> str | None:
    """Why `value` is not plain text a theme may print as it is, or None."""
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    if len(value) > limit:
        return f"is {len(value)} characters long, more than {limit}"
    unescaped = html.unescape(value)
    if "&" in value and unescaped != value:
        return "holds an HTML entity"
    bad = _MARKUP.search(unescaped)
    if bad:
        return f"holds '{bad.group()}'"
    if any(c.isdigit() for c in unescaped):
        return "holds a digit"
    if any(not c.isprintable() and c != " " for c in value):
        return "holds a control or invisible character"
    return None


def title_problem(title: str | None, shown: str, line: int | None) -> Problem | None:
    """The title mkdocs computed for a page (its HTML text, escaped once): nothing that becomes markup
    once Material's `striptags` unescapes it."""
    if not title:
        return None
    unescaped = html.unescape(title)
    bad = re.search(r"[<>\"'`]", unescaped)
    if bad is None:
        return None
    return Problem(shown, line, None, f"the page's title holds '{bad.group()}', which the theme would print as markup",
                   "write the heading in plain words: no < > \" ' ` (also not as HTML entities); use « » or “ ”")


def heading_problems(text: str, shown: str) -> list[Problem]:
    """`make check`'s reading of the title: the page's first # heading, as mkdocs takes it."""
    body = without_front_matter(text)
    m = _HEADING.search(body)
    if not m:
        return []
    words = re.sub(r"<[^>\n]*>", "", m.group(1))  # tags are left out of the title
    problem = title_problem(words.replace("\\", ""), shown, body.count("\n", 0, m.start()) + 1)
    return [problem] if problem else []


def plain(value: str) -> str:
    """Escaped for HTML, where a value reaches a theme template (whatever the checks let through)."""
    return html.escape(html.unescape(value), quote=True)


def _cut(line: str) -> str:
    return line if len(line) <= 50 else line[:47] + "…"
