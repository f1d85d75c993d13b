"""`make check`: every problem in the data and in the pages' macro calls, in a few seconds.

Loads the data as the build does, then reads each page of docs/ru and docs/en as a Jinja
template (without building the site) and tries every macro call it makes, with the page's
language. Prints each problem as `path:line: record-id: what — how to fix`; exits 1 if any.
"""
from __future__ import annotations

import fnmatch
import inspect
import sys
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from . import html_policy, links, render, template_policy
from .languages import published
from .load import load_dossier
from .model import Dossier
from .paths import symlink_problems
from .problems import DossierError, Problem
from .site import UnknownId, macro_table
from .yamlfile import YamlProblem, read_yaml

ROOT = Path(__file__).resolve().parent.parent


def _editions() -> tuple[str, ...]:
    """The editions of data/languages.yml; while that file has problems (the loader reports them),
    the language folders of docs/."""
    try:
        return published(ROOT / "data")
    except DossierError:
        return tuple(sorted(p.name for p in (ROOT / "docs").iterdir() if p.is_dir() and p.name.isalpha() and len(p.name) <= 3))


LANGS = _editions()


def check(root: Path = ROOT) -> list[Problem]:
    """All problems of the project at `root` (data first, then pages)."""
    problems: list[Problem] = []
    dossier = None
    try:
        dossier = load_dossier(root / "data")
    except DossierError as exc:
        problems.extend(exc.problems)
    docs = root / "docs"
    problems.extend(p for p in symlink_problems(root) if p not in problems)  # the loader names data/'s too
    problems.extend(one_language_pages(docs))
    problems.extend(nav_problems(root))
    if dossier:
        problems.extend(missing_pages(dossier, docs))
    ids = None if dossier else raw_ids(root / "data")
    config = root / "mkdocs.yml"
    reader = html_policy.markdown_reader(config.read_text(encoding="utf-8") if config.exists() else "")
    for lang in LANGS:
        for page in sorted((docs / lang).rglob("*.md")):
            if page.is_symlink():  # named above; its target is not read
                continue
            problems.extend(page_problems(page, root, lang, dossier, ids))
            problems.extend(html_policy.source_problems(page.read_text(encoding="utf-8"),
                                                        page.relative_to(root).as_posix(), reader))
    return problems


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


def missing_pages(dossier: Dossier, docs: Path) -> list[Problem]:
    """Every partner, resource and source has its page in every language (the site links to it)."""
    wanted = [("partner", e, links.partner_page(e.id)) for e in dossier.partners]
    wanted += [("resource", e, links.resource_page(e.id)) for e in dossier.resources]
    wanted += [("source", s, links.source_page(s.id)) for s in dossier.sources.values()]
    found = []
    for kind, record, page in wanted:
        missing = [f"docs/{lang}/{page}" for lang in LANGS if not (docs / lang / page).exists()]
        nav = "" if kind == "source" else " and list it in mkdocs.yml nav"  # sources: the nav comes from the data
        if missing:
            found.append(Problem(record.where.path, record.where.line, record.id, f"{kind} has no page {' or '.join(missing)}",
                                 f"add {' and '.join(missing)} (see CONTRIBUTING.md){nav}"))
    return found


def one_language_pages(docs: Path) -> list[Problem]:
    """A page must exist under the same name in every language folder."""
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")} for lang in LANGS}
    found = []
    for lang in LANGS:
        for rel in sorted(pages[lang]):
            missing = [other for other in LANGS if other != lang and rel not in pages[other]]
            for other in missing:
                found.append(Problem(f"docs/{lang}/{rel}", None, None,
                                     f"page exists in {_LANG_NAME[lang]} only: docs/{other}/{rel} is missing",
                                     f"add docs/{other}/{rel} with the {_LANG_NAME[other]} text (same file name, "
                                     f"same {{ #anchors }}), or remove this page from both languages"))
    return found


_LANG_NAME = {"ru": "Russian", "en": "English"}


def nav_problems(root: Path) -> list[Problem]:
    """Every page is in the nav (strict builds fail otherwise), and every nav entry has a page. The nav
    is mkdocs.yml's plus a page per data/sources/<id>.yml after sources/index.md (hooks/site.py)."""
    config = root / "mkdocs.yml"
    if not config.exists():
        return []
    tree = yaml.compose(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)  # tags left uninterpreted
    top = {k.value: v for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    if "nav" not in top:
        return []
    entries = [(n.value, n.start_mark.line + 1) for n in _scalars(top["nav"]) if n.value.endswith(".md")]
    skip = top["not_in_nav"].value.split() if isinstance(top.get("not_in_nav"), yaml.ScalarNode) else []
    in_nav = {page for page, _ in entries}
    found = []
    if links.source_page("index") in in_nav:  # the sources' pages follow it (hooks/site.py)
        in_nav |= {links.source_page(p.stem) for p in (root / "data" / "sources").glob("*.yml")}
    for page, line in entries:
        missing = [lang for lang in LANGS if not (root / "docs" / lang / page).exists()]
        if len(missing) == len(LANGS):
            found.append(Problem("mkdocs.yml", line, None, f"nav entry '{page}' has no page",
                                 f"create docs/{LANGS[0]}/{page} and docs/{LANGS[1]}/{page}, or correct the entry"))
    pages = sorted({p.relative_to(root / "docs" / lang).as_posix()
                    for lang in LANGS for p in (root / "docs" / lang).rglob("*.md")})
    for page in pages:
        if page not in in_nav and not any(fnmatch.fnmatch(page, pat.lstrip("/")) for pat in skip):
            shown = next(f"docs/{lang}/{page}" for lang in LANGS if (root / "docs" / lang / page).exists())
            fix = (f"a source's page is listed by its data: add data/sources/{page[len('sources/'):-3]}.yml, "
                   f"or remove the page" if page.startswith("sources/") else
                   f"add '- {page}' under nav: in mkdocs.yml; the menu title comes from the page's heading")
            found.append(Problem(shown, None, None, "page is not in the navigation (the strict build stops on it)", fix))
    return found


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
                  ids: dict[str, set[str]] | None = None) -> list[Problem]:
    """Unknown macros, wrong arguments, unknown ids and forbidden expressions in one page."""
    shown = page.relative_to(root).as_posix()
    try:
        tree = jinja2.Environment().parse(page.read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as exc:
        return [_syntax(shown, exc)]
    rel = page.relative_to(root / "docs" / lang).as_posix()
    current = {}
    table = macro_table(dossier, lambda: current["ctx"]) if dossier else macro_table(None, lambda: None)
    if dossier:
        current["ctx"] = render.Ctx(dossier, lang, rel)
    found = [Problem(shown, f.line, None, f.what, f.fix) for f in template_policy.findings(tree, table)]
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in table:
            found.extend(_call_problems(shown, call, table[call.node.name], dossier, ids))
    return sorted(found, key=lambda p: p.line or 0)


def _call_problems(shown: str, call: nodes.Call, fn, dossier, ids) -> list[Problem]:
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
        else:
            fn(*args, **kwargs)
    except KeyError as exc:  # UnknownId carries what/fix; other KeyErrors say what they miss
        what = getattr(exc, "what", f"{name}: {exc}")
        fix = getattr(exc, "fix", "check the ids given to the macro against data/")
        return [Problem(shown, call.lineno, None, what, fix)]
    return []


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


def _syntax(shown: str, exc: jinja2.TemplateSyntaxError) -> Problem:
    f = template_policy.failure(exc)
    return Problem(shown, f.line, None, f.what, f.fix)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path(argv[0]).resolve() if argv else ROOT
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        count = len(problems)
        print(f"make check: {count} problem{'s' if count != 1 else ''} found — fix them and run `make check` again",
              file=sys.stderr)
        return 1
    print("make check: data and pages are consistent", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
