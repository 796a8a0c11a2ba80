"""The SQLite store: WAL, foreign keys, versioned migrations, FTS5, one transaction per document.

This module opens and migrates the database and writes to it; `SQLiteStore` inherits its reads from
`docket.store.reading`.

Transactions are managed by hand (the connection runs in autocommit mode and every change is wrapped in
`BEGIN IMMEDIATE ... COMMIT`), because Python's implicit transactions would commit a migration's DDL
separately from the row that records it. A process killed mid-write leaves the transaction
uncommitted, and SQLite rolls it back on the next open: a document is either fully stored or absent.

Restricted documents: `store.view(include_restricted=False)` is the same store seen by a reader who may
not read restricted documents. Every read of that view (documents, facts, counts, search, audit) leaves
out restricted documents and everything drawn from them, so code handed the view (the exporters, the
report, the web app) cannot show them by mistake.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from docket.errors import StoreError
from docket.model import DocumentResult, Evidence, Found, Rejection
from docket.store.audit import AuditLog
from docket.store.codec import to_dict
from docket.store.migrations import MIGRATIONS, SCHEMA_VERSION
from docket.store.reading import DOC_COLUMNS, FOUND_FIELDS, SQLiteReads
from docket.store.review import Reviews
from docket.store.users import Users

BUSY_TIMEOUT_MS = 10_000  # concurrent writers (a build and a web app) wait this long for the lock


class SQLiteStore(SQLiteReads):
    """docket's records in one SQLite file. Use `SQLiteStore.open(path)`, ideally as a context manager."""

    def __init__(
        self, conn: sqlite3.Connection, path: str, *, include_restricted: bool = True, owner: bool = True
    ) -> None:
        self._conn = conn
        self.path = path
        self.include_restricted = include_restricted
        self._owner = owner  # a view shares its store's connection and does not close it

    def view(self, include_restricted: bool) -> SQLiteStore:
        """This store as a reader sees it: without restricted documents and their facts unless
        `include_restricted`. The view shares this store's connection; close the store, not the view."""
        return SQLiteStore(self._conn, self.path, include_restricted=include_restricted, owner=False)

    # -- opening and migrating -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> SQLiteStore:
        """Open (creating if needed) and migrate the database at `path`; ":memory:" works for tests."""
        name = str(path)
        try:
            # check_same_thread off: the web app opens a store per request, and its framework may run
            # the request's parts on different threads (never two at once on one connection).
            conn = sqlite3.connect(
                name, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {name}: {e}") from e
        try:
            # The first real read fails here when the file is not a database at all.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against a killed process
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, name)
            store._migrate()
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(f"{name} is not a usable SQLite database: {e}") from e
        except StoreError:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        c = self._conn
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "migrations" not in tables:
            if tables:
                raise StoreError(f"{self.path} is a SQLite database but not docket's (no migrations table)")
            c.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
        current = c.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, but this docket knows only up to "
                f"{SCHEMA_VERSION}; upgrade docket to open it"
            )
        for version, name, statements in MIGRATIONS:
            if version <= current:
                continue
            try:
                with self._transaction():
                    # Re-check under the write lock: another process may have migrated meanwhile.
                    if c.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                        continue
                    for sql in statements:
                        c.execute(sql)
                    c.execute(
                        "INSERT INTO migrations (version, name, applied) VALUES (?, ?, datetime('now'))",
                        (version, name),
                    )
            except sqlite3.Error as e:
                raise StoreError(
                    f"{self.path}: migration {version} ({name}) failed, nothing changed: {e}"
                ) from e

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def schema_version(self) -> int:
        return self._conn.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]

    def close(self) -> None:
        if self._owner:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def write(self, result: DocumentResult) -> bool:
        """Store a document and all its records in one transaction; False (and nothing written) if the
        document is already stored, so re-running a build over the same files is a no-op."""
        doc = result.document
        try:
            with self._transaction() as c:
                if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                    return False
                self._insert(c, result)
        except sqlite3.Error as e:
            raise StoreError(f"cannot store document {doc.ref} ({doc.id[:12]}): {e}") from e
        return True

    def _insert(self, c: sqlite3.Connection, result: DocumentResult) -> None:
        doc = result.document
        row = [doc.id, doc.ref]
        for f in FOUND_FIELDS:
            found: Found = getattr(doc, f)
            row += [found.value, found.method]
        row += [doc.url, doc.text]
        marks = ", ".join("?" * len(DOC_COLUMNS))
        c.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) VALUES ({marks})", row)
        c.execute("INSERT INTO originals (doc, data) VALUES (?, ?)", (doc.id, result.original))
        for e in result.entities:
            c.execute(
                "INSERT INTO entities (id, doc, type, name, aliases) VALUES (?, ?, ?, ?, ?)",
                (e.id, doc.id, e.type, e.name, _json(list(e.aliases))),
            )
            c.executemany(
                'INSERT INTO mentions (entity, seq, doc, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                [(e.id, i, m.doc, m.start, m.end, m.text) for i, m in enumerate(e.mentions)],
            )
        c.executemany(
            'INSERT INTO dates (id, doc, start, "end", text, value, precision) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
                (d.id, doc.id, d.evidence.start, d.evidence.end, d.evidence.text, d.value, d.precision)
                for d in result.dates
            ],
        )
        c.executemany(
            "INSERT INTO statements (id, doc, start, speaker_entity, speaker_name, record) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (s.id, doc.id, _start(s.evidence), s.speaker.entity, s.speaker.name, _json(to_dict(s)))
                for s in result.statements
            ],
        )
        c.executemany(
            "INSERT INTO incidents (id, doc, start, type, date_value, country, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i.id,
                    doc.id,
                    _start(i.evidence),
                    i.type,
                    i.date.value,
                    i.place.country if i.place else None,
                    _json(to_dict(i)),
                )
                for i in result.incidents
            ],
        )

    def write_rejection(self, rejection: Rejection) -> None:
        """Record (or replace) why `rejection.ref` could not be read."""
        with self._transaction() as c:
            c.execute(
                "INSERT INTO rejections (ref, reason) VALUES (?, ?) "
                "ON CONFLICT (ref) DO UPDATE SET reason = excluded.reason",
                (rejection.ref, rejection.reason),
            )

    def clear_rejection(self, ref: str) -> None:
        """Forget a rejection, e.g. once the file has been fixed and read."""
        with self._transaction() as c:
            c.execute("DELETE FROM rejections WHERE ref = ?", (ref,))

    # -- restricted documents, users, the audit log -------------------------------------------------

    def is_restricted(self, doc_id: str) -> bool | None:
        """Whether the document is restricted; None if there is no such document (in any view)."""
        row = self._conn.execute("SELECT restricted FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return bool(row[0]) if row else None

    def set_restricted(self, doc_id: str, restricted: bool, user: str, note: str | None = None) -> bool:
        """Restrict (or release) a document and record the decision in the audit log, in one
        transaction. False, changing nothing, when there is no such document or nothing changes."""
        with self._transaction() as c:
            row = c.execute("SELECT restricted FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None or bool(row[0]) == restricted:
                return False
            c.execute("UPDATE documents SET restricted = ? WHERE id = ?", (int(restricted), doc_id))
            action = "restrict" if restricted else "release"
            before, after = {"restricted": bool(row[0])}, {"restricted": restricted}
            self.audit.append(user, action, "document", doc_id, doc_id, before, after, note)
        return True

    @property
    def users(self) -> Users:
        """Users and their sessions (`docket.store.users`)."""
        return Users(self._conn, self._transaction)

    @property
    def audit(self) -> AuditLog:
        """The append-only log of human decisions (`docket.store.audit`), as this view may read it."""
        return AuditLog(self._conn, self._transaction, self.include_restricted)

    @property
    def review(self) -> Reviews:
        """Review decisions (`docket.store.review`), as this view may read them."""
        return Reviews(self._conn, self._transaction, self.audit, self.include_restricted)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _start(evidence: tuple[Evidence, ...]) -> int:
    return min((e.start for e in evidence), default=0)
