"""The JSONL export: docket's data contract (docs/export.md), one JSON object per line.

Deterministic by construction: a fixed key order per kind, records sorted by stable keys, no
timestamps, `ensure_ascii=False`. Two builds of the same corpus, in any order, export the same bytes.
Entities are joined across documents by `docket.resolve.aliases`; every entity reference in a
statement or incident is rewritten from the document-local id to the joined (global) id. Incidents
that report one real-world event are consolidated by `docket.resolve.events` (kind `event`, last).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields
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
from docket.store import Store
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


def default_resolver() -> Resolver:
    """The cross-document resolver; imported late so the store and export load without it."""
    from docket.resolve.aliases import resolve_entities

    return resolve_entities  # type: ignore[return-value]


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
    resolution = (resolve or default_resolver())(store.entities())
    to_global = _GlobalIds(resolution)
    documents = store.documents()
    incidents = store.incidents()
    out: list[Record] = []
    out += [document_record(d) for d in sorted(documents, key=lambda d: d.id)]
    out += [rejection_record(r) for r in sorted(store.rejections(), key=lambda r: r.ref)]
    out += [entity_record(e) for e in sorted(resolution.entities, key=lambda e: e.id)]
    out += [date_record(d) for d in sorted(store.dates(), key=_date_key)]
    out += [statement_record(s, to_global) for s in sorted(store.statements(), key=_fact_key)]
    out += [incident_record(i, to_global) for i in sorted(incidents, key=_fact_key)]
    events = consolidate_events(incidents, documents, to_global)
    out += [event_record(e) for e in sorted(events, key=lambda e: (e.date.value or "", e.id))]
    return out


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


def entity_record(e: ResolvedEntityLike) -> Record:
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


def incident_record(i: Incident, to_global: Callable[[str | None], str | None]) -> Record:
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
    }


def event_record(e: Event) -> Record:
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
    }
