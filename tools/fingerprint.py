"""The fingerprint of a publisher's sentences, for a reference's `fingerprint:` (macros/own_words.py).

    python -m tools.fingerprint < sentences.txt          (one sentence per line)

Paste the sentences of the page that state the facts the dossier records from it; the output is the
YAML to put in data/references/<id>.yml. The sentences themselves are not kept: only the hash of every
run of seven words, so that `make check` can tell when a summary or a note follows them too closely.
"""
from __future__ import annotations

import sys

from macros.own_words import fingerprint


def main() -> int:
    sentences = [line.strip() for line in sys.stdin if line.strip()]
    if not sentences:
        print("fingerprint: give the publisher's sentences on standard input, one per line", file=sys.stderr)
        return 2
    hashes = fingerprint(sentences)
    print("fingerprint:")
    for h in hashes:
        print(f'  - "{h}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
