"""The one per-language table (data/languages.yml): names, quotation marks, number and date style,
search stemmers, and which languages the dossier publishes.

    languages.published(data_dir) -> ("ru", "en")   the editions, in order (the first at the site root)
    languages.load(data_dir)      -> Languages      the whole table (also `Dossier.languages`)

The schema of every translatable text follows from this table: `schema_defs` gives the
`l10n`, `l10n_words` and `language` definitions the loader validates with (data/schema/common.schema.json
holds a copy for editors; `python -m tools.language_schema` rewrites it, a test keeps it in step).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import text_chars
from .problems import DossierError, Problem
from .yamlfile import YamlProblem, line_of, read_text, read_yaml

FILE = "languages.yml"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Language:
    code: str
    names: dict[str, str]  # the language's name, per published language
    quotes: tuple[str, str]  # primary opening and closing marks
    inner_quotes: tuple[str, str]  # secondary marks, for a quote inside a quote
    locale: str  # Babel locale: digits, decimal and grouping marks, month names
    compact: str  # "short" (3,8 трлн) or "long" (3.8 trillion)
    stemmers: tuple[str, ...]  # lunr stemmers of the edition's search index
    published: bool
    problem_page: tuple[str, str] | None = None  # (title, intro) that `make serve` shows while there are problems
    reading: dict | None = None  # how a number in a quote is read (macros/quotes.py, macros/quote_words.py); None: not read
    typography: dict | None = None  # the apostrophe, and unit and duration words a number stays with (macros/typography.py)
    messages: bool = False  # the language of make check's and the build's messages to contributors
    function_words: tuple[str, ...] = ()  # frequent short words: another edition's text with three is untranslated

    def quoted(self, text: str) -> str:
        return f"{self.quotes[0]}{text}{self.quotes[1]}"


@dataclass(frozen=True)
class Languages:
    by_code: dict[str, Language]

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """Every language the dossier knows (editions and the languages of its sources)."""
        return tuple(self.by_code)

    @cached_property
    def published(self) -> tuple[str, ...]:
        """The editions, in order; the first is served at the site root."""
        return tuple(c for c, lang in self.by_code.items() if lang.published)

    def __getitem__(self, code: str) -> Language:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def name(self, code: str, in_lang: str) -> str:
        """'ru' named in 'en': 'Russian'."""
        return self.by_code[code].names[in_lang]

    @cached_property
    def messages(self) -> str:
        """The language of the messages to contributors (`messages: true`; else the first)."""
        return next((c for c, lang in self.by_code.items() if lang.messages), next(iter(self.by_code)))

    def shown(self, codes) -> str:
        return ", ".join(f"{c} ({self.by_code[c].names.get(self.messages) or c})" if c in self.by_code else c for c in codes)


def from_data(data: dict, where, shown: str) -> tuple[Languages, list[Problem]]:
    """Schema-valid data/languages.yml -> the table; every name is checked against the published languages."""
    table = Languages({code: Language(
        code=code, names=dict(d["name"]), quotes=tuple(d["quotes"]["primary"]),
        inner_quotes=tuple(d["quotes"]["secondary"]), locale=d["locale"], compact=d["compact"],
        stemmers=tuple(d["stemmers"]), published=d["published"],
        problem_page=(d["problem_page"]["title"], d["problem_page"]["intro"]) if "problem_page" in d else None,
        reading=d.get("reading"), typography=d.get("typography"), messages=d.get("messages", False),
        function_words=tuple(d.get("function_words", ())))
        for code, d in data.items()})
    _known.clear()  # the table read last decides (its order gives the default edition)
    _known.update(table.by_code)
    problems = []
    if not table.published:
        problems.append(Problem(shown, 1, None, "no language is published",
                                "set published: true on the language of at least one edition"))
    for code, lang in table.by_code.items():
        line = where((code, "name")).line
        for missing in (c for c in table.published if c not in lang.names):
            problems.append(Problem(shown, line, code, f"the name of '{code}' in {table.shown([missing])} is missing",
                                    f"add {missing}: \"…\" to its name"))
        for extra in (c for c in lang.names if c not in table.codes):
            problems.append(Problem(shown, line, code, f"name in '{extra}', which is not a language of {shown}",
                                    f"remove it, or add '{extra}' to {shown}"))
    return table, problems


_known: dict[str, Language] = {}  # every language of the tables read so far, the latest reading of each


def _known_languages() -> dict[str, Language]:
    """Every language of the tables read so far; the project's own data/languages.yml when none was."""
    if not _known:
        try:
            table(DATA_DIR)
        except (DossierError, OSError):
            pass
    return _known


def rules(code: str) -> Language | None:
    """The rules of language `code` for the modules that read and write text in it (quotes, typography):
    from the table the loader read last, else from the project's own data/languages.yml."""
    return _known_languages().get(code)


def default_edition() -> str:
    """The edition served at the site root: the first published language of the table read last."""
    known = _known_languages()
    return next((c for c, lang in known.items() if lang.published), next(iter(known), ""))


def readers() -> tuple[str, ...]:
    """The languages whose numbers the dossier can read (a `reading` in the table)."""
    return tuple(c for c, lang in _known_languages().items() if lang.reading)


def message_language() -> str:
    """The language `make check` and the build speak to a contributor (`messages: true` in the table)."""
    known = _known_languages()
    return next((c for c, lang in known.items() if lang.messages), next(iter(known), ""))


def load(data_dir: Path | str = DATA_DIR) -> Languages:
    """Read and check data_dir/languages.yml (raises DossierError with file:line problems). A maintainers'
    file (.github/CODEOWNERS): its schema's own messages, at the line of the field, are enough."""
    import jsonschema

    data_dir = Path(data_dir)
    path = data_dir / FILE
    shown = path.relative_to(data_dir.parent).as_posix()
    try:
        text = read_text(path, shown)
        data, lines = read_yaml(path, shown, text)
    except YamlProblem as exc:
        raise DossierError(exc.problems) from None
    except OSError:
        raise DossierError([Problem(shown, None, None, "file is missing", "restore data/languages.yml")]) from None
    schema = json.loads((data_dir / "schema" / "languages.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    problems = [*text_chars.problems(text, shown),
                *(Problem(shown, line_of(lines, tuple(e.absolute_path)) or 1, str(e.absolute_path[0]) if e.absolute_path else None,
                          e.message, "see data/schema/languages.schema.json") for e in errors)]
    if problems:
        raise DossierError(problems)
    table, problems = from_data(data, lambda p: _Where(line_of(lines, p) or 1), shown)
    if problems:
        raise DossierError(problems)
    return table


@dataclass(frozen=True)
class _Where:
    line: int


_loaded: dict[Path, tuple[int, Languages]] = {}


def table(data_dir: Path | str = DATA_DIR) -> Languages:
    """The table of data_dir, read again only when the file changed."""
    path = Path(data_dir).resolve() / FILE
    stamp = path.stat().st_mtime_ns if path.exists() else -1
    kept = _loaded.get(path)
    if kept is None or kept[0] != stamp:
        _loaded[path] = (stamp, load(data_dir))
    found = _loaded[path][1]
    if _known != found.by_code:  # the table read last decides, also when it comes from this memo
        _known.clear()
        _known.update(found.by_code)
    return found


def published(data_dir: Path | str = DATA_DIR) -> tuple[str, ...]:
    """The languages the dossier publishes (its editions), in order: the first is served at the site root."""
    return table(data_dir).published


# --- the schema that follows from the table ----------------------------------------------------

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's
L10N_TITLE = "Text per language"  # marks the generated definition, so the loader can name a missing language


def schema_defs(langs: Languages) -> dict:
    """`l10n` (a text in every published language), `l10n_words` (a list of words per published
    language), `l10n_plural` (a count's forms per published language) and `language` (any language of the table)."""
    pub = list(langs.published)

    def per_language(value: dict, what: str) -> dict:
        return {"type": "object", "title": L10N_TITLE, "additionalProperties": False, "required": pub,
                "description": f"{what}, in every published language of data/languages.yml "
                               f"({', '.join(pub)}); other languages of that file are optional.",
                "properties": {c: dict(value, description=f"In {langs[c].names.get(langs.messages, c)}.") for c in langs.codes}}

    return {
        "l10n": per_language({"type": "string", "minLength": 1}, "A text"),
        "l10n_words": per_language({"type": "array", "uniqueItems": True, "items": {
            "type": "string", "minLength": 1, "pattern": "^[^\\[\\]\\n\\\\]+$",
            "description": "A word or phrase exactly as the text writes it: no quotation marks, brackets or backslashes."}},
            "Words"),
        "l10n_plural": per_language({"type": "object", "minProperties": 1, "propertyNames": {"enum": list(PLURAL_CATEGORIES)},
                                     "additionalProperties": {"type": "string", "minLength": 1},
                                     "description": "CLDR plural category -> text; the loader checks the categories "
                                                    "against the language's locale (ru: one, few, many, other; en: one, other)."},
                                    "A text that states a count {n}"),
        "language": {"enum": list(langs.codes), "description": "A language of data/languages.yml."},
    }


def write_schema(data_dir: Path = DATA_DIR) -> Path:
    """Rewrite the generated definitions in data/schema/common.schema.json from data/languages.yml."""
    path = Path(data_dir) / "schema" / "common.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"].update(schema_defs(load(data_dir)))
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path

