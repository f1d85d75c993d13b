"""A language table (data/languages.yml's text) that publishes exactly the given editions, in that order:
the tests' bilingual fixtures and the benchmark's synthetic dossiers stay two-language whatever the
project publishes."""
from __future__ import annotations

import yaml


def publishing(table_text: str, editions: tuple[str, ...]) -> str:
    table = yaml.safe_load(table_text)
    ordered = {code: table[code] for code in editions} | {c: e for c, e in table.items() if c not in editions}
    for code, entry in ordered.items():
        entry["published"] = code in editions
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False)
