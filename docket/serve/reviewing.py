"""Review decisions as the web app makes them, shared by the forms and the JSON API (`review.py`).

Each function finds the record in the reader's view (a record the user may not read is "not found",
404), makes the decision through the store (`docket.store.review`: the decision and its audit entry in
one transaction) and answers with the audit entry and where the record now is. A decision the store
refuses (an invalid edit, a merge of a record with itself) is a 422 with the store's words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from docket.errors import ReviewError
from docket.serve.access import derived, found, reader
from docket.serve.events import event_holding, find_event
from docket.serve.review_schemas import DecisionOut
from docket.serve.views import audit_out
from docket.store import SQLiteStore

T = TypeVar("T")


def _store(request: Request) -> SQLiteStore:
    return request.state.store


def _user(request: Request) -> str:
    who = request.state.principal
    assert who.user is not None  # the guard lets only logged-in users make changes
    return who.user.name


def _refused(call: Callable[[], T]) -> T:
    try:
        return call()
    except ReviewError as e:
        raise HTTPException(422, str(e)) from None


def _parts(members: Sequence[str], chosen: Sequence[str], unknown: str) -> tuple[list[str], list[str]]:
    """The members chosen to split off (sorted, each once) and the rest, in order; 422 when one of
    the chosen is not a member (`unknown` says so)."""
    part = sorted(set(chosen))
    strangers = [m for m in part if m not in members]
    if strangers:
        raise HTTPException(422, f"{unknown}: {', '.join(strangers[:5])}")
    return part, [m for m in members if m not in part]


def _answer(request: Request, entry_id: int, record: str, href: str) -> DecisionOut:
    entry = reader(request).audit.entry(entry_id)
    assert entry is not None
    return DecisionOut(audit=audit_out([entry])[0], record=record, href=href)


def other_id(text: str) -> str:
    """The id in what a user pasted: an id, or the address of the record's page."""
    try:
        path = urlsplit(text.strip()).path
    except ValueError:  # not an address ("http://[" is not one): the text itself
        path = text.strip()
    return path.rstrip("/").rsplit("/", 1)[-1]


# -- incidents ------------------------------------------------------------------------------------


def _incident_visible(request: Request, incident_id: str) -> None:
    found(reader(request).fact("incident", incident_id), "incident")


def decide(
    request: Request,
    incident_id: str,
    verdict: str,
    proposed: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> DecisionOut:
    """Confirm, reject or edit an incident."""
    _incident_visible(request, incident_id)
    review = _store(request).review
    entry = _refused(lambda: review.decide(_user(request), verdict, incident_id, proposed, note))  # type: ignore[arg-type]
    return _answer(request, entry, incident_id, f"/incidents/{incident_id}")


# -- entities -------------------------------------------------------------------------------------


def _entity(request: Request, entity_id: str, status: int = 404) -> Any:
    entity = next((e for e in derived(request).resolution.entities if e.id == entity_id), None)
    if entity is None:
        raise HTTPException(status, f"no entity {entity_id}" if status != 404 else "no such entity")
    return entity


def _entity_now(request: Request, member: str) -> tuple[str, str]:
    gid = derived(request).resolution.global_id(member) or ""
    return gid, f"/entities/{gid}"


def _about(e: Any) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "members": sorted(e.members)}


def merge_entities(request: Request, entity_id: str, other: str, note: str | None) -> DecisionOut:
    """Join the entity with another: they are one from now on, whatever later builds add."""
    this = _entity(request, entity_id)
    that = _entity(request, other_id(other), 422)
    if this.id == that.id:
        raise HTTPException(422, "an entity cannot be merged with itself")
    before = {"entities": [_about(this), _about(that)]}
    after = {"members": sorted({*this.members, *that.members})}
    review = _store(request).review
    entry = _refused(
        lambda: review.merge(
            _user(request), "entity", this.id, this.members, that.members, note, before, after
        )
    )
    return _answer(request, entry, *_entity_now(request, this.members[0]))


def split_entity(request: Request, entity_id: str, members: Sequence[str], note: str | None) -> DecisionOut:
    """Split document entities off the entity: they are never joined with the rest again."""
    this = _entity(request, entity_id)
    part, rest = _parts(this.members, members, "not part of this entity")
    before, after = {"entity": _about(this)}, {"split_off": part, "rest": sorted(rest)}
    review = _store(request).review
    entry = _refused(lambda: review.split(_user(request), "entity", this.id, part, rest, note, before, after))
    return _answer(request, entry, *_entity_now(request, (rest or part)[0]))


# -- events ---------------------------------------------------------------------------------------


def _event(request: Request, event_id: str, status: int = 404) -> Any:
    event = find_event(reader(request), derived(request), event_id)
    if event is None:
        raise HTTPException(status, f"no event {event_id}" if status != 404 else "no such event")
    return event


def _event_now(request: Request, incident_id: str) -> tuple[str, str]:
    v = event_holding(reader(request), derived(request), incident_id)
    eid = v.event.id if v is not None else ""
    return eid, f"/events/{eid}"


def merge_events(request: Request, event_id: str, other: str, note: str | None) -> DecisionOut:
    """Join two events: their reports tell one event, whatever the machine's joining says."""
    this = _event(request, event_id).event
    that = _event(request, other_id(other), 422).event
    if this.id == that.id:
        raise HTTPException(422, "an event cannot be merged with itself")
    before = {"events": [{"id": e.id, "incidents": list(e.incidents)} for e in (this, that)]}
    after = {"incidents": sorted({*this.incidents, *that.incidents})}
    review = _store(request).review
    entry = _refused(
        lambda: review.merge(
            _user(request), "event", this.id, this.incidents, that.incidents, note, before, after
        )
    )
    return _answer(request, entry, *_event_now(request, this.incidents[0]))


def split_event(request: Request, event_id: str, incidents: Sequence[str], note: str | None) -> DecisionOut:
    """Split reports off an event: they never join the rest again."""
    this = _event(request, event_id).event
    part, rest = _parts(this.incidents, incidents, "not a report of this event")
    before, after = {"incidents": list(this.incidents)}, {"split_off": part, "rest": rest}
    review = _store(request).review
    entry = _refused(lambda: review.split(_user(request), "event", this.id, part, rest, note, before, after))
    return _answer(request, entry, *_event_now(request, (rest or part)[0]))


# -- notes ----------------------------------------------------------------------------------------


def add_note(request: Request, kind: str, record_id: str, text: str) -> DecisionOut:
    """A note on an incident, entity, event or document (an audit entry, shown on its page)."""
    doc: str | None = None
    keys: Sequence[str] = ()
    if kind == "incident":
        doc = found(reader(request).fact("incident", record_id), "incident")[0]
        href = f"/incidents/{record_id}"
    elif kind == "document":
        found(reader(request).document(record_id), "document")
        doc, href = record_id, f"/documents/{record_id}"
    elif kind == "entity":
        keys, href = _entity(request, record_id).members, f"/entities/{record_id}"
    else:
        keys, href = _event(request, record_id).event.incidents, f"/events/{record_id}"
    review = _store(request).review
    entry = _refused(lambda: review.note(_user(request), kind, record_id, text, doc, keys))
    return _answer(request, entry, record_id, href)
