"""YAML syntax check for pre-commit: `python -m tools.yaml_syntax FILE...`.

Prints `path:line: YAML syntax error: ... — fix` for each broken file and exits 1.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros.yamlfile import syntax_problem


def main(argv: list[str] | None = None) -> int:
    files = sys.argv[1:] if argv is None else argv
    problems = [p for name in files if (p := syntax_problem(Path(name).read_text(encoding="utf-8"), name))]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
