"""What the HTML of a page may contain: one allow-list, enforced with nh3 (the Ammonia sanitiser).

The list is what the dossier's pages use: the markup of the configured markdown extensions, the
macros' output (render.py, charts.py with its SVG, glossary.py, downloads.py) and nothing else.
A page loads nothing from another host: images come from the site itself, there are no scripts,
styles or frames; links may lead anywhere over http(s) or mailto, or inside the site.

`violations(html)` sanitises the HTML with the allow-list and compares the result with the input,
both read by one tokeniser: every difference is a violation, named and explained. Nothing is
stripped: the build stops (hooks/html_policy.py) and `make check` reports (check.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from . import figlink, page_meta
from .problems import Problem

_HTML = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "dfn", "mark", "span", "div", "section", "sup",
    "details", "summary", "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}
_SVG = {"svg", "rect", "text"}  # what charts.py draws: bars, scales and their tick labels (its text is HTML)
TAGS = frozenset(_HTML | _SVG)

GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "role",
                               "aria-label", "aria-labelledby", "aria-describedby",
                               figlink.GENERATED, figlink.CITED})  # figlink.py: where a number comes from
ATTRIBUTES = {
    "a": {"href", "download", "type", *figlink.ATTRIBUTES, "data-obs", "data-verdict"},  # observations.py: a.obs
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"scope"},
    "div": {"tabindex"},  # a table's own scroll container (render.scroll, charts.py), reachable by keyboard
    "mark": {"data-figs"},
    "section": {"data-cite"},
    "tr": {"data-cite-figure", "data-cite-source", "data-partners", "data-resources", "data-kind", "data-verdict", "data-sort"},
    "td": {"data-label"},  # the column's name, shown beside the cell when a narrow screen stacks the row
    "svg": {"xmlns", "width", "height", "aria-hidden"},  # aria-hidden: a bar drawn inside its link
    "rect": {"x", "y", "width", "height"},
    "text": {"x", "y"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})  # besides relative addresses and #anchors
RESOURCES = frozenset({("img", "src")})  # attributes that make the browser fetch: this site only

_WHERE = "macros/html_policy.py"


def same_site(url: str) -> bool:
    """A relative address (path, ?query or #anchor) that cannot name another host."""
    url = url.replace("\t", "").replace("\n", "").replace("\r", "").strip(" \f\x00")
    if url[:2].replace("\\", "/") == "//" or url[:1] == "\\":
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc


def _keep(tag: str, attribute: str, value: str) -> str | None:
    return value if (tag, attribute) not in RESOURCES or same_site(value) else None


def sanitised(html: str) -> str:
    """The HTML as the allow-list leaves it."""
    return nh3.clean(html, tags=set(TAGS), attributes={"*": set(GLOBAL_ATTRIBUTES), **ATTRIBUTES},
                     attribute_filter=_keep, url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=False)


# --- the comparison ------------------------------------------------------------------------

class _Tokens(HTMLParser):
    """Start tags with their attributes, text and comments; end tags are left out (the sanitiser
    closes what the author left open). `written=True` reads HTML as an author wrote it: the
    newline right after <pre> is not content (the sanitiser's output has it dropped already).
    `events` is the same reading with end tags, in figlink.typed_digits' form: the page's other checks
    read it instead of parsing the page again."""

    def __init__(self, written: bool):
        super().__init__(convert_charrefs=True)
        self.written = written
        self.out: list[tuple] = []
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("<", tag, attrs))
        self._start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def _start(self, tag, attrs):
        if tag == "tbody" and not attrs:  # the parser adds <tbody> to a table written without it
            return
        self.out.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        self.events.append(("/", tag))

    def handle_data(self, data):
        self.events.append(("text", data))
        last = self.out[-1] if self.out else None
        if self.written and last and last[0] == "<" and last[1] in ("pre", "textarea", "listing") and data[:1] == "\n":
            data = data[1:]
        if not data:
            return
        if last and last[0] == "text":
            self.out[-1] = ("text", last[1] + data)
        else:
            self.out.append(("text", data))

    def handle_comment(self, data):
        self.out.append(("<!--", data))

    def handle_decl(self, decl):
        self.out.append(("<!", decl))

    unknown_decl = handle_decl

    def handle_pi(self, data):
        self.out.append(("<?", data))


def tokens(html: str, written: bool) -> list[tuple]:
    return read(html, written).out


def read(html: str, written: bool = True) -> _Tokens:
    """A page's HTML parsed once: `.out` (the allow-list's tokens) and `.events` (the digit check's)."""
    reader = _Tokens(written)
    reader.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    reader.close()
    return reader


# nh3's output is serialised by html5ever in one regular form: lower-case names, every attribute value
# in double quotes (a '"' in it written &quot;), '<' in text always &lt;. Read in that form, it
# gives tokens() cheaply; anything else in it and serialised_tokens() says None (tokens() reads it).
_SERIALISED = re.compile(r'<(?:(/?)([a-z][^\s/>]*)((?:\s+[^\s"\'=<>/]+(?:="[^"]*")?)*)\s*/?>|!--(.*?)-->)', re.S)
_ATTRIBUTE = re.compile(r'([^\s"\'=<>/]+)(?:="([^"]*)")?')


def serialised_tokens(html: str) -> list[tuple] | None:
    """tokens(html, written=False) for HTML as the sanitiser writes it; None for anything else."""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    out: list[tuple] = []
    at = 0

    def text(data: str) -> bool:
        if "<" in data:
            return False
        if data:
            data = unescape(data) if "&" in data else data
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + data)
            else:
                out.append(("text", data))
        return True

    for m in _SERIALISED.finditer(html):
        if not text(html[at:m.start()]):
            return None
        at = m.end()
        closing, tag, attributes, comment = m.groups()
        if comment is not None:
            out.append(("<!--", comment))
        elif not closing:
            attrs = tuple(sorted((k.lower(), (unescape(v) if "&" in v else v)) for k, v in _ATTRIBUTE.findall(attributes)))
            if not (tag == "tbody" and not attrs):
                out.append(("<", tag, attrs))
    return out if text(html[at:]) else None


@dataclass(frozen=True)
class Violation:
    what: str
    fix: str
    needles: tuple[str, ...]  # text to look for in the page's source, most telling first


def violations(html: str, written: list[tuple] | None = None) -> list[Violation]:
    """Everything in `html` that the allow-list does not let through, in document order. `written`: its
    tokens, when the caller has read the page already."""
    written, clean = tokens(html, True) if written is None else written, sanitised(html)
    if serialised_tokens(clean) == written:  # the usual page: one reading by the slow tokeniser, not two
        return []
    kept = tokens(clean, False)
    if written == kept:
        return []
    a, b = [t[:2] for t in written], [t[:2] for t in kept]
    start = 0  # the common head and tail are the same tokens: only the middle is compared
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle = (written[start:len(written) - end], kept[start:len(kept) - end])
    return [*_attributes(written[:start], kept[:start]),
            *(_compared(*middle) if len(middle[0]) * len(middle[1]) <= _QUADRATIC_LIMIT else _walked(*middle)),
            *_attributes(written[len(written) - end:], kept[len(kept) - end:])][:_MAX_FOUND]


def _attributes(written: list[tuple], kept: list[tuple]) -> list[Violation]:
    """Of the same elements, in the same order: the attributes the list does not keep."""
    return [_attribute(w[1], n, v, w[2]) for w, k in zip(written, kept) if w[0] == "<" and w != k
            for n, v in w[2] if (n, v) not in k[2]]


# Token pairs SequenceMatcher may compare (its cost grows with their product: 4,000 x 4,000 took 14 s);
# past it a linear walk names the same violations, in less telling words where the markup is tangled.
_QUADRATIC_LIMIT = 250_000
_WINDOW = 64  # how far the walk looks ahead in the sanitised tokens for the written one
_MAX_FOUND = 50  # the build stops on the first: a page with thousands names the first fifty


def _compared(written: list[tuple], kept: list[tuple]) -> list[Violation]:
    key = [t[:2] for t in written], [t[:2] for t in kept]
    found: list[Violation] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if op == "equal":
            for a, b in zip(written[i1:i2], kept[j1:j2]):
                if a != b:
                    found.extend(_attribute(a[1], name, value, a[2]) for name, value in a[2] if (name, value) not in b[2])
            continue
        removed = [_element(t[1]) for t in written[i1:i2] if t[0] == "<" and t[1] not in TAGS]
        found.extend(removed or [_unreadable(written[i1:i2] or kept[j1:j2])])
    return found


def _walked(written: list[tuple], kept: list[tuple]) -> list[Violation]:
    """The violations in time linear in the page: each written token is looked for a short way ahead in
    the sanitised ones; what is not there was removed (a refused element) or changed (unreadable markup)."""
    found: list[Violation] = []
    j, refused = 0, False
    for t in written:
        if len(found) >= _MAX_FOUND:
            break
        ahead = next((k for k in range(j, min(j + _WINDOW, len(kept))) if kept[k][:2] == t[:2]), None)
        if ahead is None:
            if not (refused and t[0] == "text"):  # the text of a refused element (a script's code) goes with it
                found.append(_element(t[1]) if t[0] == "<" and t[1] not in TAGS else _unreadable([t]))
            refused = t[0] == "<" and t[1] not in TAGS
            continue
        refused = False
        if ahead > j and t[0] != "text":
            found.append(_unreadable(kept[j:ahead]))
        found.extend(_attribute(t[1], n, v, t[2]) for n, v in (t[2] if t[0] == "<" else ()) if (n, v) not in kept[ahead][2])
        j = ahead + 1
    if not found:  # the walk lost its way without naming anything: still a violation
        found.append(_unreadable(written[:1] or kept[:1]))
    return found


# --- what each violation means, and its fix ------------------------------------------------

_ELEMENT_FIX = {
    "script": "pages carry no scripts (the site's own are the maintainers', in overrides/assets/); remove it",
    "style": "pages carry no CSS: remove it and use a class of the site's stylesheet (overrides/assets/dossier.css), e.g. { .dossier-fig-note }",
    "link": "pages load nothing: remove it",
    "iframe": "pages embed nothing from other sites: link to it instead, [title](https://…)",
    "object": "pages embed nothing from other sites: link to it instead, [title](https://…)",
    "embed": "pages embed nothing from other sites: link to it instead, [title](https://…)",
}


def _element(tag: str) -> Violation:
    fix = _ELEMENT_FIX.get(tag, f"write it in markdown, or ask a maintainer to add <{tag}> to {_WHERE}")
    return Violation(f"element <{tag}> is not allowed in a page", fix, (f"<{tag}",))


def _attribute(tag: str, name: str, value: str, written: tuple) -> Violation:
    allowed = name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())
    shown = value if len(value) <= 60 else value[:57] + "…"
    if allowed and (tag, name) in RESOURCES:
        return Violation(f"<{tag} {name}=\"{shown}\"> does not load from this site",
                         "put the image under docs/images/ and give its relative address; "
                         "the site loads nothing from other hosts", (value, f"{name}="))
    if allowed and sum(n == name for n, _ in written) > 1:
        return Violation(f"attribute '{name}' on <{tag}> is written twice", "keep one of them",
                         (f"{name}=", name))
    if allowed and name == "href":
        return Violation(f"<{tag} {name}=\"{shown}\"> is not an address a page may link to",
                         "links may be https://, http://, mailto:, relative or #anchor", (value, f"{name}="))
    if allowed:
        return Violation(f"<{tag} {name}=\"{shown}\"> is not kept by the allow-list",
                         f"remove the attribute or change its value (the list is in {_WHERE})", (value, f"{name}="))
    if name.startswith("on"):
        return Violation(f"event handler '{name}' on <{tag}> is not allowed",
                         "pages carry no scripts: remove the attribute", (f"{name}=", name))
    if name == "style" and tag in ("th", "td") and "text-align" in value:
        return Violation(f"table column alignment writes style=\"{shown}\" on <{tag}>, which is not allowed",
                         "remove the ':' from the table's separator row (|---|, not |:--|); "
                         "inline CSS is blocked by the pages' Content-Security-Policy", ("|:", ":|", ":-", "-:"))
    if name == "style":
        return Violation(f"inline CSS style=\"{shown}\" on <{tag}> is not allowed",
                         "remove it and use a class of the site's stylesheet (overrides/assets/dossier.css), e.g. { .dossier-fig-note }",
                         ("style=", value))
    if name == "srcset":
        return Violation(f"'srcset' on <{tag}> is not allowed",
                         "give one image with src, a file under docs/images/; remove srcset", ("srcset",))
    others = sorted(GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set()))
    return Violation(f"attribute '{name}' on <{tag}> is not allowed",
                     f"remove it (<{tag}> may have {', '.join(others)}; the list is in {_WHERE})",
                     (f"{name}=", name))


def _unreadable(part: list[tuple]) -> Violation:
    first = part[0] if part else ("text", "")
    if first[0] == "<":
        near = f"<{first[1]}>"
    elif first[0] == "<!--":
        near = "<!--"
    elif first[0] in ("<!", "<?"):
        near = first[0] + first[1][:30]
    else:
        near = first[1].strip()[:40]
    return Violation(f"markup that a browser reads otherwise than it is written, near {near!r}",
                     "close every tag you open, in order, and keep to plain HTML elements (or write it in markdown)",
                     (near,) if near else ())


# --- where, in the page's source -----------------------------------------------------------

def problems(html: str, source: str, shown: str, written: list[tuple] | None = None) -> list[Problem]:
    """The violations of a page's HTML, each at the line of `source` (its markdown) where the
    offending text is written, outside any macro call; line 1 when a macro wrote it."""
    listed = violations(html, written)
    if not listed:
        return []
    lowered = (without_macros(source) or source).lower()
    after: dict[str, int] = {}  # a second <script> is looked for after the first one
    found, seen = [], set()
    for v in listed:
        line = 1
        for needle in v.needles:
            needle = needle.lower()
            at = lowered.find(needle, after.get(needle, 0)) if needle else -1
            if at < 0 and needle:
                at = lowered.find(needle)
            if at >= 0:
                after[needle] = at + 1
                line = lowered.count("\n", 0, at) + 1
                break
        if (line, v.what) not in seen:
            seen.add((line, v.what))
            found.append(Problem(shown, line, None, v.what, v.fix))
    return found


# --- page sources, for `make check` --------------------------------------------------------

_MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")  # mkdocs adds these to markdown_extensions


def markdown_reader(config_text: str):
    """A Python-Markdown converter with the extensions that mkdocs.yml (given as text) configures."""
    import markdown
    import yaml

    tree = yaml.compose(config_text, Loader=yaml.SafeLoader)  # tags left uninterpreted
    top = {k.value: v for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    names, configs = list(_MKDOCS_BUILTINS), {}
    listed = top.get("markdown_extensions")
    for item in listed.value if isinstance(listed, yaml.SequenceNode) else []:
        value = yaml.safe_load(yaml.serialize(item))
        name, options = next(iter(value.items())) if isinstance(value, dict) else (value, None)
        names.append(name)
        if options:
            configs[name] = options
    reader = markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)
    reader.dossier_config = config_text  # what its output depends on besides the page (source_problems' memo)
    return reader


def without_macros(text: str) -> str | None:
    """The page's markdown with every Jinja expression, statement and comment left out (line
    breaks kept); None if it is not a valid template (`make check` reports that already)."""
    import jinja2

    out = []
    try:
        for _, kind, value in jinja2.Environment().lex(text):
            out.append(value if kind == "data" else "\n" * value.count("\n"))
    except jinja2.TemplateSyntaxError:
        return None
    return "".join(out)


_source_memo: dict[tuple[str, str, str], list[Problem]] = {}  # one `make check` process: pages seen before


def source_problems(text: str, shown: str, reader) -> list[Problem]:
    """The allow-list applied to the HTML that a page's own markdown makes (macros left out). The answer
    depends on nothing else than the page, its name and mkdocs.yml's extensions: a process that checks the
    same page again (tests, a checking loop) reads it from memory."""
    config = getattr(reader, "dossier_config", None)  # None: a reader made elsewhere, not remembered
    key = (config, shown, text)
    if config is None or key not in _source_memo:
        plain = without_macros(page_meta.without_front_matter(text))
        found = []
        if plain is not None:
            reader.reset()
            found = problems(reader.convert(plain), text, shown) + own_marker_problems(text, shown)
        if config is None:
            return found
        if len(_source_memo) > 5_000:
            _source_memo.clear()
        _source_memo[key] = found
    return list(_source_memo[key])


def own_marker_problems(text: str, shown: str) -> list[Problem]:
    """A page may not write the markers of where a number comes from (figlink.MARKED_ATTRS) itself, in HTML or
    in an attribute list: they are the macros' word; the allow-list keeps them for the HTML the macros write."""
    plain = (without_macros(text) or text).lower()
    found = []
    for name in sorted(figlink.MARKED_ATTRS):
        at = plain.find(name)
        if at >= 0:
            found.append(Problem(shown, plain.count("\n", 0, at) + 1, None,
                                 f"the page writes '{name}' itself: only the dossier's macros mark where a number comes from",
                                 "remove it and show the number through a macro ({{ fig(\"<id>\") }}, {{ obs(\"<id>\") }})"))
    return found
