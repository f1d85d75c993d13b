"""The set-up the two commands do: one list of Debian packages, installed when missing, and a README
that says what is there.

.ci/system-packages runs here against stand-ins for dpkg-query, apt-get, id and sudo (a folder put
first on PATH), so nothing is installed and the outcome does not depend on this machine.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

SCRIPT = ROOT / ".ci" / "system-packages"
LIST = ROOT / ".ci" / "debian-packages.txt"


def packages() -> list[str]:
    lines = (re.sub(r"#.*", "", line).strip() for line in LIST.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def guide_section(title: str, guide: str = "MAINTAINING.md") -> str:
    text = (ROOT / guide).read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_one_list_of_debian_packages_for_make_ci_and_the_readme():
    wanted = packages()
    assert {"python3-venv", "libpango-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core", "poppler-utils",
            "chromium", "chromium-headless-shell"} <= set(wanted)
    listed = subprocess.run(["bash", str(SCRIPT), "list"], capture_output=True, text=True, check=True).stdout.split()
    assert listed == wanted
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "bash .ci/system-packages install" in makefile and "$(STAMP): requirements.lock | system" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/system-packages list" in ci and "make test" in ci
    assert "apt-get install" in ci and not re.search(r"apt-get install[^\n]*\b(chromium|poppler)", ci), \
        ".ci/run names packages itself instead of reading .ci/debian-packages.txt"
    named = set(re.findall(r"`([a-z0-9][a-z0-9.+-]+)`", guide_section("What the two commands do")))
    assert set(wanted) <= named, f"MAINTAINING.md does not name {sorted(set(wanted) - named)}"


# --- .ci/system-packages against stand-in commands ------------------------------------------------

def fake_machine(tmp_path: Path, installed: set[str], uid: int = 0, sudo: str | None = None) -> dict[str, str]:
    """A PATH whose dpkg-query knows `installed`, whose apt-get records its calls (and installs), and
    whose id says `uid`; `sudo` is 'password' (asks one), 'free' (runs the command) or None (absent)."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    state = tmp_path / "installed"
    state.write_text("".join(f"{p}\n" for p in installed), encoding="utf-8")
    calls = tmp_path / "calls"
    scripts = {
        "dpkg-query": f"""for p in "$@"; do case "$p" in -*) continue;; esac
                          grep -qx -- "$p" {state} && echo "$p ii " || echo "dpkg-query: no packages found matching $p" >&2
                          done""",
        "apt-get": f"""echo "apt-get $*" >> {calls}
                       for p in "$@"; do case "$p" in -*|update|install) ;; *) echo "$p" >> {state};; esac; done""",
        "id": f'echo {uid}',
    }
    if sudo == "password":
        scripts["sudo"] = 'echo "sudo: a password is required" >&2; exit 1'
    elif sudo == "free":
        scripts["sudo"] = f'echo "sudo $*" >> {calls}; [ "$1" = -n ] && shift; "$@"'
    for name, body in scripts.items():
        (bin_ / name).write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
        (bin_ / name).chmod(0o755)
    tools = tmp_path / "tools"  # only what the script needs from the machine: no real sudo, apt-get or dpkg
    tools.mkdir()
    for tool in ("bash", "sed", "awk", "grep", "env", "dirname", "cat"):
        (tools / tool).symlink_to(shutil.which(tool))
    return {"PATH": f"{bin_}{os.pathsep}{tools}", "HOME": str(tmp_path)}


def run(mode: str, env: dict[str, str]):
    return subprocess.run(["bash", str(SCRIPT), mode], env=env, capture_output=True, text=True, timeout=60)


def calls(tmp_path: Path) -> list[str]:
    path = tmp_path / "calls"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_nothing_missing_runs_no_apt_get(tmp_path):
    env = fake_machine(tmp_path, set(packages()), uid=1000)
    result = run("install", env)
    assert result.returncode == 0, result.stderr
    assert calls(tmp_path) == [] and result.stdout == "" and result.stderr == ""


def test_dry_run_prints_what_it_would_install_and_installs_nothing(tmp_path):
    env = fake_machine(tmp_path, set(packages()) - {"chromium", "poppler-utils"})
    result = run("dry-run", env)
    assert result.returncode == 0, result.stderr
    assert "system packages missing: poppler-utils chromium" in result.stdout
    assert "would run: apt-get update && apt-get install -y --no-install-recommends poppler-utils chromium" in result.stdout
    assert calls(tmp_path) == []


def test_as_root_it_updates_then_installs_only_the_missing_ones_once(tmp_path):
    env = fake_machine(tmp_path, set(packages()) - {"chromium", "fonts-dejavu-extra"})
    first = run("install", env)
    assert first.returncode == 0, first.stderr
    assert calls(tmp_path) == ["apt-get update -qq",
                               "apt-get install -y --no-install-recommends fonts-dejavu-extra chromium -qq"]
    second = run("install", env)  # the second `make test`: everything is there now
    assert second.returncode == 0 and len(calls(tmp_path)) == 2


def test_with_sudo_without_a_password_it_installs_through_sudo(tmp_path):
    env = fake_machine(tmp_path, set(packages()) - {"chromium"}, uid=1000, sudo="free")
    result = run("install", env)
    assert result.returncode == 0, result.stderr
    assert [c for c in calls(tmp_path) if c.startswith("apt-get")] == [
        "apt-get update -qq", "apt-get install -y --no-install-recommends chromium -qq"]
    assert [c for c in calls(tmp_path) if c.startswith("sudo")] == ["sudo -n true",  # may it run without a password?
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium -qq"]


@pytest.mark.parametrize("sudo", ["password", None])
def test_without_root_it_stops_at_once_with_the_one_command_to_run(tmp_path, sudo):
    env = fake_machine(tmp_path, set(packages()) - {"libpango-1.0-0", "chromium"}, uid=1000, sudo=sudo)
    result = run("install", env)
    assert result.returncode == 1
    assert calls(tmp_path) == []
    assert ("  sudo apt-get update && sudo apt-get install -y --no-install-recommends libpango-1.0-0 chromium\n"
            in result.stderr), result.stderr


def test_make_runs_the_package_check_before_creating_the_venv():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "TEST_WORKERS")}
    dry = subprocess.run(["make", "-n", "--no-print-directory", "test"], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    lines = dry.splitlines()
    assert lines[0] == "bash .ci/system-packages install", dry
    assert any(re.match(r"\S*python -m pytest -n auto\b", line) for line in lines), dry


# --- the README for newcomers, the maintainer's guide for the internals -----------------------------

def test_the_readme_gives_a_newcomer_the_two_commands_and_where_to_go_next():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 120, "the README is for newcomers: the internals belong in MAINTAINING.md"
    commands = guide_section("Two commands", "README.md")
    assert "make serve" in commands and "make test" in commands
    for guide in ("CONTRIBUTING.md", "CONTRIBUTING.ru.md", "MAINTAINING.md", "SECURITY.md"):
        assert f"]({guide})" in text and (ROOT / guide).is_file(), guide
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make ([a-z-]+)", text, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), f"README names make {target}, which the Makefile lacks"


def test_the_maintainers_layout_names_every_module_and_folder():
    layout = guide_section("Layout")
    for path in sorted((ROOT / "macros").glob("*.py")) + sorted((ROOT / "hooks").glob("*.py")):
        assert re.search(rf"(^|\s|/){re.escape(path.name)}[\s:,]", layout), f"MAINTAINING.md layout does not list {path.parent.name}/{path.name}"
    for folder in ("data", "macros", "hooks", "overrides", "docs", "tools", "bench", "tests", ".ci"):
        assert re.search(rf"^{re.escape(folder)}[/ ]", layout, re.M), f"MAINTAINING.md layout does not list {folder}/"


# --- the test plumbing: what workers share ---------------------------------------------------------

def test_once_per_run_makes_a_value_once_and_keeps_nothing_when_making_fails(tmp_path):
    from tests.helpers import once_per_run
    made = []
    assert once_per_run(tmp_path / "v.json", lambda: made.append(1) or {"n": 1}) == {"n": 1}
    assert once_per_run(tmp_path / "v.json", lambda: made.append(2) or {"n": 2}) == {"n": 1}
    assert made == [1]

    def broken():
        raise RuntimeError("the browser went away")
    with pytest.raises(RuntimeError):
        once_per_run(tmp_path / "w.json", broken)
    assert once_per_run(tmp_path / "w.json", lambda: [3]) == [3]
