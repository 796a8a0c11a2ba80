"""What each page and API answer shows, built from a store view (`Store.view`): never more than the
reader may read. Pure functions of the view and the entity resolution; the routes only call them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docket.export.jsonl import ResolutionLike, ResolvedEntityLike, default_resolver, review_mark
from docket.model import Document, Evidence, Incident, Statement
from docket.serve.highlight import Span, excerpt, pieces
from docket.serve.schemas import (
    AttributionOut,
    AuditOut,
    CountOut,
    DateMentionOut,
    DateOut,
    DocumentPage,
    EntityOut,
    EntityPage,
    EvidenceOut,
    IncidentOut,
    IncidentPage,
    InContext,
    MappingOut,
    MemberOut,
    NamedRef,
    PerpetratorOut,
    PlaceOut,
    ReviewOut,
    Row,
    SourceOut,
    StatementOut,
    StatsOut,
    VictimOut,
)
from docket.store import AuditEntry, IncidentReview, Store
from docket.taxonomy import INCIDENT_TYPES

GlobalId = Callable[[str | None], str | None]


@dataclass
class Derived:
    """What is derived from the whole record a view shows: entities joined across documents, and
    (when first asked for) the events consolidated across documents."""

    resolution: ResolutionLike
    _events: Any = None

    def events(self, view: Store) -> Any:
        """The view's events (`docket.export.eventview.EventSet`)."""
        if self._events is None:
            from docket.export.eventview import build_events

            join, forbid = view.review.pairs("event")
            docs = {d.id: d for d in view.documents()}
            self._events = build_events(docs, view.incidents(), self.resolution, join=join, forbid=forbid)
        return self._events


class RecordCache:
    """`Derived` per reader scope, computed once per state of the record.

    The key holds what changes the result: which documents a reader sees, how many documents and
    entities there are, and the last audit entry (a restriction or a review decision)."""

    def __init__(self) -> None:
        self._cache: dict[bool, tuple[tuple[Any, ...], Derived]] = {}
        self._lock = threading.Lock()

    def get(self, view: Store) -> Derived:
        counts = view.counts()
        key = (counts["documents"], counts["entities"], counts["incidents"], view.audit.last_id())
        scope = bool(getattr(view, "include_restricted", True))
        with self._lock:
            cached = self._cache.get(scope)
            if cached and cached[0] == key:
                return cached[1]
        derived = Derived(default_resolver(view)(view.entities()))
        with self._lock:
            self._cache[scope] = (key, derived)
        return derived


def global_ids(resolution: ResolutionLike) -> GlobalId:
    def to_global(local: str | None) -> str | None:
        try:
            return resolution.global_id(local)
        except KeyError:
            return None

    return to_global


def label(value: str) -> str:
    return value.replace("_", " ")


def source_of(doc: Document, restricted: bool) -> SourceOut:
    url = doc.url if doc.url and doc.url.lower().startswith(("http://", "https://")) else None
    return SourceOut(
        id=doc.id, ref=doc.ref, title=doc.title.value, author=doc.author.value, outlet=doc.outlet.value,
        published=doc.published.value, url=url, restricted=restricted,
    )  # fmt: skip


def evidence_out(ev: Evidence) -> EvidenceOut:
    return EvidenceOut(doc=ev.doc, start=ev.start, end=ev.end, text=ev.text)


def in_context(ev: Evidence, doc: Document, source: SourceOut) -> InContext:
    return InContext(evidence=evidence_out(ev), excerpt=excerpt(doc.text, ev.start, ev.end), source=source)


def review_out(r: IncidentReview | None) -> ReviewOut:
    if r is None:
        return ReviewOut()
    return ReviewOut(status=r.status, by=r.user, at=r.at, edited=list(r.edited))


def incident_out(i: Incident, doc: str, gid: GlobalId, review: IncidentReview | None = None) -> IncidentOut:
    m = INCIDENT_TYPES.get(i.type)
    c = i.count
    return IncidentOut(
        id=i.id, doc=doc, type=i.type,
        mappings=MappingOut(ohchr=m.ohchr if m else None, acled=m.acled if m else None,
                            plover=m.plover if m else None),
        date=DateOut(value=i.date.value, precision=i.date.precision, text=i.date.text),
        place=PlaceOut(entity=gid(i.place.entity), name=i.place.name, country=i.place.country)
        if i.place else None,
        perpetrators=[PerpetratorOut(entity=gid(p.entity), name=p.name, category=p.category)
                      for p in i.perpetrators],
        victims=[VictimOut(entity=gid(v.entity), name=v.name, description=v.description) for v in i.victims],
        count=CountOut(value=c.value, low=c.low, high=c.high, qualifier=c.qualifier, text=c.text)
        if c else None,
        attributed_to=[AttributionOut(entity=gid(a.entity), name=a.name, cue=a.cue) for a in i.attributed_to],
        evidence=[evidence_out(e) for e in i.evidence],
        law_enforcement=i.law_enforcement, review=review_out(review),
    )  # fmt: skip


def statement_out(s: Statement, doc: str, gid: GlobalId) -> StatementOut:
    return StatementOut(
        id=s.id, doc=doc, speaker=NamedRef(entity=gid(s.speaker.entity), name=s.speaker.name), cue=s.cue,
        content=s.content, direct=s.direct, mode=s.mode, evidence=[evidence_out(e) for e in s.evidence],
    )  # fmt: skip


def entity_out(e: ResolvedEntityLike) -> EntityOut:
    return EntityOut(
        id=e.id, type=e.type, name=e.name, aliases=list(e.aliases), mentions=len(e.mentions),
        documents=len({m.doc for m in e.mentions}),
    )  # fmt: skip


def audit_out(entries: list[AuditEntry]) -> list[AuditOut]:
    return [AuditOut(**{f: getattr(a, f) for f in AuditOut.model_fields}) for a in entries]


def _doc_of(record: Incident | Statement) -> str:
    return record.evidence[0].doc if record.evidence else ""


# -- pages ---------------------------------------------------------------------------------------


def dashboard(view: Store, resolution: ResolutionLike) -> StatsOut:
    counts = view.counts()
    f = view.facets()
    incidents = sum(n for _, n in f.by_type)  # as read: those a reviewer rejected are not counted
    return StatsOut(
        documents=counts["documents"], incidents=incidents, statements=counts["statements"],
        entities=len(resolution.entities), rejected=counts["rejections"],
        by_type=[Row(key=t, label=label(t), n=n) for t, n in f.by_type],
        by_year=[Row(key=y, label=y or "undated", n=n) for y, n in f.by_year],
        by_place=[Row(key=p or c, label=(p or "no place") + (f" ({c})" if c else ""), n=n)
                  for p, c, n in f.by_place],
        by_outlet=[Row(key=o, label=o or "unknown outlet", n=n) for o, n in f.by_outlet],
    )  # fmt: skip


def document_page(view: Store, doc_id: str, resolution: ResolutionLike) -> DocumentPage | None:
    doc = view.document(doc_id)
    if doc is None:
        return None
    gid = global_ids(resolution)
    local = view.entities(doc_id)
    reviews = view.review.incidents()
    seen: dict[str, EntityOut] = {}
    by_id = {e.id: e for e in resolution.entities}
    for e in local:
        g = gid(e.id)
        if g and g in by_id and g not in seen:
            seen[g] = entity_out(by_id[g])
    return DocumentPage(
        document=source_of(doc, bool(view.is_restricted(doc_id))),
        text=doc.text,
        entities=sorted(seen.values(), key=lambda e: (e.type, e.name.casefold(), e.id)),
        dates=[DateMentionOut(id=d.id, evidence=evidence_out(d.evidence), value=d.value,
                              precision=d.precision) for d in view.dates(doc_id)],
        statements=[statement_out(s, doc_id, gid) for s in view.statements(doc_id)],
        incidents=[incident_out(i, doc_id, gid, reviews.get(i.id))
                   for i in view.incidents(doc_id, rejected=True)],
        audit=audit_out(view.audit.entries(kind="document", record=doc_id)),
    )  # fmt: skip


def document_pieces(view: Store, page: DocumentPage, resolution: ResolutionLike) -> list[Any]:
    """The document's text cut for highlighting: entities link to their page, incidents and statements
    get an anchor at their start and a numbered marker after their end, dates are only marked."""
    gid = global_ids(resolution)
    spans: list[Span] = []
    for e in view.entities(page.document.id):
        g = gid(e.id)
        spans += [Span(m.start, m.end, "entity", href=f"/entities/{g}" if g else None) for m in e.mentions]
    spans += [Span(d.evidence.start, d.evidence.end, "date") for d in page.dates]
    for n, i in enumerate(page.incidents, 1):
        title = f"incident {n}: {label(i.type)}"
        for k, ev in enumerate(i.evidence):
            anchor = f"incident-{i.id}" if k == 0 else None
            spans.append(
                Span(ev.start, ev.end, "incident", anchor, None, (f"/incidents/{i.id}", f"I{n}", title))
            )
    for n, s in enumerate(page.statements, 1):
        title = f"statement {n}: {s.speaker.name} {s.cue}"
        for k, ev in enumerate(s.evidence):
            anchor = f"statement-{s.id}" if k == 0 else None
            spans.append(Span(ev.start, ev.end, "statement", anchor, None, (f"#s-{s.id}", f"S{n}", title)))
    return pieces(page.text, spans)


def incident_page(view: Store, incident_id: str, resolution: ResolutionLike) -> IncidentPage | None:
    found = view.fact("incident", incident_id)
    if found is None:
        return None
    doc_id, incident = found
    doc = view.document(doc_id)
    if doc is None or not isinstance(incident, Incident):
        return None
    source = source_of(doc, bool(view.is_restricted(doc_id)))
    return IncidentPage(
        incident=incident_out(incident, doc_id, global_ids(resolution), view.review.incident(incident_id)),
        source=source,
        evidence=[in_context(ev, doc, source) for ev in incident.evidence],
        audit=audit_out(view.audit.entries(kind="incident", record=incident_id)),
    )


def entity_page(view: Store, entity_id: str, resolution: ResolutionLike, limit: int) -> EntityPage | None:
    entity = next((e for e in resolution.entities if e.id == entity_id), None)
    if entity is None:
        return None
    gid = global_ids(resolution)
    docs: dict[str, Document | None] = {}
    mentions = []
    for m in sorted(entity.mentions, key=lambda m: (m.doc, m.start, m.end))[:limit]:
        doc = docs[m.doc] if m.doc in docs else docs.setdefault(m.doc, view.document(m.doc))
        if doc is not None:
            mentions.append(in_context(m, doc, source_of(doc, bool(view.is_restricted(m.doc)))))
    roles: dict[str, list[IncidentOut]] = {"perpetrator": [], "victim": [], "place": []}
    for i in view.incidents():
        doc_id = _doc_of(i)
        if any(gid(p.entity) == entity_id for p in i.perpetrators):
            roles["perpetrator"].append(incident_out(i, doc_id, gid))
        if any(gid(v.entity) == entity_id for v in i.victims):
            roles["victim"].append(incident_out(i, doc_id, gid))
        if i.place and gid(i.place.entity) == entity_id:
            roles["place"].append(incident_out(i, doc_id, gid))
    statements = [
        statement_out(s, _doc_of(s), gid) for s in view.statements() if gid(s.speaker.entity) == entity_id
    ]
    mark = review_mark(view.review.links("entity"), entity.members)
    return EntityPage(
        entity=entity_out(entity), members=members_out(view, entity),
        review=ReviewOut(status=mark["status"], by=mark["by"], at=mark["at"]),
        audit=audit_out(view.audit.entries_about("entity", entity.members)),
        mentions=mentions, as_perpetrator=roles["perpetrator"][:limit],
        as_victim=roles["victim"][:limit], as_place=roles["place"][:limit], statements=statements[:limit],
    )  # fmt: skip


def members_out(view: Store, entity: ResolvedEntityLike) -> list[MemberOut]:
    """The document entities joined in `entity`, by document title and name."""
    members = set(entity.members)
    out = []
    for doc_id in sorted({m.doc for m in entity.mentions}):
        doc = view.document(doc_id)
        source = (doc.title.value or doc.ref) if doc else doc_id
        out += [
            MemberOut(id=e.id, name=e.name, type=e.type, doc=doc_id, source=source)
            for e in view.entities(doc_id)
            if e.id in members
        ]
    return sorted(out, key=lambda m: (m.source.casefold(), m.name.casefold(), m.id))
