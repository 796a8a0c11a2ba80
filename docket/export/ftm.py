"""The FollowTheMoney export: the record as FtM entities, one JSON object per line, as Aleph loads them
(`alephclient write-entities`, `ftm` tools): `{"id", "schema", "properties": {name: [values]}}`.

* a document is an `Article` (`title`, `author`, `publisher`, `publishedAt`, `sourceUrl`, `fileName`,
  `bodyText`);
* a corpus entity is a `Person`, an `Organization` or, for a place, an `Address` (`full`, `country`),
  with its aliases and `proof` (the articles that mention it); an entity of type `other` is a
  `LegalEntity`, written only when an event involves it;
* an event is an `Event`: `date` (a decade as `startDate` and `endDate`), `location` and
  `addressEntity` (its place), `country`, `involved` (its perpetrators and victims that are
  entities), `summary` (the evidence sentence), `description` (every figure side by side, with its
  claimant, and the contradictions), `notes` (perpetrators and victims by name, reports, outlets),
  `keywords` (its type and the taxonomy's mappings), `proof` (the articles), `sourceUrl`, `publisher`.

Ids are docket's own (a document's sha256, corpus entity ids, event ids), so the export can be joined
with the JSONL one. Written by hand against the FtM schema (followthemoney 4.x): the package needs
PyICU, a compiled library, which docket does not take on for one export format.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any, TextIO

from docket.export.eventview import EventSet, EventView, global_ids
from docket.export.timeline import date_label
from docket.model import Document
from docket.resolve.figures import describe
from docket.taxonomy import INCIDENT_TYPES

Entity = dict[str, Any]

SCHEMA_OF_TYPE = {
    "person": "Person",
    "organization": "Organization",
    "place": "Address",
    "other": "LegalEntity",
}
# FtM's longest value for a property type: names 384, strings 1,024, URLs 4,096, texts 65,000.
MAX_LENGTH = {"name": 384, "alias": 384, "full": 1024, "text": 65000, "url": 4096, "string": 1024}
TEXT_PROPERTIES = frozenset({"summary", "description", "notes", "bodyText"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def export_ftm(events: EventSet, out: TextIO) -> dict[str, int]:
    """Write every entity to `out`, one JSON object per line; returns how many of each schema.

    Open `out` with `newline="\\n"` so the bytes do not depend on the platform.
    """
    written: dict[str, int] = {}
    for entity in ftm_entities(events):
        out.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        written[entity["schema"]] = written.get(entity["schema"], 0) + 1
    return written


def ftm_entities(events: EventSet) -> list[Entity]:
    """Articles (by id), then people, organisations, places and others (by id), then events in
    timeline order: every entity before anything that refers to it."""
    to_global = global_ids(events.resolution)
    involved: set[str] = set()
    countries: dict[str, set[str]] = {}
    for view in events.events:
        involved |= {p.entity for p in (*view.perpetrators, *view.victims) if p.entity}
        for incident in view.incidents:
            place = incident.place
            if place and place.country and (gid := to_global(place.entity)):
                countries.setdefault(gid, set()).add(place.country)
        if (p := view.event.place) and p.entity and p.country:
            countries.setdefault(p.entity, set()).add(p.country)

    out = [article(d) for d in sorted(events.documents.values(), key=lambda d: d.id)]
    schemas: dict[str, str] = {}
    for e in sorted(events.resolution.entities, key=lambda e: e.id):
        schema = SCHEMA_OF_TYPE.get(e.type, "LegalEntity")
        if e.type not in ("person", "organization", "place") and e.id not in involved:
            continue
        ent = _entity(e.id, schema)
        _add(ent, "name", e.name)
        for alias in e.aliases:
            _add(ent, "alias", alias)
        if schema == "Address":
            _add(ent, "full", e.name)
        for country in sorted(countries.get(e.id, ())):
            _add(ent, "country", country.lower())
        for doc in sorted({m.doc for m in e.mentions} & events.documents.keys()):
            _add(ent, "proof", doc)
        schemas[e.id] = schema
        out.append(_finish(ent))
    out += [event_entity(v, schemas) for v in events.events]
    return out


def article(d: Document) -> Entity:
    ent = _entity(d.id, "Article")
    _add(ent, "name", d.title.value or d.ref)
    _add(ent, "title", d.title.value)
    _add(ent, "fileName", PurePath(d.ref).name or d.ref)
    _add(ent, "author", d.author.value)
    _add(ent, "publisher", d.outlet.value)
    if d.published.value and _DATE.match(d.published.value):
        _add(ent, "publishedAt", d.published.value)
    _add(ent, "sourceUrl", _web(d.url))
    _add(ent, "bodyText", d.text)
    return _finish(ent)


def event_entity(view: EventView, schemas: dict[str, str]) -> Entity:
    """The FtM `Event` of one docket event; `schemas` says which entity ids were written, and how."""
    e = view.event
    ent = _entity(e.id, "Event")
    label = e.type.replace("_", " ").capitalize()
    when = date_label(e.date.value, view.precision)
    _add(ent, "name", f"{label} in {e.place.name} ({when})" if e.place else f"{label} ({when})")
    value = e.date.value
    if value and _DATE.match(value):
        if view.precision == "decade":
            decade = int(value[:3]) * 10
            _add(ent, "startDate", str(decade))
            _add(ent, "endDate", str(decade + 9))
        else:
            _add(ent, "date", value)
    if e.place:
        _add(ent, "location", e.place.name)
        if e.place.country:
            _add(ent, "country", e.place.country.lower())
        if e.place.entity and schemas.get(e.place.entity) == "Address":
            _add(ent, "addressEntity", e.place.entity)
    for party in (*view.perpetrators, *view.victims):
        if party.entity and schemas.get(party.entity) in ("Person", "Organization", "LegalEntity"):
            _add(ent, "involved", party.entity)
    _add(ent, "summary", view.note)
    _add(ent, "description", _figures_text(view))
    _add(ent, "notes", _notes(view))
    mapping = INCIDENT_TYPES.get(e.type)
    _add(ent, "keywords", e.type)
    if mapping:
        _add(ent, "keywords", f"ACLED: {mapping.acled}" if mapping.acled else None)
        _add(ent, "keywords", f"OHCHR: {mapping.ohchr}" if mapping.ohchr else None)
        _add(ent, "keywords", f"PLOVER: {mapping.plover}" if mapping.plover else None)
    for d in view.documents:
        _add(ent, "proof", d.id)
        _add(ent, "sourceUrl", _web(d.url))
    for source in view.sources:
        _add(ent, "publisher", source)
    return _finish(ent)


def _figures_text(view: EventView) -> str:
    lines = [f"Reported: {describe(f)} ({f.text!r}), claimed by {f.claimant}" for f in view.event.figures]
    v = view.views
    if v.best is not None:
        lines.append(
            f"Views: low {_n(v.low)}, best {_n(v.best)}, high {_n(v.high)}, conservative {_n(v.conservative)}"
        )
    lines += [f"Contradiction: {c.reason}" for c in view.event.contradictions]
    return "\n".join(lines)


def _notes(view: EventView) -> str:
    parts = []
    if view.perpetrators:
        parts.append("Perpetrators: " + "; ".join(_party(p.name, p.role) for p in view.perpetrators))
    if view.victims:
        victims = (_party(p.name, p.role if p.role != p.name else None) for p in view.victims)
        parts.append("Victims: " + "; ".join(victims))
    n, k = view.reports, view.event.outlets
    parts.append(f"{n} report{'s' * (n != 1)} from {k} outlet{'s' * (k != 1)}")
    return "\n".join(parts)


def _party(name: str, role: str | None) -> str:
    return f"{name} ({role.replace('_', ' ')})" if role else name


def _n(x: int | None) -> str:
    return "-" if x is None else f"{x:,}"


def _web(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _entity(entity_id: str, schema: str) -> Entity:
    return {"id": entity_id, "schema": schema, "properties": {}}


def _add(ent: Entity, prop: str, value: str | None) -> None:
    """Add a value once, cleaned of characters JSON readers choke on, and cut to FtM's limit."""
    if value is None:
        return
    value = _CONTROL.sub("", value).strip()
    kind = "text" if prop in TEXT_PROPERTIES else "url" if prop == "sourceUrl" else prop
    value = value[: MAX_LENGTH.get(kind, MAX_LENGTH["string"])]
    if value:
        values = ent["properties"].setdefault(prop, [])
        if value not in values:
            values.append(value)


def _finish(ent: Entity) -> Entity:
    ent["properties"] = dict(sorted(ent["properties"].items()))
    return ent
