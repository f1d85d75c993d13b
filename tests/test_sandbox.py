"""The page sandbox (macros/page_sandbox.py) as a unit: what page markdown can and cannot reach, and
its compiled pages kept in memory only."""
from __future__ import annotations

import pytest

from macros import page_sandbox, template_policy
from macros.page_sandbox import PageSandbox


def _macro(fn):
    fn._dossier_macro = True
    return fn


@pytest.fixture
def box():
    """A sandbox made from mkdocs-macros' macros as they are after define_env: its own helpers, and the dossier's."""
    return PageSandbox({"macros_info": lambda: "INFO", "now": lambda: "NOW", "fig": _macro(lambda fid: f"<a>{fid}</a>")})


class Refused(Exception):
    pass


def render(box, text: str) -> str:
    """Render as the build does; a failure is raised in the words the build reports it with."""
    try:
        return page_sandbox.render(box, text)
    except Exception as exc:
        raise Refused(str(template_policy.failure(exc))) from exc


def test_a_macro_call_renders(box):
    assert render(box, 'Share: {{ fig("uranium-share") }}') == "Share: <a>uranium-share</a>"


def test_only_the_dossiers_macros_are_in_the_environment(box):
    assert set(box.globals) == {"fig"} and not box.filters and not box.tests


@pytest.mark.parametrize("payload, message", [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "reading '.read' of a value is not allowed"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "is not allowed in page markdown"),
    ("{{ self.__init__.__globals__ }}", "reading '.__globals__' of a value is not allowed"),
    ("{{ config.site_name }}", "reading '.site_name' of a value is not allowed"),
    ("{{ config['plugins'] }}", "reading '[...]' of a value is not allowed"),
    ("{{ lipsum() }}", "unknown macro 'lipsum'"),
    ("{{ config }}", "unknown macro 'config' (pages have no variables"),
    ("{{ (config) }}", "unknown macro 'config'"),
    ("{{ page }}", "unknown macro 'page'"),
    ("{{ macros_info() }}", "unknown macro 'macros_info'"),
    ("{% set x = config %}{{ x }}", "'{% set %}' is not allowed"),
    ("{% for c in [config] %}{{ c }}{% endfor %}", "'{% for %}' is not allowed"),
    ("{% with c = config %}{{ c }}{% endwith %}", "'{% with %}' is not allowed"),
    ("{% include 'mkdocs.yml' %}", "'{% include %}' is not allowed"),
    ("{% import 'mkdocs.yml' as m %}", "'{% import %}' is not allowed"),
    ("{{ fig('x') | pretty }}", "the filter '|pretty' is not allowed"),
    ("{{ fig.__globals__ }}", "reading '.__globals__' of a value is not allowed"),
    ("{{ fig(config) }}", "macro 'fig' is given a computed argument"),
], ids=lambda v: v if isinstance(v, str) and "{" in v else None)
def test_anything_but_a_macro_call_is_refused_before_rendering(box, payload, message):
    with pytest.raises(Refused) as err:
        render(box, f"Text.\n\n{payload}\n")
    assert message in str(err.value)
    assert str(err.value).startswith("line 3: ")  # the line of the page is named
    assert any(way in str(err.value) for way in ("pages may only call the dossier's macros", "use one of: fig", "quoted constant"))


def _parses(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = PageSandbox._parse

    def counted(self, source, name, filename):
        calls.append(source)
        return real(self, source, name, filename)
    monkeypatch.setattr(PageSandbox, "_parse", counted)
    monkeypatch.setattr(page_sandbox, "_compiled", {})  # a new process's memory
    return calls


def test_a_page_is_compiled_once_and_renders_the_same_again(monkeypatch):
    parses = _parses(monkeypatch)
    make = lambda: PageSandbox({"fig": _macro(lambda fid: f"<a>{fid}</a>")})  # noqa: E731  (one per edition and rebuild)
    text = 'Уран: {{ fig("u-1") }}.'
    assert render(make(), text) == "Уран: <a>u-1</a>."
    assert render(make(), text) == "Уран: <a>u-1</a>."  # the next save under make serve
    assert parses == [text]
    assert render(make(), text + " ") == "Уран: <a>u-1</a>. "
    assert parses == [text, text + " "], "another text is parsed, and so checked by the policy"


@pytest.mark.parametrize("hostile", ["{{ cycler.__init__.__globals__ }}", "{% include '/etc/passwd' %}", "{{ fig('x').upper() }}"])
def test_a_refused_page_is_never_kept_and_is_refused_every_time(box, monkeypatch, hostile):
    parses = _parses(monkeypatch)
    for _ in range(2):
        with pytest.raises(Refused):
            render(box, hostile)
    assert parses == [hostile, hostile] and not page_sandbox._compiled


def test_the_page_code_belongs_to_its_macros(box, monkeypatch):
    parses = _parses(monkeypatch)
    render(box, '{{ fig("u-1") }}')
    two = PageSandbox({"fig": _macro(lambda fid: fid), "obs": _macro(lambda oid: oid)})
    assert render(two, '{{ fig("u-1") }}') == "u-1"
    assert render(box, '{{ fig("u-1") }}') == "<a>u-1</a>"
    assert len(parses) == 2, "one compile per macro set"


def test_a_long_serve_session_does_not_grow_without_bound(box, monkeypatch):
    _parses(monkeypatch)
    monkeypatch.setattr(page_sandbox, "MAX_KEPT", 3)
    for i in range(7):
        render(box, f'{{{{ fig("u-{i}") }}}}')
    assert len(page_sandbox._compiled) <= 3


@pytest.mark.parametrize("options", [{"render_by_default": True, "force_render_paths": ""},
                                     {"render_by_default": False, "force_render_paths": "*.md"}])
def test_mkdocs_macros_may_not_render_pages_itself(options):
    """Its own Jinja environment is not sandboxed: a configuration that lets it render a page stops the build."""
    from mkdocs.exceptions import PluginError

    import macros

    class Env:
        config = options
    with pytest.raises(PluginError, match="render_by_default: false and no force_render_paths"):
        macros.define_env(Env())


def test_a_macro_that_fails_is_reported_with_its_line_and_its_own_words(box):
    class Unknown(KeyError):
        what, fix = "unknown figure id 'x'", "use an id from data/figures.yml"

    def broken(fid):
        raise Unknown(fid)
    box.globals["fig"] = _macro(broken)
    with pytest.raises(Refused, match=r"^line 2: unknown figure id 'x' — use an id from data/figures\.yml$"):
        render(box, 'Text.\n{{ fig("x") }}')


def test_a_syntax_error_names_its_line_and_the_fix(box):
    with pytest.raises(Refused, match=r"^line 1: template syntax error: .*comment.* '\{ #anchor \}'"):
        render(box, "# Home {#home}\n")


def test_a_page_that_renders_too_much_stops_with_the_limit_named(box, monkeypatch):
    monkeypatch.setattr(page_sandbox, "MAX_OUTPUT", 50)
    with pytest.raises(Refused, match=r"the page renders to [\d_]+ characters, more than the limit of 50 — split the page"):
        render(box, "Text. " + '{{ fig("a") }} ' * 20)


def test_a_page_that_renders_too_long_stops_with_the_limit_named(box, monkeypatch):
    import time

    monkeypatch.setattr(page_sandbox, "MAX_SECONDS", 0.2)
    box.globals["fig"] = _macro(lambda fid: time.sleep(5) or "late")
    started = time.monotonic()
    with pytest.raises(Refused, match=r"rendering the page took more than 0\.2 s"):
        render(box, '{{ fig("a") }}')
    assert time.monotonic() - started < 3  # stopped, not waited out
