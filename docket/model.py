"""The records docket passes between stages: typed, immutable, and the only data model there is.

Every extracted fact carries `Evidence` (document id and character span of the clean text), so a
reader can always go back to the sentence that claims it. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["person", "organization", "place", "other"]
Precision = Literal["day", "month", "year", "decade"]
PerpetratorCategory = Literal[
    "state", "other_state", "non_state_with_state_support", "non_state", "international", "unknown"
]


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id from content, so two builds of the same corpus give the same ids."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document's clean text: `text == document.text[start:end]` always holds."""

    doc: str
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Evidence:
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"span {start}..{end} outside document {doc.id} of {len(doc.text)} chars")
        return cls(doc.id, start, end, doc.text[start:end])


@dataclass(frozen=True, slots=True)
class Found:
    """A metadata value with how it was found (`given`, `html-meta`, `byline`, `first-line`, ...)."""

    value: str | None = None
    method: str | None = None


NOT_FOUND = Found()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as they arrived, before any cleaning.

    `ref` is the path as given (or a JSONL record's `id`, else `path:line`). `kind` says how the bytes
    are to be read: `txt`, `html`, or `jsonl` (then `given` holds the record's fields and `data` the line).
    """

    ref: str
    kind: Literal["txt", "html", "jsonl"]
    data: bytes
    given: tuple[tuple[str, str], ...] = ()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def given_field(self, name: str) -> str | None:
        return dict(self.given).get(name)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A file or record that could not be read, with the reason in words a user can act on."""

    ref: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document. Its id is the sha256 of its original bytes; all offsets refer to `text`."""

    id: str
    ref: str
    text: str
    title: Found = NOT_FOUND
    author: Found = NOT_FOUND
    outlet: Found = NOT_FOUND
    published: Found = NOT_FOUND  # ISO partial date
    page_date: Found = NOT_FOUND  # a date the site printed on the day of scraping, not publication
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place as one document names it, with every mention.

    `id` is local to the document; `resolve.aliases` joins entities across documents.
    `aliases` holds every other surface form (abbreviations, surnames, variants).
    """

    id: str
    doc: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression with its normalised ISO partial value, or None when nothing anchors it."""

    id: str
    evidence: Evidence
    value: str | None
    precision: Precision | None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A reference from a fact to an entity: the entity id (or None) and the words used."""

    entity: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Statement:
    """Something a speaker said: a direct quote or reported speech, with the cue verb."""

    id: str
    speaker: EntityRef
    cue: str
    content: str
    direct: bool
    evidence: tuple[Evidence, ...]
    # The parts, for span-level scoring and highlighting; None where a part is not in the text.
    source_span: Evidence | None = None
    cue_span: Evidence | None = None
    content_span: Evidence | None = None
    # "speech" when the source said or wrote it (or did so publicly: endorsed, condemned, a poll
    # showed); "belief" when the text attributes a thought, wish or intention (thinks, wants, fears).
    mode: Literal["speech", "belief"] = "speech"


@dataclass(frozen=True, slots=True)
class IncidentDate:
    value: str | None
    precision: Precision | None
    text: str | None


@dataclass(frozen=True, slots=True)
class Place:
    entity: str | None
    name: str
    country: str | None  # ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True)
class Perpetrator:
    entity: str | None
    name: str
    category: PerpetratorCategory


@dataclass(frozen=True, slots=True)
class Victim:
    entity: str | None
    name: str | None  # a named person or group
    description: str | None  # or a description such as "peaceful demonstrators"


@dataclass(frozen=True, slots=True)
class Count:
    """A reported figure: exact `value`, or bounds `low`/`high`, with the qualifier used."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the document says claims a fact ("the MEK determined that ..."), with the cue."""

    entity: str | None
    name: str
    cue: str


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    type: str  # a key of taxonomy.INCIDENT_TYPES
    date: IncidentDate
    place: Place | None
    perpetrators: tuple[Perpetrator, ...]
    victims: tuple[Victim, ...]
    count: Count | None
    attributed_to: tuple[Attribution, ...]
    evidence: tuple[Evidence, ...]
    # Police arresting, charging, trying or sentencing suspects of a crime ("arrested in connection
    # with the killing"): recorded, but no OHCHR violation, which is repression of the person held.
    law_enforcement: bool = False


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything one document yields: the unit the store writes in one transaction."""

    document: Document
    original: bytes
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    incidents: tuple[Incident, ...] = ()
    notes: tuple[str, ...] = field(default=())  # non-fatal problems worth telling the user


# Events: one real-world event and every incident (report) of it, from docket.resolve.events.


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date: ISO partial value and its precision, both None when no report dates it."""

    value: str | None
    precision: Precision | None


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    """One report's figure for an event, with who claims it: the incident's `attributed_to`, else the
    document's outlet, else its title or ref. Figures stand side by side; none is the truth."""

    incident: str
    doc: str
    outlet: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    claimant: str
    text: str  # the figure as written ("approximately 1,500")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two figures of one event that cannot both hold, named by their incidents, and why."""

    figures: tuple[str, str]
    reason: str


@dataclass(frozen=True, slots=True)
class EventLink:
    """Why two incidents were joined: the score and each piece of evidence with its points."""

    incidents: tuple[str, str]
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Incidents (from one or many documents) that report the same real-world event.

    `place.entity` is a corpus entity id. Every incident belongs to exactly one event; an incident no
    other report matches is an event of its own, with no links.
    """

    id: str  # stable_id("evt", *sorted incident ids)
    type: str
    date: EventDate
    place: Place | None
    incidents: tuple[str, ...]
    figures: tuple[ReportedFigure, ...]
    outlets: int  # distinct outlets; a document of unknown outlet counts as one of its own
    contradictions: tuple[Contradiction, ...]
    reasons: tuple[EventLink, ...]  # the links that joined the incidents, best first
