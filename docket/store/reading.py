"""The read side of the SQLite store: documents and their records, counts and search, as a view reads them.

`SQLiteStore` (`docket.store.sqlite`, which opens, migrates and writes) inherits these methods. Each read
honours the view it is made through: unless `include_restricted`, restricted documents and every row
drawn from them are left out in SQL (`_hidden`), so no caller has to filter them afterwards.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from docket.model import DateMention, Document, Entity, Evidence, Found, Incident, Rejection, Statement
from docket.store.codec import from_dict
from docket.store.review import read_incident
from docket.store.search import Facets, Query, Results, facets, find, find_entities, match_expression

# The Found fields of Document, each stored as two columns (<name>, <name>_method).
FOUND_FIELDS = ("title", "author", "outlet", "published", "page_date")
# The documents table's columns as records are written and read (the `restricted` flag aside).
DOC_COLUMNS = ["id", "ref", *(c for f in FOUND_FIELDS for c in (f, f"{f}_method")), "url", "text"]


class SQLiteReads:
    """The reads of `SQLiteStore`; a mixin, holding no state of its own."""

    # Set by SQLiteStore.__init__.
    _conn: sqlite3.Connection
    include_restricted: bool

    def _hidden(self, column: str = "doc") -> str:
        """An SQL condition keeping rows whose document `column` this store's reader may read."""
        if self.include_restricted:
            return "1"
        return f"{column} NOT IN (SELECT id FROM documents WHERE restricted = 1)"

    def _where(self, doc: str | None) -> tuple[str, tuple[str, ...]]:
        if doc is None:
            return f"WHERE {self._hidden()}", ()
        return f"WHERE doc = ? AND {self._hidden()}", (doc,)

    def documents(self) -> list[Document]:
        """Every document, by id."""
        rows = self._conn.execute(
            f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE {self._hidden('id')} ORDER BY id"
        )
        return [document_from_row(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self._conn.execute(
            f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE id = ? AND {self._hidden('id')}",
            (doc_id,),
        ).fetchone()
        return document_from_row(row) if row else None

    def original(self, doc_id: str) -> bytes | None:
        """The bytes the document arrived as (not part of the Store protocol)."""
        row = self._conn.execute(
            f"SELECT data FROM originals WHERE doc = ? AND {self._hidden()}", (doc_id,)
        ).fetchone()
        return bytes(row[0]) if row else None

    def entities(self, doc: str | None = None) -> list[Entity]:
        """Every document-local entity (or those of one document), by (doc, id)."""
        where, args = self._where(doc)
        mentions: dict[str, list[Evidence]] = {}
        for entity, d, start, end, text in self._conn.execute(
            f'SELECT entity, doc, start, "end", text FROM mentions {where} ORDER BY entity, seq', args
        ):
            mentions.setdefault(entity, []).append(Evidence(d, start, end, text))
        return [
            Entity(i, d, t, n, tuple(json.loads(a)), tuple(mentions.get(i, ())))
            for i, d, t, n, a in self._conn.execute(
                f"SELECT id, doc, type, name, aliases FROM entities {where} ORDER BY doc, id", args
            )
        ]

    def dates(self, doc: str | None = None) -> list[DateMention]:
        """Every date mention, in reading order: by (doc, start, end, id)."""
        where, args = self._where(doc)
        rows = self._conn.execute(
            f'SELECT id, doc, start, "end", text, value, precision FROM dates {where} '
            'ORDER BY doc, start, "end", id',
            args,
        )
        return [DateMention(i, Evidence(d, s, e, t), v, p) for i, d, s, e, t, v, p in rows]

    def statements(self, doc: str | None = None) -> list[Statement]:
        """Every statement, in reading order: by (doc, start of earliest evidence, id)."""
        where, args = self._where(doc)
        rows = self._conn.execute(f"SELECT record FROM statements {where} ORDER BY doc, start, id", args)
        return [from_dict(Statement, json.loads(r[0])) for r in rows]

    def incidents(self, doc: str | None = None, *, rejected: bool = False) -> list[Incident]:
        """Every incident as read, in reading order: by (doc, start of earliest evidence, id). A
        reviewer's edits are applied, and incidents a reviewer rejected are left out unless `rejected`
        (`docket.store.review`)."""
        where, args = self._where(doc)
        keep = "" if rejected else " AND review != 'rejected'"
        rows = self._conn.execute(
            f"SELECT record, fields FROM reviewed_incidents {where}{keep} ORDER BY doc, start, id", args
        )
        return [read_incident(r, f) for r, f in rows]

    def fact(self, kind: str, fact_id: str) -> tuple[str, Statement | Incident] | None:
        """One statement or incident by id, with its document id; None if absent or hidden. An
        incident as read: with a reviewer's edits, and even when rejected."""
        if kind == "incident":
            row = self._conn.execute(
                f"SELECT doc, record, fields FROM reviewed_incidents WHERE id = ? AND {self._hidden()}",
                (fact_id,),
            ).fetchone()
            return (row[0], read_incident(row[1], row[2])) if row else None
        row = self._conn.execute(
            f"SELECT doc, record FROM statements WHERE id = ? AND {self._hidden()}", (fact_id,)
        ).fetchone()
        return (row[0], from_dict(Statement, json.loads(row[1]))) if row else None

    def rejections(self) -> list[Rejection]:
        """Every rejection, by ref."""
        return [
            Rejection(r, w) for r, w in self._conn.execute("SELECT ref, reason FROM rejections ORDER BY ref")
        ]

    def search(
        self, query: str, limit: int = 50, marks: tuple[str, str] = ("[", "]")
    ) -> list[tuple[str, str]]:
        """Documents matching every word of `query` (full-text, diacritics ignored), best first, each with
        a snippet of its text where the matches are wrapped in `marks`. FTS5 operators in `query` are
        taken as plain words, so any text a user types is a valid query."""
        if match_expression(query) is None:
            return []
        q = Query(text=query, kinds=("document",), limit=limit)
        return [
            (h.doc, h.snippet) for h in find(self._conn, q, self.include_restricted, marks)["document"].hits
        ]

    def find(self, query: Query, marks: tuple[str, str] = ("[", "]")) -> dict[str, Results]:
        """The web app's search: documents, statements, incidents matching `query`'s words and filters,
        one page of each kind (`docket.store.search`)."""
        return find(self._conn, query, self.include_restricted, marks)

    def find_entities(self, text: str, entity_type: str | None = None) -> list[tuple[str, str]]:
        """Every document-local entity whose name or alias holds every word of `text`: (id, doc), best
        first. Callers join them across documents before showing them."""
        return find_entities(self._conn, text, entity_type, self.include_restricted)

    def facets(self) -> Facets:
        """Incidents by type, year and place; documents by outlet (the dashboard's figures)."""
        return facets(self._conn, self.include_restricted)

    def counts(self) -> dict[str, int]:
        """How many rows of each kind are stored (and readable through this view)."""
        tables = ("entities", "mentions", "dates", "statements", "incidents")
        out = {
            "documents": self._conn.execute(
                f"SELECT count(*) FROM documents WHERE {self._hidden('id')}"
            ).fetchone()[0],
            "rejections": self._conn.execute("SELECT count(*) FROM rejections").fetchone()[0],
        }
        for t in tables:
            out[t] = self._conn.execute(f"SELECT count(*) FROM {t} WHERE {self._hidden()}").fetchone()[0]
        return {k: out[k] for k in ("documents", "rejections", *tables)}


def document_from_row(row: tuple[Any, ...]) -> Document:
    """A Document from a row of DOC_COLUMNS."""
    values = dict(zip(DOC_COLUMNS, row, strict=True))
    found = {f: Found(values[f], values[f"{f}_method"]) for f in FOUND_FIELDS}
    return Document(id=values["id"], ref=values["ref"], text=values["text"], url=values["url"], **found)
