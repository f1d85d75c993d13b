"""What contributors rely on: edit links, "edit data" links, and (below) the contributor files."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros import inline, links, render
from macros.languages import published
from macros.load import load_dossier
from tests.helpers import ROOT, build, fixture_data, pin, project_copy

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# --- edit links ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, page, source", [
    ("ru", "index.html", "docs/ru/index.md"),
    ("ru", "partners/china/index.html", "docs/ru/partners/china.md"),
    ("en", "en/index.html", "docs/en/index.md"),
    ("en", "en/resources/uranium/index.html", "docs/en/resources/uranium.md"),
])
def test_edit_button_opens_the_page_file_of_its_language(built_site, lang, page, source):
    assert "content.action.edit" in CONFIG["theme"]["features"]
    html = (built_site / page).read_text(encoding="utf-8")
    edit = re.findall(r'<a href="([^"]+)"[^>]*class="md-content__button md-icon"', html)
    expected = f"{CONFIG['repo_url'].rstrip('/')}/edit/main/{source}"
    assert edit and edit[0] == expected, edit
    assert (ROOT / source).exists()


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    return load_dossier(fixture_data(tmp_path_factory.mktemp("data")))


@pytest.mark.parametrize("lang, label", [("ru", "править данные"), ("en", "edit data")])
def test_figure_items_link_to_their_data_record(dossier, lang, label):
    ctx = inline.Ctx(dossier, lang, "partners/turkey.md", repo_url="https://example.org/org/repo/")
    html = render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    link = re.search(r'<a class="dossier-data-edit" href="([^"]+)" title="([^"]+)">([^<]+)</a>', html)
    assert link, html
    assert link.groups() == ("https://example.org/org/repo/blob/main/data/figures.yml#L13", "data/figures.yml:13", label)
    # The line really is the figure's record.
    assert (dossier.figure_by_id["gas-reserves"].where.line == 13)


def test_source_record_links_to_its_data_file(dossier):
    ctx = inline.Ctx(dossier, "en", "sources/sample-source.md", repo_url="https://example.org/org/repo")
    html = render.source_record(ctx, dossier.sources["sample-source"])
    assert '<a class="dossier-data-edit" href="https://example.org/org/repo/blob/main/data/sources/sample-source.yml#L1"' in html


def test_no_data_link_without_a_repository(dossier):
    ctx = inline.Ctx(dossier, "en", "partners/turkey.md")
    assert "data-edit" not in render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    assert "data-edit" not in render.source_record(ctx, dossier.sources["sample-source"])


def test_built_pages_link_each_figure_to_its_line_in_the_repository(built_site):
    real = load_dossier(ROOT / "data")
    html = (built_site / "en" / "partners" / "china" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<div class="dossier-fig-item" id="fig-([^"]+)".*?<a class="dossier-data-edit" href="([^"]+)"', html))
    assert links, "no edit-data links on the China page"
    lines = (ROOT / "data" / "figures.yml").read_text(encoding="utf-8").splitlines()
    for fid, url in links.items():
        assert url == f"{CONFIG['repo_url'].rstrip('/')}/blob/main/data/figures.yml#L{real.figure_by_id[fid].where.line}"
        assert lines[real.figure_by_id[fid].where.line - 1] == f'- id: "{fid}"'


# --- CI, pre-commit, code owners -----------------------------------------------------------

GITHUB = ROOT / ".github"


def _workflow() -> dict:
    return yaml.safe_load((GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8"))


def _triggers(wf: dict) -> dict:
    return wf.get("on", wf.get(True))  # PyYAML reads the key `on` as True (the YAML pitfall)


def test_no_workflow_uses_pull_request_target():
    for path in (GITHUB / "workflows").glob("*.y*ml"):
        text = path.read_text(encoding="utf-8")
        wf = yaml.safe_load(text)
        assert "pull_request_target" not in _triggers(wf), path
        assert "pull_request_target:" not in text and "- pull_request_target" not in text, path


def test_pull_requests_run_the_readme_test_command_with_a_read_only_token():
    wf = _workflow()
    assert "pull_request" in _triggers(wf) and _triggers(wf)["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    test = wf["jobs"]["test"]
    assert "permissions" not in test  # inherits contents: read
    runs = [s.get("run", "") for s in test["steps"]]
    assert "bash .ci/run" in runs and "make check" in runs and "make build" in runs
    checkout = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    preview = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["with"]["path"] == "site/" and preview["if"] == "github.event_name == 'pull_request'"


def test_ci_entry_point_runs_make_test():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "make test" in lines
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: .*\n\t\$\(PY\) -m pytest", makefile, re.M)


def test_only_main_is_published_and_only_the_deploy_job_may_write_pages():
    wf = _workflow()
    deploy = wf["jobs"]["deploy"]
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write", "actions": "read"}
    assert deploy["needs"] == "test" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    upload = next(s for s in wf["jobs"]["test"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == deploy["if"] and upload["with"]["path"] == "site/"


def test_codeowners_protect_code_build_and_ci():
    owned = {line.split()[0] for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    for path in ("/macros/", "/hooks/", "/mkdocs.yml", "/overrides/", "/.github/", "/.ci/", "/Makefile", "/tools/",
                 "/tests/", "/bench/", "/.cache/"):
        assert path in owned, path
    # data stays open, but for what decides verdicts or pins what may not change
    assert {p for p in owned if p.startswith("/data/")} == {"/data/schema/", "/data/verdicts.yml", "/data/source-pins.yml",
                                                                    "/data/languages.yml"}  # its reading rules decide verdicts


def test_every_trusted_path_has_an_owner():
    """Whatever is not a contributor's (pages under docs/, facts under data/, the guides' prose) is
    matched by a CODEOWNERS line: a new trusted folder or file cannot slip in unowned."""
    import subprocess

    owned = [line.split()[0] for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    open_prose = {"README.md", "CONTRIBUTING.md", "CONTRIBUTING.ru.md"}
    for path in files:
        if path in open_prose or path.startswith("docs/"):
            continue
        rooted = "/" + path
        if path.startswith("data/") and not any(rooted.startswith(p) for p in owned):
            continue  # a fact file: open
        assert any(rooted == p or (p.endswith("/") and rooted.startswith(p)) for p in owned), f"{path} has no owner"


def test_pre_commit_runs_yaml_syntax_the_fast_check_and_the_linter():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["yaml-syntax"]["entry"] == ".venv/bin/python -m tools.yaml_syntax"
    assert hooks["dossier-check"]["entry"] == "make check"
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check")
    assert re.search(r"^check: ", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").count("- [ ]") >= 4


def test_yaml_syntax_hook_names_file_line_and_fix(tmp_path, capsys):
    from tools.yaml_syntax import main

    good, bad = tmp_path / "good.yml", tmp_path / "bad.yml"
    good.write_text("a: 1\n", encoding="utf-8")
    bad.write_text("a: 1\nb:\n\t- 2\n", encoding="utf-8")
    assert main([str(good)]) == 0
    assert main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:3: YAML syntax error:") and "not tabs" in out


def test_ruff_is_pinned_and_passes_on_the_contributor_tools():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^ruff==\d+\.\d+\.\d+$", lock, re.M) and re.search(r"^ruff\b", (ROOT / "requirements.in").read_text(), re.M)
    ruff = ROOT / ".venv" / "bin" / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed in .venv (make test installs it)")
    import subprocess

    run = subprocess.run([str(ruff), "check", "macros/check.py", "macros/checks.py", "tools", "tests/test_check.py", "tests/test_security.py",
                          "tests/test_figure_diff.py", "tests/test_contributing.py"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


# --- CONTRIBUTING: every example is real ---------------------------------------------------

GUIDES = ["CONTRIBUTING.md", "CONTRIBUTING.ru.md"]
_BLOCK = re.compile(r'^```(\w*)(?: title="([^"]+)")?\n(.*?)^```', re.M | re.S)
_SCHEMA_OF = {"data/figures.yml": "figures.schema.json", "data/partners.yml": "partners.schema.json",
              "data/resources.yml": "resources.schema.json", "data/strings.yml": "strings.schema.json",
              "data/observations.yml": "observations.schema.json"}


def blocks(guide: str) -> list[tuple[str, str | None, str]]:
    return [(m[1], m[2], m[3]) for m in _BLOCK.finditer((ROOT / guide).read_text(encoding="utf-8"))]


def _schema_for(title: str) -> str:
    if title.startswith("data/references/"):
        return "reference.schema.json"
    return "source.schema.json" if title.startswith("data/sources/") else _SCHEMA_OF[title]


@pytest.mark.parametrize("guide", GUIDES)
def test_every_yaml_example_is_valid_against_its_schema(guide):
    import jsonschema

    from macros.load import _schemas

    registry, schemas = _schemas(ROOT / "data" / "schema")
    yaml_blocks = [(title, body) for lang, title, body in blocks(guide) if lang == "yaml"]
    assert len(yaml_blocks) >= 7, guide
    for title, body in yaml_blocks:
        assert title, f"{guide}: a yaml example without title=\"<file>\": {body[:60]}"
        data = yaml.safe_load(body)
        if title == "mkdocs.yml":
            continue  # fragments of the configuration; checked against the real one below
        validator = jsonschema.Draft202012Validator(schemas[_schema_for(title)], registry=registry.get())
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{guide}: example for {title} is invalid: {errors}"


def _records(body: str) -> dict[str, str]:
    """A YAML list example split into its records, by id, as text."""
    chunks = re.split(r"(?m)^(?=- id: )", body.strip("\n"))
    return {yaml.safe_load(c)[0]["id"]: c.rstrip("\n") + "\n" for c in chunks if c.strip()}


def apply_examples(guide: str, root: Path) -> list[str]:
    """Copy the dossier to `root` (unless it is a project copy already) and do what the guide's
    examples say; return the untitled snippets."""
    if not (root / "data").exists():
        for name in ("data", "docs"):
            shutil.copytree(ROOT / name, root / name)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    appended: dict[str, dict[str, str]] = {}
    snippets = []
    for lang, title, body in blocks(guide):
        if lang == "markdown" and not title:
            snippets.append(body)
        elif title and title.startswith("docs/"):
            (root / title).parent.mkdir(parents=True, exist_ok=True)
            (root / title).write_text(body, encoding="utf-8")
        elif title and (title.startswith("data/sources/") or title.startswith("data/references/")):
            (root / title).write_text(body, encoding="utf-8")
        elif title in ("data/figures.yml", "data/partners.yml", "data/resources.yml", "data/observations.yml"):
            appended.setdefault(title, {}).update(_records(body))  # a later example of a record replaces it
        elif title == "data/strings.yml":
            have = yaml.safe_load((root / title).read_text(encoding="utf-8"))
            for key, value in yaml.safe_load(body).items():
                assert have.get(key) == value, f"{guide}: strings example {key} differs from data/strings.yml"
        elif title == "mkdocs.yml":
            raise AssertionError(f"{guide}: a recipe edits mkdocs.yml, which only a maintainer may change")
    for title, records in appended.items():
        text = (root / title).read_text(encoding="utf-8")
        for rid, record in list(records.items()):  # the dossier has the example's id already: it is replaced
            found = re.search(rf'(?m)^- id: "?{re.escape(rid)}"?\n(?:(?!- id: ).*\n?)*', text)
            if found:
                text = text[:found.start()] + record + text[found.end():]
                del records[rid]
        (root / title).write_text(text + "\n" + "\n".join(records.values()), encoding="utf-8")
    if "make pin-sources" in (ROOT / guide).read_text(encoding="utf-8"):  # the recipe's step 6
        pin(root / "data")
    return snippets


@pytest.mark.project
@pytest.mark.parametrize("guide", GUIDES)
def test_the_examples_added_to_the_dossier_pass_make_check(guide, tmp_path):
    from macros.checks import check, page_problems

    snippets = apply_examples(guide, tmp_path)
    assert [str(p) for p in check(tmp_path)] == []
    dossier = load_dossier(tmp_path / "data")
    assert {"example-ore-output", "example-mine-investment"} <= set(dossier.figure_by_id)
    assert dossier.figure_by_id["example-ore-output"].notes, "the editorial-note example replaces the figure"
    quoted = dossier.figure_by_id["example-bureau-ore-output"]  # the referenced-figure recipe
    assert quoted.citation.referenced and quoted.citation.source in dossier.references
    [seen] = dossier.observations_of["example-ore-output"]  # the observation recipe: computed, within 5 %
    assert seen.source in dossier.references and seen.verdict.kind == "agrees"
    assert snippets, guide
    for i, snippet in enumerate(snippets):
        page = tmp_path / "docs" / "en" / f"snippet-{i}.md"
        page.write_text(snippet, encoding="utf-8")
        assert [str(p) for p in page_problems(page, tmp_path, "en", dossier)] == [], snippet


def test_the_guides_recipes_touch_only_data_and_docs():
    for guide in GUIDES:
        titles = [title for _, title, _ in blocks(guide)]
        assert "data/sources/example-mining-report.yml" in titles and "docs/en/sources/example-mining-report.md" in titles
        assert "docs/ru/partners/japan.md" in titles and "data/partners.yml" in titles
        assert all(t.startswith(("data/", "docs/")) for t in titles if t and "/" in t), titles
        assert "mkdocs.yml" not in titles, f"{guide}: a recipe must not need mkdocs.yml"
        assert "http://127.0.0.1:8000/dossier/en/" in (ROOT / guide).read_text(encoding="utf-8")


@pytest.mark.build
def test_the_examples_build_a_real_site_with_the_example_source_in_every_edition(tmp_path):
    """One real build of the project with every example of the guide added (mkdocs.yml untouched):
    the source's page, and the source's and the new partner's menu entries, titled with their pages'
    headings, exist in both editions."""
    project = project_copy(tmp_path)
    config = (project / "mkdocs.yml").read_bytes()
    apply_examples(GUIDES[0], project)
    assert (project / "mkdocs.yml").read_bytes() == config
    run = build(project, {"DOSSIER_PDF": "0"})
    assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    site = project / "site"
    for prefix, lang in ((links.edition_prefix(lang), lang) for lang in published()):
        page = (site / prefix / "sources" / "example-mining-report" / "index.html").read_text(encoding="utf-8")
        assert 'id="example-mining-report-p2"' in page, f"{lang}: the source text is on its page"
        for section, page_id in (("sources", "example-mining-report"), ("partners", "japan")):
            index = (site / prefix / section / "index.html").read_text(encoding="utf-8")
            entry = re.search(rf'<a href="{page_id}/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', index)
            heading = (project / "docs" / lang / section / f"{page_id}.md").read_text(encoding="utf-8").split("\n")[0]
            assert entry, f"{lang}: no nav entry for {section}/{page_id}"
            assert html.unescape(entry[1]) == heading.removeprefix("# ").split(" {")[0], f"{lang}: the menu title is not the heading"


@pytest.mark.project
@pytest.mark.parametrize("guide", GUIDES)
def test_the_sample_check_output_is_what_make_check_prints(guide, tmp_path):
    """The five mistakes the guide describes give exactly the lines it shows (line numbers of
    files that grow, data/figures.yml and existing pages, aside)."""
    from macros.checks import check

    apply_examples(guide, tmp_path)
    figures = tmp_path / "data" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    quote = 'quote: "В 2024 году вымышленная компания «Пример» добыла 1,2 млн тонн медной руды"'
    assert text.count(quote) == 1
    text = text.replace(quote, "quote: 'В 2024 году вымышленная компания \"Пример\" добыла 1,2 млн тонн медной руды'")
    text = text.replace("  value: 350_000_000\n", "  value: 35_000_000\n")
    figures.write_text(text, encoding="utf-8")
    copper = tmp_path / "docs" / "ru" / "resources" / "copper.md"
    copper.write_text(copper.read_text(encoding="utf-8") + '\nИтог: {{ fig("example-ore-outptu") }}.\n', encoding="utf-8")
    (tmp_path / "docs" / "en" / "sources" / "example-mining-report.md").unlink()
    copper_en = tmp_path / "docs" / "en" / "resources" / "copper.md"
    copper_en.write_text(copper_en.read_text(encoding="utf-8") + "\nSee [Japan](../partners/japn.md).\n",
                         encoding="utf-8")
    printed = [str(p) for p in check(tmp_path)]
    shown = next(body for lang, title, body in blocks(guide) if title == "make check").strip("\n").splitlines()

    def mask(line: str) -> str:
        return re.sub(r"^(data/figures\.yml|docs/(?:ru|en)/resources/copper\.md):\d+:", r"\1:N:", line)

    assert [mask(x) for x in shown] == [mask(x) for x in printed]


@pytest.mark.project
@pytest.mark.parametrize("guide", GUIDES)
def test_the_observation_mistakes_give_the_lines_the_guide_shows(guide, tmp_path):
    """Each of the two mistakes of the observation recipe, made alone on the examples, gives the lines
    the guide shows (line numbers of data/observations.yml and data/figures.yml, which grow, aside)."""
    from macros.checks import check

    shown = next(body for lang, title, body in blocks(guide) if title == "make check (observations)").strip("\n").splitlines()
    mistakes = [('  figure: "example-ore-output"\n  source: "example-bureau', '  figure: "example-ore-outptu"\n  source: "example-bureau'),
                ("at {value} in {as_of}.", "at {value} in 2024.")]
    printed = []
    for i, (old, new) in enumerate(mistakes):
        root = tmp_path / str(i)
        root.mkdir()
        apply_examples(guide, root)
        path = root / "data" / "observations.yml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        printed += [str(p) for p in check(root)]

    def mask(line: str) -> str:
        return re.sub(r"^data/(observations|figures)\.yml:\d+:", r"data/\1.yml:N:", line)

    assert [mask(x) for x in shown] == [mask(x) for x in printed]


_ROW = re.compile(r"^\| `([^`]+)` \| (.+?) \| `([^`]+)` \|$", re.M)


@pytest.mark.parametrize("guide", GUIDES)
def test_every_yaml_pitfall_in_the_table_is_real(guide):
    """Each row: YAML really reads the wrong form as the guide says, and the right form as intended."""
    import datetime

    text = (ROOT / guide).read_text(encoding="utf-8")
    table = text[text.index("<!-- pitfalls"):]
    table = table[:table.index("\n\n", table.index("|"))]
    rows = _ROW.findall(table)
    assert len(rows) >= 7, rows
    for wrong, says, right in rows:
        intended = yaml.safe_load(right)
        key = next(iter(intended))
        if "syntax" in says or "синтакс" in says:
            with pytest.raises(yaml.YAMLError):
                yaml.safe_load(wrong)
            continue
        got = yaml.safe_load(wrong)[key]
        assert type(got) is not type(intended[key]), (wrong, right)
        number = re.search(r"(?:number|число) (\d+(?:\.\d+)?)", says)
        if number:
            assert got == float(number[1]) and not isinstance(got, bool), wrong
        if "`false`" in says:
            assert got is False, wrong
        if "date" in says or "дат" in says:
            assert isinstance(got, datetime.date), wrong
        if says.startswith("text") or says.startswith("текст"):
            assert isinstance(got, str), wrong
