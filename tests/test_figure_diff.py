"""tools/figure_diff.py on a throw-away git repository made from the fixture dataset."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import fixture_data, pin
from tools.figure_diff import main

pytestmark = [pytest.mark.project, pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")]


def git(repo: Path, *args: str) -> str:
    run = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                          "-c", "commit.gpgsign=false", *args], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    fixture_data(repo)  # repo/data
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def _diff(repo: Path, capsys, *revs: str) -> str:
    assert main([*revs, "--repo", str(repo)]) == 0
    return capsys.readouterr().out


def test_lists_added_removed_and_changed_figures(repo, capsys):
    figures = repo / "data" / "figures.yml"
    source = repo / "data" / "sources" / "sample-source.yml"
    # Changed: the value (and its quote, and the paragraph it comes from) and a label.
    edit(source, "На Астану приходится 40% мирового", "На Астану приходится 43% мирового")
    edit(figures, "  value: 40\n", "  value: 43\n")
    edit(figures, "приходится 40% мирового", "приходится 43% мирового")
    edit(source, "Astana accounts for 40% of", "Astana accounts for 43% of")  # the English rendering says it too
    edit(figures, "Astana accounts for 40% of", "Astana accounts for 43% of")
    edit(figures, 'label: {ru: "Соглашение", en: "Agreement"}', 'label: {ru: "Соглашение о сотрудничестве", en: "Cooperation agreement"}')
    # Removed and added.
    text = figures.read_text(encoding="utf-8")
    start = text.index('- id: "gas-reserves"')
    end = text.index('- id: "agreement-date"')
    figures.write_text(text[:start] + text[end:] + (
        '- id: "gas-volume"\n  kind: "volume"\n  value: 3_800_000_000_000\n  unit: "cubic-metre"\n'
        '  label: {ru: "Газ", en: "Gas"}\n  partners: []\n  resources: []\n  source: "sample-source"\n'
        '  paragraph: "p1"\n  quote: "3,8 трлн кубометров"\n  quote_renderings: {en: "3.8 trillion cubic metres"}\n'
        '  unconfirmed: {checked: "2026-12-07", searched: {ru: "Пример.", en: "An example."}}\n'),
        encoding="utf-8")
    pin(repo / "data")  # a maintainer approved the new text
    git(repo, "commit", "-q", "-am", "change")

    out = _diff(repo, capsys, "HEAD~1", "HEAD")
    assert out.startswith("## Figures: `HEAD~1` → `HEAD`\n")
    assert "**1 added, 1 removed, 2 changed** (3 → 3 figures)" in out
    assert "### Added\n\n- `gas-volume` — Gas / Газ: **3.8 trillion m³** — sample-source p1 (¶1): «3,8 трлн кубометров»" in out
    assert "### Removed\n\n- `gas-reserves` — Gas reserves / Запасы газа: **3.8 trillion m³**" in out
    assert "#### `uranium-share` — Uranium share" in out
    assert "| value | 40 | 43 |" in out
    assert "| value (ru) | 40 % | 43 % |" in out  # no-break spaces are shown as spaces
    assert "| value (en) | 40% | 43% |" in out
    assert "| quote | На Астану приходится 40% мирового производства урана | На Астану приходится 43% мирового производства урана |" in out
    assert "| paragraph text |" not in out  # the source's words are named once, word by word, below
    assert "## Text of the reproduced sources" in out
    assert "**The reproduced text changed**; the pins changed with it (data/source-pins.yml)" in out
    assert "- `sample-source` paragraph `p1` changed (cited by `gas-reserves`, `gas-volume`, `uranium-share`):" in out
    assert "  - «…На Астану приходится» −«40%» +«43%» «мирового производства урана, а…»" in out
    assert "| quote (en) | Astana accounts for 40% of world uranium output | Astana accounts for 43% of world uranium output |" in out
    assert "#### `agreement-date` — Cooperation agreement" in out
    assert "| label (en) | Agreement | Cooperation agreement |" in out
    # Fields that did not change are not listed.
    assert "| unit |" not in out and "| source |" not in out


def test_moving_a_figure_to_another_paragraph_shows_the_source_paragraph(repo, capsys):
    source = repo / "data" / "sources" / "sample-source.yml"
    edit(source, "подписали соглашение «о сотрудничестве».\"",
         "подписали соглашение «о сотрудничестве».\"\n    renderings: {en: \"x\"}\n  - id: \"p3\"\n    role: \"body\"\n"
         "    text: \"В сентябре 2024 года две страны подписали соглашение «о сотрудничестве» снова.\"")
    edit(repo / "data" / "figures.yml", '  paragraph: "p2"', '  paragraph: "p3"')
    pin(repo / "data")
    git(repo, "commit", "-q", "-am", "move")
    out = _diff(repo, capsys, "HEAD~1")  # HEAD is the default
    assert "| paragraph | p2 (¶2) | p3 (¶3) |" in out
    assert "- `sample-source` paragraph `p3` added (cited by `agreement-date`)" in out


def test_no_change_says_so(repo, capsys):
    (repo / "README").write_text("prose only\n", encoding="utf-8")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "prose")
    out = _diff(repo, capsys, "HEAD~1", "HEAD")
    assert "No figure was added, removed or changed (3 figures).\n" in out
    assert "No word of a reproduced source was changed." in out and "No tolerance was changed." in out
    assert out.endswith("No record of a referenced source was changed.\n")


def test_an_invented_sentence_in_a_source_is_named_with_its_words(repo, capsys):
    """A sentence added to a paragraph changes no figure; the diff says so, names the words and the pins."""
    source = repo / "data" / "sources" / "sample-source.yml"
    edit(source, "3,8 трлн кубометров.\"", "3,8 трлн кубометров. Это больше, чем у любой страны мира.\"")
    git(repo, "commit", "-q", "-am", "invented")
    out = _diff(repo, capsys, "HEAD~1", "HEAD")
    assert "No figure was added, removed or changed" in out
    assert "**The reproduced text changed**; the pins did not change: `make check` and the build stop on this." in out
    assert "> Note: the data at `HEAD` does not pass the checks (1 problem(s)" in out
    assert "+«Это больше, чем у любой страны мира.»" in out


def test_a_changed_tolerance_and_a_reference_date_are_named(repo, capsys):
    (repo / "data" / "verdicts.yml").write_text("share: {absolute: 3}\n", encoding="utf-8")
    (repo / "data" / "references").mkdir(exist_ok=True)
    (repo / "data" / "references" / "r.yml").write_text('id: "r"\npublished: "2024-07-04"\n', encoding="utf-8")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "rules")
    (repo / "data" / "verdicts.yml").write_text("share: {absolute: 10}\n", encoding="utf-8")
    (repo / "data" / "references" / "r.yml").write_text('id: "r"\npublished: "2022-07-04"\n', encoding="utf-8")
    git(repo, "commit", "-q", "-am", "wider")
    out = _diff(repo, capsys, "HEAD~1", "HEAD")
    assert "**A tolerance changed: every computed verdict of that kind of figure may change with it.**" in out
    assert "| `share` | absolute: 3 | absolute: 10 |" in out
    assert "- `r` published: 2024-07-04 → 2022-07-04 (a date an observation's verdict may rest on)" in out


def test_a_revision_with_invalid_data_is_compared_from_its_yaml(repo, capsys):
    figures = repo / "data" / "figures.yml"
    edit(figures, "  value: 40\n", "  value: 45\n")  # 45 is not in the quote: the check fails
    git(repo, "commit", "-q", "-am", "bad value")
    out = _diff(repo, capsys, "HEAD~1", "HEAD")
    assert "> Note: the data at `HEAD` does not pass the checks (1 problem(s); run `make check` there)" in out
    assert "| value | 40 | 45 |" in out
    assert "| value (en) |" not in out  # no formatted value from a dataset that does not load


def test_unknown_revision_is_an_error(repo, capsys):
    assert main(["no-such-branch", "--repo", str(repo)]) == 2
    assert "unknown git revision 'no-such-branch'" in capsys.readouterr().err


def test_the_job_summary_is_one_code_block_whatever_a_label_says(repo, capsys):
    """CI writes the diff into the job summary: a label with fences, links or images stays text there."""
    hostile = "```\\n[click](https://evil.example) ![x](https://evil.example/p.png) ````"
    edit(repo / "data" / "figures.yml", 'en: "Uranium share"', f'en: "{hostile}"')
    git(repo, "commit", "-q", "-am", "hostile label")
    assert main(["HEAD~1", "HEAD", "--repo", str(repo), "--code-block"]) == 0
    out = capsys.readouterr().out
    lines = out.rstrip("\n").split("\n")
    fence = lines[0][: len(lines[0]) - len("text")]
    inside = "\n".join(lines[1:-1])
    longest = max(len(run) for run in re.findall(r"`+", inside))
    assert set(fence) == {"`"} and len(fence) > max(longest, 2) and lines[-1] == fence
    assert fence not in inside  # nothing inside can close it
    assert "[click](https://evil.example)" in out.replace("\\", "")


def test_the_workflow_pins_actions_by_commit_and_limits_every_job():
    from tests.helpers import ROOT

    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", workflow)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{action}: say the version in a comment"
    jobs = workflow.split("\njobs:\n", 1)[1]
    job_names = re.findall(r"^  ([\w-]+):\s*$", jobs, re.M)
    limits = re.findall(r"^    timeout-minutes:\s*\d+\s*(?:#.*)?$", jobs, re.M)
    assert job_names and len(limits) == len(job_names), (job_names, limits)
    assert "--code-block" in workflow and "GITHUB_STEP_SUMMARY" in workflow


# --- observations of other sources (data/observations.yml, design of issue 11) ------------------

REFERENCE = '''id: "bp-review"
kind: {ru: "статистика", en: "statistics"}
publisher: {ru: "bp", en: "bp"}
title: "Statistical Review of World Energy"
title_language: "en"
authors: []
published: "2024-06"
url: "https://example.org/review"
accessed: "2026-12-01"
language: "en"
'''

OBSERVATIONS = '''- id: "gas-bp"
  figure: "gas-reserves"
  source: "bp-review"
  value: 2_300_000_000_000
  unit: "cubic-metre"
  qualifier: "exact"
  as_of: "2023"
  summary: {ru: "Оценка bp: {value}.", en: "bp's estimate: {value}."}
  verdict: "computed"
- id: "uranium-wna"
  figure: "uranium-share"
  source: "bp-review"
  value: 43
  unit: "percent"
  qualifier: "exact"
  as_of: "2022"
  summary: {ru: "Доля: {value}.", en: "Share: {value}."}
  verdict: "computed"
'''


@pytest.fixture
def observed_repo(repo) -> Path:
    (repo / "data" / "references").mkdir()
    (repo / "data" / "references" / "bp-review.yml").write_text(REFERENCE, encoding="utf-8")
    (repo / "data" / "observations.yml").write_text(OBSERVATIONS, encoding="utf-8")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "observations")
    return repo


def test_lists_added_removed_and_changed_observations_and_verdicts(observed_repo, capsys):
    obs = observed_repo / "data" / "observations.yml"
    text = obs.read_text(encoding="utf-8")
    text = text.replace('  value: 43\n', '  value: 45\n')  # changed value
    text = text[:text.index('- id: "gas-bp"')] + text[text.index('- id: "uranium-wna"'):]  # removed
    text += ('- id: "agreement-news"\n  figure: "agreement-date"\n  source: "bp-review"\n  value: "2018-09-13"\n'
             '  unit: null\n  qualifier: "exact"\n  as_of: "2018-09-13"\n  summary: {ru: "Дата {value}.", en: "Dated {value}."}\n'
             '  verdict: {kind: "another-definition", note: {ru: "Другое соглашение.", en: "Another agreement."}}\n')
    obs.write_text(text, encoding="utf-8")
    git(observed_repo, "commit", "-q", "-am", "change")
    out = _diff(observed_repo, capsys, "HEAD~1", "HEAD")
    section = out[out.index("## Observations of other sources"):]
    assert "**1 added, 1 removed, 1 changed" in section
    added = section[section.index("### Added observations"):section.index("### Removed observations")]
    assert "`agreement-news` on agreement-date" in added and "another-definition" in added
    removed = section[section.index("### Removed observations"):section.index("### Changed observations")]
    assert "`gas-bp` on gas-reserves" in removed and "2\\_300\\_000\\_000\\_000" in removed
    changed = section[section.index("### Changed observations"):]
    assert "#### `uranium-wna`" in changed and "| value | 43 | 45 |" in changed
    assert "No figure was added, removed or changed" in out  # the figures themselves did not move


def test_an_editorial_verdict_that_changes_is_shown(observed_repo, capsys):
    obs = observed_repo / "data" / "observations.yml"
    edit(obs, '  as_of: "2023"\n  summary: {ru: "Оценка bp: {value}.", en: "bp\'s estimate: {value}."}\n  verdict: "computed"',
         '  as_of: "2023"\n  summary: {ru: "Оценка bp: {value}.", en: "bp\'s estimate: {value}."}\n'
         '  verdict: {kind: "another-definition", note: {ru: "Доказанные запасы.", en: "Proven reserves."}}')
    git(observed_repo, "commit", "-q", "-am", "change")
    out = _diff(observed_repo, capsys, "HEAD~1", "HEAD")
    assert "of which 1 with another verdict" in out
    assert re.search(r"\| verdict \| \S+ \| another-definition \|", out), out
    assert "| verdict note (en) | — | Proven reserves. |" in out


def test_unchanged_observations_say_so(observed_repo, capsys):
    out = _diff(observed_repo, capsys, "HEAD~1", "HEAD")
    assert "**2 added, 0 removed, 0 changed" in out  # the commit that added them
    out = _diff(observed_repo, capsys, "HEAD", "HEAD")
    assert "No observation was added, removed or changed (2 observations)." in out
    assert "## Observations" not in _diff(observed_repo, capsys, "HEAD~1", "HEAD~1")  # none on either side: no section


def test_the_verdict_is_the_computed_one_where_the_data_loads():
    from types import SimpleNamespace

    from macros.model import Verdict
    from tools.figure_diff import observations_of
    with __import__("tempfile").TemporaryDirectory() as tmp:
        data = Path(tmp)
        (data / "observations.yml").write_text(OBSERVATIONS, encoding="utf-8")
        loaded = SimpleNamespace(observations=(SimpleNamespace(id="gas-bp", verdict=Verdict("differs", difference=-1.5e12)),))
        assert observations_of(data, loaded)["gas-bp"]["verdict"] == "differs (-1_500_000_000_000)"
        assert observations_of(data, None)["gas-bp"]["verdict"] == "computed"  # raw: as written
        assert observations_of(data, loaded)["uranium-wna"]["verdict"] == "computed"
