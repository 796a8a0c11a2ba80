"""Events (incidents of many reports joined by `docket.resolve.events`) as the event page and
`/api/events/{id}` show them: every report, the figures side by side with who claims each, the views
derived from them, and the figures that contradict each other. Built from the reader's view only, so
a restricted report neither shows nor joins anything.
"""

from __future__ import annotations

from typing import Any

from docket.export.jsonl import review_mark
from docket.serve.schemas import (
    ContradictionOut,
    DateOut,
    EventOut,
    EventPage,
    FigureOut,
    FigureViewsOut,
    LinkOut,
    PartyOut,
    PlaceOut,
    ReviewOut,
)
from docket.serve.views import Derived, audit_out, global_ids, incident_out, source_of
from docket.store import Store


def _find(view: Store, derived: Derived, event_id: str) -> Any:
    return next((v for v in derived.events(view).events if v.event.id == event_id), None)


def event_of_incident(view: Store, derived: Derived, incident_id: str) -> tuple[str, int] | None:
    """The id of the event an incident belongs to, and how many reports that event joins."""
    for v in derived.events(view).events:
        if incident_id in v.event.incidents:
            return v.event.id, len(v.event.incidents)
    return None


def event_page(view: Store, derived: Derived, event_id: str) -> EventPage | None:
    v = _find(view, derived, event_id)
    if v is None:
        return None
    e = v.event
    gid = global_ids(derived.resolution)
    event = EventOut(
        id=e.id, type=e.type, date=DateOut(value=e.date.value, precision=e.date.precision, text=None),
        place=PlaceOut(entity=e.place.entity, name=e.place.name, country=e.place.country)
        if e.place else None,
        outlets=e.outlets,
        figures=[FigureOut(incident=f.incident, doc=f.doc, outlet=f.outlet, value=f.value, low=f.low,
                           high=f.high, qualifier=f.qualifier, claimant=f.claimant, text=f.text)
                 for f in e.figures],
        views=FigureViewsOut(low=v.views.low, best=v.views.best, high=v.views.high,
                             conservative=v.views.conservative),
        contradictions=[ContradictionOut(figures=list(c.figures), reason=c.reason) for c in e.contradictions],
        links=[LinkOut(incidents=list(k.incidents), score=k.score, reasons=list(k.reasons))
               for k in e.reasons],
        perpetrators=[PartyOut(entity=p.entity, name=p.name, role=p.role, reports=p.reports)
                      for p in v.perpetrators],
        victims=[PartyOut(entity=p.entity, name=p.name, role=p.role, reports=p.reports) for p in v.victims],
        note=v.note,
    )  # fmt: skip
    reviews = view.review.incidents()
    reports = [
        incident_out(i, i.evidence[0].doc if i.evidence else "", gid, reviews.get(i.id)) for i in v.incidents
    ]
    sources = [source_of(d, bool(view.is_restricted(d.id))) for d in v.documents]
    mark = review_mark(view.review.links("event"), e.incidents)
    return EventPage(
        event=event, reports=reports, sources=sources,
        review=ReviewOut(status=mark["status"], by=mark["by"], at=mark["at"]),
        audit=audit_out(view.audit.entries_about("event", e.incidents)),
    )  # fmt: skip


def find_event(view: Store, derived: Derived, event_id: str) -> Any:
    """The event view (`docket.export.eventview.EventView`) of this id, or None."""
    return _find(view, derived, event_id)


def event_holding(view: Store, derived: Derived, incident_id: str) -> Any:
    """The event view holding this incident, or None."""
    return next((v for v in derived.events(view).events if incident_id in v.event.incidents), None)
