"""One shape for every problem found in the data or the pages: where, what, how to fix."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    record: str | None
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        record = f" {self.record}:" if self.record else ""
        return one_line(f"{where}:{record} {self.what} — {self.fix}")


def one_line(text: str) -> str:
    """Text as one line of a log: control, format and line-separator characters written as escapes,
    so a file name or a quote from a pull request cannot start a line of its own (a forged CI command)."""
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else f"\\u{ord(c):04x}" for c in text)


MAX_PER_FILE = 50  # a file with thousands of problems (a hostile page) names the first ones and counts the rest


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PER_FILE problems of each file, then one line that counts the others."""
    seen: dict[str, int] = {}
    out = []
    for p in problems:
        seen[p.path] = seen.get(p.path, 0) + 1
        if seen[p.path] <= MAX_PER_FILE:
            out.append(p)
    for path, n in seen.items():
        if n > MAX_PER_FILE:
            out.append(Problem(path, None, None, f"and {n - MAX_PER_FILE} more problems in this file",
                               "fix the ones above and run `make check` again"))
    return out


def lines(problems: list[Problem]) -> str:
    """The problems as the build and `make check` print them: one line each, capped per file."""
    return "\n".join(map(str, capped(problems)))


class DossierError(Exception):
    """Raised with every problem found, so a contributor sees them all in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"The dossier data has {count} problem{'' if count == 1 else 's'}:"  # the messages' language
        super().__init__("\n".join([head, *(f"  {p}" for p in capped(self.problems))]))
