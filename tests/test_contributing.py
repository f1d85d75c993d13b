"""What contributors rely on: edit links, "edit data" links, and (below) the contributor files."""
from __future__ import annotations

import re

import pytest
import yaml

from macros import render
from macros.load import load_dossier
from tests.helpers import ROOT, fixture_data

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# --- edit links ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, page, source", [
    ("ru", "index.html", "docs/ru/index.md"),
    ("ru", "partners/china/index.html", "docs/ru/partners/china.md"),
    ("en", "en/index.html", "docs/en/index.md"),
    ("en", "en/resources/uranium/index.html", "docs/en/resources/uranium.md"),
])
def test_edit_button_opens_the_page_file_of_its_language(built_site, lang, page, source):
    assert "content.action.edit" in CONFIG["theme"]["features"]
    html = (built_site / page).read_text(encoding="utf-8")
    edit = re.findall(r'<a href="([^"]+)"[^>]*class="md-content__button md-icon"', html)
    expected = f"{CONFIG['repo_url'].rstrip('/')}/edit/main/{source}"
    assert edit and edit[0] == expected, edit
    assert (ROOT / source).exists()


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("lang, label", [("ru", "править данные"), ("en", "edit data")])
def test_figure_items_link_to_their_data_record(dossier, lang, label):
    ctx = render.Ctx(dossier, lang, "partners/turkey.md", repo_url="https://example.org/org/repo/")
    html = render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    link = re.search(r'<a class="data-edit" href="([^"]+)" title="([^"]+)">([^<]+)</a>', html)
    assert link, html
    assert link.groups() == ("https://example.org/org/repo/blob/main/data/figures.yml#L11", "data/figures.yml:11", label)
    # The line really is the figure's record.
    assert (dossier.figure_by_id["gas-reserves"].where.line == 11)


def test_source_record_links_to_its_data_file(dossier):
    ctx = render.Ctx(dossier, "en", "sources/sample-source.md", repo_url="https://example.org/org/repo")
    html = render.source_record(ctx, dossier.sources["sample-source"])
    assert '<a class="data-edit" href="https://example.org/org/repo/blob/main/data/sources/sample-source.yml#L1"' in html


def test_no_data_link_without_a_repository(dossier):
    ctx = render.Ctx(dossier, "en", "partners/turkey.md")
    assert "data-edit" not in render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    assert "data-edit" not in render.source_record(ctx, dossier.sources["sample-source"])


def test_built_pages_link_each_figure_to_its_line_in_the_repository(built_site):
    real = load_dossier(ROOT / "data")
    html = (built_site / "en" / "partners" / "china" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<div class="fig-item" id="fig-([^"]+)".*?<a class="data-edit" href="([^"]+)"', html))
    assert links, "no edit-data links on the China page"
    lines = (ROOT / "data" / "figures.yml").read_text(encoding="utf-8").splitlines()
    for fid, url in links.items():
        assert url == f"{CONFIG['repo_url'].rstrip('/')}/blob/main/data/figures.yml#L{real.figure_by_id[fid].where.line}"
        assert lines[real.figure_by_id[fid].where.line - 1] == f'- id: "{fid}"'
