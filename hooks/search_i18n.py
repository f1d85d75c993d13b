"""One search per edition: Russian pages are found from the Russian site, English from the English.

mkdocs-static-i18n builds the editions one after the other into one site and then writes a single
search/search_index.json holding both, which every page loads (Material fetches the index from its
`base`, the site root). So a Latin query on the Russian edition returned English pages.

This hook makes each edition its own search site:
- the pages of a non-default edition get that edition's root (e.g. `en/`) as Material's `base`,
  so their search loads `en/search/search_index.json` and resolves results against `en/`;
- after the whole build, the combined index is split by edition; each part gets the stemmers of its
  language (`ru` also keeps `en`, for the Latin-script names in Russian text).
"""
from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the `macros` package lives at the project root
    sys.path.insert(0, str(ROOT))

from macros import languages, site  # noqa: E402
from macros.links import edition_prefix  # noqa: E402

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
INDEX = "search/search_index.json"


def with_edition_base(html: str, edition: str) -> str:
    """Point Material's `base` at the edition's root instead of the site root."""
    def rebase(m: re.Match) -> str:
        conf = json.loads(m.group(2))
        conf["base"] = posixpath.join(conf["base"], edition) + "/"
        return m.group(1) + json.dumps(conf) + m.group(3)
    new, count = CONFIG_SCRIPT.subn(rebase, html, count=1)
    if count != 1:
        raise RuntimeError("hooks/search_i18n.py: no Material __config script found in a page; "
                           "the theme template changed — update CONFIG_SCRIPT")
    return new


def on_post_page(output: str, page, config) -> str:
    lang = site.page_lang(page)
    return with_edition_base(output, lang) if lang != site.editions(config)[0] else output


def stemmers(lang: str) -> list[str]:
    """The edition's lunr stemmers (data/languages.yml: `stemmers`)."""
    return list(languages.rules(lang).stemmers)


def split_index(index: dict, default: str, others: list[str]) -> dict[str, dict]:
    """{edition: index}; locations of a non-default edition become relative to its root."""
    parts = {lang: {"config": dict(index["config"], lang=stemmers(lang)), "docs": []} for lang in [default, *others]}
    for doc in index["docs"]:
        edition = site.edition_of_url(doc["location"], others)
        if edition:
            doc = dict(doc, location=doc["location"][len(edition) + 1:])
        parts[edition or default]["docs"].append(doc)
    return parts


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every edition and merged the index
def on_post_build(config) -> None:
    if "i18n" not in config.plugins or not site.all_editions_built(config) or site.broken():
        return  # inside an edition's own build the merged index does not exist yet
    default, others = site.editions(config)
    out = Path(config.site_dir)
    index = json.loads((out / INDEX).read_text(encoding="utf-8"))
    for lang, part in split_index(index, default, others).items():
        path = out / (edition_prefix(lang) + INDEX)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for lang in others:  # the English 404 page (hooks/not_found.py) searches its own edition too
        not_found = out / lang / "404.html"
        if not_found.exists():
            not_found.write_text(with_edition_base(not_found.read_text(encoding="utf-8"), lang), encoding="utf-8")
