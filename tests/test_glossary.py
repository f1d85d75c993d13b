"""Glossary: data and schema, the Glossary page in both languages, and the terms explained where
they appear (abbr tooltips in the page's language)."""
from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import glossary, links
from macros.languages import published
from macros.load import load_dossier
from macros.problems import DossierError
from tests.helpers import ROOT, fixture_data, real_dossier

LANGS = published()  # the editions, from data/languages.yml

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
TERMS = DOSSIER.glossary
SCHEMA = json.loads((ROOT / "data" / "schema" / "glossary.schema.json").read_text(encoding="utf-8"))


# --- data and schema -----------------------------------------------------------------------

def test_the_glossary_covers_the_terms_the_texts_use():
    assert TERMS, "the glossary has terms"
    source_text = " ".join(p.text for s in DOSSIER.sources.values() for p in s.paragraphs)
    source_en = " ".join(p.renderings("en") for s in DOSSIER.sources.values() for p in s.paragraphs if "en" in p.renderings)
    notes = " ".join(n.text(lang) for f in DOSSIER.figures for n in f.notes for lang in LANGS)
    notes += " ".join(s.publisher(lang) for s in DOSSIER.sources.values() for lang in LANGS)
    for t in TERMS:
        assert all(t.term(lang) for lang in LANGS) and len({t.definition(lang) for lang in LANGS}) == len(LANGS), t.id
        used = [f for f in t.forms["ru"] if f in source_text + notes] + [f for f in t.forms["en"] if f in source_en + notes]
        assert used, f"{t.id}: none of its forms appears in the source or the editorial notes"


def test_every_schema_field_has_a_description_and_an_example():
    def walk(node, path):
        if isinstance(node, dict):
            if "properties" in node:
                for name, prop in node["properties"].items():
                    assert prop.get("description") or "$ref" in prop and "description" in prop, f"{path}.{name}"
                    assert "examples" in prop, f"{path}.{name}: no example"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
    walk(SCHEMA["items"], "items")
    assert SCHEMA["items"]["additionalProperties"] is False
    assert SCHEMA["examples"] and SCHEMA["description"]


def _glossary_data(tmp_path: Path, yaml_text: str) -> Path:
    data = fixture_data(tmp_path)  # the real schemas, no glossary.yml
    (data / "glossary.yml").write_text(yaml_text, encoding="utf-8")
    return data


ONE = """- id: "fdi"
  term: {ru: "ПИИ", en: "FDI"}
  definition: {ru: "Вложения с участием в управлении.", en: "Investment with a say in running a business."}
  forms: {ru: ["ПИИ"], en: ["FDI"]}
"""


def test_a_valid_glossary_loads_and_a_missing_one_is_empty(tmp_path):
    assert [t.id for t in load_dossier(_glossary_data(tmp_path / "a", ONE)).glossary] == ["fdi"]
    assert load_dossier(fixture_data(tmp_path / "b")).glossary == ()


@pytest.mark.parametrize("yaml_text,what", [
    (ONE.replace("  forms:", "  froms:"), "unknown field 'froms' (did you mean 'forms'?)"),
    (ONE + ONE.replace('"fdi"', '"fdi-2"'), "form 'ПИИ' (ru) is also listed by term 'fdi'"),
    (ONE + ONE.replace('ПИИ"]', 'XX"]').replace("FDI\"]", "YY\"]"), "duplicate term id 'fdi'"),
    (ONE.replace('["ПИИ"]', '["«ПИИ»"]'), "form '«ПИИ»' (ru) does not start and end with a letter or digit"),
    (ONE.replace('en: "Investment with a say in running a business."', 'en: "Two\\nlines."'), "field 'en'"),
    (ONE.replace('en: ["FDI"]', 'en: ["F]DI"]'), "does not have the expected form"),
])
def test_bad_glossary_names_file_line_term_and_fix(tmp_path, yaml_text, what):
    with pytest.raises(DossierError) as err:
        load_dossier(_glossary_data(tmp_path, yaml_text))
    message = str(err.value)
    assert what in message, message
    assert "glossary.yml:" in message and " — " in message


# --- the pure functions ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_abbreviation_lines_explain_every_form_in_the_page_language(lang):
    text = glossary.abbreviations(TERMS, lang)
    lines = text.splitlines()
    assert all(line.startswith("*[") and "]: " in line for line in lines)
    defined = {line[2:line.index("]: ")]: line[line.index("]: ") + 3:] for line in lines}
    for t in TERMS:
        for form in t.forms[lang]:
            assert defined[form] == glossary.tooltip(t, lang)
            assert defined[form[:1].upper() + form[1:]] == glossary.tooltip(t, lang)
    for other in (o for o in LANGS if o != lang):
        assert not any(t.definition(other) in text for t in TERMS)


def test_unwrap_joins_a_form_broken_over_lines_but_not_paragraphs():
    ots = [t for t in TERMS if t.id == "ots"]
    assert glossary.unwrap_forms("через Организацию тюркских\n    государств (ОТГ)", ots, "ru") == \
        "через Организацию тюркских государств (ОТГ)"
    assert glossary.unwrap_forms("Организацию тюркских\n\nгосударств", ots, "ru") == "Организацию тюркских\n\nгосударств"
    assert glossary.unwrap_forms("the Organization of Turkic\nStates", ots, "en") == "the Organization of Turkic States"


def test_a_page_gets_the_definitions_of_the_forms_it_contains_and_no_others():
    ots = next(t for t in TERMS if t.id == "ots")
    form = next(f for f in ots.forms["ru"] if len(f.split()) > 1)
    words = form.split()
    page = f"Саммит {words[0][:1].upper()}{words[0][1:]} " + " ".join(words[1:-1]) + f"\n{words[-1]} прошёл."
    out = glossary.with_abbreviations(glossary.unwrap_forms(page, TERMS, "ru"), TERMS, "ru")
    defined = [line[2:line.index("]: ")] for line in out.splitlines() if line.startswith("*[")]
    assert form[:1].upper() + form[1:] in out.splitlines()[0]  # unwrapped onto one line
    assert form[:1].upper() + form[1:] in defined
    assert all(d in out.split("\n\n")[0] for d in defined), "a definition for a form the page does not contain"
    assert glossary.with_abbreviations("Ни одного термина.", TERMS, "ru") == "Ни одного термина."


def test_a_form_inside_a_longer_word_gets_no_definition():
    short = min((f for t in TERMS for f in t.forms["ru"] if f.isupper()), key=len)  # an abbreviation, e.g. "ЕС"
    out = glossary.with_abbreviations(f"Слово {short}ПРО не содержит термина.", TERMS, "ru")
    assert f"*[{short}]" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_every_term_alphabetically(lang):
    html = glossary.page_html(TERMS, lang, lambda s: s)
    ids = re.findall(r'<dt id="term-([^"]+)"', html)
    assert sorted(ids) == sorted(t.id for t in TERMS)
    heads = re.findall(r"<dfn>(.*?)</dfn>", html)
    assert heads == sorted(heads, key=lambda h: h.strip("«»“”\"").casefold())


# --- the built site ------------------------------------------------------------------------

SKIP_INSIDE = {"code", "pre", "script", "style", "svg", "abbr", "textarea", "h1", "h2", "h3", "h4", "h5", "h6"}
MARKDOWN_CLASSES = {"admonition", "admonition-title", "footnote", "footnote-ref", "task-list-item"}


class _Prose(HTMLParser):
    """Text written in markdown (not HTML drawn by the macros) inside the page's article, and its <abbr>s."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, is prose)
        self.prose: list[str] = []
        self.abbrs: list[tuple[str, str]] = []
        self._abbr: list[str] | None = None
        self._title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        classes = set((a.get("class") or "").split())
        parent_prose = self.stack[-1][1] if self.stack else False
        if tag == "article":
            prose = True
        else:
            prose = parent_prose and tag not in SKIP_INSIDE and (not classes or classes <= MARKDOWN_CLASSES)
        if tag == "abbr":
            self._abbr, self._title = [], a.get("title", "")
        self.stack.append((tag, prose))

    def handle_endtag(self, tag):
        if tag == "abbr" and self._abbr is not None:
            self.abbrs.append(("".join(self._abbr), self._title))
            self._abbr = None
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break

    def handle_data(self, data):
        if self._abbr is not None:
            self._abbr.append(data)
        elif self.stack and self.stack[-1][1]:
            self.prose.append(data)


def _pages(site: Path, lang: str) -> list[Path]:
    root = site / links.edition_prefix(lang)
    others = {links.edition_prefix(o).strip("/") for o in published() if o != lang} - {""}  # editions inside this one
    return sorted(p for p in root.rglob("index.html") if p.relative_to(root).parts[0] not in others)


def _form_pattern(lang: str) -> re.Pattern:
    forms = {v for t in TERMS for f in t.forms[lang] for v in (f, f[:1].upper() + f[1:])}
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)")


@pytest.mark.parametrize("lang", LANGS)
def test_terms_in_prose_carry_their_explanation_in_the_page_language(built_site, lang):
    pattern = _form_pattern(lang)
    tips = {v: glossary.tooltip(t, lang) for t in TERMS for f in t.forms[lang] for v in (f, f[:1].upper() + f[1:])}
    explained = 0
    for page in _pages(built_site, lang):
        parser = _Prose()
        parser.feed(page.read_text(encoding="utf-8"))
        for text_ in parser.prose:
            missed = pattern.findall(" ".join(text_.split()))
            assert not missed, f"{page}: {missed} in prose without a tooltip ({text_.strip()[:80]!r})"
        for word, title in parser.abbrs:
            assert tips.get(" ".join(word.split())) == title, f"{page}: <abbr>{word}</abbr> has {title[:60]!r}"
            explained += 1
    assert explained >= 20, f"only {explained} terms explained in the {lang} edition"


def test_tooltips_never_land_inside_attributes_or_drawn_html(built_site):
    for lang in LANGS:
        for page in _pages(built_site, lang):
            html = page.read_text(encoding="utf-8")
            assert not re.search(r'="[^"]*<abbr', html), page
            assert "&lt;abbr" not in html, page
            assert not re.search(r"<svg\b(?:(?!</svg>).)*<abbr", html, re.S), page
            assert not re.search(r'<a class="fig[^"]*"[^>]*>[^<]*<abbr', html), page


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_in_both_editions(built_site, lang):
    html = (built_site / links.edition_prefix(lang) / "glossary" / "index.html").read_text(encoding="utf-8")
    text = unescape(html)
    for t in TERMS:
        assert f'id="term-{t.id}"' in html
        assert t.definition(lang) in text and t.term(lang) in text


def test_the_prose_check_sees_an_unexplained_term_and_ignores_drawn_html():
    parser = _Prose()
    parser.feed('<article><p>Доля ЕС <abbr title="x">ПИИ</abbr></p><div class="dossier-fig-list">ОТГ</div></article>')
    assert _form_pattern("ru").findall(" ".join(parser.prose)) == ["ЕС"]
    assert parser.abbrs == [("ПИИ", "x")]


def test_figure_links_lose_nested_tooltips_but_keep_their_words():
    html = ('<p><abbr title="t">ЕС</abbr> <a class="dossier-fig dossier-fig--text" href="#x">меморандумы по '
            '<abbr title="t">критически важным минералам</abbr></a></p>')
    assert glossary.without_tooltips_in_figure_links(html) == (
        '<p><abbr title="t">ЕС</abbr> <a class="dossier-fig dossier-fig--text" href="#x">меморандумы по критически важным минералам</a></p>')


def test_headings_carry_no_tooltips(built_site):
    for lang in LANGS:
        for page in _pages(built_site, lang):
            html = page.read_text(encoding="utf-8")
            for heading in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, re.S):
                assert "<abbr" not in heading[1], f"{page}: tooltip in heading {heading[1][:60]!r}"


# --- a definition may cite an observation (issue 11) ---------------------------------------------

def test_a_definition_cites_an_observation_as_a_link_on_the_page_and_as_text_in_the_tooltip(tmp_path):
    """The glossary page links {obs:…} to the source; the tooltip (an abbr title) shows its value as text.
    On the tests' own data (tests/fixtures/observed: a term whose definition cites a pledge of €10 billion)."""
    from macros import glossary as g
    from macros import inline, observations
    from macros.load import load_dossier

    d = load_dossier(fixture_data(tmp_path, overlay="observed"))
    assert "{obs:transport-forum-pledge:as_of}" in next(t for t in d.glossary if t.id == "transport-forum").definition("en")
    ctx = inline.Ctx(d, "en", "glossary.md")
    page = g.page_html(d.glossary, "en", inline.esc, lambda t: inline.filled(ctx, t))
    assert 'data-obs="transport-forum-pledge"' in page and "{obs:" not in page
    assert 'data-generated="as-of">29 January 2024</span>' in page
    tips = g.abbreviations(observations.plain_glossary(d), "en")
    assert "{obs:" not in tips and "At its forum on 29 January 2024 it pledged €10 billion" in tips.replace("\u00a0", " ")


def test_a_tooltip_in_running_text_links_to_its_term_and_one_inside_a_link_does_not():
    from macros.glossary import linked_terms
    from macros.model import L10n, Term, Where

    term = Term(id="fdi", term=L10n(ru="ПИИ", en="FDI"), expansion=None, definition=L10n(ru="d", en="d"),
                forms={"ru": ("ПИИ",), "en": ("FDI",)}, where=Where("g.yml", 1))
    html = ('<p>Rising <abbr title="d">FDI</abbr> and <a class="dossier-fig" href="#x">'
            '<abbr title="d">FDI</abbr></a>, then <abbr title="other">FDI2</abbr>.</p>')
    done = linked_terms(html, (term,), "en", lambda t: f"../glossary/#term-{t.id}")
    assert done.count('<a class="dossier-term" href="../glossary/#term-fdi"><abbr title="d">FDI</abbr></a>') == 1
    assert '<a class="dossier-fig" href="#x"><abbr title="d">FDI</abbr></a>' in done  # not a link inside a link
    assert '<abbr title="other">FDI2</abbr>' in done and done.count("dossier-term") == 1  # an unknown form stays
