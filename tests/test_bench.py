"""The benchmark's own parts: the synthetic dossier and the report writer (never any timing)."""
from __future__ import annotations

import json

import pytest
from mkdocs.utils.yaml import yaml_load

from bench import report, synth
from macros.checks import check
from macros.load import load_dossier


def nav_pages(nav) -> set[str]:
    found = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found |= nav_pages(value) if isinstance(value, list) else {value}
    return found


@pytest.mark.project
@pytest.mark.parametrize("scale", [1, 2])
def test_synthetic_dossier_passes_the_real_checks(tmp_path, scale):
    counts = synth.generate(tmp_path, scale)

    dossier = load_dossier(tmp_path / "data")  # raises on any schema, cross-reference or quote problem
    assert len(dossier.sources) == counts.sources == scale
    assert sum(len(s.paragraphs) for s in dossier.sources.values()) == counts.paragraphs == 13 * scale
    assert len(dossier.figures) == counts.figures == 34 * scale
    assert len(dossier.partners) == counts.partners == 5 * scale
    assert len(dossier.resources) == counts.resources == 6 * scale
    assert check(tmp_path) == []  # every macro call of every page names data that exists

    for lang in ("ru", "en"):
        files = {p.relative_to(tmp_path / "docs" / lang).as_posix() for p in (tmp_path / "docs" / lang).rglob("*.md")}
        assert len(files) == counts.pages[lang]
        assert {f"partners/partner-{i}.md" for i in range(1, 5 * scale + 1)} <= files
        with open(tmp_path / "mkdocs.yml", "rb") as f:
            nav = yaml_load(f)["nav"]
        assert nav_pages(nav) == files  # strict builds reject pages left out of the nav
        sections = [v for item in nav if isinstance(item, dict) for v in item.values() if isinstance(v, list)]
        assert [s[0] for s in sections] == ["partners/index.md", "resources/index.md", "sources/index.md"]
    assert counts.pages["ru"] == counts.pages["en"]


@pytest.mark.project
def test_index_nav_lists_section_pages_only(tmp_path):
    counts = synth.generate(tmp_path, 2, nav="indexes")
    with open(tmp_path / "mkdocs.yml", "rb") as f:
        config = yaml_load(f)
    listed = nav_pages(config["nav"])
    assert {"partners/index.md", "resources/index.md", "sources/index.md"} <= listed
    assert not any(p.startswith("partners/partner-") for p in listed)
    assert "*/partners/*.md" in config["not_in_nav"]  # the pages left out on purpose do not fail a strict build
    assert counts.pages["en"] == len(list((tmp_path / "docs" / "en").rglob("*.md")))
    # make check (and the build's page checks) read not_in_nav as mkdocs does, from docs/: nothing to report
    assert check(tmp_path) == []


@pytest.mark.project
def test_synthetic_quotes_state_their_values(tmp_path):
    synth.generate(tmp_path, 1)
    dossier = load_dossier(tmp_path / "data")
    kinds = {f.kind for f in dossier.figures}
    assert {"count", "money", "share", "volume", "date", "duration", "rank", "claim"} <= kinds
    for fig in dossier.figures:
        paragraph = dossier.sources[fig.citation.source].paragraph(fig.citation.paragraph)
        assert fig.citation.quote in paragraph.text


def fake_sections() -> dict:
    build = {"seconds": 2.0, "seconds_all": [2.0], "process_seconds": 2.5, "cpu_seconds": 2.1, "peak_rss_mb": 90.0,
             "peak_rss_children_mb": 50.0, "runs": 1, "pdf_log": [], "pdf_seconds": 0.0, "pdf_count": 0,
             "phases": {"data_load": 0.2, "macro_calls": 0.1, "macro_templating": 0.1, "pdf": 0.0,
                        "other_plugins_hooks": 0.1, "mkdocs": 1.5},
             "macro_calls": {"fig": {"seconds": 0.05, "calls": 10}}}
    return {
        "full_build": dict(build, pages={"ru": 3, "en": 3}, pdf_files=0),
        "data_layer": {"with_macros": build, "plain_markdown": dict(build, seconds=1.9), "ratio": 2.0 / 1.9,
                       "added_percent": 5.3, "target_percent": 15, "with_macros_cold": dict(build, seconds=2.6),
                       "plain_markdown_cold": build, "added_percent_cold": 30.0, "dossier": build, "dossier_warm": dict(build, seconds=1.2),
                       "plain_material": dict(build, seconds=1.0), "vs_material": 2.0, "vs_material_warm": 1.2,
                       "vs_material_cpu": 1.9, "vs_material_warm_cpu": 1.25, "vs_material_target": 1.3},
        "growth": {"1x": {"scale": 1, "nav": "full", "pdfs": False, "sources": 1, "paragraphs": 13, "figures": 34, "partners": 5,
                          "resources": 6, "pages": {"ru": 3, "en": 3}, "build": build, "seconds_per_page": 0.3,
                          "seconds_per_page_without_pdf": 0.3, "per_page_vs_smallest": 1.0},
                   "10x": {"scale": 10, "nav": "full", "pdfs": False, "sources": 10, "paragraphs": 130, "figures": 340, "partners": 50,
                           "resources": 60, "pages": {"ru": 30, "en": 30}, "build": build, "seconds_per_page": 0.6,
                           "seconds_per_page_without_pdf": 0.6, "per_page_vs_smallest": 2.0}},
        "edit_loop": {"page": "en/figures/", "first_serve_seconds": 3.0, "rounds": [2.0, None], "seconds": 2.0},
        "reader": {"home (en)": {"path": "en/", "by_kind": {"html": {"raw": 2048, "gzip": 1024, "requests": 1}},
                                 "total": {"raw": 2048, "gzip": 1024, "requests": 1}, "files": [], "failed": [],
                                 "foreign_requests": ["https://fonts.example/x.css"]}},
        "lighthouse": {"skipped": "no lighthouse in this test"},
        "edit_loop_failed": {"error": "serve did not start"},
    }


def test_report_is_valid_json_with_the_expected_keys(tmp_path):
    machine = {"cpu": "Test CPU", "cores": 2, "memory_gib": 4.0, "loadavg_at_start": [0.1, 0.1, 0.1]}
    settings = {"runs": 1, "sizes": [1, 10], "loadavg_at_end": [0.2, 0.1, 0.1]}
    report.write(tmp_path, "2026-01-01T00:00:00+00:00", machine, settings, fake_sections())

    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert set(data) == set(report.KEYS)
    assert data["machine"]["cpu"] == "Test CPU"
    met = {t["name"]: t["met"] for t in data["targets"]}
    assert met["data layer cost (builds without PDFs; warm: renderings and verdicts of the build before)"] is True  # +5.3 %
    assert met["data layer cost (builds without PDFs; cold: empty caches, every page rendered)"] is False  # +30 %
    assert met["cost per page at 10× vs 1×"] is False  # 2.0× is over 1.5×
    assert met["edit loop (save → rebuilt page)"] is True
    assert met["build without PDFs vs plain Material of the same pages (cold: empty build caches, as CI)"] is False  # 2.0×
    assert met["build without PDFs vs plain Material of the same pages (warm: the caches of the build before)"] is True  # 1.2×
    assert met["requests to other hosts"] is False  # the fake page asked a font host
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "cold **2.00×**, warm **1.20×**" in md
    assert "**+5.3 %** warm; cold (every page rendered) **+30.0 %**" in md and "| plain markdown, cold |" in md
    assert "Test CPU" in md and "## 3. Growth" in md and "no lighthouse in this test" in md
    assert "serve did not start" in md  # a failed section is reported, not dropped


def test_a_size_the_dossier_refuses_is_reported_and_the_other_sizes_kept(tmp_path):
    sections = fake_sections()
    sections["growth"]["not_built"] = {"100x-obs10": "data/observations.yml: file is larger than 4 MB"}
    machine = {"cpu": "Test CPU", "cores": 2, "memory_gib": 4.0, "loadavg_at_start": [0.1, 0.1, 0.1]}
    report.write(tmp_path, "2026-01-01T00:00:00+00:00", machine, {"runs": 1, "sizes": [1, 10]}, sections)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Not built: `100x-obs10`, the dossier refuses it: data/observations.yml: file is larger than 4 MB" in md
    assert "| 10× | full |" in md


@pytest.mark.project
@pytest.mark.parametrize("scale", [1, 5])
def test_home_grid_stays_small_as_the_dossier_grows(tmp_path, scale):
    """The grid shows every partner and resource while they fit, else the most cited (render.GRID_MAX)."""
    import re

    from macros import inline, render

    synth.generate(tmp_path, scale)
    dossier = load_dossier(tmp_path / "data")
    html = render.grid(inline.Ctx(dossier, "en", "index.md"))
    rows = re.findall(r'<th scope="row"><a href="partners/([\w-]+)/"', html)
    cols = re.findall(r'<th scope="col"><a href="resources/([\w-]+)/"', html)
    shown_p, shown_r = min(len(dossier.partners), render.GRID_MAX), min(len(dossier.resources), render.GRID_MAX)
    assert (len(rows), len(cols)) == (shown_p, shown_r)
    count = {e.id: len(dossier.by_partner.get(e.id, ())) for e in dossier.partners}
    hidden = set(count) - set(rows)
    assert not hidden or min(count[p] for p in rows) >= max(count[p] for p in hidden)  # the most cited are shown
    assert ("Shown: the 20 partners" in html) == (len(dossier.partners) > render.GRID_MAX)


@pytest.mark.project
def test_synthetic_observations_follow_the_design_and_load(tmp_path):
    """--observations N: N observations per numeric figure, each citing a reference of its unit, with
    no typed digit in any summary or note; the loader of the day must still accept the dossier."""
    import re

    import yaml
    counts = synth.generate(tmp_path, 2, observations=3)
    data = tmp_path / "data"
    observations = yaml.safe_load((data / "observations.yml").read_text(encoding="utf-8"))
    refs = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / "references").glob("*.yml")}
    dossier = load_dossier(data)
    numeric = [f for f in dossier.figures if f.is_numeric]
    assert len(observations) == counts.observations == 3 * len(numeric) and len(refs) == counts.references == 6
    assert len({o["id"] for o in observations}) == len(observations)
    assert all(r["id"] == stem and r["url"].startswith("https://") for stem, r in refs.items())
    for o in observations:
        fig = dossier.figure_by_id[o["figure"]]
        assert o["source"] in refs and o["source"].split("-")[0] == fig.id.split("-")[0]  # a reference of its unit
        assert not re.search(r"\d", o["summary"]["ru"] + o["summary"]["en"])
        assert o["verdict"] == "computed" or (o["verdict"]["kind"] in ("another-period", "another-definition")
                                              and not re.search(r"\d", "".join(o["verdict"]["note"].values())))
    differ = [o for o in observations if o["value"] != dossier.figure_by_id[o["figure"]].value]
    assert differ and all(abs(o["value"] / dossier.figure_by_id[o["figure"]].value - 1) > 0.05 for o in differ)
    assert not any(re.search(r"\d", n.text(lang)) for f in dossier.figures for n in f.notes for lang in ("ru", "en"))
    assert synth.generate(tmp_path / "none", 1).observations == 0 and not (tmp_path / "none" / "data" / "observations.yml").exists()


@pytest.mark.project
def test_a_dossier_with_ten_observations_per_figure_loads_and_checks(tmp_path):
    synth.generate(tmp_path, 1, observations=10)
    dossier = load_dossier(tmp_path / "data")
    observed = [f for f in dossier.figures if f.id in dossier.observations_of]
    assert observed and all(len(dossier.observations_of[f.id]) == 10 for f in observed)
    assert check(tmp_path) == []


def test_synthetic_names_carry_no_digit():
    """A digit in a built page must be a figure's or marked (issue 11): the synthetic partners and
    resources are named with letters, so the growth builds pass the built-page check."""
    names = [e["name"][lang] for kind in ("partner", "resource") for e in synth.entities(kind, 30) for lang in ("ru", "en")]
    assert not any(c.isdigit() for n in names for c in n)
    assert synth.entities("partner", 27)[26]["name"]["en"] == "Partner AA"


def test_the_edit_loop_marks_a_label_without_digits_and_replaces_its_last_mark(tmp_path):
    """The edit loop's marker lands in a figure label; a digit there would be typed by hand on the
    pages that print labels, and the build would stop instead of rebuilding."""
    import shutil

    from bench import editloop
    from tests.helpers import ROOT

    figures = tmp_path / "figures.yml"
    shutil.copy(ROOT / "data" / "figures.yml", figures)
    original = figures.read_text(encoding="utf-8")
    markers = [editloop.edit_marker(i) for i in (1, 2, 27)]
    assert len(set(markers)) == 3 and not any(c.isdigit() for m in markers for c in m)
    for marker in markers:
        editloop.relabel(figures, marker)
    text = figures.read_text(encoding="utf-8")
    assert text.count("bench-edit-") == 1 and markers[-1] in text
    assert len(text) - len(original) == len(" " + markers[-1])
