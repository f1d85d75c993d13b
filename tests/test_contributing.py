"""What contributors rely on: edit links, "edit data" links, and (below) the contributor files."""
from __future__ import annotations

import re

import pytest
import yaml

from macros import render
from macros.load import load_dossier
from tests.helpers import ROOT, fixture_data

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
    ctx = render.Ctx(dossier, lang, "partners/turkey.md", repo_url="https://example.org/org/repo/")
    html = render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    link = re.search(r'<a class="data-edit" href="([^"]+)" title="([^"]+)">([^<]+)</a>', html)
    assert link, html
    assert link.groups() == ("https://example.org/org/repo/blob/main/data/figures.yml#L11", "data/figures.yml:11", label)
    # The line really is the figure's record.
    assert (dossier.figure_by_id["gas-reserves"].where.line == 11)


def test_source_record_links_to_its_data_file(dossier):
    ctx = render.Ctx(dossier, "en", "sources/sample-source.md", repo_url="https://example.org/org/repo")
    html = render.source_record(ctx, dossier.sources["sample-source"])
    assert '<a class="data-edit" href="https://example.org/org/repo/blob/main/data/sources/sample-source.yml#L1"' in html


def test_no_data_link_without_a_repository(dossier):
    ctx = render.Ctx(dossier, "en", "partners/turkey.md")
    assert "data-edit" not in render.figure_item(ctx, dossier.figure_by_id["gas-reserves"])
    assert "data-edit" not in render.source_record(ctx, dossier.sources["sample-source"])


def test_built_pages_link_each_figure_to_its_line_in_the_repository(built_site):
    real = load_dossier(ROOT / "data")
    html = (built_site / "en" / "partners" / "china" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<div class="fig-item" id="fig-([^"]+)".*?<a class="data-edit" href="([^"]+)"', html))
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
    for path in ("/macros/", "/hooks/", "/mkdocs.yml", "/overrides/", "/.github/", "/.ci/", "/Makefile", "/tools/"):
        assert path in owned, path
    assert not any(p.startswith("/data/") and p != "/data/schema/" for p in owned)  # data stays open


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

    run = subprocess.run([str(ruff), "check", "macros/check.py", "tools", "tests/test_check.py", "tests/test_security.py",
                          "tests/test_figure_diff.py", "tests/test_contributing.py"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
