"""Markdown and data from a pull request cannot run code at build time or inject markup.

Build tests use a tiny real site (the project's macros package and its page sandbox, the i18n
and macros plugins, the fixture dataset), so they run in a second or two each.
"""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros import inline, render
from macros.load import load_dossier
from tests.helpers import ROOT, fixture_data, pin
from tests.helpers import build as helpers_build

_CONFIG = """\
site_name: "Security test"
site_url: "https://example.org/"
repo_url: "https://example.org/repo"
theme: {{name: material, language: ru, font: false}}
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: ru, name: "Русский", default: true, build: true}}
        - {{locale: en, name: "English", build: true}}
  - macros:
      module_name: macros
      on_error_fail: true
      on_undefined: strict
      render_by_default: false
extra:
  dossier_data: "{data}"
"""
_GOOD_RU = "# Главная { #home }\n\nДоля урана: {{ fig(\"uranium-share\") }}\n\n{{ figures_by(\"partner\", \"turkey\") }}\n"
_GOOD_EN = "# Home { #home }\n\nUranium share: {{ fig(\"uranium-share\") }}\n\n{{ figures_by(\"partner\", \"turkey\") }}\n"


def tiny_site(tmp_path: Path, pages: dict[str, str] | None = None, data: Path | None = None) -> Path:
    """A minimal project using the real macros package, with the given extra pages."""
    project = tmp_path / "tiny"
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    data = data or fixture_data(tmp_path)
    (project / "mkdocs.yml").write_text(_CONFIG.format(data=data.as_posix()), encoding="utf-8")
    for rel, text in {"ru/index.md": _GOOD_RU, "en/index.md": _GOOD_EN, **(pages or {})}.items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, encoding="utf-8")
    return project


def build(project: Path) -> tuple[int, str]:
    run = helpers_build(project)  # its own process, stopped after 300 s
    return run.returncode, run.stdout + run.stderr


@pytest.mark.build
def test_ordinary_macro_use_still_works(tmp_path):
    project = tiny_site(tmp_path)
    code, out = build(project)
    assert code == 0, out
    ru = (project / "site" / "index.html").read_text(encoding="utf-8")
    en = (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert 'data-fig="uranium-share"' in ru and ">40\u00a0%</a>" in ru
    assert 'data-fig="uranium-share"' in en and ">40%</a>" in en


@pytest.mark.build
def test_a_page_that_reaches_for_the_configuration_fails_the_real_build(tmp_path):
    """Wiring of the sandbox (its rules are unit-tested in tests/test_sandbox.py): a rewrite that got
    past the old check and printed the whole configuration now stops the build, naming the page."""
    page = "# Method {{ #method }}\n\nText.\n\n{% set x = config %}{{ x }}\n".replace("{{ #", "{ #").replace("}}\n\nT", "}\n\nT")
    project = tiny_site(tmp_path, {"ru/method.md": page, "en/method.md": "# Method { #method }\n"})
    code, out = build(project)
    assert code != 0, out
    assert "ru/method.md" in out, out  # the page is named
    assert "docs/ru/method.md:5: '{% set %}' is not allowed in page markdown — remove it;" in out, out
    assert "pages may only call the dossier's macros" in out
    assert "Traceback" not in out and str(ROOT) not in out.split("Aborted")[0].replace(str(project), ""), out
    assert not (project / "site" / "ru" / "method" / "index.html").exists()


# --- data text is escaped wherever it is rendered ------------------------------------------

SCRIPT = "<script>alert(document.domain)</script>"
IMG = "<img src=x onerror=alert(document.domain)>"
HOSTILE = {
    "partners.yml": ('name: {ru: "Турция", en: "Turkey"}', f'name: {{ru: "{SCRIPT}", en: "{IMG}"}}'),
    "resources.yml": ('summary: {ru: "Ресурс.", en: "A resource."}', f'summary: {{ru: "{IMG}", en: "{SCRIPT}"}}'),
    "sources/sample-source.yml": ("подписали соглашение «о сотрудничестве».", f"подписали соглашение «о сотрудничестве». {SCRIPT} {IMG}"),
}
HOSTILE_FIGURE = f"""
- id: "hostile-claim"
  kind: "claim"
  display: {{ru: "{IMG}", en: "{SCRIPT}"}}
  label: {{ru: "{SCRIPT}", en: "{IMG}"}}
  partners: ["turkey"]
  resources: ["uranium"]
  source: "sample-source"
  paragraph: "p2"
  quote: "{SCRIPT} {IMG}"
  quote_renderings: {{en: "{SCRIPT} {IMG}"}}
  notes:
    - {{ru: "\\"><script>alert(document.cookie)</script>", en: "' onmouseover='alert(document.cookie)"}}
  unconfirmed: {{checked: "2026-12-07", searched: {{ru: "\\"><script>alert(document.cookie)</script>", en: "' onmouseover='alert(document.cookie)"}}}}
"""


class _Markup(HTMLParser):
    """Every tag and attribute the HTML really contains, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text += data


def markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


def _add_to_rendering(data: Path, old: str, new: str) -> None:
    """The quote's hostile words in the paragraph's English rendering too (its rendering quotes them)."""
    source = data / "sources" / "sample-source.yml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    data = fixture_data(tmp_path_factory.mktemp("hostile"), HOSTILE)
    _add_to_rendering(data, 'signed a cooperation agreement."}', f'signed a cooperation agreement. {SCRIPT} {IMG}"}}')
    with (data / "figures.yml").open("a", encoding="utf-8") as f:
        f.write(HOSTILE_FIGURE)
    return pin(data)  # as if the source's text had been approved: what the renderer then makes of it


def _every_render(d, lang: str, fid: str = "hostile-claim") -> dict[str, str]:
    ctx = inline.Ctx(d, lang, "partners/turkey.md", repo_url="https://example.org/repo")
    fig = d.figure_by_id[fid]
    src = d.sources["sample-source"]
    return {
        "fig_link": inline.fig_link(ctx, fig), "figure_item": render.figure_item(ctx, fig),
        "key_figures": render.key_figures(ctx, d.figures), "grouped": render.grouped(ctx, d.figures, "resource"),
        "grouped_by_partner": render.grouped(ctx, d.figures, "partner"),
        "figures_table": render.figures_table(ctx, d.figures), "entity_cards": render.entity_cards(ctx, "partner"),
        "resource_cards": render.entity_cards(ctx, "resource"), "grid": render.grid(ctx),
        "entity_links": render.entity_links(ctx, "partner", ["turkey"]), "sources_used": render.sources_used(ctx, d.figures),
        "source_record": render.source_record(ctx, src), "source_text": render.source_text(ctx, src),
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_data_text_never_becomes_markup(hostile_data, lang):
    d = load_dossier(hostile_data)
    for name, html in _every_render(d, lang).items():
        m = markup(html)
        assert "script" not in m.tags and "img" not in m.tags, f"{name}: {html}"
        assert not [a for a, _ in m.attrs if a.lower().startswith("on")], f"{name}: {html}"
    # The payloads are shown to the reader as the text they are.
    figure_item = markup(_every_render(d, lang)["figure_item"])
    assert (SCRIPT if lang == "ru" else IMG) in figure_item.text
    assert f"{SCRIPT} {IMG}" in figure_item.text  # the quote
    assert SCRIPT in markup(_every_render(d, lang)["source_text"]).text
    assert "&lt;script&gt;alert&#40;document.domain&#41;&lt;/script&gt;" in _every_render(d, lang)["figures_table"] or lang == "en"


# Markdown that data text could smuggle in: the macros' output goes through Python-Markdown.
MD_LINK = "[click](javascript:alert(document.domain))"
MD_ATTRS = "{: onmouseover=\\\"alert(document.domain)\\\" style=\\\"background:url(https://evil.example/x)\\\" }"
MD_IMAGE = "![x](https://evil.example/pixel.png)"
MD_MIXED = "*em* __strong__ `code` <https://evil.example> [^x] \\\\<b>"
MARKDOWN_HOSTILE = {
    "partners.yml": ('name: {ru: "Турция", en: "Turkey"}', f'name: {{ru: "{MD_LINK}", en: "{MD_IMAGE}"}}'),
    "resources.yml": ('summary: {ru: "Ресурс.", en: "A resource."}', f'summary: {{ru: "{MD_ATTRS}", en: "{MD_MIXED}"}}'),
}
MARKDOWN_FIGURE = f"""
- id: "markdown-claim"
  kind: "claim"
  display: {{ru: "{MD_IMAGE}", en: "{MD_LINK}"}}
  label: {{ru: "{MD_ATTRS}", en: "{MD_MIXED}"}}
  partners: ["turkey"]
  resources: ["uranium"]
  source: "sample-source"
  paragraph: "p1"
  quote: "Stated"
  quote_renderings: {{en: "Stated"}}
  notes:
    - {{ru: "{MD_LINK} {MD_ATTRS}", en: "{MD_IMAGE} {MD_MIXED}"}}
  unconfirmed: {{checked: "2026-12-07", searched: {{ru: "{MD_LINK} {MD_ATTRS}", en: "{MD_IMAGE} {MD_MIXED}"}}}}
"""


@pytest.fixture(scope="module")
def markdown_data(tmp_path_factory) -> Path:
    data = fixture_data(tmp_path_factory.mktemp("markdown"), MARKDOWN_HOSTILE)
    source = data / "sources" / "sample-source.yml"
    text = source.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("text:"))
    source.write_text(text.replace(first, first.rstrip().rstrip('"') + ' Stated ' + MD_LINK.replace('"', '') + '"', 1),
                      encoding="utf-8")
    _add_to_rendering(data, 'cubic metres."}', f'cubic metres. Stated {MD_LINK}"}}')
    with (data / "figures.yml").open("a", encoding="utf-8") as f:
        f.write(MARKDOWN_FIGURE)
    return pin(data)  # as if approved: what the renderer then makes of the text


def _through_markdown(html: str) -> str:
    """The macros' output as mkdocs renders it: inline in a paragraph, and as a block."""
    import markdown

    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0]
                                .split("markdown_extensions:")[1])
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    assert "attr_list" in extensions and "abbr" in extensions
    return markdown.markdown(f"Text {html} text.\n\n{html}\n", extensions=extensions)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_data_text_never_becomes_markdown(markdown_data, lang):
    """Data is escaped for HTML and for Markdown: through the site's Markdown extensions it stays text."""
    d = load_dossier(markdown_data)
    for name, raw in _every_render(d, lang, "markdown-claim").items():
        before, after = markup(raw), markup(_through_markdown(raw))
        own = {"p"} | ({"h3"} if name.startswith("grouped") else set())  # grouped() writes Markdown headings itself
        new_tags = set(after.tags) - set(before.tags) - own
        assert not new_tags, f"{name}: Markdown made {new_tags} out of data text"
        assert not [a for a, _ in after.attrs if a.lower().startswith("on") or a == "style"], name
        urls = [v for a, v in after.attrs if a in ("href", "src", "srcset", "action") and v]
        assert not [v for v in urls if "javascript:" in v or "evil.example" in v], name
    shown = markup(_through_markdown(_every_render(d, lang, "markdown-claim")["figure_item"])).text
    assert (MD_ATTRS.replace("\\", "") if lang == "ru" else MD_MIXED.replace("\\\\", "\\")) in shown


@pytest.mark.build
def test_hostile_data_in_a_built_site_is_text_not_markup(tmp_path, hostile_data):
    pages = {
        "ru/index.md": "# Главная { #home }\n\n{{ fig(\"hostile-claim\") }}\n\n{{ figures_by(\"partner\", \"turkey\") }}\n\n"
                       "{{ entity_cards(\"partner\") }}\n\n{{ figures_table() }}\n\n{{ source_text(\"sample-source\") }}\n",
        "en/index.md": "# Home { #home }\n\n{{ fig(\"hostile-claim\") }}\n\n{{ figures_by(\"resource\", \"uranium\") }}\n\n"
                       "{{ entity_cards(\"resource\") }}\n\n{{ source_record(\"sample-source\") }}\n",
    }
    project = tiny_site(tmp_path, pages, data=hostile_data)
    code, out = build(project)
    assert code == 0, out
    for page in (project / "site" / "index.html", project / "site" / "en" / "index.html"):
        m = markup(page.read_text(encoding="utf-8"))
        injected = [v for a, v in m.attrs if a.lower().startswith("on")]
        assert not injected, f"{page}: {injected}"
        assert "alert(document.domain)" not in "".join(v or "" for a, v in m.attrs if a == "src"), page
        scripts = page.read_text(encoding="utf-8").count("<script>alert")
        assert scripts == 0, page
        assert SCRIPT in m.text or IMG in m.text, page


@pytest.mark.build
def test_misspelled_figure_id_fails_the_build_naming_page_and_id(tmp_path):
    page = "# Method { #method }\n\n{{ fig(\"uranium-shar\") }}\n"
    project = tiny_site(tmp_path, {"en/method.md": page, "ru/method.md": "# Метод { #method }\n"})
    code, out = build(project)
    assert code != 0, out
    assert "en/method.md" in out
    assert "unknown figure id 'uranium-shar' — did you mean 'uranium-share'? use an id from data/figures.yml" in out


def test_building_asks_git_nothing_for_page_variables(monkeypatch):
    """Pages cannot read mkdocs-macros' `git` facts in the sandbox, so hooks/no_git_facts.py skips
    gathering them (13 git commands per edition)."""
    from mkdocs_macros import context

    import hooks.no_git_facts  # noqa: F401  (importing the hook replaces the gatherer)

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"git was run: {args}")
    monkeypatch.setattr(subprocess, "check_output", no_subprocess)
    assert context.get_git_info()["status"] is False
