"""The highlight rules of the quoted words (render.highlight_css) go into the site's one stylesheet.

Page content may hold no <style> (macros/html_policy.py), and an inline style would also be
blocked wherever a page reads a source page in (the preview card parses it under the reading
page's own Content-Security-Policy). So the published assets/dossier.css is overrides/assets/dossier.css
followed by the rules of every figure's quote, generated from the data at each build.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import render, site  # noqa: E402

STYLESHEET = "assets/dossier.css"


@event_priority(-110)  # after mkdocs-static-i18n (-100) has laid out the edition's files
def on_files(files, config):
    sheet = files.get_file_from_path(STYLESHEET)
    if sheet is None or sheet.generated_by or site.broken():  # the other editions share the default's assets
        return files
    dossier = site.dossier()
    rules = render.highlight_css(dossier.figures)
    text = Path(sheet.abs_src_path).read_text(encoding="utf-8")
    text += "\n/* The source pages' highlight rules, from the data (hooks/highlight.py) */\n" + rules
    files.remove(sheet)
    files.append(File.generated(config, STYLESHEET, content=text))
    return files
