"""The table of hostile inputs (tests/fixtures/hostile/*.yml): each stops with its message.

Every case runs as a unit test against a copy of the project's data and pages grown with the tests'
own additions (tests/growth.py), the page cases in groups (one check names every problem); the `wired` ones are also built for real, once each, to prove that the
guard is on the build's path. A case edits the text the growth fixture adds, or appends to a file, never
the project's own words: rewording data/ or docs/ cannot make a case stop applying.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from macros.checks import check
from macros.load import load_dossier
from macros.paths import symlink_problems
from macros.problems import DossierError
from tests.content_ids import STRUCTURE, fixture_ids, ids_in, real_ids
from tests.growth import GROWTH, grow
from tests.helpers import FIXTURES, ROOT, build, project_copy

CASE_FILES = sorted((FIXTURES / "hostile").glob("*.yml"))
CASES = [dict(yaml.safe_load(p.read_text(encoding="utf-8")), name=p.stem) for p in CASE_FILES]


def apply(case: dict, root: Path) -> None:
    """Make the case's edit in the project at `root`."""
    path = root / case["file"]
    if "symlink" in case:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(case["symlink"])
        return
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for file, old, new in edits_of(case):
        if file != case["file"]:
            continue
        assert old in text, f"{case['name']}: the edit does not apply: {old!r} not in {file}"
        at = text.rindex(old)  # the last one: the fixture's records come after the project's
        text = text[:at] + new + text[at + len(old):]
    repeat = case.get("append_repeat", {"text": "", "times": 0})  # a long input kept out of the case file
    text = case.get("prepend", "") + text + case.get("append", "") + repeat["text"] * repeat["times"]
    data = (text + case.get("append_after", "")).encode("utf-8") + bytes.fromhex(case.get("append_hex", ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def edits_of(case: dict) -> list[list[str]]:
    """[file, old, new] of each replacement the case makes."""
    return ([[case["file"], case["old"], case["new"]]] if "old" in case else []) + case.get("also", [])


def small_copy(tmp_path: Path) -> Path:
    """data/, docs/ and mkdocs.yml of the project, grown with the tests' additions: enough for the loader
    and `make check`."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return grow(root)


def _load(case: dict, root: Path) -> list[str]:
    try:
        load_dossier(root / "data")
    except DossierError as exc:
        return [str(p) for p in exc.problems]
    return []


def _check(case: dict, root: Path) -> list[str]:
    return [str(p) for p in check(root)]


def _symlinks(case: dict, root: Path) -> list[str]:
    """The symlink guard of the build (hooks/html_policy.py on_config) and of `make check`."""
    return [str(p) for p in symlink_problems(root)]


def _editions(case: dict, root: Path) -> list[str]:
    """The build's comparison of mkdocs.yml's editions with the data's languages (macros/site.py)."""
    from macros import site

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    built = [lang["locale"] for lang in i18n["languages"] if lang.get("build", True)]
    return [str(p) for p in site.editions_differ(built, site.published_languages(root / "data"))]


def _built_page(case: dict, root: Path) -> list[str]:
    """The built-HTML digit check (hooks/page_checks.py on_post_page) on the edited page, turned into
    HTML by Python-Markdown without its macros (the wired run builds it for real)."""
    import re

    import markdown

    from macros.checks import built_digit_problems

    text = (root / case["file"]).read_text(encoding="utf-8")
    body = markdown.markdown(re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S),
                             extensions=["attr_list", "footnotes", "md_in_html", "tables"])
    return [str(p) for p in built_digit_problems(case["file"], f"<article>{body}</article>", text)]


# Guards that neither the loader nor `make check` can show add a runner here: (case, project) -> messages.
RUNNERS: dict[str, Callable[[dict, Path], list[str]]] = {"load": _load, "check": _check, "symlinks": _symlinks,
                                                         "editions": _editions, "built-page": _built_page}


def _matches(expect: list[str], line: str) -> bool:
    at = 0
    for part in expect:
        at = line.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_there_is_a_table_of_hostile_inputs():
    assert len(CASES) >= 1
    for case in CASES:
        assert {"case", "guard", "file", "expect"} <= set(case), case["name"]
        assert case.get("runner", "load") in RUNNERS, case["name"]


def _fixture_file(project_file: str) -> Path | None:
    """The growth fixture's file whose text grow() puts into `project_file` (appended, or copied: the fixture
    mirrors data/ and docs/), or None outside them: mkdocs.yml is the maintainers', never a contributor's."""
    path = Path(project_file)
    if path.parts[0] == "docs":
        return GROWTH / path
    if path.parts[0] == "data":
        return GROWTH / path.relative_to("data")
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_case_edits_only_the_tests_own_text(case):
    """Every `old` a case replaces is in a file of tests/fixtures/growth (apply() replaces its last occurrence,
    which is the fixture's), and no case names an id of the real data: rewording data/ or docs/ never
    makes a case stop applying."""
    for file, old, _ in edits_of(case):
        own = _fixture_file(file)
        if own is None:
            continue
        assert own.is_file() and old in own.read_text(encoding="utf-8"), (
            f"{case['name']}: {old!r} is not in the growth fixture's {own.relative_to(ROOT)}: edit the tests' own text, "
            "or append to the file")
    named = ids_in(yaml.safe_dump(case, allow_unicode=True), set(real_ids()) - STRUCTURE - fixture_ids())
    assert not named, f"{case['name']} names ids of the real data: {sorted(named)}"


def _runner(case: dict) -> str:
    return case.get("runner") or ("load" if case["file"].startswith("data/") else "check")


def _files_of(case: dict) -> set[str]:
    return {case["file"], *(file for file, _, _ in edits_of(case))}


def _page_batches(cases: list[dict]) -> list[list[dict]]:
    """The `check` cases that edit files under docs/ only, in groups where no two cases edit one file: make
    check names every problem in one round, so one check of a project with the whole group applied shows
    each case's message (a message counts for a case only when it names the case's file). The others
    (data/ and mkdocs.yml edits, which change what every page is checked against) run one by one."""
    batches: list[list[dict]] = []
    for case in cases:
        if _runner(case) != "check" or not all(f.startswith("docs/") and f.isprintable() for f in _files_of(case)):
            continue  # (a file name with a control character is shown escaped: its message is told by the case alone)
        home = next((b for b in batches if not any(_files_of(case) & _files_of(c) for c in b)), None)
        if home is None:
            batches.append(home := [])
        home.append(case)
    return batches


PAGE_BATCHES = _page_batches(CASES)
ALONE = [c for c in CASES if not any(c in b for b in PAGE_BATCHES)]


@pytest.mark.project
@pytest.mark.parametrize("case", ALONE, ids=[c["name"] for c in ALONE])
def test_hostile_input_is_stopped_with_its_message(tmp_path, case):
    root = small_copy(tmp_path)
    apply(case, root)
    messages = RUNNERS[_runner(case)](case, root)
    assert any(_matches(case["expect"], m) for m in messages), (
        f"{case['name']}: no message has {case['expect']}; got:\n" + "\n".join(messages))


@pytest.mark.project
@pytest.mark.parametrize("batch", PAGE_BATCHES, ids=[f"pages-{i + 1}-of-{len(PAGE_BATCHES)}" for i in range(len(PAGE_BATCHES))])
def test_hostile_pages_are_each_stopped_with_their_message(tmp_path, batch):
    root = small_copy(tmp_path)
    for case in batch:
        apply(case, root)
    messages = _check({}, root)
    missed = [c["name"] for c in batch if not any(_matches(c["expect"], m) and c["file"] in m for m in messages)]
    assert not missed, f"no message for {missed}; got:\n" + "\n".join(messages)


def test_every_case_runs():
    assert sorted(c["name"] for c in ALONE + [c for b in PAGE_BATCHES for c in b]) == sorted(c["name"] for c in CASES)


WIRED = [c for c in CASES if c.get("wired") is True]
# Cases wired as a batch ("wired: <batch>") are applied together to one project and built once: each guard of
# a batch reports every problem it finds in one round, so one real build proves each of them is on its path.
BATCHES = sorted({c["wired"] for c in CASES if isinstance(c.get("wired"), str)})


@pytest.mark.build
@pytest.mark.parametrize("case", WIRED, ids=[c["name"] for c in WIRED])
def test_the_real_build_stops_on_hostile_input(tmp_path, case):
    project = grow(project_copy(tmp_path))
    apply(case, project)
    run = build(project, {"DOSSIER_PDF": "1" if case.get("pdf") else "0"})
    out = run.stdout + run.stderr
    assert run.returncode != 0, f"{case['name']}: the build passed:\n{out[-3000:]}"
    assert "Traceback" not in out, out[-3000:]
    assert any(_matches(case["expect"], line) for line in out.splitlines()), f"{case['name']}:\n{out[-3000:]}"


@pytest.mark.build
@pytest.mark.parametrize("batch", BATCHES)
def test_the_real_build_stops_on_every_hostile_input_of_a_batch(tmp_path, batch):
    project = grow(project_copy(tmp_path))
    cases = [c for c in CASES if c.get("wired") == batch]
    for case in cases:
        apply(case, project)
    run = build(project, {"DOSSIER_PDF": "0"})
    out = run.stdout + run.stderr
    assert run.returncode != 0, f"{batch}: the build passed:\n{out[-3000:]}"
    assert "Traceback" not in out, out[-3000:]
    lines = out.splitlines()
    missed = [c["name"] for c in cases if not any(_matches(c["expect"], line) for line in lines)]
    assert not missed, f"{batch}: no message for {missed}:\n{out[-6000:]}"
    assert not any(line.startswith("::") for line in lines), "a line of the build's output reads as a workflow command"
