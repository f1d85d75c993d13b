"""The dossier's terms (data/terminology.yml): the wordings it avoids, found in its own text.

    from_data(data)              -> the rules, each with its wordings compiled
    problems(rules, text, lang)  -> [(offset, what, fix)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import message_language

FILE = "terminology.yml"


@dataclass(frozen=True)
class Rule:
    id: str
    lang: str
    prefer: str
    why: str  # in the language of make check's messages (data/languages.yml: messages)
    avoid: tuple[str, ...]
    pattern: re.Pattern


def wording(avoided: str) -> str:
    """An avoided wording as a pattern: whole words, `*` a word's ending, any space between words."""
    words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in avoided.split()]
    return r"(?<!\w)" + r"[ \u00a0\u202f\n]+".join(words) + r"(?!\w)"


def from_data(data: list) -> tuple[Rule, ...]:
    return tuple(Rule(r["id"], r["lang"], r["prefer"], r["why"][message_language()], tuple(r["avoid"]),
                      re.compile("|".join(wording(a) for a in r["avoid"]), re.I)) for r in data)


def problems(rules: tuple[Rule, ...], text: str, lang: str) -> list[tuple[int, str, str]]:
    found = []
    for rule in rules:
        if rule.lang != lang:
            continue
        for m in rule.pattern.finditer(text):
            said = " ".join(m.group().split())
            found.append((m.start(), f"term '{said}' ({lang}, {rule.id})",
                          f"use {rule.prefer}: {rule.why}"))
    return found
