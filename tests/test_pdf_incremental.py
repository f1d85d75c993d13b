"""Reproducible, incremental PDFs (issue 12, item 5): the edition date is the content's; the same
content gives the same bytes; a PDF is rendered again only when what it is made from changed."""
from __future__ import annotations

import dataclasses
import datetime
import os
import shutil
import subprocess
import types
from pathlib import Path

import pytest

from macros import briefs, content_date, links, pdf_cache, pdf_render, print_doc
from tests.helpers import ROOT, SESSION_PDF_CACHE
from tests.test_pdf import CONFIG, DOSSIER, ENTITIES, SITE_URL, built_page, figure_links, site_name

LANGS = ("ru", "en")


@pytest.fixture(autouse=True)
def _own_pdf_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf_cache.CACHE_ENV, str(tmp_path / "pdf-cache"))


def _config(site: Path, lang: str):
    """mkdocs.yml's values, as the build passes them to the hook."""
    return types.SimpleNamespace(site_dir=str(site), site_url=SITE_URL, site_name=site_name(lang),
                                 site_author=CONFIG.get("site_author"), extra={})


# --- the content's date --------------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for d in ("data", "docs"):
        (root / d).mkdir(parents=True)
        (root / d / "x.yml").write_text("x: 1\n", encoding="utf-8")
    return root


def test_the_date_is_the_last_commit_to_data_or_docs(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = _project(tmp_path)
    git = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "content"], cwd=root, check=True,
                   env=dict(git, GIT_COMMITTER_DATE="2024-07-04T10:00:00+02:00"))
    (root / "README").write_text("not content", encoding="utf-8")  # a later commit outside data/ and docs/
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "other"], cwd=root, check=True,
                   env=dict(git, GIT_COMMITTER_DATE="2025-01-01T00:00:00Z"))
    assert content_date.content_date(root) == datetime.datetime(2024, 7, 4, 8, 0, tzinfo=datetime.UTC)


def test_without_git_the_date_is_the_newest_file_under_data_and_docs(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = _project(tmp_path)
    os.utime(root / "data" / "x.yml", (1_600_000_000, 1_600_000_000))
    os.utime(root / "docs" / "x.yml", (1_700_000_000, 1_700_000_000))
    assert content_date.content_date(root) == datetime.datetime.fromtimestamp(1_700_000_000, datetime.UTC)


def test_source_date_epoch_overrides_and_a_bad_one_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1720051200")
    assert content_date.content_date(tmp_path) == datetime.datetime(2024, 7, 4, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(briefs.BriefsError, match=r"SOURCE_DATE_EPOCH='yesterday': give seconds since 1970"):
        briefs.edition(_config(tmp_path, "en"), DOSSIER, "en")


@pytest.mark.parametrize("lang, shown", [("en", "4 July 2024"), ("ru", "4 июля 2024\u202fг.")])
def test_the_edition_line_shows_the_content_date_as_the_language_writes_it(tmp_path, monkeypatch, lang, shown):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1720051200")
    ed = briefs.edition(_config(tmp_path, lang), DOSSIER, lang)
    assert (ed.date, ed.date_shown) == ("2024-07-04T00:00:00Z", shown)
    head = print_doc._document(ed, "T", [print_doc._title_block(ed, "k", "T", "https://x/")], "brief")
    assert DOSSIER.strings["pdf.edition"](lang).format(date=shown) in head
    assert '<meta name="dcterms.created" content="2024-07-04T00:00:00Z">' in head
    assert '<meta name="dcterms.modified" content="2024-07-04T00:00:00Z">' in head


# --- the cache key ---------------------------------------------------------------------------------

def test_the_key_changes_with_each_input_and_only_then(tmp_path, monkeypatch):
    css, img = tmp_path / "print.css", tmp_path / "chart.png"
    css.write_text("p {}", encoding="utf-8")
    img.write_bytes(b"one")
    html = f'<p>x</p><img src="{img.as_uri()}" alt="a">'
    base = pdf_cache.key(html, str(css), "DejaVu")
    assert pdf_cache.key(html, str(css), "DejaVu") == base
    assert pdf_cache.key(html + " ", str(css), "DejaVu") != base  # what it shows
    img.write_bytes(b"two")
    assert pdf_cache.key(html, str(css), "DejaVu") != base  # an image it embeds
    img.write_bytes(b"one")
    css.write_text("p { color: red }", encoding="utf-8")
    assert pdf_cache.key(html, str(css), "DejaVu") != base  # its stylesheet
    css.write_text("p {}", encoding="utf-8")
    monkeypatch.setattr(pdf_cache, "font_files", lambda family: (("/fonts/DejaVuSans.ttf", 1, 2),))
    fonts_changed = pdf_cache.key(html, str(css), "DejaVu")
    assert fonts_changed != base  # its fonts
    pdf_cache.renderer.cache_clear()
    monkeypatch.setattr(pdf_cache, "version", lambda package: "999" if package == "weasyprint" else "1")
    weasyprint_changed = pdf_cache.key(html, str(css), "DejaVu")
    assert weasyprint_changed != fonts_changed  # the renderer's version
    real_digest, by_code = pdf_cache._file_digest, {}
    for code in ("before", "after"):  # macros/pdf_render.py edited: how WeasyPrint is called
        pdf_cache.renderer.cache_clear()
        monkeypatch.setattr(pdf_cache, "_file_digest",
                            lambda path, code=code: code if str(path).endswith("pdf_render.py") else real_digest(path))
        by_code[code] = pdf_cache.key(html, str(css), "DejaVu")
    assert by_code["before"] != by_code["after"]
    pdf_cache.renderer.cache_clear()


def test_the_fonts_of_the_family_are_found():
    assert any("DejaVuSans" in path for path, _, _ in pdf_cache.font_files("DejaVu"))


# --- on the session-built site ---------------------------------------------------------------------

def _jobs(site: Path, lang: str, dossier=DOSSIER) -> list[pdf_render.Job]:
    built = {p: built_page(site, lang, p) for p in [*briefs.pdf_names(dossier), *print_doc.dossier_pages(dossier)]}
    config = _config(site, lang)
    return briefs.jobs_for(briefs.edition(config, dossier, lang), site, built)


def _site_copy(built_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("search", "*.json", "*.csv", "*.xlsx"))
    return site


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_content_gives_byte_identical_pdfs(built_site, tmp_path, lang):
    """The build's PDF and one rendered now, from the same built page, are the same bytes (a partner's brief
    in one edition, a resource's in the other)."""
    for job in [j for j in _jobs(built_site, lang) if Path(j.out).stem == {"ru": "china", "en": "uranium"}[lang]]:
        again = dataclasses.replace(job, out=str(tmp_path / f"{lang}-{Path(job.out).name}"))
        pdf_render.render(again)
        assert Path(again.out).read_bytes() == Path(job.out).read_bytes(), f"{job.name}: the bytes differ"


def test_a_build_with_nothing_changed_renders_nothing(built_site, tmp_path, monkeypatch):
    """The session build filled its cache (tests/conftest.py); the same pages take every PDF from it."""
    if not SESSION_PDF_CACHE.is_dir():
        pytest.skip("the site was not built by this test run (DOSSIER_BUILT_SITE): no cache of its build")
    monkeypatch.setenv(pdf_cache.CACHE_ENV, str(SESSION_PDF_CACHE))
    site = _site_copy(built_site, tmp_path)
    for lang in LANGS:
        jobs = _jobs(site, lang)
        before = {j.out: Path(j.out).read_bytes() for j in jobs}
        for j in jobs:
            Path(j.out).unlink()
        assert briefs.run(jobs, workers=1) == [], f"{lang}: PDFs were rendered again"
        for j in jobs:
            assert Path(j.out).read_bytes() == before[j.out], f"{j.name}: the cached PDF differs"
            assert Path(j.out).stat().st_mode & 0o777 == 0o644


def _pages_showing(site: Path, lang: str) -> dict[str, set[str]]:
    """{figure id: the partner and resource pages that show it}."""
    shown: dict[str, set[str]] = {}
    for _, page, _ in ENTITIES:
        for fid, _ in figure_links(built_page(site, lang, page)):
            shown.setdefault(fid, set()).add(page)
    return shown


def _with_quote(fid: str, quote: str):
    """The dossier with one figure's data changed (its quote: every footnote of the figure shows it)."""
    fig = DOSSIER.figure_by_id[fid]
    changed = dataclasses.replace(fig, citation=dataclasses.replace(fig.citation, quote=quote))
    return dataclasses.replace(DOSSIER, figure_by_id={**DOSSIER.figure_by_id, fid: changed})


@pytest.mark.parametrize("lang", LANGS)
def test_after_one_figure_changes_only_its_briefs_and_the_dossier_are_made_again(built_site, tmp_path, monkeypatch, lang):
    site = _site_copy(built_site, tmp_path)
    shown = _pages_showing(site, lang)
    fid = min(shown, key=lambda f: (len(shown[f]), f))  # the figure on the fewest pages
    jobs = _jobs(site, lang)
    for job in jobs:  # the cache as the last build left it, from that build's PDFs
        pdf_cache.store(pdf_cache.key(job.html, job.stylesheet, job.font_family), job.out)
    rendered = []  # what the runner asks WeasyPrint for (rendering itself is tested above)
    monkeypatch.setattr(pdf_render, "render", lambda job: rendered.append(job) or Path(job.out).write_bytes(b"%PDF") and [])
    changed = _jobs(site, lang, _with_quote(fid, DOSSIER.figure_by_id[fid].citation.quote + " (edited)"))
    made = briefs.run(changed, workers=1)
    expected = {links.pdf_path(lang, n) for p, n in briefs.pdf_names(DOSSIER).items()
                if p in shown[fid]} | {links.pdf_path(lang, links.DOSSIER_PDF)}
    assert made == rendered
    assert {Path(j.out).relative_to(site).as_posix() for j in made} == expected
    assert len(made) < len(jobs)
    assert all("(edited)" in j.html for j in made)
    unchanged = [j for j in changed if j not in made]
    assert all(Path(j.out).read_bytes()[:5] == b"%PDF-" for j in unchanged)  # the cached PDFs, in place


def test_the_cache_is_outside_the_checkout_where_no_pull_request_can_plant_a_pdf(tmp_path, monkeypatch):
    monkeypatch.delenv(pdf_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pdf_cache.cache_dir() == tmp_path / "xdg" / "kazakhstan-dossier" / "pdf"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pdf_cache.cache_dir() == tmp_path / "home" / ".cache" / "kazakhstan-dossier" / "pdf"
    assert ROOT not in pdf_cache.cache_dir().parents


# --- print documents composed again only when their inputs changed ---------------------------------

def _composed(monkeypatch) -> list[str]:
    calls: list[str] = []
    for name in ("full_dossier", "brief"):
        real = getattr(print_doc, name)
        monkeypatch.setattr(print_doc, name, lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))
    return calls


def _memo_jobs(site: Path, lang: str, memo: tuple, date: str | None = None) -> list:
    built = {p: built_page(site, lang, p) for p in [*briefs.pdf_names(DOSSIER), *print_doc.dossier_pages(DOSSIER)]}
    ed = briefs.edition(_config(site, lang), DOSSIER, lang)
    return briefs.jobs_for(dataclasses.replace(ed, date=date) if date else ed, site, built, memo)


def test_an_unchanged_print_document_is_not_composed_again_and_a_changed_page_is(built_site, tmp_path, monkeypatch):
    site, lang = _site_copy(built_site, tmp_path), "en"
    memo = ("code", "data", "tinyhtml5")
    first = _memo_jobs(site, lang, memo)
    calls = _composed(monkeypatch)
    again = _memo_jobs(site, lang, memo)
    assert calls == [] and [j.html for j in again] == [j.html for j in first]
    page = built_page(site, lang, "resources/uranium.md")
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Edited.</p></article>", 1), encoding="utf-8")
    edited = _memo_jobs(site, lang, memo)
    assert sorted(calls) == ["brief", "full_dossier"], "the page's brief and the full dossier, nothing else"
    assert [Path(j.out).stem for j in edited if j.html != first[edited.index(j)].html] == ["dossier", "uranium"]
    calls.clear()
    _memo_jobs(site, lang, ("code", "other data", "tinyhtml5"))
    assert len(calls) == len(first), "changed data (or code) composes every document again"
    calls.clear()
    _memo_jobs(site, lang, ("code", "other data", "tinyhtml5"), date="2030-01-01T00:00:00Z")
    assert len(calls) == len(first), "another edition date too"


def test_a_corrupt_or_planted_document_is_composed_again(built_site, tmp_path, monkeypatch):
    site, lang = _site_copy(built_site, tmp_path), "ru"
    first = _memo_jobs(site, lang, ("m",))
    folder = Path(os.environ[pdf_cache.CACHE_ENV]) / "documents"
    for i, kept in enumerate(sorted(folder.glob("*.html"))):
        if i % 2:
            kept.write_bytes(b"\xff\xfe not utf-8")
        else:
            kept.unlink()
            os.symlink("/etc/hostname", kept)
    calls = _composed(monkeypatch)
    assert [j.html for j in _memo_jobs(site, lang, ("m",))] == [j.html for j in first]
    assert len(calls) == len(first)


def test_pdfs_all_from_the_cache_do_not_load_weasyprint(built_site, tmp_path, monkeypatch):
    """WeasyPrint (~0.4 s to import) is loaded only when a PDF is rendered: the hook's own path
    (build_pdfs: the edition, the print documents, the cache) in a fresh process, every PDF cached."""
    import json
    import sys

    site, lang = _site_copy(built_site, tmp_path), "en"
    for job in _jobs(site, lang):  # the cache as the build left it
        pdf_cache.store(pdf_cache.key(job.html, job.stylesheet, job.font_family), job.out)
    built = {p: str(built_page(site, lang, p)) for p in [*briefs.pdf_names(DOSSIER), *print_doc.dossier_pages(DOSSIER)]}
    config = dict(site_dir=str(site), site_url=SITE_URL, site_name=site_name(lang), site_author=CONFIG.get("site_author"),
                  extra={}, config_file_path=str(ROOT / "mkdocs.yml"))
    code = f"""
import json, sys, types
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from macros import briefs
config = types.SimpleNamespace(**json.loads(sys.argv[1]))
jobs, made = briefs.build_pdfs(config, {lang!r}, {{p: Path(b) for p, b in json.loads(sys.argv[2]).items()}})
assert len(jobs) == {len(briefs.pdf_names(DOSSIER))} and made == [], (len(jobs), made)
print(sorted(m for m in ("weasyprint", "macros.pdf_render", "pydyf") if m in sys.modules))
"""
    run = subprocess.run([sys.executable, "-c", code, json.dumps(config), json.dumps(built)], cwd=ROOT,
                         env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "[]"
