"""Compiled templates kept between builds (hooks/template_cache.py): a template is compiled again
whenever its text changes, a page the sandbox refuses is never kept, and a cache that is corrupt,
planted as a symlink or not writable is no cache. Each test has its own folder
(DOSSIER_TEMPLATE_CACHE) and forgets the process memory, as a new build process would."""
from __future__ import annotations

import os

import jinja2
import pytest

from hooks import sandbox, template_cache
from macros import template_policy


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(template_cache.CACHE_ENV, str(tmp_path / "templates"))
    monkeypatch.setattr(template_cache.Store, "_memory", {})
    return tmp_path / "templates"


def _new_process(monkeypatch):
    monkeypatch.setattr(template_cache.Store, "_memory", {})


class Counting(jinja2.Environment):
    parsed: list[str] = []

    def _parse(self, source, name, filename):
        Counting.parsed.append(name)
        return super()._parse(source, name, filename)


def _theme(templates: dict[str, str]) -> Counting:
    env = Counting(loader=jinja2.DictLoader(templates))
    return template_cache.on_env(env, None, None)


def _macro(fn):
    fn._dossier_macro = True
    return fn


def _box():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(fig=_macro(lambda fid: f"<a>{fid}</a>"))
    return sandbox.sandboxed(env)


def _render(box, text: str) -> str:
    sandbox._failed.clear()
    out = box.from_string(text).render()
    if sandbox._failed:
        raise RuntimeError(str(template_policy.failure(sandbox._failed.pop())))
    return out


def _parses(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = sandbox.PageSandbox._parse

    def counted(self, source, name, filename):
        calls.append(source)
        return real(self, source, name, filename)

    monkeypatch.setattr(sandbox.PageSandbox, "_parse", counted)
    return calls


def test_a_theme_template_is_compiled_once_for_both_editions_and_later_builds(cache, monkeypatch):
    Counting.parsed = []
    templates = {"main.html": "<h1>{{ title }}</h1>{% include 'part.html' %}", "part.html": "<p>{{ 2 * 3 }}</p>"}
    first, second = _theme(templates), _theme(templates)  # one environment per edition, as mkdocs makes them
    assert first.get_template("main.html").render(title="ru") == "<h1>ru</h1><p>6</p>"
    assert second.get_template("main.html").render(title="en") == "<h1>en</h1><p>6</p>"
    assert sorted(Counting.parsed) == ["main.html", "part.html"]
    _new_process(monkeypatch)
    assert _theme(templates).get_template("main.html").render(title="x") == "<h1>x</h1><p>6</p>"
    assert sorted(Counting.parsed) == ["main.html", "part.html"], "a later build loads the kept code"
    assert len([f for f in next(cache.iterdir()).iterdir()]) == 2


def test_a_changed_theme_template_is_compiled_again(cache, monkeypatch):
    Counting.parsed = []
    assert _theme({"main.html": "old {{ 1 }}"}).get_template("main.html").render() == "old 1"
    _new_process(monkeypatch)
    assert _theme({"main.html": "new {{ 2 }}"}).get_template("main.html").render() == "new 2"
    assert Counting.parsed == ["main.html", "main.html"]


def test_environments_that_compile_differently_do_not_share_code(cache):
    plain = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}"}))
    escaping = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}"}), autoescape=True)
    for env in (plain, escaping):
        template_cache.on_env(env, None, None)
    assert plain.get_template("t.html").render(x="<b>") == "<b>"
    assert escaping.get_template("t.html").render(x="<b>") == "&lt;b&gt;"
    assert len(list(cache.iterdir())) == 2


def test_a_page_is_compiled_once_and_renders_the_same_from_the_cache(cache, monkeypatch):
    parses = _parses(monkeypatch)
    text = 'Уран: {{ fig("u-1") }}.'
    assert _render(_box(), text) == "Уран: <a>u-1</a>."
    _new_process(monkeypatch)
    assert _render(_box(), text) == "Уран: <a>u-1</a>."
    assert parses == [text]
    _new_process(monkeypatch)
    assert _render(_box(), text + " ") == "Уран: <a>u-1</a>. "
    assert parses == [text, text + " "], "another text is parsed, and so checked by the policy"


@pytest.mark.parametrize("hostile", ["{{ cycler.__init__.__globals__ }}", "{% include '/etc/passwd' %}", "{{ fig('x').upper() }}"])
def test_a_refused_page_is_never_kept_and_is_refused_every_time(cache, monkeypatch, hostile):
    for _ in range(2):
        _new_process(monkeypatch)
        with pytest.raises(RuntimeError):
            _render(_box(), hostile)
    assert not cache.exists() or not any(f.is_file() for d in cache.iterdir() for f in d.iterdir())


def test_the_page_cache_belongs_to_the_macros_and_the_code(cache, monkeypatch):
    _render(_box(), '{{ fig("u-1") }}')
    env = jinja2.Environment()
    env.globals.update(fig=_macro(lambda fid: fid), obs=_macro(lambda oid: oid))
    two_macros = sandbox.sandboxed(env)
    assert _render(two_macros, '{{ fig("u-1") }}') == "u-1"
    monkeypatch.setattr(template_cache.verdicts, "_code", "0" * 32)  # as if macros/ or hooks/ changed
    assert _render(_box(), '{{ fig("u-1") }}') == "<a>u-1</a>"
    assert len(list(cache.iterdir())) == 3, "one folder per macro set and code"


def test_a_folder_unused_for_two_weeks_is_removed(cache):
    _render(_box(), '{{ fig("u-1") }}')
    (old,) = cache.iterdir()
    weeks_ago = old.stat().st_mtime - template_cache.MAX_AGE_DAYS * 86_400 - 60
    os.utime(old, (weeks_ago, weeks_ago))
    recent = cache / "pages-recent"
    recent.mkdir()
    template_cache.Store(cache / "theme-new").put("ab" * 20, b"code")
    assert sorted(p.name for p in cache.iterdir()) == ["pages-recent", "theme-new"]


def test_a_corrupt_or_planted_file_is_a_miss(cache, monkeypatch):
    parses = _parses(monkeypatch)
    text = '{{ fig("u-2") }}'
    _render(_box(), text)
    (kept,) = [f for d in cache.iterdir() for f in d.iterdir()]
    kept.write_bytes(b"\x00not code")
    _new_process(monkeypatch)
    assert _render(_box(), text) == "<a>u-2</a>"
    kept.unlink()
    planted = cache / "planted"
    planted.write_bytes(b"x")
    os.symlink(planted, kept)
    _new_process(monkeypatch)
    assert _render(_box(), text) == "<a>u-2</a>"
    assert parses == [text, text, text]


def test_a_cache_folder_that_cannot_be_written_is_no_cache(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(template_cache.CACHE_ENV, str(blocked / "templates"))
    _new_process(monkeypatch)
    assert _render(_box(), '{{ fig("u-3") }}') == "<a>u-3</a>"
    assert _theme({"m.html": "{{ 4 }}"}).get_template("m.html").render() == "4"


def test_the_cache_is_outside_the_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv(template_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert template_cache.folder() == tmp_path / "xdg" / "kazakhstan-dossier" / "templates"
