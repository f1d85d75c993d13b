"""Write the data downloads (every figure as CSV and JSON) for the edition just built.

mkdocs-static-i18n builds the other language inside the first build's on_post_build, so this
hook runs once per edition; the adapter (macros/site.py) says which. The serialisation
lives in macros/downloads.py (pure, unit-tested); this file only writes it.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import site  # noqa: E402
from macros.datapackage import files  # noqa: E402


def on_post_build(config) -> None:
    if site.broken():  # `mkdocs serve` with broken data: only the problem page (hooks/site.py)
        return
    lang = site.building_language(config)
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is not set — the data downloads give each figure's absolute "
                          "address; set site_url to the published address of the site")
    dossier = site.dossier()
    # site_dir is the site root in both builds (the i18n plugin puts English pages under en/).
    for rel, content in files(dossier, lang, config.site_url).items():
        target = Path(config.site_dir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))
