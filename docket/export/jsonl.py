"""The JSONL export: docket's data contract (docs/export.md), one JSON object per line.

Deterministic by construction: a fixed key order per kind, records sorted by stable keys, no
timestamps, `ensure_ascii=False`. Two builds of the same corpus, in any order, export the same bytes.
Entities are joined across documents by `docket.resolve.aliases`; every entity reference in a
statement or incident is rewritten from the document-local id to the joined (global) id. Incidents
that report one real-world event are consolidated by `docket.resolve.events` (kind `event`, last).

Human review (`docket.store.review`) is applied as the store reads: incidents carry a reviewer's edits
and a `review` mark (machine, confirmed, edited, rejected); entities and events are joined and split
as reviewers decided, and marked `reviewed` where a decision touched them. A rejected incident is
exported, marked, and joins no event.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from functools import partial
from typing import Any, Protocol, TextIO

from docket.model import (
    DateMention,
    Document,
    Entity,
    EntityRef,
    Event,
    Evidence,
    Found,
    Incident,
    Rejection,
    Statement,
)
from docket.resolve.events import consolidate_events
from docket.resolve.figures import figure_views
from docket.store import IncidentReview, Link, Store
from docket.taxonomy import INCIDENT_TYPES

log = logging.getLogger(__name__)

Record = dict[str, Any]


class MergeLike(Protocol):
    """One join of the merge log (`docket.resolve.aliases.Merge`)."""

    source: str
    target: str
    reason: str
    score: float


class ResolvedEntityLike(Protocol):
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    members: tuple[str, ...]
    merges: tuple[MergeLike, ...]


class ResolutionLike(Protocol):
    """What `docket.resolve.aliases.resolve_entities` returns (the part the exporters use)."""

    @property
    def entities(self) -> list[ResolvedEntityLike]: ...

    def global_id(self, local_entity_id: str | None) -> str | None: ...


Resolver = Callable[[Iterable[Entity]], ResolutionLike]


def default_resolver(store: Store | None = None, documents: Iterable[Document] | None = None) -> Resolver:
    """The cross-document resolver; imported late so the store and export load without it. Given the
    store, it applies the reviewers' merges and splits of entities held there, and reads the
    documents' texts, which tie roles to names ("Supreme Leader Ali Khamenei"): `documents` when the
    caller has them already, else the store's."""
    from docket.resolve.aliases import resolve_entities

    if store is None:
        return resolve_entities  # type: ignore[return-value]
    join, forbid = store.review.pairs("entity")
    texts = {d.id: d.text for d in (store.documents() if documents is None else documents)}
    return partial(resolve_entities, join=join, forbid=forbid, texts=texts)  # type: ignore[return-value]


def export_jsonl(store: Store, out: TextIO, resolve: Resolver | None = None) -> Counter[str]:
    """Write the whole store to `out` as JSONL; returns how many records of each kind were written.

    Open `out` with `newline="\\n"` so the bytes do not depend on the platform.
    """
    records = export_records(store, resolve)
    written: Counter[str] = Counter()
    for record in records:
        out.write(dumps(record))
        out.write("\n")
        written[record["kind"]] += 1
    return written


def dumps(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def export_records(store: Store, resolve: Resolver | None = None) -> list[Record]:
    """Every exported record, in contract order: documents, rejections, entities, dates, statements,
    incidents, events."""
    documents = store.documents()
    resolution = (resolve or default_resolver(store, documents))(store.entities())
    to_global = _GlobalIds(resolution)
    incidents = store.incidents(rejected=True)
    reviews = store.review.incidents()
    entity_links, event_links = store.review.links("entity"), store.review.links("event")
    out: list[Record] = []
    out += [document_record(d) for d in sorted(documents, key=lambda d: d.id)]
    out += [rejection_record(r) for r in sorted(store.rejections(), key=lambda r: r.ref)]
    out += [
        entity_record(e, review_mark(entity_links, e.members))
        for e in sorted(resolution.entities, key=lambda e: e.id)
    ]
    out += [date_record(d) for d in sorted(store.dates(), key=_date_key)]
    out += [statement_record(s, to_global) for s in sorted(store.statements(), key=_fact_key)]
    out += [incident_record(i, to_global, reviews.get(i.id)) for i in sorted(incidents, key=_fact_key)]
    standing = [i for i in incidents if i.id not in reviews or reviews[i.id].status != "rejected"]
    join, forbid = store.review.pairs("event")
    events = consolidate_events(standing, documents, to_global, join=join, forbid=forbid)
    out += [
        event_record(e, review_mark(event_links, e.incidents))
        for e in sorted(events, key=lambda e: (e.date.value or "", e.id))
    ]
    return out


MACHINE: Record = {"status": "machine", "by": None, "at": None}


def incident_review(review: IncidentReview | None) -> Record:
    """An incident's `review` field: the standing verdict, who gave it and when, and the fields a
    reviewer changed (`edited`); status `machine` and nulls when no one reviewed it."""
    if review is None:
        return {**MACHINE, "edited": []}
    return {"status": review.status, "by": review.user, "at": review.at, "edited": list(review.edited)}


def review_mark(links: Sequence[Link], ids: Iterable[str]) -> Record:
    """An entity's or event's `review` field: `reviewed` with the latest reviewer's merge or split that
    names one of its stable ids (document entity ids, incident ids), else `machine`."""
    mine = set(ids)
    touching = [k for k in links if k.a in mine or k.b in mine]
    if not touching:
        return dict(MACHINE)
    last = max(touching, key=lambda k: (k.at, k.user, k.a, k.b))
    return {"status": "reviewed", "by": last.user, "at": last.at}


class _GlobalIds:
    """Maps document-local entity ids to global ones; an id the resolver never saw becomes None."""

    def __init__(self, resolution: ResolutionLike) -> None:
        self._resolution = resolution
        self.dangling: set[str] = set()

    def __call__(self, local: str | None) -> str | None:
        if local is None:
            return None
        try:
            found = self._resolution.global_id(local)
        except KeyError:
            found = None
        if found is None and local not in self.dangling:
            log.warning("entity %s is referenced but was not stored; exported as null", local)
            self.dangling.add(local)
        return found


def _doc_of(evidence: tuple[Evidence, ...]) -> str | None:
    # Statements and incidents hold no doc field: all their evidence lies in the one document.
    return evidence[0].doc if evidence else None


def _date_key(d: DateMention) -> tuple[str, int, int, str]:
    return (d.evidence.doc, d.evidence.start, d.evidence.end, d.id)


def _fact_key(r: Statement | Incident) -> tuple[str, int, str]:
    return (_doc_of(r.evidence) or "", min((e.start for e in r.evidence), default=0), r.id)


def evidence_record(e: Evidence | None) -> Record | None:
    if e is None:
        return None
    return {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text}


def document_record(d: Document) -> Record:
    found = [(f.name, getattr(d, f.name)) for f in fields(Document) if isinstance(getattr(d, f.name), Found)]
    rec: Record = {"kind": "document", "id": d.id, "ref": d.ref}
    rec.update((name, value.value) for name, value in found)
    rec["text"] = d.text
    rec["url"] = d.url
    rec["found"] = {name: value.method for name, value in found}
    return rec


def rejection_record(r: Rejection) -> Record:
    return {"kind": "rejection", "ref": r.ref, "reason": r.reason}


def entity_record(e: ResolvedEntityLike, review: Record | None = None) -> Record:
    return {
        "kind": "entity",
        "id": e.id,
        "type": e.type,
        "name": e.name,
        "aliases": list(e.aliases),
        "mentions": [evidence_record(m) for m in e.mentions],
        "members": list(e.members),
        "merges": [
            {"from": m.source, "to": m.target, "reason": m.reason, "score": m.score} for m in e.merges
        ],
        "review": review or dict(MACHINE),
    }


def date_record(d: DateMention) -> Record:
    ev = d.evidence
    return {
        "kind": "date",
        "id": d.id,
        "doc": ev.doc,
        "start": ev.start,
        "end": ev.end,
        "text": ev.text,
        "value": d.value,
        "precision": d.precision,
    }


def _ref(r: EntityRef, to_global: Callable[[str | None], str | None]) -> Record:
    return {"entity": to_global(r.entity), "name": r.name}


def statement_record(s: Statement, to_global: Callable[[str | None], str | None]) -> Record:
    return {
        "kind": "statement",
        "id": s.id,
        "doc": _doc_of(s.evidence),
        "speaker": _ref(s.speaker, to_global),
        "cue": s.cue,
        "content": s.content,
        "direct": s.direct,
        "mode": s.mode,
        "evidence": [evidence_record(e) for e in s.evidence],
        "source_span": evidence_record(s.source_span),
        "cue_span": evidence_record(s.cue_span),
        "content_span": evidence_record(s.content_span),
    }


def incident_record(
    i: Incident, to_global: Callable[[str | None], str | None], review: IncidentReview | None = None
) -> Record:
    mapping = INCIDENT_TYPES.get(i.type)  # an unknown type still exports; check_export flags it
    place = i.place
    count = i.count
    return {
        "kind": "incident",
        "id": i.id,
        "doc": _doc_of(i.evidence),
        "type": i.type,
        "mappings": {
            # A law-enforcement act against suspects of a crime is no OHCHR violation.
            "ohchr": mapping.ohchr if mapping and not i.law_enforcement else None,
            "acled": mapping.acled if mapping else None,
            "plover": mapping.plover if mapping else None,
        },
        "date": {"value": i.date.value, "precision": i.date.precision, "text": i.date.text},
        "place": (
            {"entity": to_global(place.entity), "name": place.name, "country": place.country}
            if place
            else None
        ),
        "perpetrators": [
            {"entity": to_global(p.entity), "name": p.name, "category": p.category} for p in i.perpetrators
        ],
        "victims": [
            {"entity": to_global(v.entity), "name": v.name, "description": v.description} for v in i.victims
        ],
        "count": (
            {
                "value": count.value,
                "low": count.low,
                "high": count.high,
                "qualifier": count.qualifier,
                "text": count.text,
            }
            if count
            else None
        ),
        "attributed_to": [
            {"entity": to_global(a.entity), "name": a.name, "cue": a.cue} for a in i.attributed_to
        ],
        "evidence": [evidence_record(e) for e in i.evidence],
        "law_enforcement": i.law_enforcement,
        "review": incident_review(review),
    }


def event_record(e: Event, review: Record | None = None) -> Record:
    """One event with its reports' figures side by side; `views` are derived from them, not stored."""
    views = figure_views(e.figures)
    return {
        "kind": "event",
        "id": e.id,
        "type": e.type,
        "date": {"value": e.date.value, "precision": e.date.precision},
        "place": (
            {"entity": e.place.entity, "name": e.place.name, "country": e.place.country} if e.place else None
        ),
        "incidents": list(e.incidents),
        "figures": [
            {
                "incident": f.incident,
                "doc": f.doc,
                "outlet": f.outlet,
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "qualifier": f.qualifier,
                "claimant": f.claimant,
                "text": f.text,
            }
            for f in e.figures
        ],
        "outlets": e.outlets,
        "contradictions": [{"figures": list(c.figures), "reason": c.reason} for c in e.contradictions],
        "views": {name: getattr(views, name) for name in ("low", "best", "high", "conservative")},
        "reasons": [
            {"incidents": list(k.incidents), "score": k.score, "why": list(k.reasons)} for k in e.reasons
        ],
        "review": review or dict(MACHINE),
    }
