"""Other sources (issue 11): loading references and observations, verdicts, notes with
placeholders, the "nothing unsourced" rule, and their rendering in both languages.

What must hold for any dossier is checked on the real data; each particular behaviour on the tests'
own data (tests/fixtures/observed over tests/fixtures/base), so that editing data/ never breaks them."""
from __future__ import annotations

from html import unescape

import pytest

from macros import checks, inline, observations, observed, render
from macros.i18n import text
from macros.load import load_dossier
from macros.model import Figure, L10n
from macros.problems import DossierError
from tests.helpers import ROOT, fixture_data


def observed_data(tmp_path, edits: dict[str, tuple[str, str]] | None = None):
    """The tests' own data with other sources (tests/fixtures/observed), with `old -> new` edits."""
    return fixture_data(tmp_path, edits, overlay="observed")


def problems_of(tmp_path, edits) -> list[str]:
    with pytest.raises(DossierError) as exc:
        load_dossier(observed_data(tmp_path, edits))
    return [str(p) for p in exc.value.problems]


@pytest.fixture(scope="module")
def real():
    return load_dossier(ROOT / "data")


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(observed_data(tmp_path_factory.mktemp("observed")))


def by_id(d, oid):
    return next(o for o in d.observations if o.id == oid)


# --- loading -----------------------------------------------------------------------------------

def test_real_data_loads_references_observations_and_notes(real):
    """Any dossier: each observation bears on a figure and cites a reference or a source; each figure is
    checked (observations, or what was searched); each note cites observations that exist."""
    assert all(o.figure in real.figure_by_id for o in real.observations)
    assert all(o.source in real.references or o.source in real.sources for o in real.observations)
    assert {o.id for group in real.observations_of.values() for o in group} == {o.id for o in real.observations}
    assert all(bool(real.observations_of.get(f.id)) != bool(f.unconfirmed) for f in real.figures)
    known = {o.id for o in real.observations}
    assert all(set(n.cites) <= known for f in real.figures for n in f.notes)


def test_references_observations_and_notes_load_as_written(dossier):
    review = by_id(dossier, "uranium-share-review")
    assert review.verdict.kind == "agrees" and review.verdict.difference == 3
    assert by_id(dossier, "agreement-signed").verdict.kind == "differs"
    assert by_id(dossier, "gas-reserves-other-method").verdict.kind == "another-definition"
    assert by_id(dossier, "gas-reserves-other-method").verdict.note("en")
    assert "uranium-share-review" in dossier.figure_by_id["uranium-share"].notes[0].cites
    assert ("sample-source", "p2") in dossier.paragraph_notes
    assert dossier.figure_by_id["deposits-explored"].unconfirmed.searched("ru")
    assert [o.id for o in dossier.observations_of["uranium-share"]] == ["uranium-share-review", "uranium-share-fund"]


@pytest.mark.parametrize("edits, expected", [
    ({"observations.yml": ('figure: "uranium-share"', 'figure: "uranium-shar"')},
     ["data/observations.yml:3: uranium-share-review: unknown figure 'uranium-shar'", "did you mean 'uranium-share'?"]),
    ({"observations.yml": ('source: "invented-review"', 'source: "invented"')},
     ["uranium-share-review: unknown source 'invented'", "data/references/"]),
    ({"observations.yml": ('fragment: "43%"', 'fragment: "' + "43% of the world’s output of uranium in twenty-two" + '"')},
     ["uranium-share-review: fragment is", "at most 40", "number and its unit"]),
    ({"observations.yml": ('fragment: "43%"', 'fragment: "percent"')},
     ["uranium-share-review: fragment 'percent' does not contain a digit of the value"]),
    ({"observations.yml": ('value: 43\n  unit: "percent"', 'value: 43\n  unit: "USD"')},
     ["uranium-share-review: verdict 'computed' but the units differ", "set an editorial verdict"]),
    ({"observations.yml": ("в {as_of} году на него пришлось {value}", "в 2022 году на него пришлось {value}")},
     ["uranium-share-review: a digit typed by hand ('2022') in the summary (ru)", "show it through {value} or {as_of}"]),
    ({"figures.yml": ("Год в тексте не указан.", "Год в тексте не указан, около 45%.")},
     ["data/figures.yml:", "uranium-share: a digit typed by hand ('45') in a note (ru)", "{obs:<id>}"]),
    ({"figures.yml": ("{obs:uranium-share-review:as_of} году", "{obs:uranium-share-reviex:as_of} году")},
     ["uranium-share: unknown observation 'uranium-share-reviex'", "did you mean 'uranium-share-review'?"]),
    ({"figures.yml": ("Год в тексте не указан.", "Год в тексте не указан {year}.")},
     ["uranium-share: unknown placeholder {year} in a note (ru)", "use one of {value}, {period}"]),
    ({"figures.yml": ('cites: ["uranium-share-review", "uranium-share-fund"]', 'cites: ["uranium-share-wna"]')},
     ["uranium-share: note cites unknown observation 'uranium-share-wna'"]),
    ({"glossary.yml": ("прежде называлась Тюркским советом", "до 2021 года называлась Тюркским советом")},
     ["data/glossary.yml:", "ots: a digit typed by hand ('2021') in the definition (ru)", "show it through {obs:<id>}"]),
    ({"resources.yml": ("Ресурс; по данным обзора,", "Ресурс, 5 место; по данным обзора,")},
     ["data/resources.yml:", "uranium: a digit typed by hand ('5') in the summary (ru)"]),
    ({"sources/sample-source.yml": ("По смыслу речь о том, что соглашение", "По смыслу (в 2024) речь о том, что соглашение")},
     ["sample-source/p2: a digit typed by hand ('2024') in a paragraph note (ru)"]),
    ({"references/invented-review.yml": ('id: "invented-review"', 'id: "invented-reviews"')},
     ["reference id 'invented-reviews' differs from the file name"]),
    ({"references/invented-review.yml": ('url: "https://', 'url: "javascript://')},
     ["invented-review:", "url"]),
])
def test_bad_observation_data_is_one_clear_line(tmp_path, edits, expected):
    found = problems_of(tmp_path, edits)
    assert any(all(e in p for e in expected) for p in found), found


def test_a_reference_symlink_is_refused(tmp_path):
    data = observed_data(tmp_path)
    link = data / "references" / "evil.yml"
    link.symlink_to("/etc/passwd")
    with pytest.raises(DossierError) as exc:
        load_dossier(data)
    assert any("evil.yml" in str(p) for p in exc.value.problems)


# --- verdicts ----------------------------------------------------------------------------------

TOL = {"share": {"absolute": 3}, "money": {"relative": 0.05}, "date": {"exact": True}}


def fig(kind, value, unit=None, qualifier="exact", period=None):
    return Figure(id="f", kind=kind, value=value, unit=unit, qualifier=qualifier, period=period, display=None,
                  label=L10n(ru="x", en="x"), partners=(), resources=(), headline=False, citation=None, notes=(), where=None)


@pytest.mark.parametrize("figure, obs, kind, difference, edge", [
    # the same quantity, within the tolerance: agrees; at the last tenth of it: agrees, at the edge (shown)
    (fig("share", 40, "percent"), {"value": 41, "unit": "percent"}, "agrees", 1, False),
    (fig("share", 40, "percent"), {"value": 43, "unit": "percent"}, "agrees", 3, True),
    (fig("share", 40, "percent"), {"value": 44, "unit": "percent"}, "differs", 4, False),
    (fig("money", 100, "USD"), {"value": 104, "unit": "USD"}, "agrees", 4, False),
    (fig("money", 100, "USD"), {"value": 61, "unit": "USD"}, "differs", -39, False),
    # a bound that the other value does not contradict: consistent, never "agrees"
    (fig("money", 100, "USD", "more-than"), {"value": 150, "unit": "USD"}, "consistent", 50, False),
    (fig("money", 56, "USD"), {"value": 50, "unit": "USD", "qualifier": "more-than"}, "consistent", -6, False),
    (fig("money", 56, "USD"), {"value": 60, "unit": "USD", "qualifier": "more-than"}, "differs", 4, False),
    (fig("share", 25, "percent", "almost"), {"value": 22.9, "unit": "percent"}, "consistent", 22.9 - 25, False),
    # a rounder figure within the tolerance: consistent
    (fig("share", 40, "percent"), {"value": 41, "unit": "percent", "qualifier": "approximate"}, "consistent", 1, False),
    # the same quantity for another period than the figure states: another period
    (fig("money", 23, "USD", period="2025-H1"), {"value": 23, "unit": "USD", "as_of": "2024"}, "another-period", None, False),
    (fig("money", 23, "USD", period="2025-H1"), {"value": 23, "unit": "USD", "as_of": "2025-H1"}, "agrees", 0, False),
    (fig("date", "2024-09"), {"value": "2018-09-13"}, "differs", None, False),
    (fig("date", "2018-09"), {"value": "2018-09-13"}, "agrees", None, False),
])
def test_computed_verdicts_use_the_tolerance_bounds_and_periods(figure, obs, kind, difference, edge):
    v, found = observed.verdict({"verdict": "computed", **obs}, figure, TOL, ("f", 1, "o"))
    assert not found and v.kind == kind and v.computed and v.edge == edge
    assert v.difference == difference or difference is not None and abs(v.difference - difference) < 1e-9


def test_a_figure_without_a_period_beside_a_dated_value_says_so():
    v, _ = observed.verdict({"verdict": "computed", "value": 43, "unit": "percent", "as_of": "2022"},
                            fig("share", 40, "percent"), TOL, ("f", 1, "o"))
    assert v.kind == "agrees" and v.period_unstated


def test_an_editorial_verdict_keeps_its_kind_and_note():
    v, found = observed.verdict({"verdict": {"kind": "another-definition", "note": {"ru": "n", "en": "n"}}},
                                fig("money", 1, "USD"), TOL, ("f", 1, "o"))
    assert not found and v.kind == "another-definition" and not v.computed and v.note("en") == "n"


def test_a_computed_verdict_without_a_tolerance_says_where_to_add_it():
    v, found = observed.verdict({"verdict": "computed", "value": 5}, fig("count", 4), TOL, ("f", 1, "o"))
    assert v is None and "data/verdicts.yml has no tolerance for count" in str(found[0])


# --- rendering ---------------------------------------------------------------------------------

def ctx(d, lang, page="partners/turkey.md"):
    return inline.Ctx(d, lang, page)


def test_obs_link_formats_per_language_and_carries_the_text_fragment(dossier):
    o = by_id(dossier, "agreement-signed")
    en, ru = inline.obs_link(ctx(dossier, "en"), o), inline.obs_link(ctx(dossier, "ru"), o)
    assert 'class="dossier-obs"' in en and 'data-verdict="differs"' in en
    assert "#:~:text=September%2013%2C%202018" in en
    assert ">13 September 2018</a>" in en and ">13 сентября 2018\u202fг.</a>" in ru
    share = inline.obs_link(ctx(dossier, "ru"), by_id(dossier, "uranium-share-review"))
    assert ">43\u00a0%</a>" in share and "#:~:text=43%25" in share


def test_notes_fill_placeholders_with_links_and_cite_references(dossier):
    html = render.notes(ctx(dossier, "en"), dossier.figure_by_id["uranium-share"])
    assert "{obs:" not in html and "{value}" not in html
    assert 'data-obs="uranium-share-review"' in html and 'class="dossier-fig"' in html
    assert 'href="../../references/#ref-invented-review"' in html
    assert ">2022</a>" not in html and ' in <span data-generated="as-of">2022</span>;' in unescape(html)  # a date, marked, not a link


def test_what_other_sources_say_under_a_figure(dossier):
    fig = dossier.figure_by_id["uranium-share"]
    for lang in ("en", "ru"):
        html = render.figure_item(ctx(dossier, lang), fig)
        title, verdict = (text(dossier.strings, key, lang) for key in ("obs.title", "verdict.agrees"))
        assert 'class="dossier-fig-obs"' in html and title in html and verdict in html
        assert by_id(dossier, "uranium-share-review").stated_by(lang) in html
    lone = render.figure_item(ctx(dossier, "en"), dossier.figure_by_id["deposits-explored"])
    assert text(dossier.strings, "obs.none", "en") + "." in lone and "We found no published count" in lone


def test_a_differing_verdict_shows_the_difference_and_what_qualifies_it(dossier, tmp_path):
    d = load_dossier(observed_data(tmp_path, {"observations.yml": ("value: 43\n", "value: 47\n")}))
    o = by_id(d, "uranium-share-review")
    assert observations.verdict_text(ctx(d, "en"), o) == (
        "differs: +7\u00a0pp (the source gives no period for its figure; this value is for 2022)")
    assert observations.verdict_text(ctx(d, "ru"), o).startswith("расходится: +7\u00a0п.\u00a0п. (")


@pytest.mark.parametrize("as_of, ru, en", [
    ("2024-07-02", "на 2 июля 2024\u202fг.", "as of 2 July 2024"),
    ("2022", "за 2022 г.", "for 2022"),
    ("2005/2024", "за 2005–2024 гг.", "for 2005–2024"),
    ("2022-11", "за ноябрь 2022\u202fг.", "for November 2022"),
    ("2025-H1", "за 1-е полугодие 2025 г.", "for H1 2025"),
])
def test_an_observation_date_reads_as_a_day_a_year_a_month_or_a_period(dossier, as_of, ru, en):
    """A day is "as of" (на), a year, month or period is "for" (за): never «на 2018» or "as of 2005–2024"."""
    from dataclasses import replace
    o = replace(dossier.observations[0], as_of=as_of)
    assert inline.when_text(ctx(dossier, "ru"), o) == ru and inline.when_text(ctx(dossier, "en"), o) == en


def test_an_agreement_at_the_edge_of_the_tolerance_is_shown(dossier):
    o = by_id(dossier, "uranium-share-review")  # 43 % beside 40 %: the tolerance is 3 points
    assert o.verdict.kind == "agrees" and o.verdict.edge
    assert "at the edge of the tolerance" in observations.verdict_text(ctx(dossier, "en"), o)


def test_disagreements_list_every_figure_not_agreed(dossier):
    for lang in ("ru", "en"):
        html = observations.disagreements(ctx(dossier, lang, "disagreements.md"))
        assert 'href="../figures/#fig-agreement-date"' in html  # its date differs
        assert 'href="../figures/#fig-gas-reserves"' in html  # another definition
        assert 'href="../figures/#fig-uranium-share"' not in html  # every observation agrees


def test_references_page_has_each_record_and_what_it_supports(dossier):
    html = observations.references(ctx(dossier, "en", "references.md"))
    assert html.count('class="dossier-ref-record"') == len(dossier.references)
    assert 'id="ref-invented-polish-news"' in html
    assert text(dossier.strings, "ref.accessed", "en") in html and text(dossier.strings, "ref.cited_by", "en") in html
    assert 'data-obs="gas-reserves-other-method"' in html
    assert "Polish" in html  # the reference's language, named in the edition's
    assert text(dossier.strings, "ref.publisher", "ru") in observations.references(ctx(dossier, "ru", "references.md"))


def test_paragraph_notes_are_shown_beside_their_paragraph(dossier):
    html = render.source_text(ctx(dossier, "en", "sources/sample-source.md"), dossier.sources["sample-source"])
    p2 = html[html.index('id="sample-source-p2"'):html.index('id="sample-source-p3"')]
    assert 'class="dossier-src-para__notes"' in p2 and "not that one imposed it on the other" in p2
    p1 = html[html.index('id="sample-source-p1"'):html.index('id="sample-source-p2"')]
    assert 'class="dossier-src-para__notes"' not in p1


# --- digits in page prose (make check) ---------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("# Title { #t }\n\nIn 2018 the agreement was signed.\n", ["a.md:3: a digit typed by hand ('2018')"]),
    ("Signed on {{ obs(\"agreement-signed\") }}.\n", []),
    ("Written <span class=\"dossier-example\">«3,8 трлн»</span> in Russian.\n", []),
    ("An example: 3.8 trillion.\n{ .dossier-example }\n", []),
    ("See [the note](#fig-a1) and `x = 2`.\n", []),
    ("1. first\n2. second\n", []),
])
def test_page_digits_outside_macros_and_examples_are_reported(text, found):
    assert [str(p).split(" — ")[0] for p in checks.digit_problems("a.md", text)] == found


def test_the_source_date_note_shows_observations_and_refuses_typed_dates(dossier, tmp_path):
    src = dossier.sources["sample-source"]
    html = render.source_record(ctx(dossier, "en", "sources/sample-source.md"), src)
    assert 'data-obs="agreement-signed"' in html and "{obs:" not in html
    found = problems_of(tmp_path, {"sources/sample-source.yml": ("recent, so it was written", "recent (2025), so it was written")})
    assert any("a digit typed by hand ('2025') in the date note (en)" in p for p in found), found


def test_resource_summaries_show_observations_through_links(dossier):
    html = render.entity_cards(ctx(dossier, "en", "resources/index.md"), "resource")
    assert "{obs:" not in html and 'data-obs="uranium-share-review"' in html and ' in <span data-generated="as-of">2022</span>,' in html


def test_the_citation_line_declines_the_translator_name(dossier):
    src = dossier.sources["sample-source"]
    assert "пер. Марии Петровой" in inline.source_citation(dossier, "ru", src)
    assert "translated by Maria Petrova" in inline.source_citation(dossier, "en", src)
    assert src.translation.translator("ru") == "Мария Петрова"  # the record row keeps the name as given


def test_a_source_page_title_may_carry_the_source_own_digits():
    assert checks.digit_problems("docs/en/sources/report.md", "# Report for 2024 { #source }\n\nText.\n") == []
    assert checks.digit_problems("docs/en/partners/x.md", "# Report for 2024 { #x }\n")


# --- a note shows its own figure's value through the figure (issue 11) ---------------------------

def _fig(**kw):
    """A Figure with only the fields a test needs (the rest None)."""
    import dataclasses

    required = [f.name for f in dataclasses.fields(Figure)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    return Figure(**{**dict.fromkeys(required), **kw})


@pytest.mark.parametrize("text, value, shown, found", [
    ({"ru": "Оценка в 3,8 трлн м³ национальная.", "en": "{value} is national."}, 3.8e12, {}, ("ru", "3,8")),
    ({"ru": "{value}.", "en": "About 5,000 deposits."}, 5000, {}, ("en", "5,000")),
    ({"ru": "{value}.", "en": "Kazakhstan buys Russian gas at reduced prices."}, None,
     {"en": "Russian gas at reduced prices"}, ("en", "Russian gas at reduced prices")),
    ({"ru": "{value} — национальная оценка.", "en": "{value} is national; bp gives {obs:gas-bp}."}, 3.8e12,
     {"en": "3.8 trillion m³"}, None),
    ({"ru": "Это 38 процентов.", "en": "It is 38 %."}, 3.8e12, {}, ("ru", "38")),  # same digits: it restates
    ({"ru": "Это 40 процентов.", "en": "It is 40 %."}, 3.8e12, {}, None),  # another number: the digit check says so
])
def test_a_note_that_restates_its_figures_value_is_found(text, value, shown, found):
    assert observed.restated_value(L10n(text), _fig(value=value), shown) == found
