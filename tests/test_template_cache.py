"""Compiled templates kept in memory (hooks/template_cache.py): a template is compiled once for both
editions and the rebuilds of `make serve`, again whenever its text changes; a page the sandbox refuses
is never kept; nothing is written to disk, so nothing is ever loaded from it. Each test forgets the
process memory, as a new build process does."""
from __future__ import annotations

import jinja2
import pytest

from hooks import sandbox, template_cache
from macros import template_policy


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A new process's memory, and a home whose cache folder must stay empty."""
    monkeypatch.setattr(template_cache.Store, "_stores", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


def _new_process(monkeypatch):
    monkeypatch.setattr(template_cache.Store, "_stores", {})


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
    assert len(template_cache.Store._stores) == 2


def test_a_page_is_compiled_once_and_renders_the_same_again(cache, monkeypatch):
    parses = _parses(monkeypatch)
    text = 'Уран: {{ fig("u-1") }}.'
    assert _render(_box(), text) == "Уран: <a>u-1</a>."
    assert _render(_box(), text) == "Уран: <a>u-1</a>."  # the next edition, or the next save under make serve
    assert parses == [text]
    assert _render(_box(), text + " ") == "Уран: <a>u-1</a>. "
    assert parses == [text, text + " "], "another text is parsed, and so checked by the policy"


@pytest.mark.parametrize("hostile", ["{{ cycler.__init__.__globals__ }}", "{% include '/etc/passwd' %}", "{{ fig('x').upper() }}"])
def test_a_refused_page_is_never_kept_and_is_refused_every_time(cache, monkeypatch, hostile):
    for _ in range(2):
        with pytest.raises(RuntimeError):
            _render(_box(), hostile)
    assert all(not store for store in template_cache.Store._stores.values())


def test_the_page_code_belongs_to_its_macros(cache):
    _render(_box(), '{{ fig("u-1") }}')
    env = jinja2.Environment()
    env.globals.update(fig=_macro(lambda fid: fid), obs=_macro(lambda oid: oid))
    two_macros = sandbox.sandboxed(env)
    assert _render(two_macros, '{{ fig("u-1") }}') == "u-1"
    assert _render(_box(), '{{ fig("u-1") }}') == "<a>u-1</a>"
    assert len(template_cache.Store._stores) == 2, "one store per macro set"


def test_nothing_is_written_to_disk(cache):
    _render(_box(), '{{ fig("u-1") }}')
    _theme({"m.html": "{{ 4 }}"}).get_template("m.html").render()
    assert not [p for p in cache.rglob("*") if p.is_file()], "compiled code was written somewhere"


def test_a_long_serve_session_does_not_grow_without_bound(cache, monkeypatch):
    monkeypatch.setattr(template_cache, "MAX_ENTRIES", 3)
    for i in range(7):
        _render(_box(), f'{{{{ fig("u-{i}") }}}}')
    assert all(len(store) <= 3 for store in template_cache.Store._stores.values())
