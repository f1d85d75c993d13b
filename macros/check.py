"""`make check`: every problem in the data and in the pages, in a few seconds, without building the site.

The checks are macros/checks.py's, which the build runs too. Prints each problem as
`path:line: record-id: what — how to fix`; exits 1 if any.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .checks import ROOT, check
from .i18n import counted
from .problems import capped


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]).resolve() if argv else ROOT
    problems = check(root)
    for p in capped(problems):
        print(p)
    if problems:
        print(counted(len(problems), "make check: {n} problem found — fix it and run `make check` again",
                      "make check: {n} problems found — fix them and run `make check` again"), file=sys.stderr)
        return 1
    print("make check: data and pages are consistent", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
