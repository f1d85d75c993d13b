"""What a change does to the numbers: figures added, removed and changed between two git revisions.

    python -m tools.figure_diff BASE [HEAD] [--repo PATH]     (make figure-diff BASE=main)

Reads data/ at each revision (git archive), loads it as the build does and compares every figure:
stored and formatted value, quote, source paragraph, labels, notes; and every observation of
another source (data/observations.yml): its figure, source, value, as-of date and verdict — the
verdict the build computes where the data loads, so a changed figure that turns an "agrees" into a
"differs" shows. Then what decides those figures and verdicts without being one: the text of the
reproduced sources, paragraph by paragraph and word by word (with the figures that cite each
paragraph, and whether the pins changed), the tolerances of data/verdicts.yml, and the records of
the referenced sources (their dates above all). A revision whose data does not pass the checks is
compared from its raw YAML instead, and the report says so.
Prints markdown, ready to post on a pull request.
"""
from __future__ import annotations

import argparse
import difflib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from macros import fmt, languages
from macros.load import load_dossier
from macros.problems import DossierError

ROOT = Path(__file__).resolve().parent.parent

# Compared fields, in the order a reviewer reads them.
FIELDS = ["value", "value (ru)", "value (en)", "unit", "qualifier", "period", "kind", "label (ru)", "label (en)",
          "display (ru)", "display (en)", "source", "paragraph", "quote", "quote (ru)", "quote (en)", "partners", "resources",
          "notes (ru)", "notes (en)", "headline"]


OBSERVATION_FIELDS = ["figure", "source", "stated by (en)", "value", "unit", "qualifier", "as of", "locator (en)",
                      "fragment", "summary (ru)", "summary (en)", "verdict", "verdict note (ru)", "verdict note (en)"]


class RevisionError(Exception):
    pass


def data_at(repo: Path, rev: str, into: Path) -> Path | None:
    """Extract data/ as it is at `rev` into `into`; None when that revision has no data/."""
    found = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                           capture_output=True, text=True)
    if found.returncode != 0:
        raise RevisionError(f"unknown git revision '{rev}' — give a branch, tag or commit, e.g. BASE=origin/main")
    tar = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, "data"], capture_output=True)
    if tar.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(into, filter="data")
    return into / "data"


def revision_at(repo: Path, rev: str) -> tuple[dict[str, dict], dict[str, dict], str | None]:
    """({figure id: fields}, {observation id: fields}) at `rev`, and a note when the data there does not load."""
    with tempfile.TemporaryDirectory(prefix="figure-diff-") as tmp:
        data = data_at(repo, rev, Path(tmp))
        if data is None or not (data / "figures.yml").exists():
            return {}, {}, f"`{rev}` has no data/figures.yml"
        try:
            dossier = load_dossier(data)
        except DossierError as exc:
            note = (f"the data at `{rev}` does not pass the checks ({len(exc.problems)} problem(s); run `make check` "
                    f"there), so its figures are compared as written in the YAML, without formatted values")
            return _raw(data), observations_of(data, None), note
        return _loaded(dossier), observations_of(data, dossier), None


def raw_at(repo: Path, rev: str) -> dict[str, dict]:
    """The figures at `rev` as written in the YAML (no formatting): what a revision that does not load is
    compared with, on both sides, so that only real changes show."""
    with tempfile.TemporaryDirectory(prefix="figure-diff-") as tmp:
        data = data_at(repo, rev, Path(tmp))
        return _raw(data) if data is not None and (data / "figures.yml").exists() else {}


def observations_of(data: Path, dossier) -> dict[str, dict]:
    """{observation id: {field: text}} as written in data/observations.yml; the verdict is the one the
    loaded dossier computed where it has the observation, else as written ("computed" or the editor's)."""
    try:
        records = yaml.safe_load((data / "observations.yml").read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return {}
    loaded = {o.id: o for o in getattr(dossier, "observations", ())}
    out = {}
    for r in records if isinstance(records, list) else []:
        if not isinstance(r, dict) or "id" not in r:
            continue
        oid = str(r["id"])
        verdict = r.get("verdict")
        kind = verdict.get("kind") if isinstance(verdict, dict) else verdict
        note = (verdict.get("note") if isinstance(verdict, dict) else None) or {}
        if oid in loaded:
            v = loaded[oid].verdict
            kind = v.kind + (f" ({_number(v.difference)})" if v.difference is not None else "")
        out[oid] = {
            "figure": _text(r.get("figure")), "source": _text(r.get("source")), "value": _text(r.get("value")),
            "unit": _text(r.get("unit")), "qualifier": _text(r.get("qualifier", "exact")), "as of": _text(r.get("as_of")),
            "fragment": _text(r.get("fragment")), "verdict": _text(kind),
            **{f"{name} ({lang})": _lang(r.get(key), lang) for name, key in
               (("stated by", "stated_by"), ("locator", "locator"), ("summary", "summary")) for lang in _langs()},
            **{f"verdict note ({lang})": _lang(note, lang) for lang in _langs()},
        }
    return out


def _langs() -> tuple[str, ...]:
    """The editions (data/languages.yml): every text is compared in each of them (a revision from before an
    edition was added has no text in it: compared as empty)."""
    return languages.published()


def _lang(mapping, lang: str) -> str:
    return _text(mapping.get(lang)) if isinstance(mapping, dict) else ""


def _number(v: float) -> str:
    return f"{v:+_}" if float(v) != int(v) else f"{int(v):+_}"


def _loaded(d) -> dict[str, dict]:
    out = {}
    for f in d.figures:
        cite = f.citation
        where = "referenced" if cite.referenced else f"{cite.paragraph} (¶{d.cited(cite)[1].number})"
        out[f.id] = {
            "value": _text(f.value), "unit": _text(f.unit), "qualifier": f.qualifier, "period": _text(f.period),
            "kind": f.kind, "source": cite.source, "paragraph": where,
            "quote": cite.quote, "partners": ", ".join(f.partners),
            "resources": ", ".join(f.resources), "headline": _text(f.headline),
            **{f"value ({lang})": fmt.figure_value(f, d.languages[lang], d.strings) if lang in d.languages else ""
               for lang in _langs()},
            **{f"label ({lang})": f.label.texts.get(lang, "") for lang in _langs()},
            **{f"quote ({lang})": cite.renderings.texts.get(lang, "") for lang in _langs()},  # its renderings
            **{f"display ({lang})": f.display.texts.get(lang, "") if f.display else "" for lang in _langs()},
            **{f"notes ({lang})": " / ".join(n.text.texts.get(lang, "") for n in f.notes) for lang in _langs()},
            **{f"states ({lang})": cite.states.texts.get(lang, "") if cite.states else "" for lang in _langs()},
        }
    return out


def _raw(data: Path) -> dict[str, dict]:
    """The lighter read for a revision whose data does not load: plain YAML, no formatting."""
    try:
        records = yaml.safe_load((data / "figures.yml").read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        return {}
    out = {}
    for r in records if isinstance(records, list) else []:
        if not isinstance(r, dict) or "id" not in r:
            continue
        label, display = r.get("label") or {}, r.get("display") or {}
        rendered = r.get("quote_renderings") if isinstance(r.get("quote_renderings"), dict) else {}
        notes = r.get("notes") or []
        out[str(r["id"])] = {
            "value": _text(r.get("value")), "unit": _text(r.get("unit")), "qualifier": _text(r.get("qualifier", "exact")),
            "period": _text(r.get("period")), "kind": _text(r.get("kind")), "source": _text(r.get("source")),
            "paragraph": _text(r.get("paragraph")), "quote": _text(r.get("quote")),
            "partners": ", ".join(map(str, r.get("partners") or [])), "resources": ", ".join(map(str, r.get("resources") or [])),
            "headline": _text(r.get("headline", False)),
            **{f"label ({lang})": _text(label.get(lang)) if isinstance(label, dict) else "" for lang in _langs()},
            **{f"quote ({lang})": _text(rendered.get(lang)) for lang in _langs()},
            **{f"display ({lang})": _text(display.get(lang)) if isinstance(display, dict) else "" for lang in _langs()},
            **{f"notes ({lang})": " / ".join(_text(n.get(lang)) for n in notes if isinstance(n, dict)) for lang in _langs()},
        }
    return out


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:_}"
    return str(v)


def diff(before: dict[str, dict], after: dict[str, dict], fields: list[str] = FIELDS):
    """(added ids, removed ids, {id: [(field, old, new)]}) — fields missing on one side are skipped."""
    added = [fid for fid in after if fid not in before]
    removed = [fid for fid in before if fid not in after]
    changed = {}
    for fid in after:
        if fid in before:
            rows = [(k, before[fid][k], after[fid][k]) for k in fields
                    if k in before[fid] and k in after[fid] and before[fid][k] != after[fid][k]]
            if rows:
                changed[fid] = rows
    return added, removed, changed


def report(base: str, head: str, before: dict, after: dict, notes: list[str],
           obs_before: dict | None = None, obs_after: dict | None = None,
           rules_before: dict | None = None, rules_after: dict | None = None) -> str:
    out = [f"## Figures: `{base}` → `{head}`", ""]
    out += [f"> Note: {n}" for n in notes] + ([""] if notes else [])
    out += _figures_section(before, after)
    if obs_before or obs_after:
        out += ["", *_observations_section(obs_before or {}, obs_after or {})]
    if rules_before is not None and rules_after is not None:
        out += ["", *_sources_section(rules_before, rules_after), "", *_tolerances_section(rules_before, rules_after),
                "", *_references_section(rules_before, rules_after)]
    return "\n".join(out).rstrip("\n") + "\n"


# --- what decides figures and verdicts: source text, tolerances, references ----------------------

def rules_at(repo: Path, rev: str) -> dict:
    """The raw YAML at `rev` of what is not a figure but decides them: {"sources": {id: {"title", "credits",
    "paragraphs": {pid: text}}}, "pins": {...}, "cited": {(source, paragraph): [figure ids]},
    "tolerances": {...}, "references": {id: {field: text}}}."""
    with tempfile.TemporaryDirectory(prefix="figure-diff-") as tmp:
        data = data_at(repo, rev, Path(tmp))
        return _rules(data) if data is not None else {"sources": {}, "pins": {}, "cited": {}, "tolerances": {}, "references": {}}


def _yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _rules(data: Path) -> dict:
    sources = {}
    for path in sorted((data / "sources").glob("*.yml")):
        d = _yaml(path)
        if isinstance(d, dict):
            paragraphs = {str(p.get("id")): _text(p.get("text")) for p in d.get("paragraphs") or [] if isinstance(p, dict)}
            sources[path.stem] = {"title": _text(d.get("title")), "credits": "\n".join(map(_text, d.get("credits") or [])),
                                  "paragraphs": paragraphs}
    cited: dict = {}
    for r in _yaml(data / "figures.yml") or []:
        if isinstance(r, dict) and "id" in r:
            cited.setdefault((_text(r.get("source")), _text(r.get("paragraph"))), []).append(_text(r["id"]))
    references = {}
    for path in sorted((data / "references").glob("*.yml")) if (data / "references").is_dir() else []:
        d = _yaml(path)
        if isinstance(d, dict):
            references[path.stem] = {k: _flat(v) for k, v in d.items() if k != "id"}
    tolerances = _yaml(data / "verdicts.yml")
    pins = _yaml(data / "source-pins.yml")
    return {"sources": sources, "pins": pins if isinstance(pins, dict) else {}, "cited": cited,
            "tolerances": {k: _flat(v) for k, v in tolerances.items()} if isinstance(tolerances, dict) else {},
            "references": references}


def _flat(v) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_flat(x)}" for k, x in v.items())
    if isinstance(v, list):
        return ", ".join(_flat(x) for x in v)
    return _text(v)


def word_diff(old: str, new: str, context: int = 4) -> list[str]:
    """The changes between two texts, word by word: each as «…words before» −removed +added «words after…»."""
    a, b = old.split(), new.split()
    if len(a) * len(b) > 4_000_000:  # a diff of two very long texts would take seconds: say it in one line
        return [f"the whole text changed ({len(a)} → {len(b)} words)"]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = " ".join(a[max(0, i1 - context):i1])
        after = " ".join(a[i2:i2 + context])
        parts = [f"«…{before}»" if before else "(start)"]
        parts += [f"−«{' '.join(a[i1:i2])}»"] if i2 > i1 else []
        parts += [f"+«{' '.join(b[j1:j2])}»"] if j2 > j1 else []
        parts += [f"«{after}…»" if after else "(end)"]
        out.append(" ".join(parts))
    return out


def _sources_section(before: dict, after: dict) -> list[str]:
    out = ["## Text of the reproduced sources", ""]
    rows = []
    old_sources, new_sources = before["sources"], after["sources"]
    for sid in sorted(set(old_sources) | set(new_sources)):
        old, new = old_sources.get(sid), new_sources.get(sid)
        if old is None or new is None:
            rows.append(f"- source {_code(sid)} {'added' if old is None else 'removed'}")
            continue
        for part in ("title", "credits"):
            if old[part] != new[part]:
                rows.append(f"- {_code(sid)} {part}: " + "; ".join(map(_inline, word_diff(old[part], new[part]))))
        for pid in list(dict.fromkeys([*old["paragraphs"], *new["paragraphs"]])):
            a, b = old["paragraphs"].get(pid), new["paragraphs"].get(pid)
            if a == b:
                continue
            cited = sorted(set(before["cited"].get((sid, pid), [])) | set(after["cited"].get((sid, pid), [])))
            by = f" (cited by {', '.join(map(_code, cited))})" if cited else ""
            if a is None or b is None:
                rows.append(f"- {_code(sid)} paragraph {_code(pid)} {'added' if a is None else 'removed'}{by}")
            else:
                rows.append(f"- {_code(sid)} paragraph {_code(pid)} changed{by}:")
                rows += [f"  - {_inline(change)}" for change in word_diff(a, b)]
    if not rows:
        return out + ["No word of a reproduced source was changed."]
    pinned = "the pins changed with it (data/source-pins.yml): a maintainer must approve them" if before["pins"] != after["pins"] \
        else "the pins did not change: `make check` and the build stop on this"
    return out + [f"**The reproduced text changed**; {pinned}.", "", *rows]


def _tolerances_section(before: dict, after: dict) -> list[str]:
    out = ["## Tolerances of the computed verdicts (data/verdicts.yml)", ""]
    a, b = before["tolerances"], after["tolerances"]
    rows = [f"| {_code(k)} | {_cell(a.get(k, ''))} | {_cell(b.get(k, ''))} |" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    if not rows:
        return out + ["No tolerance was changed."]
    return out + ["**A tolerance changed: every computed verdict of that kind of figure may change with it.**", "",
                  "| kind | before | after |", "|---|---|---|", *rows]


def _references_section(before: dict, after: dict) -> list[str]:
    out = ["## Records of the referenced sources (data/references/)", ""]
    a, b = before["references"], after["references"]
    rows = []
    for rid in sorted(set(a) | set(b)):
        if rid not in a or rid not in b:
            rows.append(f"- {_code(rid)} {'added' if rid not in a else 'removed'}")
            continue
        for field in sorted(set(a[rid]) | set(b[rid])):
            if a[rid].get(field) != b[rid].get(field):
                rows.append(f"- {_code(rid)} {_inline(field)}: {_cell(a[rid].get(field, ''))} → {_cell(b[rid].get(field, ''))}"
                            + (" (a date an observation's verdict may rest on)" if field in ("published", "accessed") else ""))
    return out + (rows or ["No record of a referenced source was changed."])


def _observations_section(before: dict, after: dict) -> list[str]:
    added, removed, changed = diff(before, after, OBSERVATION_FIELDS)
    out = ["## Observations of other sources", ""]
    if not (added or removed or changed):
        return out + [f"No observation was added, removed or changed ({len(after)} observations)."]
    verdicts = sum(1 for rows in changed.values() if any(k == "verdict" for k, _, _ in rows))
    out += [f"**{len(added)} added, {len(removed)} removed, {len(changed)} changed, of which {verdicts} "
            f"with another verdict** ({len(before)} → {len(after)} observations)", ""]
    if added:
        out += ["### Added observations", ""] + [_obs_summary(oid, after[oid]) for oid in added] + [""]
    if removed:
        out += ["### Removed observations", ""] + [_obs_summary(oid, before[oid]) for oid in removed] + [""]
    if changed:
        out += ["### Changed observations", ""]
        for oid, rows in changed.items():
            out += [f"#### {_code(oid)} — {_inline(after[oid].get('figure', ''))}", "",
                    "| field | before | after |", "|---|---|---|"]
            out += [f"| {field} | {_cell(old)} | {_cell(new)} |" for field, old, new in rows]
            out.append("")
    return out


def _obs_summary(oid: str, o: dict) -> str:
    return (f"- {_code(oid)} on {_inline(o.get('figure', ''))}: **{_inline(o.get('value', ''))} {_inline(o.get('unit', ''))}** "
            f"as of {_inline(o.get('as of', ''))} — {_inline(o.get('source', ''))}; verdict: **{_inline(o.get('verdict', ''))}**")


def _figures_section(before: dict, after: dict) -> list[str]:
    added, removed, changed = diff(before, after)
    out = []
    if not (added or removed or changed):
        out.append(f"No figure was added, removed or changed ({len(after)} figures).")
        return out
    out += [f"**{len(added)} added, {len(removed)} removed, {len(changed)} changed** "
            f"({len(before)} → {len(after)} figures)", ""]
    if added:
        out += ["### Added", ""] + [_summary(fid, after[fid]) for fid in added] + [""]
    if removed:
        out += ["### Removed", ""] + [_summary(fid, before[fid]) for fid in removed] + [""]
    if changed:
        out += ["### Changed", ""]
        for fid, rows in changed.items():
            out += [f"#### {_code(fid)} — {_cell(after[fid].get('label (en)', ''))}", "",
                    "| field | before | after |", "|---|---|---|"]
            out += [f"| {field} | {_cell(old)} | {_cell(new)} |" for field, old, new in rows]
            out.append("")
    return out


def _summary(fid: str, f: dict) -> str:
    shown = f.get("value (en)") or f.get("value") or f.get("display (en)") or ""
    return (f"- {_code(fid)} — {_inline(f.get('label (en)', ''))} / {_inline(f.get('label (ru)', ''))}: **{_inline(shown)}** "
            f"— {_inline(f.get('source', ''))} {_inline(f.get('paragraph', ''))}: «{_inline(f.get('quote', ''))}»")


_MARKDOWN_PUNCTUATION = str.maketrans({c: "\\" + c for c in "\\`*_[]!|<>&"})


def _inline(text: str) -> str:
    """Text from a pull request, on one line, with every Markdown and HTML character escaped."""
    return " ".join(str(text).split()).translate(_MARKDOWN_PUNCTUATION)


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text and "\n" not in text else _inline(text)


def as_code_block(report_text: str) -> str:
    """The report as one fenced code block whose fence is longer than any run of backticks in it:
    nothing a pull request writes can become a link, an image or markup in the job summary."""
    longest = max((len(run) for run in re.findall(r"`+", report_text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{report_text.rstrip()}\n{fence}\n"


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|") or "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.figure_diff", description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision the change starts from, e.g. origin/main")
    parser.add_argument("head", nargs="?", default="HEAD", help="the revision with the change (default HEAD)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the git repository (default: this project)")
    parser.add_argument("--code-block", action="store_true",
                        help="print the report as one fenced code block (for a CI job summary)")
    args = parser.parse_args(argv)
    try:
        before, obs_before, note_before = revision_at(args.repo, args.base)
        after, obs_after, note_after = revision_at(args.repo, args.head)
        rules_before, rules_after = rules_at(args.repo, args.base), rules_at(args.repo, args.head)
        if bool(note_before) != bool(note_after):  # one side loads, the other does not: compare both as written
            if note_after:
                before = raw_at(args.repo, args.base)
            else:
                after = raw_at(args.repo, args.head)
    except RevisionError as exc:
        print(f"figure-diff: {exc}", file=sys.stderr)
        return 2
    text = report(args.base, args.head, before, after, [n for n in (note_before, note_after) if n], obs_before, obs_after,
                  rules_before, rules_after)
    sys.stdout.write(as_code_block(text) if args.code_block else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
