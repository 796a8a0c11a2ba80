"""The shapes the JSON API answers with (and the pages render): Pydantic models.

Entity ids here are corpus ids (entities joined across documents, as in the export), never the
document-local ids the store keeps. Field names follow the export contract (docs/export.md).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, JsonValue


def _encodable(value: str) -> str:
    value.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, a ValueError: a 422, not a 500
    return value


Text = Annotated[str, AfterValidator(_encodable)]


class EvidenceOut(BaseModel):
    doc: str
    start: int
    end: int
    text: str


class Excerpt(BaseModel):
    """The sentence around an evidence span, split so the span can be highlighted."""

    before: str
    marked: str
    after: str


class SourceOut(BaseModel):
    """A document without its text."""

    id: str
    ref: str
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    url: str | None = Field(description="the article's address; only http(s) addresses are given")
    restricted: bool


class InContext(BaseModel):
    evidence: EvidenceOut
    excerpt: Excerpt
    source: SourceOut


class NamedRef(BaseModel):
    entity: str | None
    name: str


class DateOut(BaseModel):
    value: str | None
    precision: str | None
    text: str | None


class MappingOut(BaseModel):
    ohchr: str | None
    acled: str | None
    plover: str | None


class PlaceOut(BaseModel):
    entity: str | None
    name: str
    country: str | None


class PerpetratorOut(BaseModel):
    entity: str | None
    name: str
    category: str


class VictimOut(BaseModel):
    entity: str | None
    name: str | None
    description: str | None


class CountOut(BaseModel):
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    text: str


class AttributionOut(BaseModel):
    entity: str | None
    name: str
    cue: str


class ReviewOut(BaseModel):
    """A record's review: `machine` (no one reviewed it), `confirmed`, `edited` or `rejected` for an
    incident (with the fields a reviewer changed); `reviewed` for an entity or event a reviewer merged
    or split. `by` and `at` (UTC) name the latest decision."""

    status: str = "machine"
    by: str | None = None
    at: str | None = None
    edited: list[str] = Field(default_factory=list)


class IncidentOut(BaseModel):
    id: str
    doc: str
    type: str
    mappings: MappingOut
    date: DateOut
    place: PlaceOut | None
    perpetrators: list[PerpetratorOut]
    victims: list[VictimOut]
    count: CountOut | None
    attributed_to: list[AttributionOut]
    evidence: list[EvidenceOut]
    law_enforcement: bool
    review: ReviewOut = Field(default_factory=ReviewOut)


class StatementOut(BaseModel):
    id: str
    doc: str
    speaker: NamedRef
    cue: str
    content: str
    direct: bool
    mode: str
    evidence: list[EvidenceOut]


class DateMentionOut(BaseModel):
    id: str
    evidence: EvidenceOut
    value: str | None
    precision: str | None


class EntityOut(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: int
    documents: int


class AuditOut(BaseModel):
    id: int
    at: str
    user: str
    action: str
    kind: str
    record: str
    doc: str | None
    before: JsonValue
    after: JsonValue
    note: str | None


class IncidentPage(BaseModel):
    incident: IncidentOut
    source: SourceOut
    evidence: list[InContext]
    audit: list[AuditOut]


class MemberOut(BaseModel):
    """A document's own entity joined into a corpus entity (what a reviewer splits off)."""

    id: str
    name: str
    type: str
    doc: str
    source: str = Field(description="the document's title, else its ref")


class EntityPage(BaseModel):
    entity: EntityOut
    members: list[MemberOut]
    review: ReviewOut
    audit: list[AuditOut]
    mentions: list[InContext] = Field(description="the first mentions, by document and position")
    as_perpetrator: list[IncidentOut]
    as_victim: list[IncidentOut]
    as_place: list[IncidentOut]
    statements: list[StatementOut]


class DocumentPage(BaseModel):
    document: SourceOut
    text: str
    entities: list[EntityOut] = Field(description="the corpus entities this document mentions")
    dates: list[DateMentionOut]
    statements: list[StatementOut]
    incidents: list[IncidentOut]
    audit: list[AuditOut]


class SnippetPart(BaseModel):
    text: str
    match: bool


class HitOut(BaseModel):
    kind: str
    id: str
    doc: str | None
    title: str
    snippet: list[SnippetPart]
    date: str | None
    detail: str | None
    href: str
    review: str | None = Field(None, description="an incident's review status")


class ResultsOut(BaseModel):
    kind: str
    total: int
    offset: int
    limit: int
    hits: list[HitOut]


class SearchOut(BaseModel):
    q: str
    kind: str
    type: str | None
    date_from: str | None
    date_to: str | None
    place: str | None
    outlet: str | None
    review: str | None = None
    page: int
    per_page: int
    results: list[ResultsOut]
    skipped: list[str] = Field(description="kinds left out because a filter set does not apply to them")


class Row(BaseModel):
    key: str | None
    label: str
    n: int


class StatsOut(BaseModel):
    documents: int
    incidents: int
    statements: int
    entities: int
    rejected: int
    by_type: list[Row]
    by_year: list[Row]
    by_place: list[Row]
    by_outlet: list[Row]


class MeOut(BaseModel):
    name: str | None
    role: str | None
    csrf_token: str = Field(description="send it as X-CSRF-Token with every POST, PUT, PATCH or DELETE")


class UserOut(BaseModel):
    name: str
    role: str
    created: str


class LoginIn(BaseModel):
    name: Text = Field(max_length=64)
    password: Text = Field(max_length=4096)


class RestrictIn(BaseModel):
    restricted: bool
    note: Text | None = Field(default=None, max_length=2000)


class FigureOut(BaseModel):
    """One report's figure for an event, with who claims it."""

    incident: str
    doc: str
    outlet: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    claimant: str
    text: str


class FigureViewsOut(BaseModel):
    """Views derived from the figures as reported (UCDP low, best, high; ACLED's conservative)."""

    low: int | None
    best: int | None
    high: int | None
    conservative: int | None


class ContradictionOut(BaseModel):
    figures: list[str] = Field(description="the two incidents whose figures cannot both hold")
    reason: str


class LinkOut(BaseModel):
    incidents: list[str]
    score: float
    reasons: list[str]


class PartyOut(BaseModel):
    entity: str | None
    name: str
    role: str | None
    reports: int


class EventOut(BaseModel):
    id: str
    type: str
    date: DateOut
    place: PlaceOut | None
    outlets: int
    figures: list[FigureOut]
    views: FigureViewsOut
    contradictions: list[ContradictionOut]
    links: list[LinkOut]
    perpetrators: list[PartyOut]
    victims: list[PartyOut]
    note: str


class EventPage(BaseModel):
    event: EventOut
    reports: list[IncidentOut]
    sources: list[SourceOut]
    review: ReviewOut
    audit: list[AuditOut]
