"""Rendered page markdown kept between builds (hooks/rendered_pages.py): a page comes back from the
store only while its text, place, front matter, mkdocs.yml, data/ and the code are those it was
rendered with; a failed rendering is never kept; and a build served from the store publishes the same
bytes as one that rendered every page."""
from __future__ import annotations

import filecmp
import shutil
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from hooks import rendered_pages, sandbox, template_cache, verdicts
from macros import site
from tests.helpers import build, fixture_data, project_copy


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A build's surroundings: its own store, a data folder, mkdocs.yml, and a loaded dossier."""
    monkeypatch.setenv(template_cache.CACHE_ENV, str(tmp_path / "templates"))
    monkeypatch.setattr(template_cache.Store, "_memory", {})
    monkeypatch.setattr(rendered_pages, "_store", [])
    monkeypatch.setattr(rendered_pages, "_config_text", {})
    monkeypatch.setattr(site, "_run", {**site._run, "problems": []})
    monkeypatch.setattr(site, "rendered_earlier", set())
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_url: https://example.org/\n", encoding="utf-8")
    data = fixture_data(tmp_path)
    config = SimpleNamespace(extra={"dossier_data": str(data)}, config_file_path=str(config_file),
                             site_url="https://example.org/", repo_url=None)
    return SimpleNamespace(config=config, data=data, config_file=config_file, tmp=tmp_path)


def _page(uri="ru/uranium.md", meta=None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta=dict(meta or {}), markdown=None)


def _build_page(world, source, rendered, uri="ru/uranium.md", meta=None):
    """One page through the two events, as mkdocs-macros would render it to `rendered` on a miss."""
    page = _page(uri, meta)
    given = rendered_pages.on_page_markdown(source, page, world.config, None)
    hit = uri in site.rendered_earlier
    page.markdown = given if hit else rendered
    rendered_pages.on_page_content("<p></p>", page, world.config, None)
    return given, hit, page


def _new_build(world, monkeypatch):
    monkeypatch.setattr(template_cache.Store, "_memory", {})
    rendered_pages.on_pre_build(world.config)


def test_an_unchanged_page_comes_back_rendered_and_its_front_matter_as_written(world, monkeypatch):
    given, hit, page = _build_page(world, 'Уран: {{ fig("u-1") }}', "Уран: 40 %", meta={"title": "Уран"})
    assert (given, hit) == ('Уран: {{ fig("u-1") }}', False)
    _new_build(world, monkeypatch)
    given, hit, page = _build_page(world, 'Уран: {{ fig("u-1") }}', "unused", meta={"title": "Уран"})
    assert (given, hit) == ("Уран: 40 %", True)
    assert page.meta == {"title": "Уран"}, "render_macros is set for mkdocs-macros only, then put back"


def test_front_matter_that_sets_render_macros_keeps_its_value(world, monkeypatch):
    _build_page(world, "text", "text", meta={"render_macros": True})
    _new_build(world, monkeypatch)
    page = _page(meta={"render_macros": True})
    rendered_pages.on_page_markdown("text", page, world.config, None)
    assert page.meta["render_macros"] is False  # what mkdocs-macros reads while the page is rendered
    page.markdown = "text"
    rendered_pages.on_page_content("", page, world.config, None)
    assert page.meta == {"render_macros": True}


@pytest.mark.parametrize("change", ["markdown", "place", "front matter", "mkdocs.yml", "site_url", "data", "code"])
def test_anything_the_macros_read_renders_the_page_again(world, monkeypatch, change):
    _build_page(world, "A {{ x() }}", "A 1", meta={"title": "T"})
    _new_build(world, monkeypatch)
    source, uri, meta = "A {{ x() }}", "ru/uranium.md", {"title": "T"}
    if change == "markdown":
        source += " "
    elif change == "place":
        uri = "en/uranium.md"
    elif change == "front matter":
        meta = {"title": "T2"}
    elif change == "mkdocs.yml":
        world.config_file.write_text("site_url: https://example.net/\n", encoding="utf-8")
    elif change == "site_url":  # as `mkdocs serve` sets it, with mkdocs.yml unchanged
        world.config.site_url = "http://127.0.0.1:8000/"
    elif change == "data":
        figures = world.data / "figures.yml"
        figures.write_text(figures.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    else:
        monkeypatch.setattr(verdicts, "_code", "e" * 32)
    given, hit, _ = _build_page(world, source, "A 2", uri=uri, meta=meta)
    assert (given, hit) == (source, False)


def test_nothing_is_kept_while_the_data_is_broken(world, monkeypatch):
    monkeypatch.setattr(site, "_run", {**site._run, "problems": ["data/figures.yml:1: broken"]})
    for _ in range(2):
        _new_build(world, monkeypatch)
        monkeypatch.setattr(site, "_run", {**site._run, "problems": ["data/figures.yml:1: broken"]})
        assert _build_page(world, "A", "B")[1] is False
    assert not (world.tmp / "templates").exists()


def test_a_failed_rendering_stops_the_build_before_it_could_be_kept(world):
    assert rendered_pages.on_page_content.mkdocs_priority < sandbox.on_page_content.mkdocs_priority
    page = _page()
    rendered_pages.on_page_markdown('{{ fig("nope") }}', page, world.config, None)
    sandbox._failed[:] = [KeyError("nope")]
    with pytest.raises(PluginError):
        sandbox.on_page_content("", page, world.config, None)  # mkdocs stops here: the store's event never runs
    assert not (world.tmp / "templates").exists()


def test_a_build_from_kept_renderings_publishes_the_same_site(tmp_path):
    project = project_copy(tmp_path)
    env = {"DOSSIER_PDF": "0", "DOSSIER_TEMPLATE_CACHE": str(tmp_path / "templates"),
           "DOSSIER_VERDICT_CACHE": str(tmp_path / "verdicts")}
    first = build(project, env)
    assert first.returncode == 0, first.stderr[-3000:]
    shutil.move(project / "site", tmp_path / "rendered")
    assert len(list((tmp_path / "templates").glob("rendered-*/*"))) >= 40, "every page's rendering was kept"
    again = build(project, env)
    assert again.returncode == 0, again.stderr[-3000:]
    pages = sorted(p.relative_to(tmp_path / "rendered") for p in (tmp_path / "rendered").rglob("*.html"))
    assert len(pages) >= 40
    _, differ, missing = filecmp.cmpfiles(tmp_path / "rendered", project / "site", [str(p) for p in pages], shallow=False)
    assert (differ, missing) == ([], [])
