"""The audit log: every human decision on the record (who, when, what, the record before and after).

Append-only: the database refuses to update or delete an entry (triggers in migrations 2 and 3). An
entry names the document its record belongs to, so a reader who may not read a restricted document
does not see the decisions about it either. A decision about records of many documents (a merge of
entities or events) lists them as its keys (`audit_keys`: document entity ids or incident ids, each
with its document): it is shown on whatever entity or event holds one of them later, and hidden when
any of their documents is restricted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from docket.store.users import Transaction, now


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str  # UTC, ISO 8601
    user: str
    action: str  # restrict, release; the review adds confirm, reject, edit, merge, split, note
    kind: str  # the record's kind: document, incident, statement, entity, event, ...
    record: str  # the record's id
    doc: str | None  # the document the record belongs to, if one
    before: Any  # the record (or the fields that changed) before, decoded JSON; None if it was new
    after: Any  # ... and after; None if it was removed
    note: str | None


_COLUMNS = "id, at, user, action, kind, record, doc, before, after, note"


class AuditLog:
    """Get one from `SQLiteStore.audit`; it reads as the store's view may."""

    def __init__(self, conn: sqlite3.Connection, transaction: Transaction, include_restricted: bool) -> None:
        self._conn = conn
        self._transaction = transaction
        self._include_restricted = include_restricted

    def append(
        self,
        user: str,
        action: str,
        kind: str,
        record: str,
        doc: str | None,
        before: Any,
        after: Any,
        note: str | None = None,
        keys: Mapping[str, str | None] | None = None,
    ) -> int:
        """Add an entry and return its id. Inside a transaction already open on the store's connection
        (a decision and its entry must commit together) it joins that transaction; else it opens one.
        `keys`: the stable ids the decision is about, each with its document (see the module notes)."""
        row = (now(), user, action, kind, record, doc, _json(before), _json(after), note)
        sql = f"INSERT INTO audit ({_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

        def write(c: sqlite3.Connection) -> int:
            entry = int(c.execute(sql, row).lastrowid or 0)
            c.executemany(
                "INSERT INTO audit_keys (audit, key, doc) VALUES (?, ?, ?)",
                [(entry, key, d) for key, d in sorted((keys or {}).items())],
            )
            return entry

        if self._conn.in_transaction:
            return write(self._conn)
        with self._transaction() as c:
            return write(c)

    def _filter(self, kind: str | None, record: str | None) -> tuple[str, list[str]]:
        conds, args = [], []
        if kind is not None:
            conds.append("kind = ?")
            args.append(kind)
        if record is not None:
            conds.append("record = ?")
            args.append(record)
        if not self._include_restricted:
            conds.append("(doc IS NULL OR doc NOT IN (SELECT id FROM documents WHERE restricted = 1))")
            conds.append(
                "NOT EXISTS (SELECT 1 FROM audit_keys k JOIN documents d ON d.id = k.doc "
                "WHERE k.audit = audit.id AND d.restricted = 1)"
            )
        return ("WHERE " + " AND ".join(conds)) if conds else "", args

    def entries(
        self, kind: str | None = None, record: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[AuditEntry]:
        """Entries (all, of one kind, or of one record), newest first."""
        where, args = self._filter(kind, record)
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM audit {where} ORDER BY id DESC LIMIT ? OFFSET ?", (*args, limit, offset)
        )
        return _entries(rows)

    def entry(self, entry_id: int) -> AuditEntry | None:
        """One entry by id, if this view may read it."""
        where, args = self._filter(None, None)
        cond = f"{where} AND id = ?" if where else "WHERE id = ?"
        found = _entries(self._conn.execute(f"SELECT {_COLUMNS} FROM audit {cond}", (*args, entry_id)))
        return found[0] if found else None

    def entries_about(self, kind: str, keys: Iterable[str], limit: int = 50) -> list[AuditEntry]:
        """Entries of `kind` about any of `keys` (the members of an entity, the reports of an event),
        newest first."""
        where, args = self._filter(kind, None)
        about = "id IN (SELECT audit FROM audit_keys WHERE key IN (SELECT value FROM json_each(?)))"
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM audit {where} AND {about} ORDER BY id DESC LIMIT ?",
            (*args, json.dumps(sorted(set(keys))), limit),
        )
        return _entries(rows)

    def last_id(self) -> int:
        """The id of the newest entry in the whole log, whatever this view may read (0 when empty): it
        tells caches that a decision was made, and nothing else."""
        return self._conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]

    def count(self, kind: str | None = None, record: str | None = None) -> int:
        where, args = self._filter(kind, record)
        return self._conn.execute(f"SELECT count(*) FROM audit {where}", args).fetchone()[0]


def _entries(rows: Iterable[tuple[Any, ...]]) -> list[AuditEntry]:
    return [
        AuditEntry(i, at, u, a, k, r, d, _load(b), _load(af), n) for i, at, u, a, k, r, d, b, af, n in rows
    ]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
