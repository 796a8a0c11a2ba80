"""Events as `docket timeline`, the CSV and the FtM exports show them: each consolidated event
(`docket.resolve.events`) with its incidents, documents, participants and figure views, read from
one store. Views are derived here, as the figures module says: nothing is stored as the truth.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docket.export.jsonl import ResolutionLike, Resolver, default_resolver
from docket.export.timeline import TimelineEvent, precision_of, span
from docket.model import Document, Event, Incident
from docket.resolve.events import consolidate_events
from docket.resolve.figures import FigureViews, figure_views, stated
from docket.store import Store

NOTE_CHARS = 300  # a note longer than this is cut at a word, with an ellipsis
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Party:
    """A perpetrator or victim of an event: its corpus entity (or None), the words naming it, and
    its role: the perpetrator's category, or the victim's description."""

    entity: str | None
    name: str
    role: str | None
    reports: int  # how many of the event's incidents name it


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    incidents: tuple[Incident, ...]  # in the event's order
    documents: tuple[Document, ...]  # the documents that report it, by id
    views: FigureViews
    claimants: tuple[str, ...]  # who claims the best figure
    perpetrators: tuple[Party, ...]  # most reported first
    victims: tuple[Party, ...]
    note: str  # the sentence of the evidence that best states the event

    @property
    def reports(self) -> int:
        return len(self.incidents)

    @property
    def sources(self) -> tuple[str, ...]:
        """The outlets reporting the event; a document of unknown outlet by its title, else its ref."""
        return tuple(
            sorted(
                {d.outlet.value or d.title.value or d.ref for d in self.documents},
                key=lambda s: (s.casefold(), s),
            )
        )

    @property
    def precision(self) -> str | None:
        return precision_of(self.event.date.value, self.event.date.precision)


@dataclass(frozen=True, slots=True)
class EventSet:
    events: list[EventView]  # dated by date, then undated; see `order`
    resolution: ResolutionLike
    documents: dict[str, Document]


def order(view: EventView) -> tuple[int, float, float, str, str]:
    """Dated events by start, then the shorter span first; undated events after them, by type."""
    s = span(view.event.date.value, view.precision)
    if s is None:
        return (1, 0.0, 0.0, view.event.type, view.event.id)
    return (0, s[0], s[1] - s[0], view.event.type, view.event.id)


def load_events(store: Store, resolve: Resolver | None = None) -> EventSet:
    """Every event of the store, consolidated across documents, with what the exports show of it, as
    reviewers left it: their edits, rejections, merges and splits (`docket.store.review`)."""
    docs = {d.id: d for d in store.documents()}
    resolution = (resolve or default_resolver(store, docs.values()))(store.entities())
    join, forbid = store.review.pairs("event")
    return build_events(docs, store.incidents(), resolution, join=join, forbid=forbid)


def build_events(
    docs: dict[str, Document],
    incidents: list[Incident],
    resolution: ResolutionLike,
    *,
    join: Iterable[tuple[str, str]] = (),
    forbid: Iterable[tuple[str, str]] = (),
) -> EventSet:
    """`load_events` from records already read, with the entities already joined; `join` and `forbid`
    are the reviewers' pairs of incident ids (`Reviews.pairs("event")`)."""
    to_global = global_ids(resolution)
    events = consolidate_events(incidents, docs.values(), to_global, join=join, forbid=forbid)
    return EventSet(event_views(events, incidents, docs, to_global), resolution, docs)


def event_views(
    events: Iterable[Event],
    incidents: Iterable[Incident],
    docs: dict[str, Document],
    to_global: Callable[[str | None], str | None],
) -> list[EventView]:
    """The views of `events`, sorted by `order`."""
    by_id = {i.id: i for i in incidents}
    views = [_view(e, [by_id[i] for i in e.incidents if i in by_id], docs, to_global) for e in events]
    return sorted(views, key=order)


def global_ids(resolution: ResolutionLike) -> Callable[[str | None], str | None]:
    """Document-local entity id -> corpus entity id; None for an id the resolver never saw."""

    def to_global(local: str | None) -> str | None:
        if local is None:
            return None
        try:
            return resolution.global_id(local)
        except KeyError:
            return None

    return to_global


def _view(
    event: Event,
    incidents: list[Incident],
    docs: dict[str, Document],
    to_global: Callable[[str | None], str | None],
) -> EventView:
    views = figure_views(event.figures)
    claimants: list[str] = []
    for f in event.figures:
        if views.best is not None and stated(f) == views.best and f.claimant not in claimants:
            claimants.append(f.claimant)
    doc_ids = sorted({e.doc for i in incidents for e in i.evidence})
    perpetrators = _parties(
        [(to_global(p.entity), p.name, p.category) for i in incidents for p in i.perpetrators]
    )
    victims = _parties(
        [
            (to_global(v.entity), v.name or v.description or "", v.description)
            for i in incidents
            for v in i.victims
        ]
    )
    return EventView(
        event=event,
        incidents=tuple(incidents),
        documents=tuple(docs[d] for d in doc_ids if d in docs),
        views=views,
        claimants=tuple(claimants),
        perpetrators=perpetrators,
        victims=victims,
        note=_note(event, incidents, docs),
    )


def _parties(found: list[tuple[str | None, str, str | None]]) -> tuple[Party, ...]:
    """One party per corpus entity (else per name, case-folded): its most used name and role."""
    groups: dict[str, list[tuple[str | None, str, str | None]]] = {}
    for entity, name, role in found:
        name = _SPACES.sub(" ", name).strip()
        if name:
            groups.setdefault(entity or "name:" + name.casefold(), []).append((entity, name, role))
    parties = []
    for items in groups.values():
        names = Counter(n for _, n, _ in items)
        roles = Counter(r for _, _, r in items if r)
        name = min(names, key=lambda n: (-names[n], -len(n), n))
        role = min(roles, key=lambda r: (-roles[r], r)) if roles else None
        parties.append(Party(items[0][0], name, role, len(items)))
    return tuple(sorted(parties, key=lambda p: (-p.reports, p.name.casefold(), p.entity or "")))


def _note(event: Event, incidents: list[Incident], docs: dict[str, Document]) -> str:
    """The evidence sentence that best states the event: of a report giving the best figure and the
    event's own date, else the best figure, else the date, else the first report."""
    from docket.export.report import excerpt

    best = figure_views(event.figures).best
    with_best = {f.incident for f in event.figures if best is not None and stated(f) == best}
    ranked = sorted(
        range(len(incidents)),
        key=lambda n: (incidents[n].id not in with_best, incidents[n].date.value != event.date.value, n),
    )
    chosen = incidents[ranked[0]] if ranked else None
    if chosen is None or not chosen.evidence:
        return ""
    ev = chosen.evidence[0]
    doc = docs.get(ev.doc)
    text = ev.text
    if doc is not None:
        ex = excerpt(doc.text, ev)
        text = ex.before.lstrip("…") + ex.marked + ex.after.rstrip("…")
    return shorten(text)


def shorten(text: str, limit: int = NOTE_CHARS) -> str:
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def timeline_events(views: Iterable[EventView]) -> list[TimelineEvent]:
    """What the chart draws of each event."""
    out = []
    for v in views:
        e = v.event
        place = e.place.name if e.place else None
        out.append(
            TimelineEvent(
                id=e.id,
                type=e.type,
                date=e.date.value,
                precision=v.precision,
                place=place,
                figure=v.views.best,
                claimants=v.claimants,
                reports=v.reports,
                outlets=e.outlets,
                country=e.place.country if e.place else None,
                low=v.views.low,
                high=v.views.high,
                conservative=v.views.conservative,
                contradictions=len(e.contradictions),
            )
        )
    return out
