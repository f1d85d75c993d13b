"""data/*.yml -> schema check -> cross-reference check -> Dossier.

Every problem names the file, the line and the record id, says what is wrong and how to fix
it; all problems are collected and raised together as one DossierError.
"""
from __future__ import annotations

import datetime
import difflib
import json
import re
import subprocess
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from . import agreement, fmt, i18n, languages, observed, own_words, pins, quotes, text_chars
from .glossary import terms_from
from .languages import Languages
from .model import (
    Author,
    Citation,
    Dossier,
    Entity,
    Figure,
    L10n,
    Paragraph,
    Source,
    SourceDate,
    Translation,
    Unconfirmed,
    Verdict,
    Where,
)
from .paths import digest, symlinks_under
from .problems import DossierError, Problem
from .yamlfile import YamlProblem, as_written, line_of, read_text, read_yaml

# Where the build remembers files that passed their schema (macros/verdicts.py, set by hooks/site.py): an
# object with passed(key) and add(key). None (make check, tests) checks every file every time.
schema_passes = None


class _Schemas(dict):
    """The schemas by file name, with a digest of all of them (what a file's verdict depends on)."""

    digest = ""


class _File:
    """One data file as read: its data, line map and the name shown in messages."""

    def __init__(self, root: Path, path: Path):
        self.path = path
        self.shown = path.relative_to(root.parent).as_posix() if path.is_relative_to(root.parent) else str(path)
        text = read_text(path, self.shown)
        self.text = text
        self.char_problems = text_chars.problems(text, self.shown)  # reported with the file's other problems
        self.data, self.lines = read_yaml(path, self.shown, text)
        self.text_lines = text.splitlines()
        if "\\" in text:  # a YAML escape ("\u200b") hides a character from the reading of the text above
            self.char_problems += [p for p in text_chars.value_problems(self.data, self.lines, self.shown)
                                   if p not in self.char_problems]

    def written(self, path: tuple) -> str | None:
        """The scalar at `path` as the contributor typed it."""
        line = line_of(self.lines, path)
        if not path or not line or line > len(self.text_lines):
            return None
        return as_written(self.text_lines[line - 1], path[-1])

    def where(self, path: tuple) -> Where:
        return Where(self.shown, line_of(self.lines, path) or 1)


def read_checked(data_dir: Path, path: Path, schema: str, problems: list[Problem], schemas=None,
                 deferred: list[Problem] | None = None) -> _File | None:
    """One data file, read (bounded YAML) and checked against its schema; None after a problem. Its refused
    characters go to `deferred` when given (they do not stop the other checks: all are found in one round)."""
    registry, schemas = schemas or _schemas(data_dir / "schema")
    if not path.exists():
        problems.append(Problem(str(path), None, None, "file is missing", f"create it (see data/schema/{schema})"))
        return None
    try:
        f = _File(data_dir, path)
    except YamlProblem as exc:
        problems.extend(exc.problems)
        return None
    (problems if deferred is None else deferred).extend(f.char_problems)
    passes = schema_passes if getattr(schemas, "digest", "") else None
    key = digest(schemas.digest, schema, f.text) if passes is not None else ""
    if passes is not None and passes.passed(key):
        return f
    before = len(problems)
    _validate(f, schemas[schema], registry, problems)
    if len(problems) != before:
        return None
    if passes is not None:
        passes.add(key)
    return f


def _languages(data_dir: Path, problems: list[Problem]):
    """The language table and the schemas that follow from it; raises DossierError without them."""
    problems += symlinks_under(data_dir, data_dir.parent)
    if problems:  # never follow a link out of data/ (a source file pointing at /etc/passwd)
        raise DossierError(problems)
    plain = _schemas(data_dir / "schema")
    langs_file = read_checked(data_dir, data_dir / languages.FILE, "languages.schema.json", problems, plain)
    if langs_file is None:
        raise DossierError(problems)
    langs, found = languages.from_data(langs_file.data, langs_file.where, langs_file.shown)
    if found:
        raise DossierError(found)
    return langs, _schemas(data_dir / "schema", langs)  # every text per language: the schema follows from the table


def load_sources(data_dir: Path | str) -> dict[str, Source]:
    """The reproduced sources alone, schema-checked (tools/pin_sources.py pins their text)."""
    data_dir, problems = Path(data_dir), []
    _, checked = _languages(data_dir, problems)
    files = [read_checked(data_dir, p, "source.schema.json", problems, checked) for p in sorted((data_dir / "sources").glob("*.yml"))]
    if problems:
        raise DossierError(problems)
    return {src.id: src for src in map(_source, files)}


def load_dossier(data_dir: Path | str) -> Dossier:
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    langs, checked = _languages(data_dir, problems)
    chars: list[Problem] = []  # refused characters: reported with everything else, never stopping a check

    def read(path: Path, schema: str) -> _File | None:
        return read_checked(data_dir, path, schema, problems, checked, chars)

    source_paths = sorted((data_dir / "sources").glob("*.yml"))
    source_files = [read(p, "source.schema.json") for p in source_paths]
    pins_file = read(data_dir / pins.FILE, "source-pins.schema.json") if (data_dir / pins.FILE).exists() else None
    figures_file = read(data_dir / "figures.yml", "figures.schema.json")
    partners_file = read(data_dir / "partners.yml", "partners.schema.json")
    resources_file = read(data_dir / "resources.yml", "resources.schema.json")
    strings_file = read(data_dir / "strings.yml", "strings.schema.json")
    glossary_path = data_dir / "glossary.yml"  # optional: without it there is no glossary
    glossary_file = read(glossary_path, "glossary.schema.json") if glossary_path.exists() else None
    reference_files = [read(p, "reference.schema.json") for p in observed.references_dir(data_dir)]
    obs_path = data_dir / "observations.yml"  # optional: without it no figure is corroborated
    obs_file = read(obs_path, "observations.schema.json") if obs_path.exists() else None
    verdicts_path = data_dir / observed.VERDICTS_FILE  # optional: without it no verdict is computed
    verdicts_file = read(verdicts_path, "verdicts.schema.json") if verdicts_path.exists() else None
    tolerances = (verdicts_file.data or {}) if verdicts_file else {}
    if problems:  # a file that failed its schema is left out; the files that passed are checked on, so that
        # one round names every problem: a source's and a reference's own checks need nothing else
        unread = frozenset(path.stem for path, f in zip(source_paths, source_files) if f is None)
        problems.extend(_own_problems([f for f in source_files if f], [f for f in reference_files if f], langs,
                                      pins_file, unread))
        raise DossierError(problems + chars)

    ids = _IdRegistry(problems, data_dir)
    sources = {}
    for f in source_files:
        src = _source_checked(f, langs, problems)
        ids.add("source", src.id, f, ("id",))
        sources[src.id] = src
    problems.extend(pins.problems(sources, pins_file.data if pins_file else None, pins_file.where if pins_file else None))
    partners = tuple(_entity(partners_file, i) for i in range(len(partners_file.data)))
    resources = tuple(_entity(resources_file, i) for i in range(len(resources_file.data)))
    for kind, entities, f in (("partner", partners, partners_file), ("resource", resources, resources_file)):
        for i, e in enumerate(entities):
            ids.add(kind, e.id, f, (i, "id"))
    figures = tuple(_figure(figures_file, i) for i in range(len(figures_file.data)))
    for i, fig in enumerate(figures):
        ids.add("figure", fig.id, figures_file, (i, "id"))
    strings, found = i18n.from_data(strings_file.data, strings_file.where, strings_file.shown, langs)
    problems.extend(found)
    example_strings = frozenset(k for k, v in strings_file.data.items() if "example" in v)
    problems.extend(observed.string_problems(strings, example_strings, strings_file))
    ids.report()

    glossary = terms_from(glossary_file.data, glossary_file.where, problems, langs.published) if glossary_file else ()

    references = {}
    for f in reference_files:
        ref = observed.reference(f)
        problems.extend(observed.reference_problems(ref, f))
        ids.add("reference", ref.id, f, ("id",))
        references[ref.id] = ref
    _check_figures(figures, sources, references, {p.id for p in partners}, {r.id for r in resources}, langs, problems)
    observations = _observations(obs_file, {f.id: f for f in figures}, sources, references, tolerances, problems) if obs_file else ()
    by_id = {o.id: o for o in observations}
    problems.extend(observed.checking_problems(figures, observed.observations_by_figure(observations),
                                               lambda i, field: figures_file.where((i, field)).line))
    shown = {fig.id: _shown(fig, langs, strings) for fig in figures if fig.notes or fig.unconfirmed or fig.citation.states}
    _check_notes(figures, figures_file, source_files, partners, resources, glossary, by_id, problems, shown)
    if problems or chars:
        raise DossierError(chars + problems)
    d = _indexed(Dossier(sources=sources, figures=figures, partners=partners, resources=resources, strings=strings,
                         languages=langs, glossary=glossary))
    return replace(d, references=references, observations=observations,
                   observations_of=observed.observations_by_figure(observations),
                   paragraph_notes=observed.paragraph_notes(source_files), example_strings=example_strings)


def _source_checked(f: _File, langs: Languages, problems: list[Problem]) -> Source:
    """A source that passed its schema, with what it says wrong on its own: renderings, id, paragraph ids."""
    src = _source(f)
    problems.extend(_rendering_problems(src, langs))
    if src.id != f.path.stem:
        problems.append(Problem(f.shown, f.where(("id",)).line, src.id, f"source id '{src.id}' differs from the file name",
                                f"rename the file to {src.id}.yml or set id: \"{f.path.stem}\""))
    seen = set()
    for p in src.paragraphs:
        if p.id in seen:
            problems.append(Problem(f.shown, p.where.line, f"{src.id}/{p.id}", f"duplicate paragraph id '{p.id}'",
                                    "give each paragraph its own id; never reuse one"))
        seen.add(p.id)
    return src


def _own_problems(source_files: list[_File], reference_files: list[_File], langs: Languages, pins_file,
                  unread: frozenset) -> list[Problem]:
    """What the sources and references that passed their schema say wrong on their own, while other
    files have problems (`unread`: the sources that did not): one round names them all."""
    found: list[Problem] = []
    sources = {src.id: src for src in (_source_checked(f, langs, found) for f in source_files)}
    if pins_file is not None:
        found.extend(pins.problems(sources, pins_file.data, pins_file.where, unread))
    for f in reference_files:
        found.extend(observed.reference_problems(observed.reference(f), f))
    return found


def _observations(f: _File, figures: dict, sources: dict, references: dict, tolerances: dict, problems: list[Problem]):
    found, seen = [], set()
    for i, d in enumerate(f.data):
        at = (f.shown, f.where((i,)).line, d["id"])
        if d["id"] in seen:
            problems.append(Problem(*at, f"duplicate observation id '{d['id']}'", "give each observation its own id; never reuse one"))
        seen.add(d["id"])
        fig = figures.get(d["figure"])
        if fig is None:
            problems.append(Problem(f.shown, f.where((i, "figure")).line, d["id"], f"unknown figure '{d['figure']}'",
                                    observed.did_you_mean(d["figure"], figures) + "use an id from data/figures.yml"))
        if d["source"] not in references and d["source"] not in sources:
            problems.append(Problem(f.shown, f.where((i, "source")).line, d["id"], f"unknown source '{d['source']}'",
                                    observed.did_you_mean(d["source"], [*references, *sources])
                                    + "use the id of a file in data/references/ (or data/sources/)"))
        problems.extend(observed.fragment_problems(d, (f.shown, f.where((i, "fragment")).line, d["id"])))
        verdict, found_v = observed.verdict(d, fig, tolerances, (f.shown, f.where((i, "verdict")).line, d["id"]))
        problems.extend(found_v)
        o = observed.observation(f, i, verdict or Verdict("differs"))
        sat = (f.shown, f.where((i, "summary")).line, o.id)
        problems.extend(observed.placeholder_problems(o.summary, sat, ("value", "as_of"), {}, "the summary"))
        problems.extend(observed.unsourced(o.summary, sat, "the summary", ("value", "as_of")))
        found.append(o)
    return tuple(found)


def _shown(fig: Figure, langs: Languages, strings: dict[str, L10n]) -> dict[str, str]:
    """The figure's value as each edition shows it; nothing when the figure has its own problems to report."""
    try:
        return {lang: fmt.figure_value(fig, langs[lang], strings) for lang in langs.published}
    except (KeyError, ValueError, TypeError, ArithmeticError):
        return {}


def _check_notes(figures, figures_file, source_files, partners, resources, glossary, observations, problems,
                 shown: dict[str, dict[str, str]]) -> None:
    """Notes' placeholders and cites resolve; no digit typed by hand in notes, summaries or the glossary;
    a figure's note shows the figure's own value through {value} (`shown`: each value as the pages show it)."""
    for i, fig in enumerate(figures):
        for j, n in enumerate(fig.notes):
            at = (figures_file.shown, figures_file.where((i, "notes", j)).line, fig.id)
            problems.extend(observed.note_problems(n, at, ("value", "period", "obs"), observations, "a note", fig, shown[fig.id]))
        if fig.citation.states:
            at = fig.at("states")
            problems.extend(observed.note_problems(observed.note(dict(fig.citation.states.texts)), at, ("value", "period", "obs"),
                                                   observations, "what the quote states", fig, shown[fig.id]))
            problems.extend(Problem(*at, f"what the quote states in '{lang}' does not give the value",
                                    "write {value} where the sentence gives the number: the page shows the figure's own value there")
                            for lang, said in fig.citation.states.texts.items() if "{value}" not in said)
        if fig.unconfirmed:
            at = (figures_file.shown, figures_file.where((i, "unconfirmed", "searched")).line, fig.id)
            problems.extend(observed.note_problems(observed.note(dict(fig.unconfirmed.searched.texts)), at, ("obs",), observations,
                                                   "what was searched", fig, shown[fig.id]))
    for f in source_files:
        note = f.data["date"].get("note")
        if note:  # the source's date note: observations, never typed dates
            at = (f.shown, f.where(("date", "note")).line, f.data["id"])
            problems.extend(observed.note_problems(observed.note(note), at, ("obs",), observations, "the date note"))
        for i, p in enumerate(f.data["paragraphs"]):
            for j, n in enumerate(p.get("notes", [])):
                at = (f.shown, f.where(("paragraphs", i, "notes", j)).line, f"{f.data['id']}/{p['id']}")
                problems.extend(observed.note_problems(observed.note(n), at, ("obs",), observations, "a paragraph note"))
    for e in (*partners, *resources):
        at = (e.where.path, e.where.line, e.id)
        problems.extend(observed.placeholder_problems(e.summary, at, ("obs",), observations, "the summary"))
        problems.extend(observed.unsourced(e.summary, at, "the summary"))
    for t in glossary:
        at = (t.where.path, t.where.line, t.id)  # a definition cites observations like a note: {obs:<id>}, {obs:<id>:as_of}
        problems.extend(observed.placeholder_problems(t.definition, at, ("obs",), observations, "the definition"))
        problems.extend(observed.unsourced(t.definition, at, "the definition"))


def _schemas(schema_dir: Path, langs: Languages | None = None):
    """The schemas and their registry; with `langs`, the per-language definitions come from the table."""
    schemas = _Schemas((p.name, json.loads(p.read_text(encoding="utf-8"))) for p in schema_dir.glob("*.schema.json"))
    if langs is not None and "common.schema.json" in schemas:
        schemas["common.schema.json"]["$defs"].update(languages.schema_defs(langs))
    schemas.digest = digest(json.dumps(schemas, sort_keys=True, ensure_ascii=False, default=repr))
    return _Registry(schemas), schemas


class _Registry:
    """The schemas as jsonschema's reference registry, made when a file is validated: after a build in
    which every file passed, none is (macros/verdicts.py), and `referencing` is not even imported."""

    def __init__(self, schemas: dict):
        self._schemas, self._made = schemas, None

    def get(self):
        if self._made is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            self._made = Registry().with_resources(
                (name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in self._schemas.items())
        return self._made


_checker: list = []  # jsonschema and its format checker, imported when a file is validated (not when all passed before)


def _jsonschema():
    """jsonschema, and the formats data/schema uses, checked (jsonschema ignores `format` without a checker)."""
    if not _checker:
        import jsonschema

        formats = jsonschema.FormatChecker(formats=())
        formats.checks("uri")(web_address)
        formats.checks("calendar-date", raises=ValueError)(calendar_date)
        formats.checks("period", raises=ValueError)(period)
        _checker[:] = [jsonschema, formats]
    return _checker[0], _checker[1]


def web_address(value) -> bool:
    """An absolute http(s) address with a host: no javascript:, file:, relative or spaced text."""
    if not isinstance(value, str):
        return True  # the type is the schema's `type` to check
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 — raises ValueError on a port that is not a number
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc
            and not any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value))


def calendar_date(value) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day, month or year that exists (no 2025-02-30)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        parts = [int(x) for x in value.split("-")]
        datetime.date(*parts, *[1] * (3 - len(parts)))
    return True


def period(value) -> bool:
    """A year range runs forwards: 2005/2024, not 2024/2005."""
    if isinstance(value, str) and "/" in value:
        start, end = value.split("/", 1)
        if start.isdigit() and end.isdigit() and int(start) > int(end):
            raise ValueError("the range ends before it starts")
    return True


def _validate(f: _File, schema: dict, registry: _Registry, problems: list[Problem]) -> None:
    jsonschema, formats = _jsonschema()
    validator = jsonschema.Draft202012Validator(schema, registry=registry.get(), format_checker=formats)
    for err in sorted(validator.iter_errors(f.data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(err.absolute_path)
        written = f.written(path)
        problems.append(Problem(f.shown, line_of(f.lines, path), _record_id(f.data, path),
                                _describe(err, written), _fix(err, written, _record(f.data, path))))


def _record_id(data, path: tuple) -> str | None:
    """The id of the record a data path points into, e.g. a figure's id."""
    node, found = data, None
    for step in path:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        found = node["id"]
    if found is None and path and isinstance(data, dict) and isinstance(path[0], str):
        found = path[0]  # a keyed file such as strings.yml: the key is the record
    return found


def _record(data, path: tuple) -> dict:
    """The record (a list item, or the whole file) a data path points into."""
    node = data[path[0]] if path and isinstance(data, list) and isinstance(path[0], int) and path[0] < len(data) else data
    return node if isinstance(node, dict) else {}


def _field(err) -> str:
    parts = [str(p) for p in err.absolute_path if not isinstance(p, int)]
    return parts[-1] if parts else "record"


_YAML_SURPRISES = {bool: "YAML reads yes/no/on/off/true/false as a boolean",
                   datetime.date: "YAML reads a bare date as a date"}


def _describe(err, written: str | None = None) -> str:
    v = err.validator
    if v == "additionalProperties" and err.schema.get("title") == languages.L10N_TITLE:
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"text in {', '.join(map(repr, extra))}, which is not a language of data/languages.yml"
    if v == "required" and err.schema.get("title") == languages.L10N_TITLE:
        # jsonschema reports each missing language as its own error: one line each
        code = next((c for c in err.validator_value if c not in err.instance and f"'{c}'" in err.message), None)
        code = code or next(c for c in err.validator_value if c not in err.instance)
        name = err.schema["properties"][code]["description"].removeprefix("In ").rstrip(".")
        return f"'{code}' is missing (the text in {name})"
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        known = list(err.schema.get("properties", {}))
        hints = [f"'{x}'" + (f" (did you mean '{m[0]}'?)" if (m := difflib.get_close_matches(x, known, 1)) else "") for x in extra]
        return f"unknown field {', '.join(hints)}"
    if v == "required":
        return err.message.replace("is a required property", "is missing").replace("'", "", 0)
    if v == "type":
        surprise = next((msg for t, msg in _YAML_SURPRISES.items() if isinstance(err.instance, t)), None)
        if surprise is None and isinstance(err.instance, (int, float)) and written and written != str(err.instance):
            surprise = f"YAML reads {written} as the number {err.instance}"
        shown = err.instance.isoformat() if isinstance(err.instance, datetime.date) else repr(err.instance)
        got = shown + (f" ({surprise})" if surprise else "")
        wanted = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
        return f"field '{_field(err)}' should be {wanted} but is {got}"
    if v == "enum":
        return f"field '{_field(err)}' is {err.instance!r}; allowed: {', '.join(map(str, err.validator_value))}"
    if v == "pattern" and "propertyNames" in err.schema_path:
        return f"key {err.instance!r} does not have the expected form"
    if v == "pattern":
        return f"field '{_field(err)}' = {err.instance!r} does not have the expected form"
    if v == "not":
        return "a rank or claim figure has no 'value' (it has 'display' wording instead)"
    if v == "format":
        field = ".".join(str(p) for p in err.absolute_path if not isinstance(p, int)) or "record"
        why = _FORMAT_WHAT.get(err.validator_value, "does not have the expected form")
        return f"field '{field}' = {err.instance!r} {why}" + (f" ({err.cause})" if err.cause else "")
    return f"field '{_field(err)}': {err.message}"


_FORMAT_WHAT = {"uri": "is not a web address (http:// or https:// and a host name)",
                "calendar-date": "is not a date that exists", "period": "is not a possible period"}
_FORMAT_FIX = {"uri": "use an https:// address, e.g. \"https://example.org/article\"",
               "calendar-date": "write a date that exists on the calendar: \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\"",
               "period": "write the earlier year first, e.g. \"2005/2024\""}


def _fix(err, written: str | None = None, record: dict | None = None) -> str:
    v = err.validator
    if err.schema.get("title") == languages.L10N_TITLE and v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return (f"remove the {', '.join(map(repr, extra))} text, or add the language to data/languages.yml "
                "(published: true gives it an edition)")
    if err.schema.get("title") == languages.L10N_TITLE and v == "required":
        wanted = err.schema["required"]
        if len(wanted) == 2:
            return f'give the text in both languages: {wanted[0]}: "..." and {wanted[1]}: "..."'
        return ("give the text in every published language: " + ", ".join(f'{c}: "..."' for c in wanted)
                + " (data/languages.yml lists them)")
    if v == "additionalProperties":
        return "remove the field or correct its spelling (the schema lists the allowed fields)"
    if v == "required":
        return "add the missing field (see its description in data/schema)"
    if v == "type" and "string" in str(err.validator_value):
        text = str(written or err.instance)
        if _has_form(err.schema, text):
            return f"put the text in double quotes: \"{text}\""
        form = err.schema.get("description") or f"pattern {err.schema.get('pattern')}"
        return f"quotes alone are not enough: \"{text}\" does not have the expected form; write it in double quotes as the schema describes ({form})"
    if v == "type" and isinstance(err.instance, str):
        quote = (record or {}).get("quote")
        hint = _number_hint(err.instance, quote if isinstance(quote, str) else None)
        return f"write the number without quotes and in full, e.g. {hint} — no unit or scale words"
    if v == "pattern" and "^[a-z0-9]" in str(err.validator_value):
        return "ids use lower-case ASCII letters, digits and hyphens, e.g. \"uranium-world-share\""
    if v == "pattern":
        return f"use the form the schema describes ({err.schema.get('description', err.validator_value)})"
    if v == "minLength":
        return "fill in the text; an empty string is not allowed"
    if v == "format":
        fix = _FORMAT_FIX.get(err.validator_value, "see the field's description in data/schema")
        nullable = "null" in (err.schema.get("type") if isinstance(err.schema.get("type"), list) else [])
        return fix + (" (null when it is not known)" if nullable else "")
    return "see the field's description and examples in data/schema"


def _has_form(schema: dict, text: str) -> bool:
    """Would `text`, once in quotes, pass the field's own rules (pattern, format, enum, length)?"""
    rules = {k: v for k, v in schema.items() if k in ("pattern", "format", "enum", "minLength", "maxLength")}
    jsonschema, formats = _jsonschema()
    return jsonschema.Draft202012Validator(rules, format_checker=formats).is_valid(text)


def _number_hint(text: str, quote: str | None = None) -> str:
    """'3,8 трлн' -> 3_800_000_000_000; '40%' -> 40: the number a text states, as YAML wants it.
    With the record's quote, a number written without its scale takes the quote's: '2,2' where
    the quote says «2,2 млрд» -> 2_200_000_000 (the value check would refuse 2.2)."""
    readers = languages.readers()  # the quote's own script first: «3,8» is a decimal in Russian, a list in English
    langs = sorted(readers, key=lambda c: not re.search(languages.rules(c).reading.get("script", "$^"), quote or "", re.I))
    n = None
    for lang in langs:
        numbers = quotes.numbers_in(text, lang)
        if not numbers:
            continue
        n = numbers[0] if n is None else n
        for m in quotes.mentions(quote or "", lang):
            if m.value == numbers[0] or m.value == numbers[0] * (Decimal(10) ** m.exponent):
                return _yaml_number(m.value)
    return "3_800_000_000_000" if n is None else _yaml_number(n)


def _yaml_number(n: Decimal) -> str:
    n = n.normalize()
    return f"{int(n):_}" if n == n.to_integral_value() else format(n, "f")


class _IdRegistry:
    """Catches an id used twice, within a file or across files. The message names both records
    and which one is published on main (read from git, once, only when there is a duplicate):
    that one keeps its id, the new one is renamed."""

    def __init__(self, problems: list[Problem], data_dir: Path):
        self.seen: dict[tuple[str, str], _Record] = {}
        self.twice: list[tuple[str, str, _Record, _Record]] = []
        self.problems = problems
        self.data_dir = data_dir

    def add(self, kind: str, rid: str, f: _File, path: tuple) -> None:
        record = _Record(f.where(path), f.path, _record(f.data, path))
        first = self.seen.setdefault((kind, rid), record)
        if first is not record:
            self.twice.append((kind, rid, first, record))

    def report(self) -> None:
        if not self.twice:
            return
        on_main, why = _published(self.data_dir, {r.file for *_, a, b in self.twice for r in (a, b)})
        for kind, rid, first, second in self.twice:
            self.problems.append(_duplicate(kind, rid, first, second, on_main, why))


class _Record:
    def __init__(self, where: Where, file: Path, data: dict):
        self.where, self.file, self.data = where, file, data


def _duplicate(kind: str, rid: str, first: _Record, second: _Record, on_main, why: str) -> Problem:
    both = f"{second.where.path}:{second.where.line} and {first.where.path}:{first.where.line}"
    if on_main is None:  # git cannot tell: the first is taken as the published one, and the message says so
        return Problem(second.where.path, second.where.line, rid,
                       f"duplicate {kind} id '{rid}': {both} (the first is taken as published: {why})",
                       f"rename the record at {_at(second, first)} if it is the new one; a published id never changes")
    published = [r for r in on_main.get(first.file, []) + on_main.get(second.file, [])
                 if isinstance(r, dict) and r.get("id") == rid]
    if not published:
        return Problem(second.where.path, second.where.line, rid,
                       f"duplicate {kind} id '{rid}': {both} (neither is published on main yet)",
                       f"rename one of them, e.g. the record at {_at(second, first)}; ids are unique")
    old = max((first, second), key=lambda r: max(_likeness(r.data, p) for p in published))  # first on a tie
    new = second if old is first else first
    return Problem(new.where.path, new.where.line, rid,
                   f"duplicate {kind} id '{rid}': {new.where.path}:{new.where.line} (new) and "
                   f"{old.where.path}:{old.where.line} (published on main)",
                   f"rename the new record at {_at(new, old)}; a published id never changes")


def _at(record: _Record, other: _Record) -> str:
    w = record.where
    return f"line {w.line}" if w.path == other.where.path else f"{w.path}:{w.line}"


def _likeness(a: dict, b: dict) -> float:
    if a == b:
        return 2.0
    dump = lambda d: json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)  # noqa: E731
    return difflib.SequenceMatcher(None, dump(a), dump(b), autojunk=False).ratio()


def _published(data_dir: Path, files: set[Path]) -> tuple[dict[Path, list] | None, str]:
    """The records of `files` as they are on main (or origin/main), read with one git call;
    (None, why) when git or the branch is not there."""
    files = sorted(files)
    rels = [f.relative_to(data_dir).as_posix() if f.is_relative_to(data_dir) else f.name for f in files]
    branches = ("main", "origin/main")
    asked = [*branches, *(f"{b}:./{rel}" for b in branches for rel in rels)]
    try:
        run = subprocess.run(["git", "-C", str(data_dir), "cat-file", "--batch"], input="\n".join(asked).encode() + b"\n",
                             capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"git did not run ({type(exc).__name__})"
    if run.returncode != 0:
        return None, "the data folder is not in a git repository"
    answers = _batch_answers(run.stdout, len(asked))
    branch = next((b for b, a in zip(branches, answers) if a is not None), None)
    if branch is None:
        return None, "git has no main or origin/main branch"
    found: dict[Path, list] = {}
    for i, f in enumerate(files):
        text = answers[len(branches) + branches.index(branch) * len(files) + i]
        if text is None:
            continue  # a file new on this branch
        try:
            data, _ = read_yaml(f, f"{branch}:{rels[i]}", text.decode("utf-8"))
        except (YamlProblem, UnicodeDecodeError):
            continue
        found[f] = data if isinstance(data, list) else [data]
    return found, ""


def _batch_answers(out: bytes, count: int) -> list[bytes | None]:
    """`git cat-file --batch` output: each object's content, or None for a missing one."""
    answers, at = [], 0
    for _ in range(count):
        end = out.find(b"\n", at)
        if end < 0:
            break
        head = out[at:end].split()
        at = end + 1
        if len(head) == 3 and head[2].isdigit():
            size = int(head[2])
            answers.append(out[at:at + size])
            at += size + 1
        else:
            answers.append(None)
    return answers + [None] * (count - len(answers))


def _l10n(d) -> L10n | None:
    return L10n(d) if d else None


def _source(f: _File) -> Source:
    d = f.data
    t = d.get("translation")
    date = d["date"]
    return Source(
        id=d["id"], language=d["language"], kind=_l10n(d["kind"]), title=d["title"], title_language=d["title_language"],
        short_title=_l10n(d["short_title"]),
        authors=tuple(Author(_l10n(a["name"]), _l10n(a.get("affiliation"))) for a in d["authors"]),
        publisher=_l10n(d["publisher"]), original_url=d.get("original_url"),
        original_url_note=_l10n(d.get("original_url_note")),
        translation=Translation(_l10n(t["translator"]), t["venue"], t.get("url"), _l10n(t.get("translator_genitive"))) if t else None,
        date=SourceDate(date["known"], date.get("value"), date.get("not_before"), date.get("not_after"), _l10n(date.get("note"))),
        credits=tuple(d.get("credits", [])),
        paragraphs=tuple(Paragraph(p["id"], i + 1, p["role"], p["text"], L10n(p.get("renderings", {})),
                                   f.where(("paragraphs", i))) for i, p in enumerate(d["paragraphs"])),
        where=f.where(()),
    )


def _rendering_problems(src: Source, langs: Languages) -> list[Problem]:
    """Each paragraph is rendered in every published language other than the source's own. A rendering in
    a language of data/languages.yml not published yet (an edition in preparation, as the schema accepts its
    texts) is kept and checked, not required; one in a language the table does not know is refused."""
    found = []
    wanted = [c for c in langs.published if c != src.language]
    for p in src.paragraphs:
        at = (p.where.path, p.where.line, f"{src.id}/{p.id}")
        for lang in wanted:
            if lang not in p.renderings:
                found.append(Problem(*at, f"the dossier's rendering in {langs.shown([lang])} is missing",
                                     f"add renderings: {{{lang}: \"…\"}}: the paragraph in that edition's language"))
        for lang in p.renderings:
            if lang == src.language:
                found.append(Problem(*at, f"a rendering in '{lang}', the source's own language",
                                     "remove it: in its own language the paragraph is shown as written (text:)"))
            elif lang not in langs.codes:
                found.append(Problem(*at, f"a rendering in '{lang}', which the dossier does not publish",
                                     f"remove it, or publish '{lang}' in data/languages.yml"))
    return found


def _entity(f: _File, i: int) -> Entity:
    d = f.data[i]
    return Entity(d["id"], _l10n(d["name"]), _l10n(d["summary"]), f.where((i,)))


def _figure(f: _File, i: int) -> Figure:
    d = f.data[i]
    return Figure(
        id=d["id"], kind=d["kind"], value=d.get("value"), unit=d.get("unit"), qualifier=d.get("qualifier", "exact"),
        period=d.get("period"), display=_l10n(d.get("display")), label=_l10n(d["label"]),
        partners=tuple(d["partners"]), resources=tuple(d["resources"]), headline=d.get("headline", False),
        citation=Citation(d.get("reference") or d["source"], None if "reference" in d else d["paragraph"], d["quote"],
                          d.get("occurrence"), L10n(d.get("quote_renderings", {})), _l10n(d.get("states"))),
        notes=tuple(observed.note(n) for n in d.get("notes", [])), where=f.where((i,)),
        field_lines=tuple((k, f.where((i, k)).line) for k in d),
        unconfirmed=Unconfirmed(L10n(d["unconfirmed"]["searched"]), d["unconfirmed"]["checked"]) if "unconfirmed" in d else None,
        fraction=_stated_as_fraction(d),
    )


def _stated_as_fraction(d: dict) -> bool:
    """Does the quote state the figure's share in words ("almost a quarter")? Then it is shown so."""
    if d.get("kind") != "share":
        return False
    return any(m.fraction and m.value == Decimal(str(d.get("value")))
               for lang in languages.readers() for m in quotes.mentions(d["quote"], lang))


def _unknown(kind: str, value: str, known, fig: Figure, field: str, fix: str) -> Problem:
    close = difflib.get_close_matches(value, list(known), 1)
    hint = f"did you mean '{close[0]}'? " if close else f"(known: {', '.join(list(known)[:12])}) "
    return Problem(*fig.at(field), f"unknown {kind} '{value}' in '{field}'", hint + fix)


def _check_figures(figures, sources, references, partner_ids, resource_ids, langs: Languages, problems: list[Problem]) -> None:
    for fig in figures:
        for pid in fig.partners:
            if pid not in partner_ids:
                problems.append(_unknown("partner", pid, partner_ids, fig, "partners", "use an id from data/partners.yml or add the partner there"))
        for rid in fig.resources:
            if rid not in resource_ids:
                problems.append(_unknown("resource", rid, resource_ids, fig, "resources", "use an id from data/resources.yml or add the resource there"))
        cite = fig.citation
        written = dict(fig.field_lines)
        if cite.referenced and ("source" in written or "paragraph" in written):
            problems.append(Problem(*fig.at("source", "paragraph"), "a figure cites either a reproduced source (source: and "
                                    "paragraph:) or a referenced one (reference:), not both",
                                    "keep reference: for a publisher the dossier does not reproduce; else remove it"))
        if cite.referenced:
            problems.extend(referenced_quote_problems(fig, references, langs))
            continue
        src = sources.get(cite.source)
        if src is None:
            problems.append(_unknown("source", cite.source, sources, fig, "source", "use the id of a file in data/sources/"))
            continue
        try:
            paragraph = src.paragraph(cite.paragraph)
        except KeyError:
            problems.append(_unknown("paragraph", cite.paragraph, [p.id for p in src.paragraphs], fig, "paragraph",
                                     f"use a paragraph id of {src.where.path}"))
            continue
        original = quote_problems(fig, paragraph, src.language)
        problems.extend(original)
        # A rendering is checked against a record its original confirms: one slip, one problem.
        problems.extend(quote_rendering_problems(fig, src, paragraph, langs, check_words=not original))


def quote_rendering_problems(fig: Figure, src: Source, paragraph: Paragraph, langs: Languages,
                             check_words: bool = True) -> list[Problem]:
    """The quote in each edition's language other than the source's: there, a span of the dossier's
    rendering of the paragraph, stating the value as that language writes it (same checks as the quote)."""
    at = (fig.where.path, fig.where.line, fig.id)
    given = fig.citation.renderings
    found = []
    for lang in langs.published:
        if lang == src.language or lang in given:
            continue
        found.append(Problem(*at, f"the quote's rendering in {langs.shown([lang])} is missing",
                             f"add quote_renderings: {{{lang}: \"…\"}}: the words of the paragraph's {lang} rendering "
                             f"({paragraph.where.path}:{paragraph.where.line}) that say what the quote says"))
    for lang in given:
        if lang == src.language:
            found.append(Problem(*at, f"a quote rendering in '{lang}', the source's own language",
                                 "remove it: in its own language the quote is shown as written (quote:)"))
        elif lang not in langs.codes:
            found.append(Problem(*at, f"a quote rendering in '{lang}', which the dossier does not publish",
                                 f"remove it, or publish '{lang}' in data/languages.yml"))
        elif lang not in paragraph.renderings and lang not in langs.published:  # a published one is reported missing
            found.append(Problem(*at, f"a quote rendering in '{lang}', but paragraph {paragraph.id} has no rendering in it "
                                      f"({paragraph.where.path}:{paragraph.where.line})",
                                 f"add the paragraph's renderings: {{{lang}: \"…\"}}, or remove the quote rendering"))
        elif check_words and lang in paragraph.renderings:  # an edition in preparation is checked as a published one
            found.extend(_rendering_words_problems(fig, paragraph, lang))
    return found


def _rendering_words_problems(fig: Figure, paragraph: Paragraph, lang: str) -> list[Problem]:
    """One rendering: once in the paragraph's rendering, stating the value as the quote does
    (in a language the dossier cannot read numbers in, quotes.reads, only where it stands)."""
    at = fig.at("quote_renderings", "quote")
    words, text = fig.citation.renderings(lang), paragraph.renderings(lang)
    times = len(quotes.locate(words, text))
    if times > 1:
        return [Problem(*at, f"quote_renderings.{lang}: the words occur {times} times in the {lang} rendering of "
                             f"paragraph {paragraph.id}", "quote more of the rendering, so that they occur once")]
    if times == 1 and not quotes.reads(lang):
        return []
    own = replace(fig, citation=replace(fig.citation, quote=words, occurrence=None))
    return [replace(p, line=at[1], what=f"quote_renderings.{lang}: {p.what}")
            for p in quote_problems(own, replace(paragraph, text=text), lang, f"the {lang} rendering of paragraph")]


def quote_problems(fig: Figure, paragraph: Paragraph, lang: str, in_what: str = "paragraph") -> list[Problem]:
    """The provenance promise for one figure: quote in paragraph (once, or the occurrence named),
    value (and period) in quote, and the record's qualifier, unit and kind as the quote states them.
    The same for a quote's rendering (quote_rendering_problems) in a rendering of the paragraph."""
    at = fig.at("quote")
    cite = fig.citation
    if not quotes.locate(cite.quote, paragraph.text):
        return [Problem(*at, f"quote not found in {in_what} {cite.paragraph} of {cite.source} "
                             f"({paragraph.where.path}:{paragraph.where.line})",
                        "copy the words from the paragraph exactly, or, if the paragraph was edited after this figure "
                        "quoted it, update the quote (and value) to the new text; " + quotes.explain_mismatch(cite.quote, paragraph.text))]
    found = _occurrence_problems(fig, paragraph, at)
    spans = quotes.locate(cite.quote, paragraph.text, cite.occurrence)
    edge = next((p for a, b in spans[:1] if (p := quotes.boundary_problem(paragraph.text, a, b))), None)
    if edge:
        return [*found, Problem(*at, f"{edge} ({in_what} {cite.paragraph} of {cite.source}, "
                                     f"{paragraph.where.path}:{paragraph.where.line})",
                                "quote whole words and whole numbers: begin and end the quote where a word or number does")]
    return found + statement_problems(fig, lang)


def statement_problems(fig: Figure, lang: str) -> list[Problem]:
    """What the quote must state, wherever it is from: the value (and period), and the record's qualifier,
    unit and kind as the quote states them."""
    cite, found = fig.citation, []
    if fig.kind == "date":
        if str(fig.value) not in quotes.dates_in(cite.quote, lang):
            found.append(Problem(*fig.at("value"), f"date {fig.value} is not stated in the quote",
                                 "make the value match the date the quote gives, or quote the words that state it"))
    elif fig.is_numeric and not quotes.value_in_quote(fig.value, cite.quote, lang):
        stated = ", ".join(_plain(n) for n in quotes.numbers_in(cite.quote, lang)) or "none"
        slip = agreement.scale_slip(fig.value, cite.quote, lang)
        found.append(Problem(*fig.at("value"), f"value {fig.value} does not appear in the quote (numbers the quote states: {stated})"
                                  + (f"; it is off by a scale: {slip[0]}" if slip else ""),
                             f"write the value in full as the quote states it: {slip[1]}" if slip else
                             "write the value in full as the quote states it (e.g. 3,8 трлн -> 3_800_000_000_000), or extend the quote"))
    for year in quotes.period_years(fig.period or ""):
        if year not in quotes.dates_in(cite.quote, lang):
            found.append(Problem(*fig.at("period"), f"period {fig.period}: year {year} is not in the quote",
                                 "extend the quote to the words that state the period, or correct the period"))
    found.extend(Problem(*fig.at(field, "value"), what, fix) for field, what, fix in agreement.disagreements(fig, lang))
    return found


QUOTED_WORDS = (7, 25)  # a referenced source's quote: long enough to check against its fingerprint, short as a quotation


def referenced_quote_problems(fig: Figure, references: dict, langs: Languages) -> list[Problem]:
    """A quote of a publisher the dossier cites but does not reproduce: the reference exists; the quote is a
    quotation (QUOTED_WORDS words) and, run by run, part of the sentences fingerprinted in the reference;
    it states the value as a reproduced source's quote must; the dossier says what it states in its own
    words (`states`), and renders it in each edition's language."""
    cite = fig.citation
    ref = references.get(cite.source)
    if ref is None:
        return [_unknown("reference", cite.source, references, fig, "reference", "use the id of a file in data/references/")]
    at = fig.at("quote")
    found = []
    n = len(own_words.words(cite.quote))
    low, high = QUOTED_WORDS
    if not low <= n <= high:
        found.append(Problem(*at, f"the quote of a referenced source has {n} words; it must have {low} to {high}",
                             f"quote the shortest passage of the publisher's sentence that states the value, at least {low} "
                             f"words (so that it can be checked against the reference's fingerprint) and at most {high}"))
    elif not ref.fingerprint:
        found.append(Problem(*at, f"the reference {ref.id} has no fingerprint to check the quote against",
                             f"fingerprint the publisher's sentence that holds the quote (python -m tools.fingerprint) "
                             f"into {ref.where.path}"))
    else:
        missing = own_words.runs_not_in(cite.quote, ref.fingerprint)
        if missing:
            found.append(Problem(*at, f"the quote is not in the sentences fingerprinted in {ref.where.path}: "
                                      f"«{missing[0]}» is not among them",
                                 "copy the words exactly as the publisher's page writes them, and fingerprint the sentence "
                                 "that holds them (python -m tools.fingerprint) into the reference"))
    if cite.occurrence is not None:
        found.append(Problem(*fig.at("occurrence"), "occurrence is for a quote in a paragraph of a reproduced source",
                             "remove it: a referenced source's quote is found on its page by its words"))
    if not cite.states:
        found.append(Problem(*fig.at("reference"), "a figure quoting a referenced source says what the quote states",
                             "add states: {ru: \"…\", en: \"…\"}: one sentence in the dossier's own words ({value} for the value)"))
    found.extend(statement_problems(fig, ref.language))
    for lang in langs.published:
        if lang != ref.language and lang not in cite.renderings:
            found.append(Problem(*fig.at("quote_renderings", "quote"), f"the quote's rendering in {langs.shown([lang])} is missing",
                                 f"add quote_renderings: {{{lang}: \"…\"}}: the dossier's own rendering of the quote"))
    for lang in cite.renderings:
        if lang == ref.language or lang not in langs.codes:
            found.append(Problem(*fig.at("quote_renderings"), f"a quote rendering in '{lang}', which is the quote's own "
                                 "language or not an edition's", "remove it"))
        elif quotes.reads(lang):
            own = replace(fig, citation=replace(cite, quote=cite.renderings(lang)))
            found.extend(replace(p, line=fig.at("quote_renderings")[1], what=f"quote_renderings.{lang}: {p.what}")
                         for p in statement_problems(own, lang))
    return found


def _occurrence_problems(fig: Figure, paragraph: Paragraph, at: tuple) -> list[Problem]:
    """A quote found more than once must say which occurrence it means (the one highlighted)."""
    at = fig.at("occurrence", "quote")
    cite = fig.citation
    n = len(quotes.locate(cite.quote, paragraph.text))
    where = f"paragraph {cite.paragraph} of {cite.source} ({paragraph.where.path}:{paragraph.where.line})"
    if cite.occurrence is None and n > 1:
        return [Problem(*at, f"the quote occurs {n} times in {where}",
                        f"add occurrence: 1…{n} to say which one the figure means (1 is the first), or quote more words "
                        "so that they occur once")]
    if cite.occurrence is not None and not 1 <= cite.occurrence <= n:
        times = "once" if n == 1 else f"{n} times"
        return [Problem(*at, f"occurrence {cite.occurrence} is out of range: the quote occurs {times} in {where}",
                        "remove occurrence (the quote occurs once)" if n == 1 else f"use occurrence: 1…{n}")]
    return []


def _plain(n) -> str:
    n = n.normalize()
    return format(n, "f")


def _indexed(d: Dossier) -> Dossier:
    by_partner, by_resource, by_paragraph = defaultdict(list), defaultdict(list), defaultdict(list)
    for fig in d.figures:
        for p in fig.partners:
            by_partner[p].append(fig)
        for r in fig.resources:
            by_resource[r].append(fig)
        by_paragraph[fig.citation.key].append(fig)
    freeze = lambda m: {k: tuple(v) for k, v in m.items()}
    return Dossier(d.sources, d.figures, d.partners, d.resources, d.strings, d.languages,
                   figure_by_id={f.id: f for f in d.figures}, by_partner=freeze(by_partner),
                   by_resource=freeze(by_resource), by_paragraph=freeze(by_paragraph), glossary=d.glossary)
