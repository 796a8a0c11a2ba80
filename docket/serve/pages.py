"""The HTML pages. Each route declares its access rule with `@allow` (see `access.py`) and reads the
record only through `reader(request)`, the store as the request's principal may see it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from docket.serve.access import allow, derived, found, guard, reader, resolution_of, state_of
from docket.serve.events import event_of_incident, event_page
from docket.serve.login import clear_session_cookie, log_in, log_out, principal, safe_next, set_session_cookie
from docket.serve.searching import SearchParams, filters_help, parse_params, search
from docket.serve.timeline import timeline_svg
from docket.serve.views import (
    audit_out,
    dashboard,
    document_page,
    document_pieces,
    entity_page,
    incident_page,
    label,
)
from docket.store.edits import CATEGORIES
from docket.store.search import ENTITY_TYPES, REVIEW_FILTERS
from docket.taxonomy import INCIDENT_TYPES

router = APIRouter(
    dependencies=[Depends(guard)], include_in_schema=False, default_response_class=HTMLResponse
)


def render(
    request: Request,
    template: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    who = getattr(request.state, "principal", None)
    may_review = bool(who and who.user and who.may("analyst"))  # the review forms show for analysts up
    ctx = {"who": who, "csrf": who.csrf if who else "", "label": label, "section": "", **context}
    ctx.setdefault("may_review", may_review)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, ctx, status_code=status_code, headers=headers)


def error_page(request: Request, status: int, detail: str, headers: dict[str, str]) -> Response:
    return render(request, "error.html.j2", status, headers, status=status, detail=detail)


@router.get("/")
@allow("viewer")
def dashboard_page(request: Request) -> Response:
    view = reader(request)
    record = derived(request)
    stats = dashboard(view, record.resolution)
    chart = timeline_svg(view, record)
    return render(request, "dashboard.html.j2", stats=stats, chart=chart, section="dashboard")


@router.get("/search")
@allow("viewer")
def search_page(request: Request, p: Annotated[SearchParams, Depends(parse_params)]) -> Response:
    view = reader(request)
    result = search(view, p, resolution_of(request))
    outlets = [o for o, _ in view.facets().by_outlet if o]
    return render(
        request, "search.html.j2", result=result, errors=p.errors, incident_types=list(INCIDENT_TYPES),
        entity_types=ENTITY_TYPES, outlets=outlets, applies=filters_help(), section="search",
        review_filters=list(REVIEW_FILTERS),
    )  # fmt: skip


@router.get("/documents/{doc_id}")
@allow("viewer")
def document_view(request: Request, doc_id: str) -> Response:
    view = reader(request)
    resolution = resolution_of(request)
    page = found(document_page(view, doc_id, resolution), "document")
    pieces = document_pieces(view, page, resolution)
    return render(request, "document.html.j2", page=page, pieces=pieces)


@router.post("/documents/{doc_id}/restricted")
@allow("admin")
def document_restrict(
    request: Request, doc_id: str, restricted: str = Form(...), note: str = Form("")
) -> Response:
    store = request.state.store
    found(store.is_restricted(doc_id), "document")
    store.set_restricted(doc_id, restricted == "1", principal(request).user.name, note.strip()[:2000] or None)
    return RedirectResponse(f"/documents/{doc_id}", 303)


@router.get("/incidents/{incident_id}")
@allow("viewer")
def incident_view(request: Request, incident_id: str) -> Response:
    view, record = reader(request), derived(request)
    page = found(incident_page(view, incident_id, record.resolution), "incident")
    event = event_of_incident(view, record, incident_id)
    return render(request, "incident.html.j2", page=page, event=event, incident_types=list(INCIDENT_TYPES),
                  categories=CATEGORIES)  # fmt: skip


@router.get("/events/{event_id}")
@allow("viewer")
def event_view(request: Request, event_id: str) -> Response:
    page = found(event_page(reader(request), derived(request), event_id), "event")
    return render(request, "event.html.j2", page=page)


@router.get("/entities/{entity_id}")
@allow("viewer")
def entity_view(request: Request, entity_id: str) -> Response:
    settings = state_of(request).settings
    page = found(
        entity_page(reader(request), entity_id, resolution_of(request), settings.max_page_size), "entity"
    )
    return render(request, "entity.html.j2", page=page, limit=settings.max_page_size)


@router.get("/login")
@allow("public")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html.j2", next=safe_next(next), error=None, name="")


@router.post("/login")
@allow("public")
def login_submit(
    request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")
) -> Response:
    try:
        _user, token = log_in(request, request.state.store, name, password)
    except HTTPException as e:
        return render(
            request, "login.html.j2", e.status_code, next=safe_next(next), error=e.detail, name=name
        )
    response = RedirectResponse(safe_next(next), 303)
    set_session_cookie(request, response, token)
    return response


@router.post("/logout")
@allow("public")
def logout_submit(request: Request) -> Response:
    log_out(request, request.state.store)
    response = RedirectResponse("/login", 303)
    clear_session_cookie(request, response)
    return response


@router.get("/users")
@allow("admin")
def users_page(request: Request) -> Response:
    return render(request, "users.html.j2", users=request.state.store.users.list(), section="users")


@router.get("/audit")
@allow("admin")
def audit_page(request: Request, page: int = 1) -> Response:
    settings = state_of(request).settings
    page = min(max(page, 1), 10_000)
    log = reader(request).audit
    size = settings.max_page_size
    entries = audit_out(log.entries(limit=size, offset=(page - 1) * size))
    return render(request, "audit.html.j2", entries=entries, page=page, total=log.count(), size=size,
                  section="audit")  # fmt: skip
