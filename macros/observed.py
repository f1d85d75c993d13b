"""Other sources (issue 11): referenced sources, observations and their verdicts, notes with
placeholders, and the "nothing unsourced" rule for data texts. Called by load.py."""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from pathlib import Path

from .model import Author, Figure, L10n, Note, Observation, Reference, Verdict
from .problems import Problem

PLACEHOLDER = re.compile(r"\{(value|period|as_of|obs:([a-z0-9]+(?:-[a-z0-9]+)*)(:as_of)?)\}")
DIGIT = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
EDITORIAL = ("differs", "consistent", "another-definition", "another-period")
BOUNDS = ("more-than", "at-least", "less-than", "at-most", "almost")  # a value said to lie on one side
EDGE = 0.9  # a computed verdict within the last tenth of its tolerance is shown as being at the edge
FRAGMENT_MAX = 40
VERDICTS_FILE = "verdicts.yml"


def _l10n(d) -> L10n | None:
    return L10n(d) if d else None


def reference(f) -> Reference:
    d = f.data
    return Reference(id=d["id"], kind=L10n(d["kind"]), publisher=L10n(d["publisher"]), title=d.get("title"),
                     title_language=d.get("title_language"),
                     authors=tuple(Author(L10n(a["name"]), None) for a in d.get("authors", [])),
                     published=d.get("published"), url=d["url"], accessed=d["accessed"], language=d["language"],
                     where=f.where(()), published_note=_l10n(d.get("published_note")), title_note=_l10n(d.get("title_note")),
                     fingerprint=frozenset(d.get("fingerprint", ())))


def reference_problems(ref: Reference, f) -> list[Problem]:
    found = []
    if ref.id != f.path.stem:
        found.append(Problem(f.shown, f.where(("id",)).line, ref.id, f"reference id '{ref.id}' differs from the file name",
                             f"rename the file to {ref.id}.yml or set id: \"{f.path.stem}\""))
    if not ref.title and not ref.title_note:
        found.append(Problem(f.shown, ref.where.line, ref.id, "no title and no title_note",
                             "write the title as published, or title_note: {ru, en} saying the page shows none"))
    if not ref.published and not ref.published_note:
        found.append(Problem(f.shown, ref.where.line, ref.id, "no published date and no published_note",
                             "write published: \"YYYY-MM-DD\" as the page shows it, or published_note: {ru, en}"))
    return found


def note(d) -> Note:
    """A note in either form: {ru, en} or {text: {ru, en}, cites: [...], about: ...}."""
    if "text" in d:
        return Note(L10n(d["text"]), tuple(d.get("cites", [])), d.get("about"))
    return Note(L10n(d))


def observation(f, i: int, verdict: Verdict) -> Observation:
    d = f.data[i]
    return Observation(id=d["id"], figure=d["figure"], source=d["source"], stated_by=_l10n(d.get("stated_by")),
                       value=d.get("value"), unit=d.get("unit"), qualifier=d.get("qualifier", "exact"),
                       as_of=d.get("as_of"), locator=_l10n(d.get("locator")), fragment=d.get("fragment"),
                       summary=L10n(d["summary"]), verdict=verdict, where=f.where((i,)))


def did_you_mean(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), 1)
    return f"did you mean '{close[0]}'? " if close else ""


def verdict(d: dict, fig: Figure | None, tolerances: dict, at: tuple) -> tuple[Verdict | None, list[Problem]]:
    """The observation's verdict: the editor's, or computed against its figure (see macros/model.VERDICTS)."""
    v = d["verdict"]
    if isinstance(v, dict):
        return Verdict(v["kind"], note=L10n(v["note"])), []
    if fig is None:
        return None, []
    set_editorial = ("set an editorial verdict: {kind: another-definition | another-period | differs | consistent, "
                     "note: {ru, en}}")
    tol = tolerances.get(fig.kind)
    if tol is None and fig.value is not None:
        return None, [Problem(*at, f"verdict 'computed' but data/{VERDICTS_FILE} has no tolerance for {fig.kind} figures",
                              f"ask a maintainer to add {fig.kind}: {{relative: 0.05}} (or absolute:, exact:) to "
                              f"data/{VERDICTS_FILE}, or " + set_editorial)]
    if tol is None or fig.value is None:
        return None, [Problem(*at, f"verdict 'computed' on a {fig.kind} figure, which has no value to compare", set_editorial)]
    value = d.get("value")
    if (d.get("unit") or None) != (fig.unit or None):
        return None, [Problem(*at, f"verdict 'computed' but the units differ (observation: {d.get('unit') or 'none'}, "
                                   f"figure {fig.id}: {fig.unit or 'none'})",
                              "convert the value to the figure's unit if the definition is the same, or " + set_editorial)]
    as_of = str(d.get("as_of") or "")
    if fig.period and as_of and not _same_period(fig.period, as_of):
        return Verdict("another-period", computed=True), []
    unstated = bool(as_of) and not fig.period and fig.kind != "date"
    if fig.kind == "date" or tol.get("exact"):
        a, b = str(value), str(fig.value)
        n = min(len(a), len(b))
        return Verdict("agrees" if a[:n] == b[:n] else "differs", computed=True), []
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, [Problem(*at, f"verdict 'computed' but the value '{value}' is not a number", set_editorial)]
    diff = value - fig.value
    rel = diff / fig.value if fig.value else None
    obs_q = d.get("qualifier", "exact")
    gap, bounded = _beyond_bound(diff, fig.qualifier, obs_q)
    limit = tol["absolute"] if "absolute" in tol else tol["relative"] * abs(fig.value)
    if abs(gap) > limit:
        return Verdict("differs", difference=diff, relative=rel, computed=True, period_unstated=unstated), []
    rounder = "approximate" in (fig.qualifier, obs_q)
    kind = "consistent" if bounded or rounder else "agrees"
    edge = abs(gap) >= EDGE * limit and abs(gap) > 0
    return Verdict(kind, difference=diff, relative=rel, computed=True, edge=edge, period_unstated=unstated), []


def _same_period(period: str, as_of: str) -> bool:
    """Does an observation's date fall within the figure's period (both ISO: 2022, 2025-H1, 2005/2024, 2024-07-02)?"""
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    seen = [int(y) for y in re.findall(r"\d{4}", as_of)]
    if not years or not seen:
        return True
    low, high = min(years), max(years)
    return all(low <= y <= high for y in seen)


def _beyond_bound(diff: float, fig_q: str, obs_q: str) -> tuple[float, bool]:
    """(the difference that contradicts, whether a bound was involved): a figure stated as "more than X"
    does not contradict anything above X, but neither is it the same value: it is consistent with it."""
    if fig_q in ("more-than", "at-least") and diff > 0 or fig_q in ("less-than", "at-most", "almost") and diff < 0:
        return 0.0, True
    if obs_q in ("more-than", "at-least") and diff < 0 or obs_q in ("less-than", "at-most", "almost") and diff > 0:
        return 0.0, True
    return diff, fig_q in BOUNDS or obs_q in BOUNDS


def fragment_problems(d: dict, at: tuple) -> list[Problem]:
    frag = d.get("fragment")
    if frag is None:
        return []
    if len(frag) > FRAGMENT_MAX:
        return [Problem(*at, f"fragment is {len(frag)} characters long (at most {FRAGMENT_MAX})",
                        "keep only the number and its unit as the page writes them, e.g. \"2.3 trillion\"")]
    digits = set(re.sub(r"\D", "", str(d.get("value"))))
    if not any(c in digits for c in frag):
        return [Problem(*at, f"fragment '{frag}' does not contain a digit of the value",
                        "the fragment is the number and its unit as the page writes them, e.g. \"43%\"")]
    return []


def typed_digits(text: str, allowed: tuple[str, ...]) -> list[str]:
    """Digits written by hand in `text` once the allowed placeholders are taken out."""
    def drop(m):
        name = m.group(1)
        return "" if name in allowed or (name.startswith("obs:") and "obs" in allowed) else m.group(0)
    return DIGIT.findall(PLACEHOLDER.sub(drop, text))


def unsourced(text: L10n, at: tuple, where_text: str, allowed: tuple[str, ...] = ("obs",)) -> list[Problem]:
    found = []
    for lang in text:
        for digits in typed_digits(text(lang), allowed):
            via = " or ".join(f"{{{a}}}" if a != "obs" else "{obs:<id>} (an observation of a referenced source)" for a in allowed)
            fix = f"show it through {via}" if via else "drop it or reword: this text cannot cite a source"
            found.append(Problem(*at, f"a digit typed by hand ('{digits}') in {where_text} ({lang})", fix))
            break
    return found


def string_problems(strings: dict, examples: frozenset, f) -> list[Problem]:
    """Interface strings carry no digit typed by hand: numbers come through their {placeholders}."""
    found = []
    for key, text in strings.items():
        if key in examples:
            continue
        for lang in text:
            forms = text.forms[lang].values() if hasattr(text, "forms") else (text(lang),)  # a plural string: each form
            digits = DIGIT.findall(re.sub(r"\{[^{}]*\}", "", " ".join(forms)))
            if digits:
                found.append(Problem(f.shown, f.where((key,)).line, key, f"a digit typed by hand ('{digits[0]}') in the string ({lang})",
                                     "pass the number through a {placeholder} filled by the code, or, if the string shows "
                                     "an example of a format, write it as {example: true, text: {ru, en}}"))
                break
    return found


def placeholder_problems(text: L10n, at: tuple, allowed: tuple[str, ...], observations: dict, where_text: str) -> list[Problem]:
    """Every placeholder resolves: a known name, an existing observation."""
    found = []
    for lang in text:
        for m in re.finditer(r"\{([A-Za-z_][^{}]*)\}", text(lang)):  # what reads as a placeholder
            full = PLACEHOLDER.fullmatch(m.group(0))
            name = m.group(1)
            if full and full.group(2):
                if "obs" not in allowed:
                    found.append(Problem(*at, f"placeholder {m.group(0)} in {where_text} ({lang})", "use {value} or {as_of} here"))
                elif full.group(2) not in observations:
                    found.append(Problem(*at, f"unknown observation '{full.group(2)}' in {m.group(0)} ({where_text}, {lang})",
                                         did_you_mean(full.group(2), observations) + "use an id from data/observations.yml"))
            elif not full or name not in allowed:
                known = ", ".join("{" + a + "}" if a != "obs" else "{obs:<id>}, {obs:<id>:as_of}" for a in allowed)
                found.append(Problem(*at, f"unknown placeholder {m.group(0)} in {where_text} ({lang})", f"use one of {known}"))
    return found


def _significant(digits: str) -> str:
    """The digits of a number without separators, decimal point and trailing zeros: 3,8 / 3.8e12 -> '38'."""
    return re.sub(r"\D", "", digits).lstrip("0").rstrip("0")


def _spaced(text: str) -> str:
    """Any space as a plain one: a note's «30 млрд» restates the shown «30\u00a0млрд»."""
    return re.sub(r"[\u00a0\u202f ]", " ", text)


def restated_value(text: L10n, fig: Figure, shown: dict[str, str]) -> tuple[str, str] | None:
    """(language, what) where a note writes its own figure's value by hand instead of {value}: the
    value as the page shows it (`shown`, per language), or a number with the value's digits."""
    number = fig.value if isinstance(fig.value, (int, float)) and not isinstance(fig.value, bool) else None
    want = _significant(f"{number:f}") if number is not None else ""
    for lang in text:
        plain = PLACEHOLDER.sub("", text(lang))
        if shown.get(lang) and _spaced(shown[lang]).casefold() in _spaced(plain).casefold():
            return lang, _spaced(shown[lang])  # as the note writes it
        for digits in DIGIT.findall(plain):
            if want and _significant(digits) == want:
                return lang, digits
    return None


def note_problems(n: Note, at: tuple, allowed: tuple[str, ...], observations: dict, where_text: str,
                  fig: Figure | None = None, shown: dict[str, str] | None = None) -> list[Problem]:
    """`fig` and `shown` (its value as each edition shows it): a figure's own note, which may not
    restate that value by hand."""
    found = placeholder_problems(n.text, at, allowed, observations, where_text)
    for oid in n.cites:
        if oid not in observations:
            found.append(Problem(*at, f"note cites unknown observation '{oid}'",
                                 did_you_mean(oid, observations) + "use an id from data/observations.yml"))
    restated = restated_value(n.text, fig, shown or {}) if fig is not None else None
    if restated:
        lang, what = restated
        return found + [Problem(*at, f"{where_text} restates the figure's own value by hand ('{what}', {lang})",
                                "write {value}: the page shows the figure's value there, linked to its quote")]
    return found + unsourced(n.text, at, where_text, allowed)


def observations_by_figure(observations) -> dict[str, tuple[Observation, ...]]:
    found = defaultdict(list)
    for o in observations:
        found[o.figure].append(o)
    return {k: tuple(v) for k, v in found.items()}


def paragraph_notes(sources_files) -> dict[tuple[str, str], tuple[Note, ...]]:
    found = {}
    for f in sources_files:
        for p in f.data["paragraphs"]:
            if p.get("notes"):
                found[(f.data["id"], p["id"])] = tuple(note(n) for n in p["notes"])
    return found


def references_dir(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "references").glob("*.yml"))


def checking_problems(figures, observations_of: dict, where) -> list[Problem]:
    """Every figure is checked against other sources: it has an observation, or the record that nothing
    independent was found and what was searched (unconfirmed), never both. And a figure whose note says it
    counts something else than its source says (about: definition) never computes an agreement with an
    observation the note cites. `where(i, field)` gives a figure's field line."""
    found = []
    for i, fig in enumerate(figures):
        seen = observations_of.get(fig.id, ())
        at = (fig.where.path, fig.where.line, fig.id)
        if not seen and fig.unconfirmed is None:
            found.append(Problem(*at, "the figure is checked against no other source",
                                 "add an observation of an independent source (data/observations.yml), or, if none was "
                                 "found, unconfirmed: {searched: {a text per edition}, checked: \"YYYY-MM-DD\"} saying what was searched"))
        elif seen and fig.unconfirmed is not None:
            found.append(Problem(fig.where.path, where(i, "unconfirmed"), fig.id,
                                 f"the figure has observations ({', '.join(o.id for o in seen)}) and an unconfirmed record",
                                 "remove unconfirmed: an observation confirms or questions the figure"))
        cited = {c for n in fig.notes if n.about == "definition" for c in n.cites}
        for o in seen:
            if o.id in cited and o.verdict.kind in ("agrees", "consistent"):
                found.append(Problem(o.where.path, o.where.line, o.id,
                                     f"the verdict is '{o.verdict.kind}' but the note of figure {fig.id} that cites this "
                                     f"observation says the figure counts something else (about: definition)",
                                     "give it the editorial verdict {kind: another-definition, note: {ru, en}}, or correct the note"))
    return found
