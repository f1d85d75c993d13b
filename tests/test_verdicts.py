"""The verdict cache (macros/verdicts.py) as the page hooks use it: a pass is remembered between builds,
hostile input never rides on one. Each test gets its own cache folder (DOSSIER_VERDICT_CACHE) and
a fresh Verdicts object, as a new build process would have."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from hooks import html_policy as policy_hook
from macros import checks, html_policy, verdicts
from macros.paths import folder_digest
from tests.helpers import ROOT

GOOD = "<p>Уран: <em>добыча</em></p>"
HOSTILE = "<p>Уран: <em>добыча</em></p><script>alert(1)</script>"
SOURCE = "# Уран\n\nУран: *добыча*\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(verdicts.CACHE_ENV, str(tmp_path / "verdicts"))
    return tmp_path / "verdicts"


def _new_process(monkeypatch):
    """What a later build starts with: nothing in memory, only the folder."""
    monkeypatch.setattr(policy_hook, "_passed", verdicts.Verdicts("page_content"))


def _page(text=SOURCE, uri="ru/uranium.md"):
    return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(ROOT / "docs" / uri), content_string=text, src_uri=uri),
                           title="Уран")


CONFIG = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))


def _build_policy(html, text=SOURCE):
    out = policy_hook.on_page_content(html, _page(text), CONFIG, None)
    policy_hook.on_post_build(CONFIG)
    return out


def _counting(monkeypatch):
    calls = []
    real = html_policy.problems

    def counted(*args):
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(html_policy, "problems", counted)
    return calls


def test_a_passed_page_is_not_checked_again(cache, monkeypatch):
    _new_process(monkeypatch)
    _build_policy(GOOD)
    _new_process(monkeypatch)

    def refuse(*args):
        raise AssertionError("checked again")

    monkeypatch.setattr(html_policy, "problems", refuse)
    assert _build_policy(GOOD) == GOOD


def test_hostile_html_stops_the_build_after_the_same_page_passed(cache, monkeypatch):
    _new_process(monkeypatch)
    _build_policy(GOOD)
    _new_process(monkeypatch)
    with pytest.raises(PluginError, match="<script>"):
        _build_policy(HOSTILE)  # same markdown source, other HTML: another key
    with pytest.raises(PluginError, match="data-generated"):
        _build_policy(GOOD, SOURCE + '<span data-generated="1">5</span>\n')  # same HTML, other source


def test_a_failure_is_never_kept(cache, monkeypatch):
    _new_process(monkeypatch)
    with pytest.raises(PluginError):
        _build_policy(HOSTILE)
    policy_hook.on_post_build(CONFIG)
    _new_process(monkeypatch)
    assert not policy_hook._passed.passed(verdicts.key(HOSTILE, SOURCE))
    with pytest.raises(PluginError, match="<script>"):
        _build_policy(HOSTILE)


def test_a_corrupt_cache_file_is_ignored(cache, monkeypatch):
    _new_process(monkeypatch)
    _build_policy(GOOD)
    (file,) = cache.glob("page_content-*.txt")
    good = file.read_text(encoding="ascii")
    for broken in (good + "not a digest\n", good[:-5], "\x00\xff" + good):
        file.write_bytes(broken.encode("latin-1"))
        _new_process(monkeypatch)
        calls = _counting(monkeypatch)
        _build_policy(GOOD)
        assert calls == [GOOD], repr(broken[-20:])


def test_a_cache_folder_that_cannot_be_written_is_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(verdicts.CACHE_ENV, str(blocker / "verdicts"))
    _new_process(monkeypatch)
    assert _build_policy(GOOD) == GOOD
    _new_process(monkeypatch)
    calls = _counting(monkeypatch)
    _build_policy(GOOD)
    assert calls == [GOOD]


def test_other_code_starts_afresh(cache, monkeypatch):
    _new_process(monkeypatch)
    _build_policy(GOOD)
    monkeypatch.setattr(verdicts, "_code", "0" * 32)  # as if macros/ or hooks/ had changed
    _new_process(monkeypatch)
    calls = _counting(monkeypatch)
    _build_policy(GOOD)
    assert calls == [GOOD]
    assert [f.name for f in cache.glob("page_content-*.txt")] == [f"page_content-{'0' * 32}.txt"]  # the old one is gone


def test_the_code_digest_covers_the_deciding_modules(monkeypatch, tmp_path):
    monkeypatch.setattr(verdicts, "_code", None)
    before = verdicts.code_digest()
    for name in ("macros", "hooks"):
        (tmp_path / name).mkdir()
        for f in (ROOT / name).glob("*.py"):
            (tmp_path / name / f.name).write_bytes(f.read_bytes())
    (tmp_path / "macros" / "html_policy.py").write_text("TAGS = frozenset({'script'})\n")
    monkeypatch.setattr(verdicts, "ROOT", tmp_path)
    monkeypatch.setattr(verdicts, "_code", None)
    assert verdicts.code_digest() != before


def test_the_code_digest_names_the_engine(monkeypatch):
    """`mkdocs build` and `properdocs build` from one venv keep their verdicts and renderings apart."""
    monkeypatch.setattr(verdicts, "_code", None)
    assert verdicts.engine().startswith("mkdocs ")
    before = verdicts.code_digest()
    monkeypatch.setattr(verdicts, "engine", lambda: "properdocs 1.6.7")
    monkeypatch.setattr(verdicts, "_code", None)
    assert verdicts.code_digest() != before


def test_a_typed_digit_stops_the_build_after_a_clean_page_passed(cache, monkeypatch):
    clean, typed = "<p>Уран</p>", "<p>Уран: 42 %</p>"
    _new_process(monkeypatch)
    assert _build_policy(clean) == clean
    _new_process(monkeypatch)
    monkeypatch.setattr(checks, "content_problems", lambda *a: pytest.fail("checked again"))
    assert _build_policy(clean) == clean
    monkeypatch.undo()
    monkeypatch.setenv(verdicts.CACHE_ENV, str(cache))
    _new_process(monkeypatch)
    with pytest.raises(PluginError, match="typed by hand"):
        _build_policy(typed)


def test_a_title_the_theme_prints_as_the_heading_is_read_for_digits(cache, monkeypatch):
    """A page without an <h1> gets its title as the article's heading (Material): a digit in it counts."""
    _new_process(monkeypatch)
    page = _page()
    page.title = "Уран в 2024 году"
    with pytest.raises(PluginError, match="typed by hand \\('2024'\\)"):
        policy_hook.on_page_content("<p>Уран</p>", page, CONFIG, None)
    assert policy_hook.on_page_content("<h1>Уран</h1><p>Уран</p>", page, CONFIG, None)


def test_the_data_key_reads_every_file(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "figures.yml").write_text("- id: a\n")
    (tmp_path / "schema" / "x.json").write_text("{}")
    before = folder_digest(tmp_path)
    (tmp_path / "schema" / "x.json").write_text('{"type": "object"}')
    assert folder_digest(tmp_path) != before


def test_a_data_file_that_passed_its_schema_is_not_validated_again_and_a_changed_one_is(cache, monkeypatch, tmp_path):
    import shutil

    from macros import load
    from macros.problems import DossierError

    monkeypatch.setattr(load, "schema_passes", verdicts.Verdicts("schema"))
    data = tmp_path / "project" / "data"
    shutil.copytree(ROOT / "data", data)
    load.load_dossier(data)
    load.schema_passes.save()
    monkeypatch.setattr(load, "schema_passes", verdicts.Verdicts("schema"))
    real = load._validate
    monkeypatch.setattr(load, "_validate", lambda *a: pytest.fail("validated again"))
    load.load_dossier(data)
    monkeypatch.setattr(load, "_validate", real)
    figures = data / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("kind:", "kind_typo:", 1), encoding="utf-8")
    with pytest.raises(DossierError, match="figures.yml"):
        load.load_dossier(data)


def test_cache_files_are_written_whole_or_not_at_all(tmp_path):
    from macros import build_cache

    target = tmp_path / "new" / "file.txt"
    assert build_cache.write_atomic(target, b"first") and build_cache.write_atomic(target, b"second")
    assert target.read_bytes() == b"second" and [p.name for p in target.parent.iterdir()] == ["file.txt"]
    blocked = tmp_path / "plain-file"
    blocked.write_text("x")
    assert build_cache.write_atomic(blocked / "file.txt", b"x") is False
