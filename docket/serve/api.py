"""The JSON API under /api, with the same access rules as the pages (`@allow` on every route).

Log in with `POST /api/login` (JSON name and password) to get the session cookie; send the CSRF token
from `GET /api/me` as `X-CSRF-Token` with every POST, PUT, PATCH or DELETE (login included: fetch
`/api/me` first, which sets the pre-session cookie the token belongs to).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse

from docket.serve.access import allow, derived, found, guard, reader, resolution_of, state_of
from docket.serve.auth import csrf_for
from docket.serve.events import event_page
from docket.serve.login import clear_session_cookie, log_in, log_out, principal, set_session_cookie
from docket.serve.schemas import (
    AuditOut,
    DocumentPage,
    EntityPage,
    EventPage,
    IncidentPage,
    LoginIn,
    MeOut,
    RestrictIn,
    SearchOut,
    SourceOut,
    StatsOut,
    UserOut,
)
from docket.serve.searching import MAX_PAGE, parse_params, search
from docket.serve.views import audit_out, dashboard, document_page, entity_page, incident_page, source_of

router = APIRouter(prefix="/api", dependencies=[Depends(guard)], tags=["docket"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such record, or not for your role"}}


@router.get("/openapi.json", include_in_schema=False)
@allow("viewer")
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/me")
@allow("public")
def me(request: Request) -> MeOut:
    """Who you are (null when anonymous), your role here, and your CSRF token."""
    who = principal(request)
    return MeOut(name=who.user.name if who.user else None, role=who.role, csrf_token=who.csrf)


@router.post(
    "/login", responses={401: {"description": "wrong name or password"}, 429: {"description": "locked"}}
)
@allow("public")
def login(request: Request, response: Response, body: LoginIn) -> MeOut:
    user, token = log_in(request, request.state.store, body.name, body.password)
    set_session_cookie(request, response, token)
    return MeOut(name=user.name, role=user.role, csrf_token=csrf_for(token))


@router.post("/logout", status_code=204)
@allow("public")
def logout(request: Request) -> Response:
    log_out(request, request.state.store)
    response = Response(status_code=204)
    clear_session_cookie(request, response)
    return response


@router.get("/stats")
@allow("viewer")
def stats(request: Request) -> StatsOut:
    """Counts, and incidents by type, year and place; documents by outlet."""
    return dashboard(reader(request), resolution_of(request))


@router.get("/search", responses={422: {"description": "a parameter cannot be used"}})
@allow("viewer")
def search_api(
    request: Request,
    q: str = "",
    kind: str = Query("all", description="all, document, statement, incident or entity"),
    type: str | None = Query(None, description="an incident type or an entity type"),
    date_from: str | None = Query(None, description="ISO partial date: 2021, 2021-03, 2021-03-12"),
    date_to: str | None = None,
    place: str | None = None,
    outlet: str | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    per_page: int | None = Query(None, ge=1, le=10_000, description="capped at the server's maximum"),
    review: str | None = Query(
        None, description="incidents by review: machine, reviewed, confirmed, edited or rejected"
    ),
) -> SearchOut:
    """Documents, statements, incidents and entities matching every word of `q` and the filters; a kind
    that a set filter does not apply to is left out (and named in `skipped`)."""
    p = parse_params(
        state_of(request).settings, q, kind, type, date_from, date_to, place, outlet, page, per_page, review
    )
    if p.errors:
        raise HTTPException(422, "; ".join(p.errors))
    return search(reader(request), p, resolution_of(request))


@router.get("/documents/{doc_id}", responses=NOT_FOUND)
@allow("viewer")
def document(request: Request, doc_id: str) -> DocumentPage:
    """A document with its text and everything extracted from it (offsets into `text`)."""
    return found(document_page(reader(request), doc_id, resolution_of(request)), "document")


@router.post("/documents/{doc_id}/restricted", responses=NOT_FOUND)
@allow("admin")
def restrict(request: Request, doc_id: str, body: RestrictIn) -> SourceOut:
    """Restrict a document (only admins then read it and the facts drawn from it) or release it."""
    store = request.state.store
    found(store.is_restricted(doc_id), "document")
    store.set_restricted(doc_id, body.restricted, principal(request).user.name, body.note)
    doc = store.document(doc_id)
    return source_of(doc, body.restricted)


@router.get("/incidents/{incident_id}", responses=NOT_FOUND)
@allow("viewer")
def incident(request: Request, incident_id: str) -> IncidentPage:
    return found(incident_page(reader(request), incident_id, resolution_of(request)), "incident")


@router.get("/events/{event_id}", responses=NOT_FOUND)
@allow("viewer")
def event(request: Request, event_id: str) -> EventPage:
    """An event: every report of it, the figures side by side with who claims each, contradictions."""
    return found(event_page(reader(request), derived(request), event_id), "event")


@router.get("/entities/{entity_id}", responses=NOT_FOUND)
@allow("viewer")
def entity(request: Request, entity_id: str) -> EntityPage:
    limit = state_of(request).settings.max_page_size
    return found(entity_page(reader(request), entity_id, resolution_of(request), limit), "entity")


@router.get("/users")
@allow("admin")
def users(request: Request) -> list[UserOut]:
    return [UserOut(name=u.name, role=u.role, created=u.created) for u in request.state.store.users.list()]


@router.get("/audit")
@allow("admin")
def audit(
    request: Request,
    kind: str | None = None,
    record: str | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    per_page: int | None = Query(None, ge=1, le=10_000),
) -> list[AuditOut]:
    """The audit log, newest first (entries about restricted documents only for roles that read them)."""
    settings = state_of(request).settings
    size = min(per_page or settings.page_size, settings.max_page_size)
    return audit_out(reader(request).audit.entries(kind, record, limit=size, offset=(page - 1) * size))
