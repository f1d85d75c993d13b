"""The second engine: the site built with ProperDocs, a maintained fork of mkdocs 1.x that runs the same
theme, plugins and hooks (MAINTAINING.md, "Engines"), against the session's mkdocs build (tests/site_build.py).

Every published file must be in both builds and the same byte for byte, except for the differences listed
below (ONLY_IN_MKDOCS, ALLOWED), each with its reason. A listed difference that no longer occurs fails the
test too, so the list stays true. The cost is one extra build without PDFs, about 3 s.
"""
from __future__ import annotations

import datetime
import difflib
import fnmatch
import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from tests.helpers import ROOT

# Files that only the mkdocs build has, and why.
ONLY_IN_MKDOCS = {
    "pdf/*.pdf": "the ProperDocs build runs with DOSSIER_PDF=0 to stay cheap; the pages link the PDFs either way",
    "*/pdf/*.pdf": "the same, for the other editions",
}


def _engine_tag(engine: str) -> str:
    """What Material writes as the engine in its generator <meta>: `mkdocs_version`, which ProperDocs
    fills with its own name and version."""
    return {"mkdocs": f"mkdocs-{version('mkdocs')}", "properdocs": f"mkdocs-ProperDocs {version('properdocs')}"}[engine]


def _generator(data: bytes, engine: str) -> bytes:
    tag = f'<meta name="generator" content="{_engine_tag(engine)}, mkdocs-material-'.encode()
    return data.replace(tag, b'<meta name="generator" content="ENGINE, mkdocs-material-')


# Differences allowed inside a file: (which files, what differs and why, what makes both sides the same).
ALLOWED = [
    ("*.html", 'the generator <meta> names the engine and its version (e.g. "mkdocs-1.6.1" / "mkdocs-ProperDocs 1.6.7")',
     _generator),
]
# Not a difference but a setting: both engines write the day of the build into sitemap.xml (<lastmod>) and
# into the gzip header of sitemap.xml.gz. The ProperDocs build is given the mkdocs build's day
# (SOURCE_DATE_EPOCH), so the two sitemaps are compared byte for byte even across midnight.


def build_day(site: Path) -> str:
    """The mkdocs build's day as SOURCE_DATE_EPOCH: 00:00 UTC of its sitemap's <lastmod>."""
    day = re.search(rb"<lastmod>(\d{4}-\d\d-\d\d)</lastmod>", (site / "sitemap.xml").read_bytes())[1].decode()
    return str(int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC).timestamp()))


def properdocs_build(out: Path, day: str) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of the project, as MAINTAINING.md gives it, without PDFs. The build's
    caches are the user's, as for the session build; their names include the engine (macros/verdicts.py)."""
    try:
        version("properdocs")
    except PackageNotFoundError:
        pytest.fail("ProperDocs is not installed: it is pinned in requirements.lock (make test installs it)",
                    pytrace=False)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOSSIER_PDF="0", SOURCE_DATE_EPOCH=day)
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                           "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def published(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    lines = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines(),
                                 "mkdocs", "properdocs", n=0, lineterm="")
    return "\n".join(line[:300] for line in list(lines)[:6])


@pytest.mark.build
def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    out = tmp_path / "site"
    run = properdocs_build(out, build_day(built_site))
    said = [line for line in f"{run.stdout}\n{run.stderr}".splitlines() if line.strip() and not line.startswith("INFO")]
    assert run.returncode == 0, "properdocs build --strict failed:\n" + "\n".join(said)

    mk, pd = published(built_site), published(out)
    assert not sorted(set(pd) - set(mk)), "files only ProperDocs publishes"
    only_mk = sorted(set(mk) - set(pd))
    unexplained = [f for f in only_mk if not any(fnmatch.fnmatchcase(f, p) for p in ONLY_IN_MKDOCS)]
    assert not unexplained, f"files only mkdocs publishes, not listed in ONLY_IN_MKDOCS: {unexplained}"
    stale = [p for p in ONLY_IN_MKDOCS if not any(fnmatch.fnmatchcase(f, p) for f in only_mk)]
    assert not stale, f"listed in ONLY_IN_MKDOCS but no longer missing from the ProperDocs build: {stale}"

    common = sorted(set(mk) & set(pd))
    for name in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "en/search/search_index.json",
                 "index.html", "en/index.html", "404.html", "en/404.html"):
        assert name in common, f"{name} is not published by both builds"
    used, differ = set(), []
    for rel in common:
        a, b = mk[rel].read_bytes(), pd[rel].read_bytes()
        if a == b:
            continue
        for files, reason, same in ALLOWED:
            if fnmatch.fnmatchcase(rel, files):
                a2, b2 = same(a, "mkdocs"), same(b, "properdocs")
                if (a2, b2) != (a, b):
                    used.add(reason)
                a, b = a2, b2
        if a != b:
            differ.append(f"{rel}:\n{first_difference(a, b)}")
    assert not differ, "files that differ beyond the listed differences:\n" + "\n".join(differ[:5])
    stale = [reason for _, reason, _ in ALLOWED if reason not in used]
    assert not stale, f"listed in ALLOWED but no longer different: {stale}"


@pytest.mark.project
def test_under_properdocs_the_hooks_mkdocs_imports_are_properdocs():
    """What lets the hooks run unchanged: ProperDocs answers every `import mkdocs...` with its own modules."""
    code = ("import properdocs.replacement, mkdocs.plugins; from mkdocs.structure.files import File; "
            "from macros import verdicts; print(mkdocs.plugins.__name__, File.__module__, verdicts.engine())")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["properdocs.plugins", "properdocs.structure.files", "properdocs",
                                  version("properdocs")]
