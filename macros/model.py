"""What the dossier is made of: frozen records built by `load.py`, read by `render.py`."""
from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("ru", "en")
OTHER_KIND = {"partner": "resource", "resource": "partner"}  # a partner page groups by resource, and back


@dataclass(frozen=True)
class L10n:
    """A text that exists in every language of the dossier."""

    ru: str
    en: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


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
    en: str  # the dossier's own English rendering
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
    source: str
    paragraph: str
    quote: str
    notes: tuple[L10n, ...]
    where: Where
    occurrence: int | None = None  # which occurrence of the quote in its paragraph (1-based), if it occurs more than once

    @property
    def is_numeric(self) -> bool:
        return self.kind not in ("rank", "claim")

    def entity_ids(self, kind: str) -> tuple[str, ...]:
        """The partners or the resources this figure concerns."""
        return self.partners if kind == "partner" else self.resources


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
    # Indexes, built once by load.py so pages never scan every figure.
    figure_by_id: dict[str, Figure] = field(default_factory=dict)
    by_partner: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    by_resource: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    by_paragraph: dict[tuple[str, str], tuple[Figure, ...]] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()  # data/glossary.yml (optional file)

    def entities(self, kind: str) -> tuple[Entity, ...]:
        """All partners or all resources, in data order."""
        return self.partners if kind == "partner" else self.resources

    def figures_of(self, kind: str, eid: str) -> tuple[Figure, ...]:
        """The figures about one partner or one resource, from the index built at load."""
        return (self.by_partner if kind == "partner" else self.by_resource).get(eid, ())

    def partner(self, pid: str) -> Entity:
        return _find(self.partners, pid)

    def resource(self, rid: str) -> Entity:
        return _find(self.resources, rid)


def _find(entities: tuple[Entity, ...], eid: str) -> Entity:
    for e in entities:
        if e.id == eid:
            return e
    raise KeyError(eid)
