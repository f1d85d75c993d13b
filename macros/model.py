"""What the dossier is made of: frozen records built by `load.py`, read by `render.py`."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass, field
from types import MappingProxyType

from .languages import Languages

OTHER_KIND = {"partner": "resource", "resource": "partner"}  # a partner page groups by resource, and back


class L10n:
    """A text in every published language: a frozen mapping language code -> text
    (the loader checks it against data/languages.yml)."""

    __slots__ = ("texts",)

    def __init__(self, texts: Mapping[str, str] | None = None, **by_lang: str):
        object.__setattr__(self, "texts", MappingProxyType({**(texts or {}), **by_lang}))

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __call__(self, lang: str) -> str:
        return self.texts[lang]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def __contains__(self, lang: object) -> bool:
        return lang in self.texts

    def __iter__(self):
        return iter(self.texts)

    def __eq__(self, other) -> bool:
        return isinstance(other, L10n) and dict(self.texts) == dict(other.texts)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.texts.items())))

    def __repr__(self) -> str:
        return f"L10n({dict(self.texts)!r})"




class Plural(L10n):
    """A text that states a count: per published language, its CLDR plural categories (one, few,
    many, other...) -> text, and the Babel locale whose rules pick one (macros/i18n.plural).
    As an L10n it reads as the `other` form."""

    __slots__ = ("forms", "locales")

    def __init__(self, forms: Mapping[str, Mapping[str, str]], locales: Mapping[str, str]):
        super().__init__({lang: f.get("other", "") for lang, f in forms.items()})
        object.__setattr__(self, "forms", MappingProxyType({lang: MappingProxyType(dict(f)) for lang, f in forms.items()}))
        object.__setattr__(self, "locales", MappingProxyType(dict(locales)))


@dataclass(frozen=True)
class Where:
    """The data file and line a record came from (for errors and 'edit data' links)."""

    path: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    id: str
    number: int
    role: str  # lead | heading | body
    text: str  # verbatim, in the source's language
    renderings: L10n  # the dossier's own rendering, in each published language other than the source's
    where: Where


@dataclass(frozen=True)
class Author:
    name: L10n
    affiliation: L10n | None


@dataclass(frozen=True)
class Translation:
    translator: L10n
    venue: str
    url: str | None
    translator_genitive: L10n | None = None  # the name as a citation line declines it («пер. Дианы Канбаковой»)


@dataclass(frozen=True)
class SourceDate:
    known: bool
    value: str | None  # ISO date when known
    not_before: str | None
    not_after: str | None
    note: L10n | None


@dataclass(frozen=True)
class Source:
    id: str
    language: str
    kind: L10n
    title: str
    title_language: str
    short_title: L10n
    authors: tuple[Author, ...]
    publisher: L10n
    original_url: str | None
    original_url_note: L10n | None
    translation: Translation | None
    date: SourceDate
    credits: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    where: Where

    def paragraph(self, paragraph_id: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == paragraph_id:
                return p
        raise KeyError(paragraph_id)

    def rendering(self, p: Paragraph, lang: str) -> str | None:
        """The dossier's own rendering of `p` in `lang`; None in the source's own language (the original is shown)."""
        return None if lang == self.language else p.renderings(lang)


@dataclass(frozen=True)
class Citation:
    """Where a figure is stated: the quoted words, in a paragraph of a source the dossier reproduces
    (data/sources/), or in the page of a publisher it only cites (a reference, data/references/).

    The one value every place that shows, links, footnotes, downloads or checks a figure's source
    reads, whatever kind of source it points to: macros/cited.py turns it into a link, an address and
    a short citation."""

    source: str  # source id (data/sources/<id>.yml), or reference id (data/references/<id>.yml) when referenced
    paragraph: str | None  # paragraph id in that source; None: a referenced source, which has no paragraphs here
    quote: str  # the words, verbatim, in the source's language
    occurrence: int | None = None  # which occurrence of the quote in its paragraph (1-based), if it occurs more than once
    renderings: L10n = L10n()  # the quote in each published language other than the source's (for a reproduced
    # source: a span of the paragraph's rendering; for a referenced one: the dossier's own rendering)
    states: L10n | None = None  # a referenced quote: the dossier's own sentence saying what it states

    @property
    def referenced(self) -> bool:
        """True when the quote is from a publisher the dossier cites but does not reproduce."""
        return self.paragraph is None

    @property
    def key(self) -> tuple[str, str | None]:
        """(source id, paragraph id): what Dossier.by_paragraph is keyed by."""
        return (self.source, self.paragraph)


@dataclass(frozen=True)
class Figure:
    id: str
    kind: str  # count | money | share | volume | duration | date | rank | claim
    value: int | float | str | None
    unit: str | None
    qualifier: str  # exact | approximate | almost | more-than | at-least | less-than | at-most
    period: str | None  # "2005/2024", "2025-H1", "2024"
    display: L10n | None  # wording for rank and claim figures, which have no number
    label: L10n
    partners: tuple[str, ...]
    resources: tuple[str, ...]
    headline: bool
    citation: Citation
    notes: tuple[Note, ...]
    where: Where
    unconfirmed: Unconfirmed | None = None  # the record that nothing independent was found, and what was searched
    fraction: bool = False  # its quote states the share in words ("almost a quarter"): shown so, never as a percent
    field_lines: tuple[tuple[str, int], ...] = ()  # (field, line) as written in data/figures.yml

    def at(self, *fields: str) -> tuple[str, int, str]:
        """(file, line, id) of the first of `fields` the record writes (else of the record): where a
        problem with that field is reported."""
        lines = dict(self.field_lines)
        return self.where.path, next((lines[f] for f in fields if f in lines), self.where.line), self.id

    @property
    def is_numeric(self) -> bool:
        return self.kind not in ("rank", "claim")

    def entity_ids(self, kind: str) -> tuple[str, ...]:
        """The partners or the resources this figure concerns."""
        return self.partners if kind == "partner" else self.resources


@dataclass(frozen=True)
class Unconfirmed:
    """Nothing independent was found for a figure: what was searched (the dossier's own words), and when."""

    searched: L10n
    checked: str  # ISO date of the search


@dataclass(frozen=True)
class Note:
    """An editorial note beside a figure or a source paragraph. Its text may show values through
    placeholders ({value}, {period}: the figure's own; {obs:<id>}, {obs:<id>:as_of}: an observation's),
    never as typed digits; `cites` are the observations whose sources support its other facts. `about`:
    "definition" when the note says the figure counts something else than its source says (an observation it
    cites can then never agree with it)."""

    text: L10n
    cites: tuple[str, ...] = ()
    about: str | None = None


@dataclass(frozen=True)
class Reference:
    """A referenced source: cited, never reproduced (news report, statistics, official statement,
    research paper). data/references/<id>.yml."""

    id: str
    kind: L10n
    publisher: L10n
    title: str | None  # None when the page shows none (then title_note)
    title_language: str
    authors: tuple[Author, ...]
    published: str | None  # ISO date, year-month or year, as the page shows it
    url: str  # http(s)
    accessed: str  # ISO date the dossier's editors read it
    language: str
    where: Where
    published_note: L10n | None = None  # why there is no published date
    title_note: L10n | None = None  # why there is no title
    fingerprint: frozenset[str] = frozenset()  # hashes of the runs of seven words of its sentences (macros/own_words.py)


# How another source's statement compares with a figure, most reassuring first.
#   agrees              the same quantity, definition and period, within the tolerance (data/verdicts.yml)
#   consistent          it does not contradict the figure: a bound ("more than 50" beside 56) or a rounder figure
#   differs             it contradicts the figure
#   another-definition  it measures something else (another scope, another quantity)
#   another-period      the same quantity for another time
#   unconfirmed         nothing independent was found (a figure's record of what was searched, not an observation)
VERDICTS = ("agrees", "consistent", "differs", "another-definition", "another-period", "unconfirmed")
# Which verdict of a figure's sources a reader must see first (a badge shows it): the most serious first.
SERIOUSNESS = ("differs", "another-definition", "another-period", "unconfirmed", "consistent", "agrees")
FLAGGED = frozenset({"differs", "another-definition", "another-period", "unconfirmed"})  # shown as a badge


@dataclass(frozen=True)
class Verdict:
    """How an observation compares with its figure: computed by the build where the definition is the
    same (agrees, consistent, differs, another-period), or set by the editor with a note."""

    kind: str  # one of VERDICTS
    note: L10n | None = None  # the editor's reason (editorial verdicts)
    difference: float | None = None  # observation minus figure, in the figure's unit (computed verdicts)
    relative: float | None = None  # the difference as a share of the figure's value (computed verdicts)
    computed: bool = False  # the build compared the values (data/verdicts.yml's tolerance)
    edge: bool = False  # agrees or is consistent only near the edge of the tolerance (shown, never hidden)
    period_unstated: bool = False  # the figure states no period; the other source's value is for one


def most_serious(kinds) -> str | None:
    """The verdict a reader must see first among `kinds` (None for none)."""
    kinds = set(kinds)
    return next((k for k in SERIOUSNESS if k in kinds), None)


@dataclass(frozen=True)
class Observation:
    """The same quantity as another publisher states it: a citation with a locator instead of a
    paragraph. data/observations.yml."""

    id: str
    figure: str  # the figure it bears on
    source: str  # a data/references/<id>.yml (or data/sources/<id>.yml)
    stated_by: L10n | None  # who states it, when not the publisher itself
    value: int | float | str | None
    unit: str | None
    qualifier: str
    as_of: str | None  # year, period or date
    locator: L10n | None  # where in the document (section, table, page), when known
    fragment: str | None  # text fragment for the deep link (#:~:text=): at most the number and its unit
    summary: L10n  # one line in the dossier's own words (placeholders {value}, {as_of})
    verdict: Verdict
    where: Where


@dataclass(frozen=True)
class Entity:
    """A partner or a resource: it has a page and groups figures."""

    id: str
    name: L10n
    summary: L10n
    where: Where


@dataclass(frozen=True)
class Term:
    """A glossary entry: an abbreviation or term the texts use, explained in both languages."""

    id: str
    term: L10n
    expansion: L10n | None
    definition: L10n
    forms: dict[str, tuple[str, ...]]  # per language: the words in page text that get the tooltip
    where: Where


@dataclass(frozen=True)
class Dossier:
    sources: dict[str, Source]
    figures: tuple[Figure, ...]
    partners: tuple[Entity, ...]
    resources: tuple[Entity, ...]
    strings: dict[str, L10n]
    languages: Languages  # data/languages.yml: the editions and every per-language rule
    # Indexes, built once by load.py so pages never scan every figure.
    figure_by_id: dict[str, Figure] = field(default_factory=dict)
    by_partner: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    by_resource: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    by_paragraph: dict[tuple[str, str], tuple[Figure, ...]] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()  # data/glossary.yml (optional file)
    references: dict[str, Reference] = field(default_factory=dict)  # data/references/*.yml
    observations: tuple[Observation, ...] = ()  # data/observations.yml
    observations_of: dict[str, tuple[Observation, ...]] = field(default_factory=dict)  # by figure id
    paragraph_notes: dict[tuple[str, str], tuple[Note, ...]] = field(default_factory=dict)  # (source, paragraph)
    example_strings: frozenset[str] = frozenset()  # strings.yml keys marked example: true (a format's sample)

    def entities(self, kind: str) -> tuple[Entity, ...]:
        """All partners or all resources, in data order."""
        return self.partners if kind == "partner" else self.resources

    def figures_of(self, kind: str, eid: str) -> tuple[Figure, ...]:
        """The figures about one partner or one resource, from the index built at load."""
        return (self.by_partner if kind == "partner" else self.by_resource).get(eid, ())

    def cited(self, cite: Citation) -> tuple[Source, Paragraph]:
        """The reproduced source and the paragraph a citation points to (the loader checked both exist)."""
        src = self.sources[cite.source]
        return src, src.paragraph(cite.paragraph)

    def work(self, cite: Citation) -> Source | Reference:
        """What a citation quotes: a reproduced source, or a referenced one."""
        return self.references[cite.source] if cite.referenced else self.sources[cite.source]

    def sources_cited(self, figs) -> tuple[Source, ...]:
        """The reproduced sources `figs` cite, each once, in the order first cited."""
        return tuple(self.sources[s] for s in dict.fromkeys(f.citation.source for f in figs if not f.citation.referenced))

    def references_cited(self, figs) -> tuple[Reference, ...]:
        """The referenced sources `figs` quote, each once, in the order first cited."""
        return tuple(self.references[s] for s in dict.fromkeys(f.citation.source for f in figs if f.citation.referenced))

    def partner(self, pid: str) -> Entity:
        return _find(self.partners, pid)

    def resource(self, rid: str) -> Entity:
        return _find(self.resources, rid)


def _find(entities: tuple[Entity, ...], eid: str) -> Entity:
    for e in entities:
        if e.id == eid:
            return e
    raise KeyError(eid)
