"""The checks `make check` (macros/check.py) and the build (hooks/page_checks.py, hooks/site.py) share:
every problem in the data and in the pages, in `make check`'s words.

Loads the data as the build does, then reads each page of docs/ru and docs/en as a Jinja
template (without building the site) and tries every macro call it makes, with the page's
language; checks every link in the pages' prose against the pages and anchors of its edition
(the anchors the macros emit taken from their output), the page set and the nav, and that both
languages of a page make the same calls and carry the same { #anchors }. hooks/page_checks.py
runs the page-set, nav and link checks in the build, so both say the same words.
Each problem reads `path:line: record-id: what — how to fix`.
"""
from __future__ import annotations

import difflib
import fnmatch
import inspect
import json
import posixpath
import re
from pathlib import Path

import yaml
from jinja2 import nodes
from markdown.extensions.toc import slugify, unique

from . import (
    figlink,
    html_policy,
    inline,
    languages,
    links,
    own_text,
    own_words,
    page_source,
    paths,
    template_policy,
    terminology,
    typography,
)
from .docs_files import docs_problems, name_problems
from .languages import published
from .load import load_dossier, read_checked
from .model import Dossier
from .paths import folder_digest, symlink_problems
from .problems import DossierError, Problem
from .site import UnknownId, macro_table
from .yamlfile import YamlProblem, one_reading, read_yaml

ROOT = Path(__file__).resolve().parent.parent


def editions(root: Path = ROOT) -> tuple[str, ...]:
    """The editions of the project at `root` (its data/languages.yml); while that file has problems (the
    loader reports them), the language folders of its docs/."""
    try:
        return published(root / "data")
    except (DossierError, OSError):
        docs = root / "docs"
        folders = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name.isalpha() and len(p.name) <= 3) \
            if docs.is_dir() else []
        try:  # in the order of the code's own table (the default edition first), then any other folder
            order = published()
        except (DossierError, OSError):
            order = ()
        return tuple([c for c in order if c in folders] + [c for c in folders if c not in order])


def check(root: Path = ROOT) -> list[Problem]:
    """All problems of the project at `root` (data first, then pages); each data file parsed once."""
    with one_reading():
        return _check(root)


def _check(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    dossier = None
    try:
        dossier = load_dossier(root / "data")
    except DossierError as exc:
        problems.extend(exc.problems)
    docs = root / "docs"
    langs = editions(root)
    problems.extend(p for p in symlink_problems(root) if p not in problems)  # the loader names data/'s too
    problems.extend(docs_problems(docs, root, langs) + name_problems(root / "data", root))
    problems.extend(one_language_pages(docs))
    problems.extend(nav_problems(root))
    problems.extend(missing_pages(listed_records(dossier, root / "data"), docs))
    ids = None if dossier else raw_ids(root / "data")
    config = root / "mkdocs.yml"
    reader = html_policy.markdown_reader(config.read_text(encoding="utf-8") if config.exists() else "")
    terms = terms_of(root / "data", problems)
    problems.extend(data_wording_problems(root / "data", terms))
    prints = own_words.prints_of(root / "data")
    problems.extend(data_copy_problems(root / "data", prints))
    sources: dict[str, dict[str, str]] = {lang: {} for lang in langs}  # lang -> page -> its markdown
    calls: dict[str, dict[str, list]] = {lang: {} for lang in langs}  # lang -> page -> its macro calls
    for lang in langs:
        for page in sorted((docs / lang).rglob("*.md")):
            if page.is_symlink():  # named above; its target is not read
                continue
            rel, shown = page.relative_to(docs / lang).as_posix(), page.relative_to(root).as_posix()
            text, unreadable = page_source.read(page, shown)
            if text is None:
                problems.extend(unreadable)
                continue
            found, readable = page_source.checked(text, shown)
            problems.extend(found)
            if not readable:  # its other checks would take minutes or fail: this page is reported alone
                continue
            sources[lang][rel], calls[lang][rel] = text, []
            problems.extend(page_problems(page, root, lang, dossier, ids, calls[lang][rel], text))
            problems.extend(html_policy.source_problems(text, page.relative_to(root).as_posix(), reader))
            problems.extend(digit_problems(page.relative_to(root).as_posix(), text))
            problems.extend(wording_problems(page.relative_to(root).as_posix(), own_prose(text), lang, terms))
            problems.extend(page_copy_problems(shown, text, lang, prints))
    for lang in langs:
        index = file_index(docs / lang, {rel: page_anchors(text, calls[lang][rel] if dossier else None)
                                         for rel, text in sources[lang].items()})
        for rel, text in sources[lang].items():
            problems.extend(link_problems(f"docs/{lang}/{rel}", rel, text, index))
    problems.extend(edition_problems(sources, calls))
    return problems


# --- typography and terminology of the dossier's own text ---------------------------------------

def terms_of(data: Path, problems: list[Problem]) -> tuple[terminology.Rule, ...]:
    """data/terminology.yml, read and schema-checked as the loader reads its files (optional)."""
    path = data / terminology.FILE
    f = read_checked(data, path, "terminology.schema.json", problems) if path.exists() else None
    return terminology.from_data(f.data) if f else ()


def _located(shown: str, text: str, found, line: int | None = None, record: str | None = None) -> list[Problem]:
    """(offset, what, fix) found in `text` as problems: at the line of the offset, or at `line`."""
    return [Problem(shown, line if line is not None else text.count("\n", 0, at) + 1, record, what, fix)
            for at, what, fix in found]


def wording_problems(shown: str, prose: str, lang: str, terms) -> list[Problem]:
    """Straight quotes, numbers parted from their units and avoided terms in a page's own prose."""
    return _located(shown, prose, [*typography.problems(prose, lang), *terminology.problems(terms, prose, lang)])


_wording_memo: dict[str, list[Problem]] = {}  # one process: data/ seen before (tests, a checking loop)


def data_wording_problems(data: Path, terms) -> list[Problem]:
    """The same in data/'s own texts, the renderings of source paragraphs included (a quote's rendering is
    shown as its paragraph's rendering writes it: inline.quote_rendering). The answer
    depends on data/'s files and the terms alone: the same files and terms are answered from memory."""
    digest = folder_digest(data)
    if digest is None:  # a symlink under data/: the loader reports it; nothing is remembered
        return _data_wording_problems(data, terms)
    key = f"{digest}\0{data.name}\0{terms!r}"  # messages name data/'s folder
    if key not in _wording_memo:
        if len(_wording_memo) > 1_000:
            _wording_memo.clear()
        _wording_memo[key] = _data_wording_problems(data, terms)
    return list(_wording_memo[key])


_texts_memo: dict[str, list[own_text.OwnText]] = {}


def _own_texts(data: Path) -> list[own_text.OwnText]:
    """data/'s own texts, read once per state of the folder: the wording and the copy checks both read them."""
    langs = frozenset(editions(data.parent))
    digest = folder_digest(data)
    if digest is None:  # a symlink under data/: the loader reports it; nothing is remembered
        return own_text.data_texts(data, langs)
    key = f"{digest}\0{data.name}\0{sorted(langs)}"
    if key not in _texts_memo:
        if len(_texts_memo) > 100:
            _texts_memo.clear()
        _texts_memo[key] = own_text.data_texts(data, langs)
    return _texts_memo[key]


def _data_wording_problems(data: Path, terms) -> list[Problem]:
    found = []
    for t in _own_texts(data):
        marks = typography.problems(t.text, t.lang)
        found.extend(_located(t.shown, t.text, [*marks, *terminology.problems(terms, t.text, t.lang)], t.line, t.record))
    return found


# Fields that name (who states a fact, a publisher, a title, a person's post) or render a reproduced source:
# a name or a title is not a sentence, and may be the publisher's own words.
_NAMES = frozenset({"renderings", "stated_by", "publisher", "name", "affiliation", "title", "short_title", "kind",
                    "translator", "translator_genitive"})


def data_copy_problems(data: Path, prints: dict[str, frozenset[str]]) -> list[Problem]:
    """The dossier's own texts in data/ (summaries, notes, labels, the glossary…) that follow a publisher's
    fingerprinted sentence for seven words (macros/own_words.py); not the renderings of a reproduced source."""
    if not prints:
        return []
    texts = [(t.shown, t.line, t.record, t.field or "text", t.lang, t.text)
             for t in _own_texts(data) if t.field not in _NAMES]
    return own_words.copy_problems(texts, prints)


def page_copy_problems(shown: str, text: str, lang: str, prints: dict[str, frozenset[str]]) -> list[Problem]:
    """A page's own prose that follows a fingerprinted sentence, at the line where the words stand."""
    if not prints:
        return []
    prose = own_prose(text)
    return own_words.copy_problems([(shown, prose.count("\n", 0, prose.find(line)) + 1 if line.strip() else None,
                                     None, "page text", lang, line) for line in prose.split("\n\n") if line.strip()], prints)


def own_prose(text: str) -> str:
    """A page's own prose: front matter, code, template expressions, tags, link targets and attribute lists blanked, lines kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group())  # noqa: E731
    return _ATTR_LIST.sub(blank, _TAG.sub(blank, _TARGET.sub(blank, _prose(_FRONT.sub(blank, text)))))


def raw_ids(data: Path) -> dict[str, set[str]]:
    """The ids the data files declare, read leniently: lets pages be checked while the data has problems."""
    def ids_in(path: Path) -> set[str]:
        if path.is_symlink():
            return set()
        try:  # the loader's bounded reader: a hostile file must not crash the check here either
            records, _ = read_yaml(path, path.name)
        except (OSError, YamlProblem):
            return set()
        records = records if isinstance(records, list) else [records]
        return {str(r["id"]) for r in records if isinstance(r, dict) and "id" in r}

    return {"figure": ids_in(data / "figures.yml"), "partner": ids_in(data / "partners.yml"),
            "resource": ids_in(data / "resources.yml"),
            "source": {p.stem for p in (data / "sources").glob("*.yml")}}


def missing_pages(records: list[tuple[str, str, str, int | None]], docs: Path) -> list[Problem]:
    """Every partner, resource and source (kind, id, file, line) has its page (the site links to it);
    one_language_pages names a page that some languages lack."""
    found = []
    for kind, rid, path, line in records:
        page = links.entity_page(kind, rid)
        langs = editions(docs.parent)
        missing = [f"docs/{lang}/{page}" for lang in langs if not (docs / lang / page).exists()]
        if len(missing) == len(langs):  # in some languages only: one_language_pages names the missing ones
            found.append(Problem(path, line, rid, f"{kind} has no page {' or '.join(missing)}",
                                 f"add {_listed(missing)} (see CONTRIBUTING.md); the menu lists it by itself"))
    return found


def listed_records(dossier: Dossier | None, data: Path) -> list[tuple[str, str, str, int | None]]:
    """(kind, id, file, line) of each partner, resource and source: from the dossier, or, while the data
    has problems, from the ids its files declare (raw_ids), so that a missing page is named in the same round."""
    if dossier:
        return ([("partner", e.id, e.where.path, e.where.line) for e in dossier.partners]
                + [("resource", e.id, e.where.path, e.where.line) for e in dossier.resources]
                + [("source", s.id, s.where.path, s.where.line) for s in dossier.sources.values()])
    ids = raw_ids(data)
    return ([("partner", i, "data/partners.yml", None) for i in sorted(ids["partner"])]
            + [("resource", i, "data/resources.yml", None) for i in sorted(ids["resource"])]
            + [("source", i, f"data/sources/{i}.yml", None) for i in sorted(ids["source"])])


def one_language_pages(docs: Path) -> list[Problem]:
    """A page must exist under the same name in every language folder."""
    langs = editions(docs.parent)
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")} if (docs / lang).is_dir()
             else set() for lang in langs}
    found = []
    for rel in sorted(set().union(*pages.values())):
        having = [lang for lang in langs if rel in pages[lang]]
        for other in (lang for lang in langs if rel not in pages[lang]):
            where = having[0]
            found.append(Problem(f"docs/{where}/{rel}", 1, None,
                                 f"the page is missing in {_lang_name(other)}: docs/{other}/{rel} does not exist "
                                 f"(it exists in {', '.join(_lang_name(h) for h in having)})",
                                 f"add docs/{other}/{rel} with the {_lang_name(other)} text (same file name, "
                                 f"same {{ #anchors }}), or remove the page from every language"))
    return found


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _lang_name(code: str) -> str:
    """A language's name in the language of the messages: 'Russian'."""
    found = languages.rules(code)
    return found.names.get(languages.message_language(), code) if found else code


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the build runs this check for each edition


def nav_problems(root: Path) -> list[Problem]:
    """Every page is in the nav (strict builds fail otherwise), and every nav entry has a page. The nav
    is mkdocs.yml's plus, after each section's index page, a page per record of data/ (hooks/site.py)."""
    config = root / "mkdocs.yml"
    if not config.exists():
        return []
    tree = yaml.compose(config.read_text(encoding="utf-8"), Loader=_LOADER)  # tags left uninterpreted
    top = {k.value: v for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    if "nav" not in top:
        return []
    entries = [(n.value, n.start_mark.line + 1) for n in _scalars(top["nav"]) if n.value.endswith(".md")]
    skip = top["not_in_nav"].value.split() if isinstance(top.get("not_in_nav"), yaml.ScalarNode) else []
    in_nav = {page for page, _ in entries}
    ids = raw_ids(root / "data")
    listed = links.listed_pages({kind: sorted(ids[kind]) for kind in links.LISTED_KINDS})
    for index, pages in listed.items():
        if index in in_nav:  # the data's pages follow it (hooks/site.py)
            in_nav |= set(pages)
    found = []
    langs = editions(root)
    for page, line in entries:
        missing = [lang for lang in langs if not (root / "docs" / lang / page).exists()]
        if len(missing) == len(langs):
            found.append(Problem("mkdocs.yml", line, None, f"nav entry '{page}' has no page",
                                 f"create {_listed([f'docs/{lang}/{page}' for lang in langs])}, or correct the entry"))
    pages = sorted({p.relative_to(root / "docs" / lang).as_posix()
                    for lang in langs for p in (root / "docs" / lang).rglob("*.md")})
    homes = {links.entity_page(kind, "index").split("/")[0]: kind for kind in links.LISTED_KINDS}
    indexed = {kind for kind in links.LISTED_KINDS if links.entity_page(kind, "index") in in_nav}
    for page in pages:
        paths = [page, *(f"{lang}/{page}" for lang in langs)]  # mkdocs matches not_in_nav from docs/: ru/partners/x.md
        if page not in in_nav and not any(fnmatch.fnmatch(path, pat.lstrip("/")) for pat in skip for path in paths):
            shown = next(f"docs/{lang}/{page}" for lang in langs if (root / "docs" / lang / page).exists())
            found.append(Problem(shown, None, None, "page is not in the navigation (the strict build stops on it)",
                                 _unlisted_fix(page, homes.get(page.split("/")[0]) if "/" in page else None, indexed)))
    return found


_DATA_FILE = {"partner": "data/partners.yml", "resource": "data/resources.yml", "source": "data/sources/<id>.yml"}


def _unlisted_fix(page: str, kind: str | None, indexed: set[str]) -> str:
    stem = page.rsplit("/", 1)[-1][:-3]
    if kind and kind not in indexed:
        return (f"add '- {links.entity_page(kind, 'index')}' to a section under nav: in mkdocs.yml (ask a maintainer); "
                f"every page of {_DATA_FILE[kind]} follows it by itself")
    if kind == "source":
        return f"a source's page is listed by its data: add data/sources/{stem}.yml, or remove the page"
    if kind:
        return (f"a {kind}'s page is listed by its data: add a record with id: {stem} to {_DATA_FILE[kind]}, "
                f"or remove the page")
    return f"add '- {page}' under nav: in mkdocs.yml (ask a maintainer); the menu title comes from the page's heading"


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)


def page_problems(page: Path, root: Path, lang: str, dossier: Dossier | None,
                  ids: dict[str, set[str]] | None = None, calls: list | None = None, text: str | None = None) -> list[Problem]:
    """Unknown macros, wrong arguments, unknown ids and forbidden expressions in one page.
    Each macro call with constant arguments is added to `calls` as (name, args, line, output, ok);
    output is None when it is not known (the call failed, or the data could not be loaded)."""
    shown = page.relative_to(root).as_posix()
    rel = page.relative_to(root / "docs" / lang).as_posix()
    current = {}
    table = macro_table(dossier, lambda: current["ctx"]) if dossier else macro_table(None, lambda: None)
    if dossier:
        current["ctx"] = inline.Ctx(dossier, lang, rel)
    tree, findings = template_policy.parsed(page.read_text(encoding="utf-8") if text is None else text, table)
    found = [Problem(shown, f.line, None, f.what, f.fix) for f in findings]
    if tree is None or any("macro calls, more than" in f.what for f in findings):
        return found
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in table:
            found.extend(_call_problems(shown, call, table[call.node.name], dossier, ids, calls))
    return sorted(found, key=lambda p: p.line or 0)


def _call_problems(shown: str, call: nodes.Call, fn, dossier, ids, calls: list | None = None) -> list[Problem]:
    name = call.node.name
    if call.dyn_args or call.dyn_kwargs or not all(isinstance(a, nodes.Const) for a in call.args):
        return []  # computed arguments: left to the build
    args = [a.value for a in call.args]
    kwargs = {k.key: k.value.value for k in call.kwargs if isinstance(k.value, nodes.Const)}
    signature = inspect.signature(fn)
    try:
        bound = signature.bind(*args, **kwargs).arguments
    except TypeError:
        params = list(signature.parameters)
        given = len(args) + len(kwargs)
        return [Problem(shown, call.lineno, None, f"macro '{name}' takes {len(params)} argument{'s' * (len(params) != 1)}"
                        f" ({', '.join(params) or 'none'}), not {given}", f"call it as {name}({', '.join(params)})")]
    try:
        if dossier is None:  # the data has problems (listed above): check the ids it declares
            _check_ids(bound, ids or {})
            output = None
        else:
            output = fn(*args, **kwargs)
    except KeyError as exc:  # UnknownId carries what/fix; other KeyErrors say what they miss
        what = getattr(exc, "what", f"{name}: {exc}")
        fix = getattr(exc, "fix", "check the ids given to the macro against data/")
        output = None
        found = [Problem(shown, call.lineno, None, what, fix)]
    else:
        found = []
    if calls is not None:
        given = tuple(args) + tuple(sorted(kwargs.items()))
        calls.append((name, given, call.lineno, output, not found))
    return found


def _check_ids(bound: dict, ids: dict[str, set[str]]) -> None:
    """Id arguments by the macros' parameter names: fid (figure), sid (source), kind + eid."""
    for param, kind in (("fid", "figure"), ("sid", "source")):
        if param in bound and ids.get(kind) and bound[param] not in ids[kind]:
            raise UnknownId(kind, bound[param], ids[kind])
    kind = bound.get("kind")
    if kind is not None and kind not in ("partner", "resource"):
        raise UnknownId("kind", kind, ("partner", "resource"))
    if "eid" in bound and ids.get(kind) and bound["eid"] not in ids[kind]:
        raise UnknownId(kind, bound["eid"], ids[kind])


# --- links and anchors in prose ---------------------------------------------------------------
# The build (hooks/page_checks.py) runs link_problems too, on the same index, so both say the same.

_OPENER = re.compile(r"^ {0,3}(```|~~~)|`|\{\{|\{%|\{#|<!--", re.M)  # what _prose blanks, up to its closer
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}", "<!--": "-->"}
_LINK = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?([^()\s>]*)>?(?:\s+[\"'(][^()\n]*)?\)"
                   r"|^ {0,3}\[[^\[\]\n]+\]:\s*<?([^\s>]+)|\bhref\s*=\s*[\"']([^\"'\n<>]*)[\"']", re.M)
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[.#][\w:-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))[ \t]*)+\}")
_HTML_ID = re.compile(r"id\s*=\s*[\"']([^\"'\n<>]+)[\"']")  # a word boundary in the pattern is 30x slower
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.M)  # the title: group 1 without its closing #s
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _prose(text: str) -> str:
    """The page's own prose: code, template expressions and comments blanked, lines kept. One pass:
    an opener whose kind has no closer left in the page is text, and is never searched again."""
    pieces, kept, at, dead = [], 0, 0, set()
    while (m := _OPENER.search(text, at)):
        kind, start = m.group(1) or m.group(), m.start()
        end = None
        if kind not in dead:
            if m.group(1):  # a fenced block: to the line of the same fence
                close = re.compile(r"^ {0,3}" + re.escape(kind) + r"[^\n]*$", re.M).search(text, text.find("\n", m.end()) + 1 or len(text))
                end = close.end() if close and text.find("\n", m.end()) >= 0 else None
            elif kind == "`":  # inline code: closed on the same line, not empty
                line_end = text.find("\n", m.end())
                j = text.find("`", m.end(), len(text) if line_end < 0 else line_end)
                end = j + 1 if j > m.end() else None
            else:
                j = text.find(_CLOSER[kind], m.end())
                end = j + len(_CLOSER[kind]) if j >= 0 else None
            if end is None and kind != "`":
                dead.add(kind)
        if end is None:
            at = start + 1
            continue
        pieces += [text[kept:start], re.sub(r"[^\n]", " ", text[start:end])]
        kept = at = end
    return "".join(pieces) + text[kept:]


def anchors_in(markdown: str) -> set[str]:
    """The ids a page's markdown gives its HTML: { #anchor } / attr_list ids, id="..." in HTML,
    and the toc's ids of headings that have none of their own."""
    found = {i for m in _ATTR_LIST.finditer(markdown) for i in re.findall(r"(?<![\w-])#([\w:-]+)", m.group())}
    found |= {m.group(1) for m in _HTML_ID.finditer(markdown)
              if not m.start() or not (markdown[m.start() - 1].isalnum() or markdown[m.start() - 1] in "-_:")}
    fenced = "```" in markdown or "~~~" in markdown  # only a code block can hide a heading line
    for m in _HEADING.finditer(_prose(markdown) if fenced else markdown):
        if not _ATTR_LIST.search(m.group(1).rstrip(" \t#")):
            title = re.sub(r"<[^<>]+>|[*_`\[\]]|\([^()]*\)", "", m.group(1).rstrip(" \t#"))
            slug = slugify(title, "-")
            if slug:
                found.add(unique(slug, found))
    return found


def page_anchors(text: str, calls: list | None) -> set[str] | None:
    """A page's anchors as make check sees them: its markdown's and those its macro calls emitted
    (None, not known, when a call failed or the data could not be loaded)."""
    if calls is None and "{{" in text or any(c[3] is None for c in calls or []):
        return None
    return anchors_in(text + "\n" + "\n".join(str(c[3]) for c in calls or []))


def file_index(docs_lang: Path, anchors: dict[str, set[str] | None]) -> dict[str, set[str] | None]:
    """Every file of one edition by its path in the edition's folder, with the anchors of each page
    given in `anchors` (None for the others: a page a dirty rebuild did not render is not checked)."""
    docs = docs_lang.parent
    langs = editions(docs.parent)
    index: dict[str, set[str] | None] = {p.relative_to(docs_lang).as_posix(): None
                                         for p in docs_lang.rglob("*") if p.is_file() or p.is_symlink()}
    for p in docs.rglob("*"):  # files shared by the editions (docs/images/…): '../images/…' from a page
        if (p.is_file() or p.is_symlink()) and p.relative_to(docs).parts[0] not in langs:
            index["../" + p.relative_to(docs).as_posix()] = None
    index.update(anchors)
    return index


def link_problems(shown: str, rel: str, text: str, index: dict[str, set[str] | None]) -> list[Problem]:
    """Every link in a page's prose lands on a file of its edition, and on an anchor that page has.
    `shown` is the page as messages name it (docs/<lang>/<rel>)."""
    found = []
    edition = shown[: len(shown) - len(rel)]
    prose = _prose(text)
    for m in _LINK.finditer(prose):
        target = next(g for g in m.groups() if g is not None).strip()
        line = prose.count("\n", 0, m.start()) + 1
        problem = _link_problem(rel, target, index, edition)
        if problem:
            found.append(Problem(shown, line, None, *problem))
    return found


def _link_problem(rel: str, target: str, index: dict[str, set[str] | None], edition: str) -> tuple[str, str] | None:
    if not target or _SCHEME.match(target):
        return None  # an address on the web (html_policy checks its scheme), or an empty link
    path, _, anchor = target.partition("#")
    path = path.split("?")[0]
    here = posixpath.dirname(rel)
    if path.startswith("/"):
        return (f"link to '{target}' is absolute (it breaks in the other edition and in a preview)",
                f"write it relative to this page, e.g. '{posixpath.relpath(path.lstrip('/') or 'index.md', here or '.')}'")
    page = posixpath.normpath(posixpath.join(here, path)) if path else rel
    if path and page not in index:
        if page + "/index.md" in index or (page.rstrip("/") + "/index.md") in index:
            folder = posixpath.relpath(page.rstrip("/") + "/index.md", here or ".")
            return (f"link to '{target}' names a folder, not a page", f"link to its page: '{folder}'")
        pages = [posixpath.relpath(p, here or ".") for p in index if p.endswith(".md") == page.endswith(".md")]
        close = difflib.get_close_matches(path, pages, 1, 0.6)
        kind = "page" if page.endswith(".md") else "file"
        return (f"link to '{target}': there is no {kind} {posixpath.normpath(edition + page)}",
                (f"did you mean '{close[0]}'? " if close else "") + f"link to a {kind} of this edition, by its path "
                "relative to this page's folder")
    anchors = index.get(page)
    if not anchor or anchors is None or anchor in anchors:
        return None
    on = "this page" if page == rel else edition + page
    shown_on = sorted((p != links.FIGURES_PAGE, p) for p, a in index.items() if a and anchor in a)
    if anchor.startswith("fig-") and shown_on:
        there = posixpath.relpath(shown_on[0][1], here or ".")
        return (f"link to '{target}': figure '{anchor[4:]}' is not shown on {on}",
                f"link to it where it is shown: '{there}#{anchor}'")
    figures = sorted(a for a in anchors if a.startswith("fig-"))
    close = difflib.get_close_matches(anchor, figures if anchor.startswith("fig-") else sorted(anchors), 1, 0.6)
    if anchor.startswith("fig-") and not close:  # a figure shown elsewhere, misspelled
        elsewhere: dict[str, str] = {}  # figure anchor -> a page that shows it, the figures page first
        for p, found in sorted(index.items(), key=lambda i: (i[0] != links.FIGURES_PAGE, i[0])):
            for a in found or ():
                elsewhere.setdefault(a, p)
        elsewhere = {a: p for a, p in elsewhere.items() if a.startswith("fig-")}
        near = difflib.get_close_matches(anchor, sorted(elsewhere), 1, 0.6)
        if near:
            there = posixpath.relpath(elsewhere[near[0]], here or ".")
            return (f"link to '{target}': {on} has no anchor '#{anchor}'",
                    f"did you mean figure '{near[0][4:]}'? it is not shown on {on}: link to '{there}#{near[0]}'")
    hint = f"did you mean '#{close[0]}'" + (f" (figure '{close[0][4:]}')" if close[0].startswith("fig-") else "") + "? " if close else ""
    return (f"link to '{target}': {on} has no anchor '#{anchor}'",
            hint + "use an anchor the page has: a heading's { #anchor }, or fig-<figure id> of a figure it shows")


# --- the two languages of a page ----------------------------------------------------------------

def edition_problems(sources: dict[str, dict[str, str]], calls: dict[str, dict[str, list]]) -> list[Problem]:
    """Both languages of a page carry the same { #anchors } (links and the language switch land
    on them) and make the same macro calls (so they show the same figures)."""
    explicit = {lang: {rel: _explicit_anchors(text) for rel, text in pages.items()} for lang, pages in sources.items()}
    found = []
    for lang in sources:
        for rel in sorted(sources[lang]):
            for other in (o for o in sources if o != lang and rel in sources[o]):
                here, there = f"docs/{lang}/{rel}", f"docs/{other}/{rel}"
                only = f"in the {_lang_name(lang)} page only"
                for ident, line in explicit[lang][rel].items():
                    if ident not in explicit[other][rel]:
                        found.append(Problem(here, line, None, f"anchor '#{ident}' is {only}: {there} has no {{ #{ident} }}",
                                             f"give the same heading {{ #{ident} }} in {there}, or remove it here"))
                made, made_there = calls[lang].get(rel, []), calls[other].get(rel, [])
                if not all(c[4] for c in made + made_there):
                    continue  # a call that fails is named on its own; compare once both pages work
                theirs, missing = {(c[0], c[1]) for c in made_there}, {}
                for name, args, line, *_ in made:
                    if (name, args) not in theirs:
                        missing.setdefault((name, args), line)  # named once, at its first call
                for (name, args), line in missing.items():
                    found.append(Problem(here, line, None, f"{_call_text(name, args)} is {only}, not in {there}",
                                         f"every edition of a page shows the same figures: add it to {there}, or remove it here"))
    return found


def _call_text(name: str, args: tuple) -> str:
    shown = (f"{a[0]}={json.dumps(a[1], ensure_ascii=False)}" if isinstance(a, tuple) else json.dumps(a, ensure_ascii=False)
             for a in args)
    return f"{{{{ {name}({', '.join(shown)}) }}}}"


def _explicit_anchors(text: str) -> dict[str, int]:
    """The { #anchor } ids a page's own markdown gives, with their lines."""
    prose = _prose(text)
    return {i: prose.count("\n", 0, m.start()) + 1 for m in _ATTR_LIST.finditer(prose)
            for i in re.findall(r"(?<![\w-])#([\w:-]+)", m.group())}


# --- nothing unsourced: digits typed by hand in page prose ------------------------------------

_EXAMPLE_SPAN = re.compile(r"<span\b[^<>]*\bclass\s*=\s*[\"'][^\"'<>]*\bdossier-example\b[^\"'<>]*[\"'][^<>]*>.*?</span>", re.S)
_EXAMPLE_BLOCK = re.compile(r"(?:^|\n\n)((?:(?!\n\n).)*?\{:?[ \t]*[^{}\n]*\.dossier-example\b[^{}\n]*\})", re.S)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TAG = re.compile(r"<[^<>\n]*>")
_TARGET = re.compile(r"\]\([^()\n]*\)|^ {0,3}\[[^\[\]\n]+\]:.*$", re.M)
_TYPED = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def digit_problems(shown: str, text: str) -> list[Problem]:
    """A digit in a page's prose outside macro calls, code, { #anchors }, link targets, tags,
    passages marked as examples (<span class="dossier-example">…</span> or a { .dossier-example } attr_list)
    and the title of a source page (the source's own title)."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group())  # noqa: E731
    prose = _FRONT.sub(blank, text)
    if "/sources/" in shown and not shown.endswith("/index.md"):  # a source page's title is the source's, as published
        prose = re.sub(r"^# .*$", blank, prose, count=1, flags=re.M)
    last = prose.rfind("</span>") + len("</span>")  # no example span starts after the last </span>
    prose = _EXAMPLE_BLOCK.sub(blank, _EXAMPLE_SPAN.sub(blank, prose[:last]) + prose[last:] if last > 6 else prose)
    prose = _ATTR_LIST.sub(blank, _TAG.sub(blank, _TARGET.sub(blank, _prose(prose))))
    prose = re.sub(r"^ {0,3}(\d+)([.)] )", lambda m: " " * len(m.group(1)) + m.group(2), prose, flags=re.M)  # list numbers
    found = []
    for m in _TYPED.finditer(prose):
        line = prose.count("\n", 0, m.start()) + 1
        found.append(Problem(shown, line, None, f"a digit typed by hand ('{m.group()}')",
                             "show it through a macro ({{ fig(\"<id>\") }} for a figure, {{ obs(\"<id>\") }} for an "
                             "observation of a referenced source), or mark an example: <span class=\"dossier-example\">…</span> or { .dossier-example }"))
    return found


def _source_page(shown: str) -> bool:
    return "/sources/" in shown and not shown.endswith("/index.md")  # its title is the source's (digit_problems)


def _digit_problems(shown: str, found_digits: list[str], markdown: str) -> list[Problem]:
    found = []
    for digits in dict.fromkeys(found_digits):
        at = markdown.find(digits)
        line = markdown.count("\n", 0, at) + 1 if at >= 0 else None
        found.append(Problem(shown, line, None, f"a digit typed by hand ('{digits}')",
                             "fix: show it through {{ fig(\"<id>\") }} or {{ obs(\"<id>\") }}; a number the dossier counts "
                             "itself is printed by a macro that marks it (data-generated); a sample of a format goes in "
                             "<span class=\"dossier-example\">…</span> or { .dossier-example }"))
    return found


def built_digit_problems(shown: str, html: str, markdown: str = "") -> list[Problem]:
    """A digit in a built page's <article> outside the marked elements (macros/figlink.py): typed by
    hand in the page or in a text the macros print unmarked. The line is the first of the page's
    markdown that has the digits, when it has them."""
    return _digit_problems(shown, figlink.typed_digits_in_article(html, title_cited=_source_page(shown)), markdown)


def written_page_problems(docs: Path, project: Path, langs) -> list[Problem]:
    """Every page as written, before any is rendered (the build asks first): its characters, front matter,
    limits and template (macro calls only, within their number): all pages' problems in one round."""
    found = []
    macros = macro_table(None, lambda: None)
    for lang in langs:
        for page in sorted((docs / lang).rglob("*.md")):
            shown = paths.shown(page, project)
            text, unreadable = page_source.read(page, shown)
            if text is None:
                found += unreadable
                continue
            problems, readable = page_source.checked(text, shown)
            found += problems
            if readable:
                found += [Problem(shown, f.line, None, f.what, f.fix) for f in template_policy.parsed(text, macros)[1]]
    return found


def content_problems(html: str, markdown: str, shown: str, title: str | None = None) -> list[Problem]:
    """Every check of a page's content as markdown and macros made it (the build's HTML of the page, before
    the theme wraps it), from one reading of it: the allow-list, the page's own markers, and no digit typed
    by hand outside the marked elements. `title`: the page's title, which the theme prints as the article's
    <h1> when the content has none."""
    reading = html_policy.read(html)
    found = html_policy.problems(html, markdown, shown, reading.out) + html_policy.own_marker_problems(markdown, shown)
    if found:
        return found
    digits = figlink.typed_digits(reading.events, title_cited=_source_page(shown))
    if title and "<h1" not in html and not _source_page(shown):
        digits += figlink.typed_digits([("text", title)])
    return _digit_problems(shown, digits, markdown)
