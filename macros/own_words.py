"""Nothing copied: the dossier's own texts never follow a publisher's sentence for seven words or more.

A reference (data/references/<id>.yml) keeps a fingerprint of the publisher's sentences that state its
facts: the hash of every run of RUN words, never the words themselves (tools/fingerprint.py makes it). A
reproduced source's paragraphs are fingerprinted from their text. `make check` and the build refuse a
summary, note, label or page text that shares a run with a fingerprint, naming the reference; words inside
quotation marks are a quotation (cited, attributed) and are not compared.
"""
from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from .problems import Problem
from .yamlfile import YamlProblem, read_yaml

RUN = 7  # words in a row that make a copy
_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")


def words(text: str) -> list[str]:
    """The words of a text as compared: case and ё folded, punctuation and apostrophes split off."""
    return _WORD.findall(text.casefold().replace("ё", "е").replace("’", "").replace("'", ""))  # Kazakhstan’s: one word


def run_hash(run: list[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def fingerprint(sentences) -> list[str]:
    """The hashes of every run of RUN words of each sentence (sorted, each once)."""
    found = set()
    for sentence in sentences:
        w = words(sentence)
        found.update(run_hash(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return sorted(found)


def runs_not_in(text: str, prints: frozenset[str]) -> list[str]:
    """The runs of RUN words of `text` that `prints` does not hold: none when the text is, word for word,
    part of the fingerprinted sentences (a referenced source's quote, checked without keeping its page)."""
    w = words(text)
    return [" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1) if run_hash(w[i:i + RUN]) not in prints]


class Prints(dict):
    """Fingerprints by the file they belong to ({shown path: hashes}), and the file of each hash: one
    lookup per run of words, whatever the number of files."""

    @functools.cached_property
    def owners(self) -> dict[str, str]:
        return {h: name for name, hashes in reversed(self.items()) for h in hashes}  # the first file wins


def indexed(prints: dict[str, frozenset[str]]) -> Prints:
    """`prints` with its owner index (built once per Prints object)."""
    return prints if isinstance(prints, Prints) else Prints(prints)


def shared_run(text: str, prints: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """(the first run of RUN words of `text` found in a fingerprint, whose fingerprint) or None; quoted words
    are left out (a quotation with its marks is cited, not copied)."""
    owners = indexed(prints).owners
    for part in _QUOTED.split(text):
        w = words(part)
        for i in range(len(w) - RUN + 1):
            owner = owners.get(run_hash(w[i:i + RUN]))
            if owner:
                return " ".join(w[i:i + RUN]), owner
    return None


def prints_of(data_dir) -> Prints:
    """Every fingerprint in data/, by the file it belongs to: each reference's `fingerprint`, and each reproduced
    source's paragraphs. Read from the files themselves, so that make check tells of copying also while other
    problems keep the dossier from loading (a file that cannot be read is the loader's to report)."""
    data_dir = Path(data_dir)
    prints = Prints()
    for path in [*sorted((data_dir / "references").glob("*.yml")), *sorted((data_dir / "sources").glob("*.yml"))]:
        try:
            record, _ = read_yaml(path, path.name)
        except (OSError, YamlProblem):
            continue
        if not isinstance(record, dict):
            continue
        shown = path.relative_to(data_dir.parent).as_posix()
        if path.parent.name == "references" and isinstance(record.get("fingerprint"), list):
            prints[shown] = frozenset(str(h) for h in record["fingerprint"])
        elif path.parent.name == "sources" and isinstance(record.get("paragraphs"), list):
            prints[shown] = frozenset(fingerprint(str(p.get("text", "")) for p in record["paragraphs"] if isinstance(p, dict)))
    return prints


_FIX = ("say it in your own words (a summary or a note states the fact, not the publisher's sentence), or quote the "
        "publisher in quotation marks, with attribution")


def copy_problems(texts, prints: dict[str, frozenset[str]]) -> list[Problem]:
    """Each text (shown, line, record, field, lang, text) that follows a fingerprinted sentence for RUN words."""
    found = []
    prints = indexed(prints)
    for shown, line, record, field, lang, text in texts:
        hit = shared_run(text, prints) if prints else None
        if hit:
            found.append(Problem(shown, line, record, f"the {field} ({lang}) follows the words «{hit[0]}» of a sentence "
                                                      f"fingerprinted in {hit[1]}", _FIX))
    return found
