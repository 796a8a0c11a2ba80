"""The search page and `/api/search`: parameters checked once, results of every kind on one page.

Documents, statements and incidents come from the store's full-text search; entities from the
store's search of document-local names, joined across documents (`views.RecordCache`) and paged here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from docket.config import Settings
from docket.export.jsonl import ResolutionLike
from docket.serve.access import state_of
from docket.serve.highlight import MARKS, snippet_parts
from docket.serve.schemas import HitOut, ResultsOut, SearchOut, SnippetPart
from docket.serve.views import global_ids, label
from docket.store import Hit, Query, Store
from docket.store.search import ENTITY_TYPES, FILTERS, ISO_DATE, KINDS, REVIEW_FILTERS, Kind
from docket.taxonomy import INCIDENT_TYPES

MAX_PAGE = 10_000  # a page number past this is refused (an offset must fit SQLite's integers)


@dataclass
class SearchParams:
    q: str = ""
    kind: str = "all"
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    outlet: str | None = None
    review: str | None = None
    page: int = 1
    per_page: int = 25
    errors: list[str] = field(default_factory=list)


def settings_of(request: Request) -> Settings:
    return state_of(request).settings


def parse_params(
    settings: Annotated[Settings, Depends(settings_of)],
    q: str = "",
    kind: str = "all",
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    outlet: str | None = None,
    page: int = 1,
    per_page: int | None = None,
    review: str | None = None,
) -> SearchParams:
    """Parameters as typed by a user, cleaned; what cannot be used is dropped and named in `errors`.
    Also a FastAPI dependency: the search page takes its query parameters (and settings) from here."""
    p = SearchParams(errors=[])

    def clean(value: str | None) -> str | None:
        value = " ".join((value or "").split())
        return value[: settings.max_query_chars] or None

    p.q = clean(q) or ""
    if q and len(" ".join(q.split())) > settings.max_query_chars:
        p.errors.append(f"the query was cut to {settings.max_query_chars} characters")
    if kind in ("all", *KINDS):
        p.kind = kind
    else:
        p.errors.append(f"unknown kind {kind!r}")
    t = clean(type)
    if t and t not in INCIDENT_TYPES and t not in ENTITY_TYPES:
        p.errors.append(f"unknown type {t!r}")
    else:
        p.type = t
    for name, value in (("date_from", clean(date_from)), ("date_to", clean(date_to))):
        if value and not ISO_DATE.fullmatch(value):
            p.errors.append(
                f"{name.replace('_', ' ')}: {value!r} is not a date like 2021, 2021-03 or 2021-03-12"
            )
        else:
            setattr(p, name, value)
    p.place, p.outlet = clean(place), clean(outlet)
    r = clean(review)
    if r and r not in REVIEW_FILTERS:
        p.errors.append(f"unknown review status {r!r}; one of {', '.join(REVIEW_FILTERS)}")
    else:
        p.review = r
    if not 1 <= page <= MAX_PAGE:
        p.errors.append(f"page must be between 1 and {MAX_PAGE}")
    p.page = min(max(page, 1), MAX_PAGE)
    p.per_page = min(max(per_page or settings.page_size, 1), settings.max_page_size)
    return p


def _href(hit: Hit, gid_of_entity: str | None = None) -> str:
    if hit.kind == "document":
        return f"/documents/{hit.id}"
    if hit.kind == "incident":
        return f"/incidents/{hit.id}"
    if hit.kind == "statement":
        return f"/documents/{hit.doc}#s-{hit.id}"
    return f"/entities/{gid_of_entity or hit.id}"


def search(view: Store, p: SearchParams, resolution: ResolutionLike) -> SearchOut:
    kinds: tuple[Kind, ...] = KINDS if p.kind == "all" else (p.kind,)  # type: ignore[assignment]
    query = Query(
        text=p.q, kinds=kinds, type=p.type, date_from=p.date_from, date_to=p.date_to, place=p.place,
        outlet=p.outlet, review=p.review, offset=(p.page - 1) * p.per_page, limit=p.per_page,
    )  # fmt: skip
    found = view.find(query, MARKS)
    results = []
    for kind in kinds:
        if kind == "entity":
            if query.applies("entity"):
                results.append(_entities(view, query, resolution))
            continue
        if kind not in found:
            continue
        r = found[kind]
        hits = [
            HitOut(kind=h.kind, id=h.id, doc=h.doc, title=label(h.title) if kind == "incident" else h.title,
                   snippet=snippet_parts(h.snippet), date=h.date, detail=h.detail, href=_href(h),
                   review=h.review)
            for h in r.hits
        ]  # fmt: skip
        results.append(
            ResultsOut(kind=kind, total=r.total, offset=query.offset, limit=query.limit, hits=hits)
        )
    skipped = [k for k in kinds if not query.applies(k)]
    return SearchOut(
        q=p.q, kind=p.kind, type=p.type, date_from=p.date_from, date_to=p.date_to, place=p.place,
        outlet=p.outlet, review=p.review, page=p.page, per_page=p.per_page, results=results,
        skipped=skipped,
    )  # fmt: skip


def _entities(view: Store, query: Query, resolution: ResolutionLike) -> ResultsOut:
    gid = global_ids(resolution)
    by_id = {e.id: e for e in resolution.entities}
    order: list[str] = []
    seen: set[str] = set()
    for local, _doc in view.find_entities(query.text, query.type):
        g = gid(local)
        if g and g in by_id and g not in seen:
            seen.add(g)
            order.append(g)
    if not query.text.strip():  # browsing: the most mentioned first
        order.sort(key=lambda g: (-len(by_id[g].mentions), by_id[g].name.casefold(), g))
    hits = []
    for g in order[query.offset : query.offset + query.limit]:
        e = by_id[g]
        aliases = ", ".join(e.aliases)
        snippet = [SnippetPart(text=aliases, match=False)] if aliases else []
        hits.append(
            HitOut(kind="entity", id=g, doc=None, title=e.name, snippet=snippet, date=None,
                   detail=f"{e.type} · {len(e.mentions)} mentions", href=f"/entities/{g}")
        )  # fmt: skip
    return ResultsOut(kind="entity", total=len(order), offset=query.offset, limit=query.limit, hits=hits)


def filters_help() -> dict[str, list[str]]:
    """For the page: which kinds each filter applies to."""
    return {f: [k for k in KINDS if f in FILTERS[k]] for f in ("type", "date", "place", "outlet", "review")}
