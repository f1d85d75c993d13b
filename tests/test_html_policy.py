"""The allow-list of page content (macros/html_policy.py): what the dossier writes passes, every
thing outside it is reported with the element or attribute named, at the line that wrote it."""
from __future__ import annotations

import pytest

from macros import charts, html_policy, links, render
from macros.inline import Ctx
from tests.helpers import ROOT, real_dossier

DOSSIER = real_dossier()  # one load per process (tests/helpers.py)
READER = html_policy.markdown_reader((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

MARKDOWN = """# Title { #title }

Text with *emphasis*, **strong**, `code`, a footnote[^1], an HTML abbreviation and
[a link](https://example.org/a?b=1&c=2 "title"), [mail](mailto:a@example.org), [a page](../partners/china.md),
[an anchor](#title) and ![an image](../assets/logo.png "a logo").

!!! note "A note"
    Inside a note.

| a | b |
|---|---|
| 1 | 2 |

1. one
2. two

> quoted

---

```python
x = 1 < 2
```

A paragraph with a class.
{ .dossier-fig-note }

<details markdown="1"><summary>More</summary>*Inside*</details>

<!-- a comment for the next editor -->

*[HTML]: HyperText Markup Language

[^1]: The note.
"""


def test_what_markdown_writes_is_allowed():
    html = READER.reset().convert(MARKDOWN)
    assert "<sup" in html and "admonition" in html and "<abbr" in html and "<img" in html  # the sample covers them
    assert html_policy.violations(html) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_what_the_macros_write_is_allowed(lang):
    page = "charts.md"
    ctx = Ctx(DOSSIER, lang, page)
    html = "\n".join([charts.chart(ctx, "investment"), charts.chart(ctx, "shares"),
                      *(render.source_text(Ctx(DOSSIER, lang, links.source_page(s.id)), s) for s in DOSSIER.sources.values())])
    assert "<svg" in html and "<rect" in html and "<text" in html and 'role="region"' in html
    assert html_policy.violations(html) == []


FORBIDDEN = [
    ("<script>alert(1)</script>", "element <script>"),
    ("<SCRIPT>alert(1)</SCRIPT>", "element <script>"),
    ('<iframe src="https://evil.example/"></iframe>', "element <iframe>"),
    ("<style>@import url(https://evil.example/a.css);</style>", "element <style>"),
    ('<link rel="stylesheet" href="https://evil.example/a.css">', "element <link>"),
    ('<object data="https://evil.example/a.swf"></object>', "element <object>"),
    ('<embed src="https://evil.example/a.swf">', "element <embed>"),
    ('<base href="https://evil.example/">', "element <base>"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "element <meta>"),
    ('<form action="https://evil.example/"><input name="q"></form>', "element <form>"),
    ("<math><mi>x</mi></math>", "element <math>"),
    ('<svg><use href="https://evil.example/a.svg#x"></use></svg>', "element <use>"),
    ('<svg><foreignObject><p>x</p></foreignObject></svg>', "element <foreignobject>"),
    ('<svg><style>@import url(https://evil.example/a.css);</style></svg>', "element <style>"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "attribute 'xlink:href' on <a>"),
    ('<img src="a.png" srcset="https://evil.example/a.png 2x" alt="">', "'srcset' on <img>"),
    ('<p style="background: url(https://evil.example/a.png)">x</p>', 'inline CSS style="background: url('),
    ('<a href="#" onclick="steal()">x</a>', "event handler 'onclick' on <a>"),
    ('<img src="a.png" onerror="steal()" alt="">', "event handler 'onerror' on <img>"),
    ('<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">'),
    ('<a href="&#106;avascript:alert(1)">x</a>', '<a href="javascript:alert(1)">'),
    ('<a href="java&#x09;script:alert(1)">x</a>', "is not an address a page may link to"),
    ('<a href=" javascript:alert(1)">x</a>', "is not an address a page may link to"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "is not an address a page may link to"),
    ('<img src="https://evil.example/pixel.gif" alt="">', '<img src="https://evil.example/pixel.gif"> does not load'),
    ('<img src="//evil.example/pixel.gif" alt="">', "does not load from this site"),
    ('<img src="/\\evil.example/pixel.gif" alt="">', "does not load from this site"),
    ('<img src="data:image/svg+xml,<svg/>" alt="">', "does not load from this site"),
    ('<div data-md-component="search">x</div>', "attribute 'data-md-component' on <div>"),
    ('<a href="https://example.org/" target="_blank">x</a>', "attribute 'target' on <a>"),
    ('<p id="a" id="b">x</p>', "attribute 'id' on <p> is written twice"),
    ('<kbd>K</kbd>', "element <kbd>"),
    ('<x-widget>x</x-widget>', "element <x-widget>"),
    ('<!DOCTYPE html><p>x</p>', "reads otherwise than it is written"),
    ('<svg><![CDATA[<img src=x onerror=alert(1)>]]></svg>', "reads otherwise than it is written"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "element <noscript>"),
]


@pytest.mark.parametrize("html, named", FORBIDDEN, ids=[f[1] + f" {i}" for i, f in enumerate(FORBIDDEN)])
def test_each_forbidden_thing_is_reported_by_name(html, named):
    found = html_policy.violations(f"<p>Before.</p>\n{html}\n<p>After.</p>")
    assert found, f"{html!r} passed the allow-list"
    assert any(named in v.what for v in found), [v.what for v in found]
    assert all(v.fix for v in found)


def test_table_alignment_is_explained():
    html = READER.reset().convert("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    found = html_policy.problems(html, "Text\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n", "docs/en/x.md")
    assert found and all(p.line == 4 for p in found)
    assert "separator row" in found[0].fix


def test_problems_point_at_the_line_that_wrote_them():
    source = "# T\n\nText {{ fig(\"x\") }}\n\n<script>one()</script>\n\n<script>two()</script>\n\n[x](javascript:alert(1))\n"
    html = ('<h1>T</h1><p>Text <a href="#a" onclick="from_a_macro()">x</a></p><script>one()</script>'
            '<script>two()</script><p><a href="javascript:alert(1)">x</a></p>')
    found = html_policy.problems(html, source, "docs/ru/x.md")
    lines = [(p.line, p.what.split(" is ")[0]) for p in found]
    assert lines == [(1, "event handler 'onclick' on <a>"), (5, "element <script>"), (7, "element <script>"),
                     (9, '<a href="javascript:alert(1)">')], lines
    assert str(found[1]).startswith("docs/ru/x.md:5: element <script> is not allowed in a page — ")


def test_page_sources_are_read_without_their_macros():
    source = "# T\n\n{{ chart(\"investment\") }}\n{% if x %}<em>x</em>{% endif %}\n{# <script> #}\n\n<script>x()</script>\n"
    found = html_policy.source_problems(source, "docs/en/x.md", READER)
    assert [(p.line, p.what) for p in found] == [(7, "element <script> is not allowed in a page")]
    assert html_policy.source_problems("{{ broken", "docs/en/x.md", READER) == []  # make check reports the syntax


@pytest.mark.parametrize("url, ok", [
    ("a.png", True), ("../assets/a.png", True), ("/dossier/assets/a.png", True), ("a.png?v=1#x", True),
    ("https://evil.example/a.png", False), ("//evil.example/a.png", False), ("/\\evil.example/a.png", False),
    ("\\\\evil.example\\a.png", False), (" //evil.example/a.png", False), ("/\t/evil.example/a.png", False),
    ("data:image/png;base64,AAAA", False), ("javascript:alert(1)", False), ("HTTPS://evil.example/", False),
])
def test_resources_come_from_the_site_only(url, ok):
    assert html_policy.same_site(url) is ok


def test_the_real_pages_pass():
    for lang in ("ru", "en"):
        for page in sorted((ROOT / "docs" / lang).rglob("*.md")):
            assert html_policy.source_problems(page.read_text(encoding="utf-8"), page.name, READER) == [], page


TRICKY = [  # what the sanitiser's serialiser writes that a quick reader could get wrong
    '<p title="a &quot;b&quot; <c> &amp; d">x &lt;y&gt; &amp;&nbsp;z</p>',
    "<pre>\nline\r\nnext</pre><!-- a -- comment > with marks --><p>after</p>",
    '<table><tr><td>1</td></tr></table><table><tbody class="x"><tr><td>2</td></tr></tbody></table>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="10" aria-hidden="true"><rect x="1" y="2" width="30%" height="4"></rect>'
    '<text x="50%" y="2">t</text></svg>',
    '<p>a<br>b<img src="a.png" alt="">c<em>d</em>e</p>',
]


@pytest.mark.parametrize("html", TRICKY + [f[0] for f in FORBIDDEN] + [MARKDOWN])
def test_the_quick_reading_of_sanitised_html_is_the_parsers(html):
    """violations() passes a page when the quick reading of the sanitiser's output equals the
    parser's reading of the page: the quick reading must be the parser's, or it says None."""
    if html is MARKDOWN:
        html = READER.reset().convert(MARKDOWN)
    clean = html_policy.sanitised(f"<p>Before.</p>\n{html}\n<p>After.</p>")
    assert html_policy.serialised_tokens(clean) in (None, html_policy.tokens(clean, False))


@pytest.mark.parametrize("html", ["<p>a < b</p>", "<p>x</p><!DOCTYPE html>", "<p>x</p><?php ?>", '<p title=x>y</p>'])
def test_the_quick_reading_gives_up_on_anything_else(html):
    assert html_policy.serialised_tokens(html) is None


def test_make_checks_memory_of_a_page_answers_only_for_the_same_page_name_and_extensions():
    policy = html_policy

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    reader = policy.markdown_reader(config)
    bad = "# T\n\n<script>alert(1)</script>\n"
    first = policy.source_problems(bad, "docs/en/a.md", reader)
    assert first and first == policy.source_problems(bad, "docs/en/a.md", reader)
    assert policy.source_problems(bad, "docs/ru/a.md", reader)[0].path == "docs/ru/a.md"
    assert not policy.source_problems("# T\n\nplain\n", "docs/en/a.md", reader)
    other = policy.markdown_reader(config.replace("markdown_extensions:", "markdown_extensions:\n  - nl2br", 1))
    assert other.dossier_config != reader.dossier_config  # another configuration is another key
