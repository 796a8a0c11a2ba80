"""Search with filters over documents, statements and incidents (FTS5), entities, and the dashboard's
figures. Functions of a connection; `SQLiteStore.find`, `.find_entities` and `.facets` call them.

Words: every word must match (diacritics ignored); FTS5 operators are taken as plain words, so any text
a user types is a valid query. No words: every record passing the filters, newest first.

Filters apply to some kinds only, and a kind a set filter does not apply to is left out (`FILTERS`):
`type` is an incident type for incidents or an entity type for entities; dates are a document's
publication date and an incident's date (ISO partial dates, bounds inclusive: `to=2020` keeps
2020-12-31); `place` is part of an incident's place name or its country code; `outlet` is part of the
outlet's name; `review` is an incident's review status (`REVIEW_FILTERS`).

Incidents are searched and counted as read (`reviewed_incidents`, migration 3): a reviewer's type, date
and place; incidents a reviewer rejected only when `review` asks for them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from docket.taxonomy import INCIDENT_TYPES

Kind = Literal["document", "statement", "incident", "entity"]
KINDS: tuple[Kind, ...] = ("document", "statement", "incident", "entity")
ENTITY_TYPES = ("person", "organization", "place", "other")
FILTERS: dict[Kind, frozenset[str]] = {
    "document": frozenset({"date", "outlet"}),
    "statement": frozenset({"date", "outlet"}),
    "incident": frozenset({"type", "date", "place", "outlet", "review"}),
    "entity": frozenset({"type"}),
}
# The review filter: its values, and the incidents' statuses each keeps.
REVIEW_FILTERS: dict[str, tuple[str, ...]] = {
    "machine": ("machine",),
    "reviewed": ("confirmed", "edited"),
    "confirmed": ("confirmed",),
    "edited": ("edited",),
    "rejected": ("rejected",),
}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SNIPPET_WORDS = 16
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""
    kinds: tuple[Kind, ...] = KINDS
    type: str | None = None
    date_from: str | None = None  # ISO partial dates
    date_to: str | None = None
    place: str | None = None
    outlet: str | None = None
    review: str | None = None  # a key of REVIEW_FILTERS
    offset: int = 0
    limit: int = 25

    def filters(self) -> set[str]:
        on = {"type": self.type, "date": self.date_from or self.date_to, "place": self.place}
        return {name for name, value in {**on, "outlet": self.outlet, "review": self.review}.items() if value}

    def applies(self, kind: Kind) -> bool:
        """Whether `kind` is searched: asked for, and every filter set applies to it."""
        if kind not in self.kinds or not self.filters() <= FILTERS[kind]:
            return False
        if self.type and kind == "incident":
            return self.type in INCIDENT_TYPES
        if self.type and kind == "entity":
            return self.type in ENTITY_TYPES
        return True


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Kind
    id: str
    doc: str
    title: str  # the document's title, the speaker, the incident's type
    snippet: str  # the text around the matches, each wrapped in the marks
    date: str | None  # publication date, or the incident's date
    detail: str | None  # the outlet, or the incident's place
    review: str | None = None  # an incident's review status: machine, confirmed, edited, rejected


@dataclass(frozen=True, slots=True)
class Results:
    kind: Kind
    total: int
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Facets:
    by_type: list[tuple[str, int]]  # most first
    by_year: list[tuple[str | None, int]]  # by year, None (undated) last
    by_place: list[tuple[str | None, str | None, int]]  # (place name, country, incidents), most first
    by_outlet: list[tuple[str | None, int]]  # documents per outlet, most first


def match_expression(text: str) -> str | None:
    """An FTS5 query matching every word of `text` as a plain word, or None when there are no words."""
    words = [w for w in _CONTROL.sub(" ", text).split() if w.strip('"')]  # FTS5 stops at a NUL
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) or None


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class _Sql:
    conds: list[str] = field(default_factory=list)
    args: list[object] = field(default_factory=list)

    def add(self, cond: str, *args: object) -> None:
        self.conds.append(cond)
        self.args.extend(args)

    def where(self) -> str:
        return "WHERE " + " AND ".join(self.conds) if self.conds else ""


def _common(q: Query, sql: _Sql, date_col: str, include_restricted: bool) -> None:
    if not include_restricted:
        sql.add("d.restricted = 0")
    if q.date_from:
        sql.add(f"{date_col} >= ?", q.date_from)
    if q.date_to:
        sql.add(f"substr({date_col}, 1, length(?)) <= ?", q.date_to, q.date_to)
    if q.outlet:
        sql.add("d.outlet LIKE ? ESCAPE '\\'", _like(q.outlet))


# Per kind: the FTS table and column to match and snip, the row's table, its columns as a Hit, the
# date column, the text shown when there are no words, and the order when there are none.
_KIND_SQL: dict[Kind, dict[str, str]] = {
    "document": {
        "fts": "documents_fts", "col": "2", "join": "d.id = documents_fts.doc",
        "from": "documents d", "joins": "", "id": "d.id", "doc": "d.id", "title": "coalesce(d.title, d.ref)",
        "date": "d.published", "detail": "d.outlet", "plain": "substr(d.text, 1, 240)",
        "order": "d.published DESC NULLS LAST, d.id", "review": "NULL",
    },
    "statement": {
        "fts": "facts_fts", "col": "3", "join": "facts_fts.kind = 'statement' AND facts_fts.id = r.id",
        "from": "statements r", "joins": "JOIN documents d ON d.id = r.doc", "id": "r.id", "doc": "r.doc",
        "title": "r.speaker_name", "date": "d.published", "detail": "d.outlet",
        "plain": "json_extract(r.record, '$.content')",
        "order": "d.published DESC NULLS LAST, r.doc, r.start", "review": "NULL",
    },
    "incident": {
        "fts": "facts_fts", "col": "3", "join": "facts_fts.kind = 'incident' AND facts_fts.id = r.id",
        "from": "reviewed_incidents r", "joins": "JOIN documents d ON d.id = r.doc", "id": "r.id",
        "doc": "r.doc", "title": "r.type", "date": "r.date_value", "detail": "r.place_name",
        "plain": "json_extract(r.record, '$.evidence[0].text')",
        "order": "r.date_value DESC NULLS LAST, r.doc, r.start", "review": "r.review",
    },
}  # fmt: skip


def _find_kind(
    conn: sqlite3.Connection, kind: Kind, q: Query, include_restricted: bool, marks: tuple[str, str]
) -> Results:
    k = _KIND_SQL[kind]
    sql = _Sql()
    match = match_expression(q.text)
    if match:
        source = f"{k['fts']} JOIN {k['from']} ON {k['join']} {k['joins']}"
        sql.add(f"{k['fts']} MATCH ?", match)
        shown = f"snippet({k['fts']}, {k['col']}, ?, ?, '…', {SNIPPET_WORDS})"
        shown_args: list[object] = [marks[0], marks[1]]
        order = f"{k['fts']}.rank, {k['id']}"
    else:
        source, shown, shown_args, order = f"{k['from']} {k['joins']}", k["plain"], [], k["order"]
    _common(q, sql, k["date"], include_restricted)
    if kind == "incident":
        if q.type:
            sql.add("r.type = ?", q.type)
        if q.place:
            place = "(r.place_name LIKE ? ESCAPE '\\' OR r.country = upper(?))"
            sql.add(place, _like(q.place), q.place.strip())
        statuses = REVIEW_FILTERS.get(q.review or "", ())
        if statuses:
            sql.add(f"r.review IN ({', '.join('?' * len(statuses))})", *statuses)
        else:
            sql.add("r.review != 'rejected'")
    total = conn.execute(f"SELECT count(*) FROM {source} {sql.where()}", sql.args).fetchone()[0]
    rows = conn.execute(
        f"SELECT {k['id']}, {k['doc']}, {k['title']}, coalesce({shown}, ''), {k['date']}, {k['detail']}, "
        f"{k['review']} "
        f"FROM {source} {sql.where()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*shown_args, *sql.args, q.limit, q.offset],
    )
    return Results(kind, total, [Hit(kind, *row) for row in rows])


def find(
    conn: sqlite3.Connection, q: Query, include_restricted: bool, marks: tuple[str, str] = ("[", "]")
) -> dict[str, Results]:
    """One page of results for each kind of `q.kinds` that `q`'s filters apply to, except entities
    (`find_entities`: they are joined across documents before they are shown)."""
    return {
        kind: _find_kind(conn, kind, q, include_restricted, marks)
        for kind in KINDS
        if kind != "entity" and q.applies(kind)
    }


def find_entities(
    conn: sqlite3.Connection, text: str, entity_type: str | None, include_restricted: bool
) -> list[tuple[str, str]]:
    """Every document-local entity (id, doc) whose name or aliases hold every word of `text` (all of
    them when there are no words), of `entity_type` if given, best match first."""
    sql = _Sql()
    match = match_expression(text)
    if match:
        source, order = (
            "facts_fts JOIN entities r ON facts_fts.kind = 'entity' AND facts_fts.id = r.id",
            ("facts_fts.rank, r.id"),
        )
        sql.add("facts_fts MATCH ?", match)
    else:
        source, order = "entities r", "r.id"
    if entity_type:
        sql.add("r.type = ?", entity_type)
    if not include_restricted:
        sql.add("r.doc NOT IN (SELECT id FROM documents WHERE restricted = 1)")
    rows = conn.execute(f"SELECT r.id, r.doc FROM {source} {sql.where()} ORDER BY {order}", sql.args)
    return [(i, d) for i, d in rows]


def facets(conn: sqlite3.Connection, include_restricted: bool) -> Facets:
    """The dashboard's figures; incidents as read, those a reviewer rejected left out."""
    visible = "WHERE review != 'rejected'" + (
        "" if include_restricted else " AND doc NOT IN (SELECT id FROM documents WHERE restricted = 1)"
    )
    rows = "reviewed_incidents"
    by_type = conn.execute(
        f"SELECT type, count(*) AS n FROM {rows} {visible} GROUP BY type ORDER BY n DESC, type"
    ).fetchall()
    year = "CASE WHEN substr(date_value, 1, 4) GLOB '[0-9][0-9][0-9][0-9]' THEN substr(date_value, 1, 4) END"
    by_year = conn.execute(
        f"SELECT {year} AS y, count(*) FROM {rows} {visible} GROUP BY y ORDER BY y IS NULL, y"
    ).fetchall()
    by_place = conn.execute(
        f"SELECT place_name AS p, country, count(*) AS n FROM {rows} {visible} "
        "GROUP BY p, country ORDER BY n DESC, p IS NULL, p, country"
    ).fetchall()
    docs = "" if include_restricted else "WHERE restricted = 0"
    by_outlet = conn.execute(
        f"SELECT outlet, count(*) AS n FROM documents {docs} "
        "GROUP BY outlet ORDER BY n DESC, outlet IS NULL, outlet"
    ).fetchall()
    return Facets(
        [(t, n) for t, n in by_type],
        [(y, n) for y, n in by_year],
        [(p, c, n) for p, c, n in by_place],
        [(o, n) for o, n in by_outlet],
    )
