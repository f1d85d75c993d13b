"""Browser print (Ctrl+P) shows each paragraph address of a page once.

Every figure link carries its paragraph's published address (data-print-url, macros/figlink.py).
Printed after every figure, the same address came back a dozen times on a page; instead, once the
page is complete, its distinct addresses are lettered in reading order: each figure link gets its
letter (data-print-note, printed after the value as "[a]" by overrides/assets/print.css) and the
article ends with the lettered list of addresses, hidden on screen, printed only. Letters, because
an editorial note's "[1]" on the same page already means another source. No script and no inline
style: the page keeps its Content-Security-Policy (hooks/csp.py runs after this).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import figlink, site  # noqa: E402
from macros.i18n import text  # noqa: E402


@event_priority(50)  # before the checks of the finished page (typed digits, CSP) read it
def on_post_page(output, page, config):
    if site.broken() or f" {figlink.PRINT_URL}=" not in output:
        return output
    title = text(site.dossier().strings, "print.addresses", site.page_lang(page))
    return figlink.numbered_addresses(output, title)
