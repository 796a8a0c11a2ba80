"""The review routes: forms on the record's pages (each answers with a redirect back to the page) and
their twins in the JSON API under /api. Every one needs the `analyst` role, a login and the CSRF token
(the guard, `access.py`); what each does is in `reviewing.py`.

| form (303 to the page) | API (JSON) | body |
|---|---|---|
| `POST /incidents/{id}/review` | `POST /api/incidents/{id}/review` | `action` confirm or reject, `note` |
| `POST /incidents/{id}/edit` | `POST /api/incidents/{id}/edit` | the fields to change, `note` |
| `POST /entities/{id}/merge`, `/events/{id}/merge` | the same under /api | `other` (id), `note` |
| `POST /entities/{id}/split` | `POST /api/entities/{id}/split` | `members` (document entity ids) |
| `POST /events/{id}/split` | `POST /api/events/{id}/split` | `incidents` (report ids) |
| `POST /{incidents,entities,events,documents}/{id}/notes` | the same under /api | `note` |
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from docket.serve import reviewing
from docket.serve.access import allow, guard
from docket.serve.review_schemas import (
    DecisionOut,
    EntitySplitIn,
    EventSplitIn,
    IncidentEditIn,
    MergeIn,
    NoteIn,
    VerdictIn,
)

pages = APIRouter(dependencies=[Depends(guard)], include_in_schema=False, default_response_class=HTMLResponse)
api = APIRouter(prefix="/api", dependencies=[Depends(guard)], tags=["review"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such record, or not for your role"},
    422: {"description": "the decision cannot be made (the reason in words)"},
}
# Annotated, so FastAPI copies each (a Form() shared as a default would be renamed by each parameter).
Short = Annotated[str, Form(max_length=300)]
Note = Annotated[str, Form(max_length=2000)]
Many = Annotated[list[str] | None, Form(max_length=1000)]
Parts = Annotated[list[str], Form(min_length=1, max_length=1000)]


def _back(decision: DecisionOut) -> Response:
    return RedirectResponse(decision.href, 303)


# -- the forms ------------------------------------------------------------------------------------


@pages.post("/incidents/{incident_id}/review")
@allow("analyst")
def incident_verdict_form(
    request: Request, incident_id: str, action: Literal["confirm", "reject"] = Form(...), note: Note = ""
) -> Response:
    return _back(reviewing.decide(request, incident_id, action, None, note))


@pages.post("/incidents/{incident_id}/edit")
@allow("analyst")
def incident_edit_form(
    request: Request,
    incident_id: str,
    type: str = Form(..., max_length=40),
    date_value: str = Form("", max_length=20),
    date_precision: str = Form("", max_length=10),
    place_name: Short = "",
    place_country: str = Form("", max_length=20),
    perpetrator_category: Many = None,
    victim_name: Many = None,
    victim_description: Many = None,
    count_value: str = Form("", max_length=20),
    count_low: str = Form("", max_length=20),
    count_high: str = Form("", max_length=20),
    count_qualifier: Short = "",
    count_text: Short = "",
    note: Note = "",
) -> Response:
    """The edit form sends every field as shown; only those changed are stored."""
    victim_name, victim_description = victim_name or [], victim_description or []
    if len(victim_name) != len(victim_description) or len(victim_name) > 100:
        raise HTTPException(422, "each victim needs a name field and a description field")
    proposed = {
        "type": type,
        "date": {"value": date_value or None, "precision": date_precision or None},
        "place": {"name": place_name or None, "country": place_country or None},
        "perpetrator_categories": perpetrator_category or [],
        "victims": [
            {"name": n or None, "description": d or None}
            for n, d in zip(victim_name, victim_description, strict=True)
            if n.strip() or d.strip()
        ],
        "count": {"value": count_value, "low": count_low, "high": count_high,
                  "qualifier": count_qualifier or None, "text": count_text or None},
    }  # fmt: skip
    return _back(reviewing.decide(request, incident_id, "edit", proposed, note))


@pages.post("/entities/{entity_id}/merge")
@allow("analyst")
def entity_merge_form(request: Request, entity_id: str, other: str = Form(..., max_length=300),
                      note: Note = "") -> Response:  # fmt: skip
    return _back(reviewing.merge_entities(request, entity_id, other, note))


@pages.post("/entities/{entity_id}/split")
@allow("analyst")
def entity_split_form(request: Request, entity_id: str, members: Parts, note: Note = "") -> Response:
    return _back(reviewing.split_entity(request, entity_id, members, note))


@pages.post("/events/{event_id}/merge")
@allow("analyst")
def event_merge_form(request: Request, event_id: str, other: str = Form(..., max_length=300),
                     note: Note = "") -> Response:  # fmt: skip
    return _back(reviewing.merge_events(request, event_id, other, note))


@pages.post("/events/{event_id}/split")
@allow("analyst")
def event_split_form(request: Request, event_id: str, incidents: Parts, note: Note = "") -> Response:
    return _back(reviewing.split_event(request, event_id, incidents, note))


@pages.post("/incidents/{incident_id}/notes")
@allow("analyst")
def incident_note_form(request: Request, incident_id: str, note: Note) -> Response:
    return _back(reviewing.add_note(request, "incident", incident_id, note))


@pages.post("/entities/{entity_id}/notes")
@allow("analyst")
def entity_note_form(request: Request, entity_id: str, note: Note) -> Response:
    return _back(reviewing.add_note(request, "entity", entity_id, note))


@pages.post("/events/{event_id}/notes")
@allow("analyst")
def event_note_form(request: Request, event_id: str, note: Note) -> Response:
    return _back(reviewing.add_note(request, "event", event_id, note))


@pages.post("/documents/{doc_id}/notes")
@allow("analyst")
def document_note_form(request: Request, doc_id: str, note: Note) -> Response:
    return _back(reviewing.add_note(request, "document", doc_id, note))


# -- the JSON API ---------------------------------------------------------------------------------


@api.post("/incidents/{incident_id}/review", responses=ERRORS)
@allow("analyst")
def incident_verdict(request: Request, incident_id: str, body: VerdictIn) -> DecisionOut:
    """Confirm or reject an incident (a rejected one is exported marked, and counted nowhere)."""
    return reviewing.decide(request, incident_id, body.action, None, body.note)


@api.post("/incidents/{incident_id}/edit", responses=ERRORS)
@allow("analyst")
def incident_edit(request: Request, incident_id: str, body: IncidentEditIn) -> DecisionOut:
    """Change an incident's fields; the machine's extraction is kept, the change stored beside it."""
    return reviewing.decide(request, incident_id, "edit", body.proposed(), body.note)


@api.post("/entities/{entity_id}/merge", responses=ERRORS)
@allow("analyst")
def entity_merge(request: Request, entity_id: str, body: MergeIn) -> DecisionOut:
    """Join the entity with another (`other`); `record` is the joined entity's id."""
    return reviewing.merge_entities(request, entity_id, body.other, body.note)


@api.post("/entities/{entity_id}/split", responses=ERRORS)
@allow("analyst")
def entity_split(request: Request, entity_id: str, body: EntitySplitIn) -> DecisionOut:
    """Split document entities (`members`, as the entity page lists them) off the entity."""
    return reviewing.split_entity(request, entity_id, body.members, body.note)


@api.post("/events/{event_id}/merge", responses=ERRORS)
@allow("analyst")
def event_merge(request: Request, event_id: str, body: MergeIn) -> DecisionOut:
    """Join the event with another (`other`); `record` is the joined event's id."""
    return reviewing.merge_events(request, event_id, body.other, body.note)


@api.post("/events/{event_id}/split", responses=ERRORS)
@allow("analyst")
def event_split(request: Request, event_id: str, body: EventSplitIn) -> DecisionOut:
    """Split reports (`incidents`) off the event; `record` is the event the rest now make."""
    return reviewing.split_event(request, event_id, body.incidents, body.note)


@api.post("/incidents/{incident_id}/notes", responses=ERRORS)
@allow("analyst")
def incident_note(request: Request, incident_id: str, body: NoteIn) -> DecisionOut:
    return reviewing.add_note(request, "incident", incident_id, body.note)


@api.post("/entities/{entity_id}/notes", responses=ERRORS)
@allow("analyst")
def entity_note(request: Request, entity_id: str, body: NoteIn) -> DecisionOut:
    return reviewing.add_note(request, "entity", entity_id, body.note)


@api.post("/events/{event_id}/notes", responses=ERRORS)
@allow("analyst")
def event_note(request: Request, event_id: str, body: NoteIn) -> DecisionOut:
    return reviewing.add_note(request, "event", event_id, body.note)


@api.post("/documents/{doc_id}/notes", responses=ERRORS)
@allow("analyst")
def document_note(request: Request, doc_id: str, body: NoteIn) -> DecisionOut:
    return reviewing.add_note(request, "document", doc_id, body.note)
