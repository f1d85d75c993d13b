"""Each edition is its own site: its own search index and its own 404 page (hooks/search_i18n.py,
hooks/not_found.py). The browser tests show the reader's side; these check the built files."""
from __future__ import annotations

import json
import re

import pytest

from hooks.search_i18n import split_index, with_edition_base
from macros.site import edition_of_url as edition_of
from tests.browser import site_path

EDITIONS = {"ru": "", "en": "en/"}


def index(site, lang):
    return json.loads((site / EDITIONS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))


def material_base(html: str) -> str:
    conf = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(conf)["base"]


def test_each_edition_has_its_own_search_index(built_site):
    ru, en = index(built_site, "ru"), index(built_site, "en")
    assert ru["docs"] and en["docs"]
    assert not [d["location"] for d in ru["docs"] if d["location"].startswith("en/")]
    assert not [d["location"] for d in en["docs"] if d["location"].startswith("en/")], "en locations are relative to en/"
    assert ru["config"]["lang"][0] == "ru" and en["config"]["lang"] == ["en"]
    assert any(d["location"] == "partners/china/" for d in en["docs"])
    assert "China" in next(d["title"] for d in en["docs"] if d["location"] == "partners/china/")


def test_english_pages_search_from_the_english_root(built_site):
    page = (built_site / "en" / "partners" / "china" / "index.html").read_text(encoding="utf-8")
    assert material_base(page) == "../../../en/"  # resolves to en/ from en/partners/china/
    assert material_base((built_site / "partners" / "china" / "index.html").read_text(encoding="utf-8")) == "../.."


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_edition_has_its_own_404_page(built_site, lang):
    html = (built_site / EDITIONS[lang] / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert material_base(html) == site_path() + EDITIONS[lang]
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith(site_path()) for href in stylesheets), "404 assets must be absolute"


def test_split_index_keeps_every_entry_once():
    merged = {"config": {"lang": ["ru", "en"], "separator": "x"},
              "docs": [{"location": "", "title": "Главная"}, {"location": "en/", "title": "Home"},
                       {"location": "en/partners/china/#sources", "title": "Sources"},
                       {"location": "english-words/", "title": "Not an edition folder"}]}
    parts = split_index(merged, "ru", ["en"])
    assert [d["location"] for d in parts["ru"]["docs"]] == ["", "english-words/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "partners/china/#sources"]
    assert parts["en"]["config"] == {"lang": ["en"], "separator": "x"}
    assert edition_of("/en/x/", ["en"]) == "en" and edition_of("enx/", ["en"]) is None


def test_rebasing_needs_materials_config_script():
    page = '<script id="__config" type="application/json">{"base": "../..", "search": "s.js"}</script>'
    assert json.loads(re.search(r">(.*)<", with_edition_base(page, "en")).group(1)) == {"base": "../../en/", "search": "s.js"}
    with pytest.raises(RuntimeError, match="__config"):
        with_edition_base("<html></html>", "en")


class _Lang:
    def __init__(self, locale, build=True):
        self.locale, self.build = locale, build


class _I18n:
    def __init__(self, default, current=None):
        self.default_language, self.current_language = default, current
        self.config = type("C", (), {"languages": [_Lang("ru"), _Lang("en"), _Lang("kk", build=False)]})()


def _config(i18n):
    return type("Config", (), {"plugins": {"i18n": i18n} if i18n else {}})()


def test_editions_and_the_language_being_built_come_from_the_i18n_plugin():
    from macros.site import building_language, editions
    assert editions(_config(_I18n("ru"))) == ("ru", ["en"])
    assert building_language(_config(_I18n("ru", current="en"))) == "en"
    assert editions(_config(None)) == ("ru", []) and building_language(_config(None)) == "ru"


def test_a_default_language_that_links_py_does_not_serve_at_the_root_is_refused():
    from macros.site import editions
    with pytest.raises(ValueError, match="mkdocs.yml: the i18n default language is 'en'"):
        editions(_config(_I18n("en")))
