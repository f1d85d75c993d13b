"""The figure link: written once by inline.fig_link (macros/figlink.py owns its markup), read back
through figlink by the print document, the glossary and the page allow-list; preview.js and the
print stylesheet use the same selector. Unit tests: no site is built."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import tinyhtml5

from macros import figlink, glossary, html_policy, inline, links, print_doc
from macros.load import load_dossier
from tests.helpers import ROOT, fixture_data

SITE = "https://example.org/dossier/"


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("data")))


def link_element(html: str) -> ET.Element:
    root = tinyhtml5.parse(f"<p>{html}</p>", namespace_html_elements=False)
    return next(root.iter("a"))


@pytest.mark.parametrize("lang, prefix", [("ru", ""), ("en", "en/")])
def test_a_figure_link_carries_its_paragraph_address_for_print(dossier, lang, prefix):
    fig = dossier.figure_by_id["gas-reserves"]
    el = link_element(inline.fig_link(inline.Ctx(dossier, lang, "index.md", site_url=SITE), fig))
    assert figlink.figure_id(el) == "gas-reserves"
    assert el.get(figlink.PRINT_URL) == f"{SITE}{prefix}sources/sample-source/#sample-source-p1"
    assert el.get(figlink.PRINT_URL) == links.paragraph_url(SITE, lang, fig.citation)
    assert el.get("href") == "sources/sample-source/#sample-source-p1--gas-reserves"
    assert set(el.attrib) <= figlink.ATTRIBUTES | {"class"}


def test_without_a_site_address_the_link_has_no_print_address(dossier):
    el = link_element(inline.fig_link(inline.Ctx(dossier, "ru", "index.md"), dossier.figures[0]))
    assert figlink.PRINT_URL not in el.attrib and figlink.figure_id(el) == dossier.figures[0].id


def test_other_links_are_not_figure_links():
    assert figlink.figure_id(link_element('<a class="dossier-fig-cite" href="#x" data-fig="x">x</a>')) is None
    assert figlink.figure_id(link_element('<a class="dossier-fig" href="#x">x</a>')) is None


def test_every_reader_of_the_markup_recognises_it(dossier):
    html = inline.fig_link(inline.Ctx(dossier, "ru", "index.md", site_url=SITE), dossier.figures[0])
    link = figlink.PATTERN.match(html)  # glossary: no tooltip inside a figure's value
    assert link and html[link.end():].startswith(' <a class="dossier-badge')  # then its badge
    assert glossary.without_tooltips_in_figure_links(html.replace(">40", "><abbr title='t'>40</abbr>")) == html
    assert html_policy.sanitised(html).replace("&nbsp;", "\u00a0") == html  # the page allow-list keeps every attribute
    assert figlink.SELECTOR in (ROOT / "overrides" / "assets" / "preview.js").read_text(encoding="utf-8")
    assert f"a.dossier-fig[{figlink.PRINT_NOTE}]" in (ROOT / "overrides" / "assets" / "print.css").read_text(encoding="utf-8")


def test_the_print_document_footnotes_each_figure_link_of_an_article(dossier, tmp_path: Path):
    ctx = inline.Ctx(dossier, "en", "partners/turkey.md", site_url=SITE)
    gas, date = dossier.figure_by_id["gas-reserves"], dossier.figure_by_id["agreement-date"]
    built = tmp_path / "index.html"
    built.write_text(f'<article class="md-content__inner"><h1>Turkey</h1><p>Gas: {inline.fig_link(ctx, gas)}, '
                     f'again {inline.fig_link(ctx, gas)}; signed {inline.fig_link(ctx, date)}.</p></article>',
                     encoding="utf-8")
    edition = print_doc.Edition(dossier, "en", SITE, "Dossier", "Author", "2025-01-01", "1 January 2025")
    title, section = print_doc.chapter_body(print_doc.Chapter("partners/turkey.md", built), edition)
    notes = [n for n in section.iter("span") if n.get("class") == "dossier-footnote"]
    assert title == "Turkey" and [n.get("id") for n in notes] == ["note-gas-reserves", "note-agreement-date"]
    assert [a.get("href") for a in section.iter("a") if a.get("class") == "dossier-note-ref"] == ["#note-gas-reserves"]
    text = "".join(notes[0].itertext())  # the source itself is cited once, at the start of the document
    assert text == f"¶\u00a01: {gas.citation.quote} (the dossier’s translation: {inline.quote_rendering(dossier, 'en', gas.citation)})."
    assert [a.get("href") for a in notes[0].iter("a")] == [f"{SITE}en/sources/sample-source/#sample-source-p1"]
    assert not any(figlink.PRINT_URL in el.attrib for el in section.iter())  # a PDF has footnotes instead


def test_a_figure_footnote_lists_its_observations_with_publisher_title_date_address_and_verdict(dossier, tmp_path: Path):
    observed = _observed(dossier)
    gas = observed.figure_by_id["gas-reserves"]
    ctx = inline.Ctx(observed, "en", "partners/turkey.md", site_url=SITE)
    built = tmp_path / "index.html"
    built.write_text(f'<article class="md-content__inner"><h1>Turkey</h1><p>Gas: {inline.fig_link(ctx, gas)}, '
                     f'again {inline.fig_link(ctx, gas)}.</p></article>', encoding="utf-8")
    edition = print_doc.Edition(observed, "en", SITE, "Dossier", "Author", "2025-01-01", "1 January 2025")
    _, section = print_doc.chapter_body(print_doc.Chapter("partners/turkey.md", built), edition)
    notes = [n for n in section.iter("span") if n.get("class") == "dossier-footnote"]
    assert len(notes) == 1  # the second link points back to the note, observations are not repeated
    # one footnote per observation, after the figure's own when the page does not mention it (one note
    # holding all grows too tall for WeasyPrint); the address printed without its text fragment, linked with it
    others = [n for n in section.iter("span") if n.get("class") == "dossier-footnote dossier-footnote--obs"]
    assert ["".join(o.itertext()) for o in others] == [
        "Other source: bp, “Statistical Review”, 2024-06, https://example.org/review — differs.",
        "Other source: bp, “Statistical Review”, 2024-06, https://example.org/review — another definition."]
    kids = list(next(p for p in section.iter("p") if notes[0] in list(p)))
    assert kids.index(others[0]) == kids.index(notes[0]) + 1 and kids.index(others[1]) == kids.index(notes[0]) + 2
    assert [a.get("href") for o in others for a in o.iter("a")] == ["https://example.org/review#:~:text=2.3%20trillion",
                                                                   "https://example.org/review"]


def test_a_figure_link_carries_its_verdicts_for_the_preview_card(dossier):
    from macros.model import Verdict

    class Obs:  # only the verdict is read
        def __init__(self, kind):
            self.verdict = Verdict(kind)
    kinds = figlink.verdicts_of([Obs("agrees"), Obs("differs"), Obs("another-period")])
    html = figlink.link(inline.esc, href="#x", fig_id="f", source="s", paragraph_number=1, print_url=None,
                        text="1", verdicts=kinds)
    el = link_element(html)
    assert figlink.verdicts(el) == ("agrees", "differs", "another-period") and figlink.figure_id(el) == "f"
    assert html_policy.sanitised(html) == html  # the page allow-list keeps data-verdicts
    assert figlink.PATTERN.fullmatch(html)
    plain = figlink.link(inline.esc, href="#x", fig_id="f", source="s", paragraph_number=1, print_url=None, text="1")
    assert figlink.VERDICTS not in link_element(plain).attrib and figlink.verdicts(link_element(plain)) == ()
    assert "dataset.verdicts" in (ROOT / "overrides" / "assets" / "preview.js").read_text(encoding="utf-8")


# --- the print document's notes: one numbering, other sources where they are mentioned, badges -----

def _observed(dossier):
    """The fixture dossier with two observations of gas-reserves from one reference, cited by a note."""
    from dataclasses import replace

    from macros.model import L10n, Observation, Reference, Verdict, Where
    gas = dossier.figure_by_id["gas-reserves"]
    ref = Reference(id="ref", kind=L10n(ru="статистика", en="statistics"), publisher=L10n(ru="bp", en="bp"),
                    title="Statistical Review", title_language="en", authors=(), published="2024-06",
                    url="https://example.org/review", accessed="2026-12-01", language="en", where=Where("r.yml", 1))
    one = Observation(id="o1", figure=gas.id, source="ref", stated_by=None, value=1, unit=gas.unit,
                      qualifier="exact", as_of="2023", locator=None, fragment="2.3 trillion",
                      summary=L10n(ru="s", en="s"), verdict=Verdict("differs", difference=-1.0), where=Where("o.yml", 1))
    two = replace(one, id="o2", fragment=None, verdict=Verdict("another-definition", note=L10n(ru="n", en="n")))
    return replace(dossier, references={"ref": ref}, observations=(one, two), observations_of={gas.id: (one, two)})


def _chapter(dossier, tmp_path: Path, body: str):
    built = tmp_path / "index.html"
    built.write_text(f'<article class="md-content__inner"><h1>Turkey</h1>{body}</article>', encoding="utf-8")
    edition = print_doc.Edition(dossier, "en", SITE, "Dossier", "Author", "2025-01-01", "1 January 2025")
    return print_doc.chapter_body(print_doc.Chapter("partners/turkey.md", built), edition)[1]


def _marks(section) -> list[str]:
    """The notes (their ids) and back-references (#their ids) of a section, in document order."""
    return [el.get("id") if el.tag == "span" else el.get("href") for el in section.iter()
            if print_doc.NOTE in (el.get("class") or "").split() or el.get("class") == print_doc.NOTE_REF]


def test_another_source_is_noted_where_first_mentioned_and_an_editorial_notes_marks_join_the_numbering(dossier, tmp_path):

    observed = _observed(dossier)
    ctx = inline.Ctx(observed, "en", "partners/turkey.md", site_url=SITE)
    gas = observed.figure_by_id["gas-reserves"]
    one, two = observed.observations
    section = _chapter(observed, tmp_path, f'<p>Gas: {inline.fig_link(ctx, gas)}.</p>'
                       f'<p class="dossier-fig-note">Others count {inline.obs_link(ctx, one)}.'
                       f'{inline.cite_marks(ctx, ["o1", "o2"])}</p>'
                       f'<ul><li>bp: {inline.obs_link(ctx, two)} — another definition.</li></ul>')
    # the figure's note; o1 at its link, the note's "[1]" (reference "ref": its first cited observation, o1)
    # pointing back to it; o2 at its line: nothing left for after the figure's note
    assert _marks(section) == ["note-gas-reserves", "note-obs--o1", "#note-obs--o1", "note-obs--o2"]
    assert not [el for el in section.iter() if (el.get("class") or "").startswith("dossier-obs-cite")]
    note = next(p for p in section.iter("p") if p.get("class") == "dossier-fig-note")
    assert "".join(note.itertext()).startswith("Others count ") and "[1]" not in "".join(note.itertext())
    assert note[-1].get("class") == print_doc.NOTE_REF and not (note[-1].tail or "").strip()


def _link(ctx, fig) -> str:
    """A figure's link alone, without the badge inline.fig_link writes after it (these tests place their own)."""
    html = inline.fig_link(ctx, fig)
    return html[:figlink.PATTERN.match(html).end()]


def test_a_badge_after_a_figure_stays_after_the_call_and_the_star_gives_way_to_the_note(dossier, tmp_path):
    """Verdict badges (another change adds them after figure links): kept, each after a space, after the
    call, so neither touches the number; the editorial note's star is left out (the note points to it)."""
    ctx = inline.Ctx(dossier, "en", "partners/turkey.md", site_url=SITE)
    gas = dossier.figure_by_id["gas-reserves"]
    badge = '<a class="dossier-badge dossier-badge--{0}" href="../../figures/#fig-gas-reserves">{1}</a>'
    star = '<a class="dossier-fig-note-mark" href="#n" title="t" aria-label="Editorial note">&#42;</a>'
    section = _chapter(dossier, tmp_path, f'<p>Gas: {_link(ctx, gas)}{badge.format("differs", "sources differ")} '
                       f'{badge.format("another-period", "another period")}, again {_link(ctx, gas)}{star}'
                       f'{badge.format("note", "note")}.</p>')
    p = section.find("p")
    shape = [(el.tag, (el.get("class") or "").split()[0], el.tail) for el in p]
    assert shape == [("a", "dossier-fig", None), ("span", "dossier-footnote", " "),
                     ("a", "dossier-badge", " "), ("a", "dossier-badge", ", again "),
                     ("a", "dossier-fig", None), ("a", "dossier-note-ref", " "), ("a", "dossier-badge", ".")]
    assert p[2].get("href") == f"{SITE}en/figures/#fig-gas-reserves"


def test_in_the_pdf_a_call_and_a_badge_stand_apart_from_the_number(dossier, tmp_path):
    from macros import pdf_render

    ctx = inline.Ctx(dossier, "en", "partners/turkey.md", site_url=SITE)
    gas = dossier.figure_by_id["gas-reserves"]
    built = tmp_path / "index.html"
    built.write_text(f'<article class="md-content__inner"><h1>Turkey</h1><p>Gas: {_link(ctx, gas)}'
                     '<a class="dossier-badge dossier-badge--differs" href="#b">sources differ</a> in all, and again '
                     f'{_link(ctx, gas)}.</p></article>', encoding="utf-8")
    edition = print_doc.Edition(dossier, "en", SITE, "Dossier", "Author", "2025-01-01", "1 January 2025")
    job = pdf_render.Job(name="en/partners/turkey.md", html=print_doc.brief(edition, print_doc.Chapter("partners/turkey.md", built)),
                         base_url=tmp_path.as_uri() + "/", stylesheet=str(ROOT / "overrides" / "assets" / "print.css"),
                         out=str(tmp_path / "turkey.pdf"))
    pdf_render.render(job)
    import subprocess
    text = " ".join(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", job.out, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    value = " ".join(inline.value_text(ctx, gas).split())
    assert f"Gas: {value} [1] sources differ in all, and again {value} [1]" in text, text
    assert "1. ¶ 1: " in text


# --- browser print: each address once -------------------------------------------------------------

@pytest.mark.parametrize("n, letters", [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (52, "az"), (53, "ba"), (703, "aaa")])
def test_addresses_are_lettered_as_css_lower_alpha_counts(n, letters):
    assert figlink.letters(n) == letters


def test_a_page_lists_each_print_address_once_and_letters_its_figures(dossier):
    ctx = inline.Ctx(dossier, "en", "partners/turkey.md", site_url=SITE)
    gas, date = dossier.figure_by_id["gas-reserves"], dossier.figure_by_id["agreement-date"]
    page = (f'<html><body><nav>{_link(ctx, gas)}</nav><article class="md-content__inner"><p>{_link(ctx, gas)}, '
            f'{_link(ctx, date)}, {_link(ctx, gas)}</p></article></body></html>')
    done = figlink.numbered_addresses(page, "Addresses & more")
    root = tinyhtml5.parse(done, namespace_html_elements=False)
    article = next(root.iter("article"))
    urls = [links.paragraph_url(SITE, "en", f.citation) for f in (gas, date)]
    letters = [a.get(figlink.PRINT_NOTE) for a in article.iter("a") if a.get(figlink.FIG)]
    assert letters == (["a", "b", "a"] if urls[0] != urls[1] else ["a", "a", "a"])
    block = next(el for el in article.iter("div") if el.get("class") == figlink.PRINT_ADDRESSES)
    assert block.get("hidden") is not None and "".join(block.find("p").itertext()) == "Addresses & more"
    assert ["".join(li.itertext()) for li in block.iter("li")] == list(dict.fromkeys(urls))
    assert figlink.PRINT_NOTE not in next(root.iter("nav"))[0].attrib  # only the article's links
    assert figlink.numbered_addresses(done, "x") == done  # once only
    plain = '<article class="md-content__inner"><p>No figures.</p></article>'
    assert figlink.numbered_addresses(plain, "x") == plain
