"""Nothing unsourced in the built pages (issue 11): every digit of a page's <article> is in an element
that says where it comes from (macros/figlink.py); anything else stops the build with the page's
name (hooks/page_checks.py). Unit tests on small snippets; the real build runs the same check."""
from __future__ import annotations

import pytest

from macros import charts, figlink, inline, render
from macros.checks import built_digit_problems
from macros.load import load_dossier
from tests.helpers import fixture_data


def article(body: str) -> str:
    return f'<header>Material chrome 2026</header><article class="md-content__inner">{body}</article><footer>© 2026</footer>'


@pytest.mark.parametrize("body", [
    '<p>Trade: <a class="dossier-fig" href="#x" data-fig="x">US$44 billion</a>.</p>',
    '<p>Other source: <a class="dossier-obs" href="https://e.org" data-obs="o">2.3 trillion m³</a>.</p>',
    '<p>All <span data-generated="count">34</span> figures.</p>',
    '<div class="dossier-src-para__original" data-cited=""><p>In 2022, 43 %.</p></div>',
    '<p>A period is written <span class="dossier-example">2005/2024</span>; <code>2025-H1</code>; <kbd>1</kbd></p>',
    '<pre><code>make bench BENCH_SIZES=1</code></pre>',
    '<p>See the note.<sup id="fnref:n"><a class="footnote-ref" href="#fn:n">1</a></sup></p>',
    '<p>Unclosed <li>words<br>and more</p>',
])
def test_marked_digits_pass(body):
    assert figlink.typed_digits_in_article(article(body)) == []


@pytest.mark.parametrize("body, digits", [
    ("<p>Trade reached 44 billion dollars.</p>", ["44"]),
    ('<p><a class="dossier-fig" href="#x">1</a> and then 7 more</p>', ["7"]),
    ('<p><span data-generated="count">3</span></p><p>5,000 deposits</p>', ["5,000"]),
    ('<div class="footnote"><ol><li><p>Signed on 13 September 2018.</p></li></ol></div>', ["13", "2018"]),
    ('<p class="examples">2024</p>', ["2024"]),  # a class that only starts like the marker is no marker
])
def test_unmarked_digits_are_found(body, digits):
    assert figlink.typed_digits_in_article(article(body)) == digits


def test_chrome_outside_the_article_is_not_read():
    assert figlink.typed_digits_in_article("<nav>Page 2 of 9</nav><article><p>Words.</p></article>") == []


def test_the_problem_names_the_page_its_line_and_the_fix():
    md = "# China\n\nTrade reached 44 billion.\n"
    [p] = built_digit_problems("docs/en/partners/china.md", article("<p>Trade reached 44 billion.</p>"), md)
    assert str(p).startswith("docs/en/partners/china.md:3: a digit typed by hand ('44') — fix: ")
    assert "data-generated" in p.fix and 'class="dossier-example"' in p.fix


def test_a_digit_only_in_the_html_has_no_line():
    [p] = built_digit_problems("docs/en/x.md", article("<p>7</p>"), "no digit here")
    assert str(p).startswith("docs/en/x.md: a digit typed by hand ('7') — fix: ")


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_what_the_render_functions_print_is_marked(dossier, lang):
    """The macros' output of the fixture dossier: counts, periods, records, charts carry their markers."""
    ctx = inline.Ctx(dossier, lang, "index.md")
    src = next(iter(dossier.sources.values()))
    out = [render.grid(ctx), render.entity_cards(ctx, "partner"), render.source_cards(ctx),
           render.figures_table(ctx, dossier.figures), render.key_figures(ctx, dossier.figures, limit=99),
           render.grouped(ctx, dossier.figures, "partner"), render.source_record(ctx, src), render.source_text(ctx, src)]
    out += [charts.chart(ctx, name) for name, spec in charts.CHARTS.items() if spec.select(dossier)]
    assert figlink.typed_digits_in_article(article("".join(out))) == []


def test_a_source_pages_title_is_the_sources_own():
    page = article("<h1>Kazakhstan 2050</h1><p>Words.</p>")
    assert built_digit_problems("docs/en/sources/strategy.md", page) == []
    assert [p.what for p in built_digit_problems("docs/en/partners/china.md", page)] == ["a digit typed by hand ('2050')"]
