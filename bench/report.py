"""Write the benchmark results as bench/out/report.json and a readable bench/out/report.md."""
from __future__ import annotations

import json
from pathlib import Path

KEYS = ("generated", "machine", "settings", "sections", "targets")


def targets(sections: dict) -> list[dict]:
    """Each target of issue 6 with the measured value; met is None where it was not measured."""
    out = []

    def add(name, goal, measured, met):
        out.append({"name": name, "target": goal, "measured": measured, "met": met})

    dl = sections.get("data_layer") or {}
    if "vs_material" in dl:
        add("build without PDFs vs plain Material of the same pages (cold: empty build caches, as CI)", "≤ 1.3×",
            f"{dl['vs_material']:.2f}×", dl["vs_material"] <= dl["vs_material_target"])
    if "vs_material_warm" in dl:
        add("build without PDFs vs plain Material of the same pages (warm: the caches of the build before)", "≤ 1.3×",
            f"{dl['vs_material_warm']:.2f}×", dl["vs_material_warm"] <= dl["vs_material_target"])
    if "added_percent" in dl:
        add("data layer cost (builds without PDFs; warm: renderings and verdicts of the build before)",
            "≤ 15 % added to the build", f"{dl['added_percent']:+.1f} %", dl["added_percent"] <= 15)
    if "added_percent_cold" in dl:
        add("data layer cost (builds without PDFs; cold: empty caches, every page rendered)", "≤ 15 % added to the build",
            f"{dl['added_percent_cold']:+.1f} %", dl["added_percent_cold"] <= 15)
        full = (sections.get("full_build") or {}).get("seconds")  # a first build: the cold pair's cost applies
        if full:
            macros, plain = (dl["with_macros_cold"], dl["plain_markdown_cold"]) if "with_macros_cold" in dl else \
                (dl["with_macros"], dl["plain_markdown"])
            extra = macros["seconds"] - plain["seconds"]
            share = extra / (full - extra) * 100
            add("data layer cost (the full build, with PDFs)", "≤ 15 % added to the build", f"{share:+.1f} %", share <= 15)
    growth = sections.get("growth") or {}
    growth = {k: r for k, r in growth.items() if isinstance(r, dict) and "scale" in r}
    for nav in dict.fromkeys(r.get("nav", "full") for r in growth.values()):
        rows = [r for r in growth.values() if r.get("nav", "full") == nav]
        largest, smallest = max(rows, key=lambda r: r["scale"]), min(r["scale"] for r in rows)
        label = "" if nav == "full" else f" ({nav})" if "observations" in nav else f" ({nav} nav)"
        add(f"cost per page at {largest['scale']}× vs {smallest}×{label}", "within 1.5×",
            f"{largest['per_page_vs_smallest']:.2f}×", largest["per_page_vs_smallest"] <= 1.5)
        previous = sorted(r["scale"] for r in rows)[-2:-1]
        if previous and previous[0] != smallest:  # 1× is mostly start-up: the last step shows the growth itself
            add(f"cost per page at {largest['scale']}× vs {previous[0]}×{label}", "within 1.5×",
                f"{largest['per_page_vs_previous']:.2f}×", largest["per_page_vs_previous"] <= 1.5)
    pdf = sections.get("pdfs") or {}
    if pdf.get("seconds_per_pdf") is not None:
        add("seconds per PDF (all PDFs as the build makes them ÷ count)", "< 0.5 s on average",
            f"{pdf['seconds_per_pdf']:.2f} s", pdf["seconds_per_pdf"] < 0.5)
    cache = sections.get("pdf_cache") or {}
    if "warm_vs_no_pdf" in cache:
        add("build with nothing changed (PDF cache warm) vs a build without PDFs", "≤ 1.3×",
            f"{cache['warm_vs_no_pdf']:.2f}×", cache["warm_vs_no_pdf"] <= 1.3)
        add(f"PDFs made again after editing one figure ({cache['edited_figure']})",
            "its briefs + the full dossier, per edition",
            ", ".join(f"{k}: {v} (expected {cache['expected_made'].get(k)})" for k, v in cache["edited_made"].items()),
            cache["edited_made"] == cache["expected_made"])
    edit = sections.get("edit_loop") or {}
    if edit.get("seconds") is not None:
        add("edit loop (save → rebuilt page)", "< 3 s", f"{edit['seconds']:.2f} s", edit["seconds"] < 3)
    lh = (sections.get("lighthouse") or {}).get("pages") or {}
    for page, r in lh.items():
        if "scores" in r:
            low = min(r["scores"].values())
            add(f"Lighthouse, {page}", "100 in each category",
                " / ".join(str(v) for v in r["scores"].values()), low == 100)
    reader = sections.get("reader") or {}
    if reader:
        foreign = sorted({u for r in reader.values() for u in r.get("foreign_requests", [])})
        foreign += sorted({h for r in lh.values() for h in r.get("foreign_hosts", [])})
        add("requests to other hosts", "none", ", ".join(foreign) or "none", not foreign)
    return out


def write(out_dir: Path, generated: str, machine: dict, settings: dict, sections: dict, notes: str = "") -> dict:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {"generated": generated, "machine": machine, "settings": settings, "sections": sections,
              "targets": targets(sections)}
    (out_dir / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    (out_dir / "report.md").write_text(markdown(report, notes), encoding="utf-8")
    return report


# --- markdown ----------------------------------------------------------------------------------

def _table(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _s(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def markdown(report: dict, notes: str = "") -> str:
    m, st = report["machine"], report["settings"]
    failed = {k: v["error"] for k, v in report["sections"].items() if isinstance(v, dict) and "error" in v}
    sec = {k: v for k, v in report["sections"].items() if k not in failed}
    out = [f"# Benchmark report\n\nGenerated {report['generated']} by `make bench` (bench/run.py). "
           f"Each number is the median of {st.get('runs')} runs unless stated otherwise.\n",
           f"**Machine:** {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB RAM; "
           f"load average at start {m.get('loadavg_at_start')}, at end {st.get('loadavg_at_end')} "
           f"(the cores were shared with other work). Python {m.get('python')}, mkdocs {m.get('mkdocs')}, "
           f"{m.get('chromium')}, Node {m.get('node')}.\n"]
    if report["targets"]:
        out.append("## Targets\n")
        out.append(_table(["what", "target", "measured", "met"],
                          [[t["name"], t["target"], t["measured"], {True: "yes", False: "**no**", None: "—"}[t["met"]]]
                           for t in report["targets"]]))
    if "full_build" in sec:
        b = sec["full_build"]
        out.append("## 1. Full build of the real dossier\n")
        out.append("Each run with empty build caches (every page rendered and checked, every PDF made): what a clean "
                   "clone's first build costs. A rebuild's costs are in sections 1b and 2.\n\n")
        out.append(f"Both editions ({', '.join(f'{k}: {v} pages' for k, v in b['pages'].items())}) and "
                   f"{b['pdf_files']} PDFs: **{b['seconds']:.2f} s** (runs: {b['seconds_all']}; "
                   f"{b['process_seconds']:.2f} s with Python start-up), peak memory "
                   f"**{b['peak_rss_mb']:.0f} MB** (PDF worker processes: {b['peak_rss_children_mb']:.0f} MB).\n")
        out.append(_phase_table(b))
        out.append(_macro_table(b))
    if "check" in sec:
        c = sec["check"]
        out.append("## 1a. make check\n")
        out.append(f"`python -m macros.check` over a snapshot of the project, each run a fresh process (what a contributor "
                   f"waits for before a pull request): **{_s(c['seconds'])} s** (runs: {c['seconds_all']}).\n")
    if "pdf_cache" in sec:
        c = sec["pdf_cache"]
        out.append("## 1b. Incremental PDFs\n")
        out.append(f"A copy of the project built with its PDF cache empty: {_s(c['cold_seconds'])} s (made: "
                   f"{c['cold_made']}); again with nothing changed: **{_s(c['warm_seconds'])} s** (made: {c['warm_made']}); "
                   f"without PDFs: **{_s(c['no_pdf_seconds'])} s**; ratio **{c['warm_vs_no_pdf']:.2f}×** (target ≤ 1.3×). "
                   f"After editing the label of figure `{c['edited_figure']}` (shown on {c['pages_showing']} partner "
                   f"and resource pages per edition): {c['edited_made']} of {c['pdfs']} PDFs made again in "
                   f"{_s(c['edited_seconds'])} s (expected {c['expected_made']}: its briefs and the full dossier).\n")
    if "data_layer" in sec:
        d = sec["data_layer"]
        out.append("## 2. Cost of the data layer\n")
        out.append("The same pages built through the macros and as the markdown the macros produced (captured in a "
                   "first build), with the macros plugin removed; theme, other plugins and hooks unchanged (but the page "
                   "allow-list and page checks, in both: they refuse captured markdown); no PDFs. The pair is built warm "
                   "(the build caches of the build before: compiled templates, kept renderings, the kept load, verdicts) "
                   "and cold (empty caches: every page rendered, every check run). Then the dossier's build with everything "
                   "on, cold and warm, and the captured markdown as plain Material builds it.\n\n")
        out.append(_table(["build", "seconds", "peak MB", "data load s", "macro calls s", "macro templating s"],
                          [[name, _s(x["seconds"]), f"{x['peak_rss_mb']:.0f}", _s(x["phases"]["data_load"]),
                            _s(x["phases"]["macro_calls"]), _s(x["phases"]["macro_templating"])]
                           for name, x in (("through the macros, warm", d["with_macros"]), ("plain markdown, warm", d["plain_markdown"]),
                                           ("through the macros, cold", d.get("with_macros_cold")),
                                           ("plain markdown, cold", d.get("plain_markdown_cold")),
                                           ("the dossier's build, every hook on, cold (empty build caches)", d.get("dossier")),
                                           ("the same, warm (the caches of the cold build)", d.get("dossier_warm")),
                                           ("plain Material (no macros, hooks, overrides)", d.get("plain_material")))
                           if x]))
        cold = (f"; cold (every page rendered) **{d['added_percent_cold']:+.1f} %**" if "added_percent_cold" in d else "")
        out.append(f"\nRatio {d['ratio']:.3f}: the data layer adds **{d['added_percent']:+.1f} %** warm{cold} (target ≤ 15 %). "
                   "The plain build still loads the data once, for the hooks (downloads, PDF links).\n")
        if "vs_material" in d:
            warm = f", warm **{d['vs_material_warm']:.2f}×**" if "vs_material_warm" in d else ""
            cpu = (f" (in-process CPU: cold {d['vs_material_cpu']:.2f}×, warm {d['vs_material_warm_cpu']:.2f}×)"
                   if "vs_material_warm_cpu" in d else "")
            out.append(f"\nAgainst plain Material (the same pages, no macros, hooks or overrides): cold **{d['vs_material']:.2f}×**"
                       f"{warm}{cpu} (target ≤ {d['vs_material_target']}×).\n")
    if "growth" in sec:
        out.append("## 3. Growth\n")
        rows = []
        built = {k: r for k, r in sec["growth"].items() if k != "not_built"}
        for r in built.values():
            b = r["build"]
            rows.append([f"{r['scale']}×", r.get("nav", "full"), r["sources"], r["figures"], r["partners"], r["resources"],
                         sum(r["pages"].values()), "yes" if r["pdfs"] else "no", _s(b["seconds"]),
                         f"{b['peak_rss_mb']:.0f}", _s(b["phases"]["data_load"]), _s(b["phases"]["macro_calls"]),
                         f"{r['seconds_per_page_without_pdf'] * 1000:.1f}", f"{r['per_page_vs_smallest']:.2f}×",
                         f"{r.get('per_page_vs_previous', 1.0):.2f}×"])
        out.append("`full` nav lists every page, as mkdocs.yml does today (Material's navigation.prune writes only "
                   "the page's own section into it); `indexes` lists only the index page of each "
                   "partner/resource/source section. Runs per size: " + ", ".join(
                       f"{r['scale']}×: {r['build']['runs']}" for r in built.values() if r.get("nav", "full") == "full") + ".\n\n")
        out.append(_table(["size", "nav", "sources", "figures", "partners", "resources", "pages (both)", "PDFs", "seconds",
                           "peak MB", "load s", "macros s", "ms per page (no PDF)", "vs smallest", "vs previous size"], rows))
        for key, why in (sec["growth"].get("not_built") or {}).items():
            out.append(f"\nNot built: `{key}`, the dossier refuses it: {why}\n")
    if "pdfs" in sec:
        p = sec["pdfs"]
        out.append("## 4. PDFs\n")
        out.append(f"{p['pdfs']} PDFs (per edition: the full dossier and one brief per partner and resource), "
                   f"timed on the built site with bench/pdf_bench.py's job list. All of them as the build makes "
                   f"them ({p['workers']} worker processes): **{_s(p['all_pdfs_seconds'])} s, "
                   f"{_s(p['seconds_per_pdf'])} s per PDF**. One at a time: a brief takes "
                   f"{_s(p['brief_alone_mean_seconds'])} s on average (slowest {_s(p['brief_alone_max_seconds'])} s); "
                   "the full dossier " + ", ".join(f"{k} {_s(v)} s" for k, v in p["full_dossier_alone_seconds"].items())
                   + f". Total size {p['total_bytes'] / 1024:.0f} KiB.\n")
        if p.get("during_build"):
            d = p["during_build"]
            out.append(f"\nDuring the full builds of section 1 the PDF hook reported {d['pdfs']} PDFs in "
                       f"{_s(d['seconds'])} s (" + "; ".join(f"{x['lang']}: {x['count']} in {x['seconds']} s"
                                                          for x in d["per_edition"]) + ").\n")
    if "edit_loop" in sec:
        e = sec["edit_loop"]
        out.append("## 5. Edit loop under `mkdocs serve`\n")
        out.append(f"Saving data/figures.yml (a label) to the rebuilt `{e['page']}`: **{_s(e['seconds'])} s** "
                   f"(rounds: {', '.join(_s(x) for x in e['rounds'])}); serve's first build took "
                   f"{_s(e['first_serve_seconds'])} s.\n")
    if "reader" in sec:
        out.append("## 6. What a reader downloads\n")
        out.append("Fresh browser cache; KiB raw / gzip, requests in brackets. HTML includes inline SVG.\n\n")
        rows = []
        for page, r in sec["reader"].items():
            cells = [f"{_kb(v['raw'])} / {_kb(v['gzip'])} ({v['requests']})" for v in r["by_kind"].values()]
            t = r["total"]
            rows.append([page, *cells, f"**{_kb(t['raw'])} / {_kb(t['gzip'])} ({t['requests']})**",
                         ", ".join(r.get("failed", [])) or "—"])
        kinds = list(next(iter(sec["reader"].values()))["by_kind"])
        out.append(_table(["page", *kinds, "total", "failed"], rows))
    if "lighthouse" in sec:
        lh = sec["lighthouse"]
        out.append("\n### Lighthouse\n")
        if lh.get("skipped"):
            out.append(f"Not run: {lh['skipped']}\n")
        else:
            out.append(f"Lighthouse {_first(lh, 'lighthouse')}, {_first(lh, 'form_factor')} preset (simulated slow 4G), "
                       f"static server with gzip; "
                       + ("run in a network namespace with loopback only. " if lh.get("network_namespace") else "")
                       + "Audits below full marks are listed.\n\n")
            rows = []
            for page, r in lh["pages"].items():
                if "scores" not in r:
                    rows.append([page, "error", "", "", "", r.get("error", "")[:200]])
                    continue
                s = r["scores"]
                below = "; ".join(f"{c}: {', '.join(a)}" for c, a in r["below_full_marks"].items())
                rows.append([page, s.get("performance"), s.get("accessibility"), s.get("best-practices"), s.get("seo"),
                             below or "—"])
            out.append(_table(["page", "performance", "accessibility", "best practices", "SEO", "below full marks"], rows))
    for key, error in failed.items():
        out.append(f"\n## {key}: not measured\n\n```\n{error}\n```\n")
    if notes:
        out.append("\n" + notes.strip() + "\n")
    return "\n".join(out)


def _first(lh: dict, key: str):
    return next((r.get(key) for r in lh.get("pages", {}).values() if r.get(key)), "?")


def _phase_table(b: dict) -> str:
    names = {"data_load": "data load + validation (all dossier_from calls)", "macro_calls": "page rendering: macro calls",
             "macro_templating": "page rendering: mkdocs-macros / Jinja", "pdf": "PDF generation (hooks/pdf.py)",
             "other_plugins_hooks": "other plugins and hooks", "mkdocs": "mkdocs itself (markdown, theme, i18n, files)"}
    total = b["seconds"] or 1
    return _table(["phase", "seconds", "share"],
                  [[names.get(k, k), _s(v), f"{v / total * 100:.0f} %"] for k, v in b["phases"].items()])


def _macro_table(b: dict) -> str:
    calls = sorted(b.get("macro_calls", {}).items(), key=lambda kv: -kv[1]["seconds"])[:8]
    if not calls:
        return ""
    return "\nSlowest macros (both editions):\n\n" + _table(
        ["macro", "calls", "seconds"], [[name, c["calls"], f"{c['seconds']:.3f}"] for name, c in calls])


if __name__ == "__main__":  # re-render a report from a run's results.json: python -m bench.report RESULTS OUT_DIR
    import sys
    raw = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    notes_file = Path(__file__).resolve().parent / "NOTES.md"
    write(Path(sys.argv[2]), raw["generated"], raw["machine"], raw["settings"], raw["sections"],
          notes_file.read_text(encoding="utf-8") if notes_file.exists() else "")
