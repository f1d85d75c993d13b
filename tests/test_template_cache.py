"""Compiled theme templates kept in memory (hooks/template_cache.py): a template is compiled once for
every edition and the rebuilds of `make serve`, again whenever its text changes; nothing is written to
disk, so nothing is ever loaded from it. Each test forgets the process memory, as a new build process
does. (Pages' compiled code: tests/test_sandbox.py.)"""
from __future__ import annotations

import jinja2
import pytest

from hooks import template_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A new process's memory, and a home whose cache folder must stay empty."""
    monkeypatch.setattr(template_cache.ThemeBytecode, "stores", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


def _new_process(monkeypatch):
    monkeypatch.setattr(template_cache.ThemeBytecode, "stores", {})


class Counting(jinja2.Environment):
    parsed: list[str] = []

    def _parse(self, source, name, filename):
        Counting.parsed.append(name)
        return super()._parse(source, name, filename)


def _theme(templates: dict[str, str]) -> Counting:
    env = Counting(loader=jinja2.DictLoader(templates))
    return template_cache.on_env(env, None, None)


def test_a_theme_template_is_compiled_once_for_both_editions(cache, monkeypatch):
    Counting.parsed = []
    templates = {"main.html": "<h1>{{ title }}</h1>{% include 'part.html' %}", "part.html": "<p>{{ 2 * 3 }}</p>"}
    first, second = _theme(templates), _theme(templates)  # one environment per edition, as mkdocs makes them
    assert first.get_template("main.html").render(title="ru") == "<h1>ru</h1><p>6</p>"
    assert second.get_template("main.html").render(title="en") == "<h1>en</h1><p>6</p>"
    assert sorted(Counting.parsed) == ["main.html", "part.html"]
    _new_process(monkeypatch)
    assert _theme(templates).get_template("main.html").render(title="x") == "<h1>x</h1><p>6</p>"
    assert sorted(Counting.parsed) == ["main.html", "main.html", "part.html", "part.html"], "a new process compiles afresh"


def test_a_changed_theme_template_is_compiled_again(cache):
    Counting.parsed = []
    assert _theme({"main.html": "old {{ 1 }}"}).get_template("main.html").render() == "old 1"
    assert _theme({"main.html": "new {{ 2 }}"}).get_template("main.html").render() == "new 2"
    assert Counting.parsed == ["main.html", "main.html"]


def test_environments_that_compile_differently_do_not_share_code(cache):
    plain = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}"}))
    escaping = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}"}), autoescape=True)
    for env in (plain, escaping):
        template_cache.on_env(env, None, None)
    assert plain.get_template("t.html").render(x="<b>") == "<b>"
    assert escaping.get_template("t.html").render(x="<b>") == "&lt;b&gt;"
    assert len(template_cache.ThemeBytecode.stores) == 2


def test_nothing_is_written_to_disk(cache):
    _theme({"m.html": "{{ 4 }}"}).get_template("m.html").render()
    assert not [p for p in cache.rglob("*") if p.is_file()], "compiled code was written somewhere"


def test_a_long_serve_session_does_not_grow_without_bound(cache, monkeypatch):
    monkeypatch.setattr(template_cache, "MAX_ENTRIES", 3)
    for i in range(7):
        _theme({f"t{i}.html": f"{{{{ {i} }}}}"}).get_template(f"t{i}.html").render()
    assert all(len(store) <= 3 for store in template_cache.ThemeBytecode.stores.values())
