"""Where docket keeps its records. `Store` is the interface; SQLite is the backend there is today.

A PostgreSQL backend implements the same `Store` protocol; nothing outside this package needs to know
which one it talks to. Every method returns model records (`docket.model`) in a deterministic order.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Protocol, runtime_checkable

from docket.model import DateMention, Document, DocumentResult, Entity, Incident, Rejection, Statement
from docket.store.audit import AuditEntry, AuditLog
from docket.store.review import IncidentReview, Link, Reviews
from docket.store.search import Facets, Hit, Query, Results
from docket.store.sqlite import SCHEMA_VERSION, SQLiteStore
from docket.store.users import ROLES, Role, User, Users

__all__ = [
    "ROLES",
    "SCHEMA_VERSION",
    "AuditEntry",
    "AuditLog",
    "Facets",
    "Hit",
    "IncidentReview",
    "Link",
    "Query",
    "Results",
    "Reviews",
    "Role",
    "SQLiteStore",
    "Store",
    "User",
    "Users",
    "open_store",
]


@runtime_checkable
class Store(Protocol):
    """The operations the pipeline, the exporters, the report and the web app use."""

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id (sha256 of its original bytes) is stored."""
        ...

    def write(self, result: DocumentResult) -> bool:
        """Store a document and all its records atomically; False, writing nothing, if already stored."""
        ...

    def write_rejection(self, rejection: Rejection) -> None:
        """Record why a file could not be read, replacing an earlier reason for the same ref."""
        ...

    def clear_rejection(self, ref: str) -> None:
        """Forget the rejection of `ref`, if any."""
        ...

    def documents(self) -> list[Document]:
        """Every document, by id."""
        ...

    def document(self, doc_id: str) -> Document | None:
        """One document, or None."""
        ...

    def entities(self, doc: str | None = None) -> list[Entity]:
        """Document-local entities (all, or those of `doc`), by (doc, id)."""
        ...

    def dates(self, doc: str | None = None) -> list[DateMention]:
        """Date mentions, by (doc, start, end, id)."""
        ...

    def statements(self, doc: str | None = None) -> list[Statement]:
        """Statements, by (doc, start of earliest evidence, id)."""
        ...

    def incidents(self, doc: str | None = None, *, rejected: bool = False) -> list[Incident]:
        """Incidents as read (a reviewer's edits applied; those a reviewer rejected only if `rejected`),
        by (doc, start of earliest evidence, id)."""
        ...

    def rejections(self) -> list[Rejection]:
        """Rejections, by ref."""
        ...

    def search(
        self, query: str, limit: int = 50, marks: tuple[str, str] = ("[", "]")
    ) -> list[tuple[str, str]]:
        """Full-text search: (doc id, snippet) pairs, best match first; every word must match."""
        ...

    def counts(self) -> dict[str, int]:
        """Rows per kind: documents, rejections, entities, mentions, dates, statements, incidents."""
        ...

    # -- the web app ----------------------------------------------------------------------------------

    def view(self, include_restricted: bool) -> Store:
        """The same store as a reader sees it: every read leaves out restricted documents and the facts
        drawn from them unless `include_restricted`. Closing the store closes its views."""
        ...

    def fact(self, kind: str, fact_id: str) -> tuple[str, Statement | Incident] | None:
        """A `statement` or `incident` by id, with its document id; None if absent (or hidden)."""
        ...

    def find(self, query: Query, marks: tuple[str, str] = ("[", "]")) -> dict[str, Results]:
        """One page of matching documents, statements and incidents (`docket.store.search`)."""
        ...

    def find_entities(self, text: str, entity_type: str | None = None) -> list[tuple[str, str]]:
        """Every document-local entity (id, doc) whose names hold every word of `text`, best first."""
        ...

    def facets(self) -> Facets:
        """Incidents by type, year and place; documents by outlet."""
        ...

    def is_restricted(self, doc_id: str) -> bool | None:
        """Whether a document is restricted; None when there is no such document."""
        ...

    def set_restricted(self, doc_id: str, restricted: bool, user: str, note: str | None = None) -> bool:
        """Restrict or release a document, recorded in the audit log; False when nothing changed."""
        ...

    @property
    def users(self) -> Users:
        """Users and sessions."""
        ...

    @property
    def audit(self) -> AuditLog:
        """The append-only audit log of human decisions."""
        ...

    @property
    def review(self) -> Reviews:
        """Review decisions: verdicts and edits of incidents, merges and splits, notes."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def open_store(path: str | Path) -> Store:
    """Open the store at `path` (a SQLite file today), creating and migrating it as needed."""
    return SQLiteStore.open(path)
