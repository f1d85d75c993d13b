"""A contributor grows the dossier through data/ and docs/ alone (tests/fixtures/growth): a partner
without figures, a seventh resource, an English source and a second Russian one. `make check` passes,
and the grown site passes every invariant of the real one (tests/test_site.py runs on both); here,
what only the additions show: their menu entries, their briefs, their downloads."""
from __future__ import annotations

import json
import re
import subprocess
import types
from pathlib import Path

import pytest
import yaml

from macros import links
from macros.checks import check
from macros.languages import published
from macros.load import load_dossier
from tests.growth import GROWTH, FixtureClash, added_ids, grow
from tests.helpers import ROOT

LANGS = published()  # every edition of the real site, which the grown one keeps
ADDED = {"partner": "freedonia", "resource": "fixturium"}


def _copy(tmp_path: Path) -> Path:
    import shutil

    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.mark.project
def test_the_additions_pass_make_check_and_touch_only_data_and_docs(tmp_path):
    root = grow(_copy(tmp_path))
    assert [str(p) for p in check(root)] == []
    assert (root / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    d = load_dossier(root / "data")
    assert not d.figures_of("partner", ADDED["partner"]), "the fixture's partner has no figure"
    assert {d.sources[s].language for s in ("english-source", "second-russian")} == {"en", "ru"}
    assert len(d.resources) == len(load_dossier(ROOT / "data").resources) + 1


def test_grow_stops_when_the_project_already_has_one_of_its_ids(tmp_path):
    """A contributor who adds a partner, a resource or a source that the fixture also adds gets a message
    naming it, not a duplicate id deep in a build."""
    root = _copy(tmp_path)
    with (root / "data" / "partners.yml").open("a", encoding="utf-8") as f:
        f.write(f'\n- id: "{ADDED["partner"]}"\n')
    before = (root / "data" / "figures.yml").read_text(encoding="utf-8")
    with pytest.raises(FixtureClash, match=rf"data/partners.yml: id '{ADDED['partner']}'") as raised:
        grow(root)
    assert ADDED["resource"] not in str(raised.value), "only what clashes is named"
    assert (root / "data" / "figures.yml").read_text(encoding="utf-8") == before, "nothing is added"
    grown = grow(_copy(tmp_path / "again"))
    with pytest.raises(FixtureClash) as raised:
        grow(grown)
    for name, ids in added_ids().items():
        for i in ids:
            assert repr(i) in str(raised.value), f"{name}: {i} not named"


def _grown(grown_site: Path):
    return load_dossier(grown_site.parent / "project" / "data")


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_partner_and_resource_have_their_pages_in_the_menu_and_on_the_home(grown_site, lang):
    root = grown_site / links.edition_prefix(lang)
    home = (root / "index.html").read_text(encoding="utf-8")
    d = _grown(grown_site)
    for kind, eid in ADDED.items():
        page = root / links.entity_page(kind, eid).removesuffix(".md") / "index.html"
        assert page.is_file(), page
        assert f'href="{links.entity_page(kind, eid).removesuffix(".md")}/"' in home, f"{lang}: {eid} not on the home page"
        assert _entity(d, kind, eid).name(lang) in home
    partner = (root / "partners" / ADDED["partner"] / "index.html").read_text(encoding="utf-8")
    assert 'class="dossier-fig"' not in partner.split('<div class="md-content"')[1], "a partner without figures shows none"


@pytest.mark.parametrize("lang", LANGS)
def test_the_downloads_carry_the_new_figures_and_sources(grown_site, lang):
    d = _grown(grown_site)
    rows = json.loads((grown_site / links.download_path(lang, "json")).read_text(encoding="utf-8"))["figures"]
    by_id = {r["figure_id"]: r for r in rows}
    assert set(by_id) == set(d.figure_by_id)
    for fid in ("survey-sites", "memo-workers", "fixturium-ore-processed"):
        assert by_id[fid]["source_id"] == d.figure_by_id[fid].citation.source
    assert by_id["fixturium-ore-processed"]["source_kind"] == "referenced"  # test_site checks its passage_url


def test_the_dataset_is_based_on_the_new_referenced_source(grown_site):
    """JSON-LD of the downloads (the figures page): the fixturium figure rests on the invented bulletin."""
    page = (grown_site / "en" / links.page_url(links.FIGURES_PAGE) / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    text = " ".join(blocks)
    assert "https://example.org/fixturium-bulletin" in text and "Invented Mining Bureau" in text


def test_the_new_briefs_are_made_with_their_footnotes(grown_site, tmp_path):
    """The grown site is built without PDFs; its two new briefs are made here, as the build makes them."""
    from macros import briefs

    d = _grown(grown_site)
    config = types.SimpleNamespace(site_dir=str(tmp_path / "site"), site_url="https://example.org/dossier/",
                                   site_name="Dossier", site_author="test", extra={})
    import shutil

    shutil.copytree(grown_site, tmp_path / "site")
    for lang in LANGS:
        ed = briefs.edition(config, d, lang)
        built = {page: tmp_path / "site" / links.edition_prefix(lang) / links.page_url(page) / "index.html"
                 for page in briefs.pdf_names(d)}
        built.update({p: tmp_path / "site" / links.edition_prefix(lang) / links.page_url(p) / "index.html"
                      for p in (links.OVERVIEW_PAGE, links.METHOD_PAGE)})
        wanted = {links.pdf_path(lang, eid) for eid in ADDED.values()}
        jobs = [j for j in briefs.jobs_for(ed, Path(config.site_dir), built)
                if Path(j.out).relative_to(tmp_path / "site").as_posix() in wanted]
        assert len(jobs) == 2
        briefs.run(jobs, workers=1, use_cache=False)
        for eid in ADDED.values():
            text = subprocess.run(["pdftotext", str(tmp_path / "site" / links.pdf_path(lang, eid)), "-"],
                                  capture_output=True, text=True, check=True).stdout
            kind = next(k for k, v in ADDED.items() if v == eid)
            assert _entity(d, kind, eid).name(lang) in text
            figures = d.figures_of(kind, eid)
            flat = " ".join(text.split())
            for fig in figures:
                work = d.work(fig.citation)
                named = work.publisher(lang) if fig.citation.referenced else work.short_title(lang)
                assert named in flat, f"{lang}/{eid}: the brief does not cite {work.id}"
                if fig.citation.referenced:  # its page's address, for a reader of paper; the quote itself
                    assert work.url in flat.replace(" ", "") and fig.citation.quote in flat, f"{lang}/{eid}"
            assert ("[1]" in text) == bool(figures), f"{lang}/{eid}: footnote calls and figures disagree"


def test_the_fixture_is_what_its_readme_says():
    readme = (GROWTH / "README.md").read_text(encoding="utf-8")
    for name in ("partners.yml", "resources.yml", "figures.yml", "sources/english-source.yml", "sources/second-russian.yml"):
        assert (GROWTH / name).is_file() and f"`{name}`" in readme, name
    for name in ("partners.yml", "resources.yml"):
        for record in yaml.safe_load((GROWTH / name).read_text(encoding="utf-8")):
            assert f"`{record['id']}`" in readme, record["id"]
    for path in (GROWTH / "references").glob("*.yml"):
        assert f"`references/{path.name}`" in readme, path.name


def _entity(d, kind: str, eid: str):
    return d.partner(eid) if kind == "partner" else d.resource(eid)
