"""The page `make serve` shows in place of the site while something is wrong: the problems, each
`file:line`, what is wrong and how to fix it, in the edition's language (its words from
data/languages.yml), styled inline, needing no readable data. hooks/site.py puts it in place of every
page; after a failed rebuild, `failure_problems` reads the build's own lines and `write_everywhere`
writes it for every page of every edition."""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import languages, links
from .problems import DossierError, Problem, capped, one_line
from .site import DATA_DIR, edition_of_url

_PROBLEM_STYLE = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --box: #fff4f2; --line: #c0392b; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #1e2129; --box: #3a2422; --line: #ff7b6b; } }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { background: #3f51b5; color: #fff; padding: .75rem 1rem; font-weight: 600; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 1rem; }
ol { padding: 0; list-style: none; }
li { background: var(--box); border-left: 4px solid var(--line); margin: 0 0 .75rem; padding: .5rem .75rem; overflow-wrap: anywhere; }
code { font: .9em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 600; }
.dossier-problem__fix { display: block; margin-top: .25rem; }
"""
_PROBLEM_FALLBACK = ("The dossier's data or pages have problems",  # data/languages.yml itself unreadable
                     "The site was not built. Fix the lines below and save the file: this page reloads by itself.")


def problem_texts(lang: str, data: Path = DATA_DIR) -> tuple[str, str]:
    """The problem page's title and introduction in `lang` (data/languages.yml), or English."""

    try:
        return languages.table(data)[lang].problem_page or _PROBLEM_FALLBACK
    except (DossierError, KeyError, OSError):
        return _PROBLEM_FALLBACK


def problem_page(found: list[Problem], lang: str, data: Path = DATA_DIR, site_name: str = "") -> str:
    """A page of its own listing the problems, in the edition's language, styled inline: each
    `file:line`, then what is wrong and how to fix it (all escaped)."""

    title, intro = (html.escape(t) for t in problem_texts(lang, data))
    items = []
    for p in capped(found):
        where = f"{p.path}:{p.line}" if p.line else p.path
        record = f" {html.escape(one_line(p.record))}:" if p.record else ""
        items.append(f'<li><code>{html.escape(one_line(where))}</code>{record} {html.escape(one_line(p.what))}'
                     f'<span class="dossier-problem__fix">→ {html.escape(one_line(p.fix))}</span></li>')
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{_PROBLEM_STYLE}</style></head>\n<body>\n"
            f"<header>{html.escape(site_name)}</header>\n<main>\n<h1>{title}</h1>\n<p>{intro}</p>\n"
            f'<ol class="dossier-problems">\n{"".join(items)}\n</ol>\n</main>\n</body>\n</html>\n')


_LINE = re.compile(r"^(?P<path>[\w./-]+)(?::(?P<line>\d+))?: (?P<what>.+?)(?: — (?P<fix>.+))?$")


def as_problem(line: str) -> Problem:
    """A line the build printed (`path:line: what — fix`, or anything else) as a problem to show."""
    m = _LINE.match(line)
    if m is None or not m["fix"]:
        return Problem("mkdocs build", None, None, line, "fix it and save: the site comes back by itself")
    return Problem(m["path"], int(m["line"]) if m["line"] else None, None, m["what"], m["fix"])


def failure_problems(said: str, logged: list[str] = ()) -> list[Problem]:
    """What a failed build said (its error, and the warnings and errors logged meanwhile) as problems."""
    shown = [*logged, *(line for line in said.splitlines() if line.strip().startswith(("docs/", "data/", "mkdocs.yml")))]
    shown = shown or said.splitlines()
    lines = [line.strip() for line in dict.fromkeys(shown) if line.strip() and not line.startswith("The dossier data has")]
    return [as_problem(line) for line in lines]


def write_everywhere(found: list[Problem], site_dir: Path, docs_dir: Path, editions: tuple[str, list[str]],
                     data: Path, site_name: str) -> None:
    """The problem page at every page of every edition (also where the failed build left none) and at 404."""
    default, others = editions
    pages = [*site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"]
    for lang in (default, *others):
        pages += [site_dir / links.edition_prefix(lang) / links.page_url(md.relative_to(docs_dir / lang).as_posix()) / "index.html"
                  for md in (docs_dir / lang).rglob("*.md")]
    for page in set(pages):
        lang = edition_of_url(page.relative_to(site_dir).as_posix(), others) or links.default_edition()
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(problem_page(found, lang, data, site_name), encoding="utf-8")
