"""The page sandbox (hooks/sandbox.py) as a unit: what page markdown can and cannot reach."""
from __future__ import annotations

import jinja2
import pytest

from hooks import sandbox
from hooks.sandbox import sandboxed
from macros import template_policy


def _macro(fn):
    fn._dossier_macro = True
    return fn


@pytest.fixture
def box():
    """A sandbox made from an environment like mkdocs-macros' own: variables, helpers, filters, macros."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(config={"site_name": "S", "docs_dir": "/build/machine/docs"}, page="PAGE", navigation="NAV",
                       environment="ENV", macros_info=lambda: "INFO", fig=_macro(lambda fid: f"<a>{fid}</a>"))
    env.filters["pretty"] = lambda x: "PRETTY"
    return sandboxed(env)


class Refused(Exception):
    pass


def render(box, text: str, **variables) -> str:
    """Render as mkdocs-macros does; a failure the sandbox recorded is raised as the build would report it."""
    sandbox._failed.clear()
    out = box.from_string(text).render(**variables)
    if sandbox._failed:
        raise Refused(str(template_policy.failure(sandbox._failed.pop())))
    return out


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


def test_the_variables_mkdocs_macros_passes_are_ignored(box):
    """mkdocs-macros renders with render(config=..., page=..., <front matter>): none of it reaches the page."""
    template = box.from_string('{{ fig("a") }}')
    assert template.render(config="LEAK", page="LEAK", fig=lambda fid: "LEAK") == "<a>a</a>"


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
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 50)
    with pytest.raises(Refused, match=r"the page renders to [\d_]+ characters, more than the limit of 50 — split the page"):
        render(box, "Text. " + '{{ fig("a") }} ' * 20)


def test_a_page_that_renders_too_long_stops_with_the_limit_named(box, monkeypatch):
    import time

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.2)
    box.globals["fig"] = _macro(lambda fid: time.sleep(5) or "late")
    started = time.monotonic()
    with pytest.raises(Refused, match=r"rendering the page took more than 0\.2 s"):
        render(box, '{{ fig("a") }}')
    assert time.monotonic() - started < 3  # stopped, not waited out
