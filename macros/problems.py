"""One shape for every problem found in the data or the pages: where, what, how to fix."""
from __future__ import annotations

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
        return f"{where}:{record} {self.what} — {self.fix}"


def counted(n: int, one: str, other: str) -> str:
    """An English console message about `n` things, in the form CLDR's rules give the count (make
    check and the build speak English to a contributor, also when data/strings.yml is broken)."""
    from .i18n import form  # i18n reads languages, which reports problems
    return form({"one": one, "other": other}, "en", n).format(n=n)


class DossierError(Exception):
    """Raised with every problem found, so a contributor sees them all in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = counted(count, "The dossier data has {n} problem:", "The dossier data has {n} problems:")
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
