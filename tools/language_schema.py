"""Rewrite the per-language definitions of data/schema/common.schema.json from data/languages.yml.

    python -m tools.language_schema      (after adding or publishing a language)
"""
from __future__ import annotations

import sys

from macros.languages import write_schema

if __name__ == "__main__":
    print(f"wrote {write_schema()}", file=sys.stderr)
