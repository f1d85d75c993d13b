"""mkdocs hook used only by the benchmark: save each page's markdown as the macros rendered it.

Added to a build by bench/build_once.py --add-hook; writes <DOSSIER_CAPTURE_MD>/<src path>.md,
the "shadow" docs tree that the data-layer comparison builds without the macros plugin.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-macros (priority 0) has rendered the page
def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["DOSSIER_CAPTURE_MD"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
