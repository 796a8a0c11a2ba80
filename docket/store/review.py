"""Human review decisions: verdicts on incidents (confirm, reject, edit), merges and splits of entities
and events, and notes. Get a `Reviews` from `SQLiteStore.review`.

**Stored apart from the machine's rows.** A verdict is a row of `incident_reviews` keyed by the
incident's id (derived from its document's bytes, its type and its trigger word's position, so every
build of the same document gives it again); an edit stores only the fields the reviewer changed
(`docket.store.edits`). A merge or split is a pair of stable ids in `review_links`: document entity
ids for entities (`stable_id` of the document and the name), incident ids for events; a merge is a
`join` the resolver must make, a split a `forbid` it must respect (`resolve_entities(join=,
forbid=)`, `consolidate_events(join=, forbid=)`). A `docket build` only adds documents and never
touches these tables, and the store applies them whenever the record is read
(`SQLiteStore.incidents`, `.fact`, the search), so a decision survives every later build.

**Verdicts.** The latest stands: confirm, reject, or edit (an edit is a verdict too: the incident as
edited stands, so editing a rejected incident takes it back). Edits add up, field by field; a field
edited back to the machine's value is forgotten, and an incident left with no edited field is
`confirmed`.

**Audited.** Each decision writes its audit entry (who, when, action, record, before, after, note)
in the same transaction (`AuditLog.append`); a note is an audit entry and nothing else. The latest
decision on a pair wins: merging two entities a reviewer had split drops the `forbid` pairs between
them, and splitting drops the `join` pairs across the cut.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from docket.errors import ReviewError
from docket.model import Incident
from docket.store.audit import AuditLog
from docket.store.codec import from_dict, to_dict
from docket.store.edits import EDITABLE, apply_fields, changed, field_values, propose_edit
from docket.store.migrations import FACT_BODIES
from docket.store.users import Transaction, now

Status = Literal["machine", "confirmed", "edited", "rejected"]
Verdict = Literal["confirm", "reject", "edit"]
LinkKind = Literal["entity", "event"]
VERDICTS: dict[str, Status] = {"confirm": "confirmed", "reject": "rejected", "edit": "edited"}
NOTE_KINDS = ("incident", "entity", "event", "document")
MAX_NOTE = 2000
MAX_PAIRS = 20_000  # a split of one entity or event writes at most this many forbidden pairs


@dataclass(frozen=True, slots=True)
class IncidentReview:
    """The standing verdict on an incident; `fields` holds what a reviewer changed (stored shape)."""

    incident: str
    doc: str
    status: Status
    user: str
    at: str
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def edited(self) -> tuple[str, ...]:
        return tuple(f for f in EDITABLE if f in self.fields)


@dataclass(frozen=True, slots=True)
class Link:
    """A reviewer's `join` or `forbid` of two stable ids (`a` < `b`)."""

    kind: LinkKind
    a: str
    b: str
    relation: Literal["join", "forbid"]
    user: str
    at: str


def read_incident(record: str, fields: str | None) -> Incident:
    """An incident row (`reviewed_incidents.record`, `.fields`) as read: with the reviewer's edits."""
    machine = from_dict(Incident, json.loads(record))
    return apply_fields(machine, json.loads(fields) if fields else None)


class Reviews:
    """Review decisions, as a store's view may read them (`SQLiteStore.review`)."""

    def __init__(
        self, conn: sqlite3.Connection, transaction: Transaction, audit: AuditLog, include_restricted: bool
    ) -> None:
        self._conn = conn
        self._transaction = transaction
        self._audit = audit
        self._include_restricted = include_restricted

    def _visible(self) -> str:
        if self._include_restricted:
            return "1"
        return "doc NOT IN (SELECT id FROM documents WHERE restricted = 1)"

    # -- reading ----------------------------------------------------------------------------------

    def incident(self, incident_id: str) -> IncidentReview | None:
        """The standing verdict on one incident, or None (machine: no reviewer decided yet)."""
        found = self._incidents("AND incident = ?", (incident_id,))
        return found.get(incident_id)

    def incidents(self) -> dict[str, IncidentReview]:
        """Every standing verdict this view may read, by incident id."""
        return self._incidents("", ())

    def _incidents(self, cond: str, args: tuple[str, ...]) -> dict[str, IncidentReview]:
        rows = self._conn.execute(
            "SELECT incident, doc, status, user, at, fields FROM incident_reviews "
            f"WHERE {self._visible()} {cond} ORDER BY incident",
            args,
        )
        return {i: IncidentReview(i, d, s, u, at, json.loads(f) if f else {}) for i, d, s, u, at, f in rows}

    def links(self, kind: LinkKind) -> list[Link]:
        """Every standing join and forbid of `kind`, by pair. Pairs naming records a view cannot read
        do nothing there: the resolver ignores ids it is not given."""
        rows = self._conn.execute(
            "SELECT kind, a, b, relation, user, at FROM review_links WHERE kind = ? ORDER BY a, b", (kind,)
        )
        return [Link(*row) for row in rows]

    def pairs(self, kind: LinkKind) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(join, forbid): the pairs to hand the resolver."""
        links = self.links(kind)
        return (
            [(k.a, k.b) for k in links if k.relation == "join"],
            [(k.a, k.b) for k in links if k.relation == "forbid"],
        )

    # -- incidents --------------------------------------------------------------------------------

    def decide(
        self,
        user: str,
        verdict: Verdict,
        incident_id: str,
        proposed: Mapping[str, Any] | None = None,
        note: str | None = None,
    ) -> int:
        """Confirm, reject or edit an incident (`proposed`: the fields to change, as
        `docket.store.edits.propose_edit` takes them); returns the audit entry's id. ReviewError when
        there is no such incident or the edit is not valid or changes nothing."""
        if verdict not in VERDICTS:
            raise ReviewError(f"unknown decision {verdict!r}; one of {', '.join(VERDICTS)}")
        note = _note(note, required=False)
        with self._transaction() as c:
            row = c.execute(
                "SELECT doc, record, fields, review FROM reviewed_incidents WHERE id = ?",
                (incident_id,),
            ).fetchone()
            if row is None:
                raise ReviewError(f"no incident {incident_id}")
            doc, record, old_fields_json, old_status = row[0], row[1], row[2], row[3]
            machine = from_dict(Incident, json.loads(record))
            old_fields: dict[str, Any] = json.loads(old_fields_json) if old_fields_json else {}
            current = apply_fields(machine, old_fields)
            before: dict[str, Any] = {"status": old_status}
            after: dict[str, Any] = {"status": VERDICTS[verdict]}
            fields = old_fields
            if verdict == "edit":
                edit = changed(current, propose_edit(current, proposed or {}))
                if not edit:
                    raise ReviewError("the edit changes nothing")
                was = field_values(current)
                before.update((k, was[k]) for k in edit)
                after.update(edit)
                theirs = field_values(machine)
                fields = {k: v for k, v in {**old_fields, **edit}.items() if theirs[k] != v}
                after["status"] = "edited" if fields else "confirmed"
            self._put_incident(c, incident_id, doc, after["status"], fields, user)
            if verdict == "edit":
                self._reindex(c, incident_id, doc, apply_fields(machine, fields))
            return self._audit.append(user, verdict, "incident", incident_id, doc, before, after, note)

    def _put_incident(
        self, c: sqlite3.Connection, incident: str, doc: str, status: str, fields: dict[str, Any], user: str
    ) -> None:
        stored = json.dumps(fields, ensure_ascii=False, sort_keys=True) if fields else None
        c.execute(
            "INSERT INTO incident_reviews (incident, doc, status, fields, user, at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident) DO UPDATE SET status = excluded.status, "
            "fields = excluded.fields, user = excluded.user, at = excluded.at",
            (incident, doc, status, stored, user, now()),
        )

    def _reindex(self, c: sqlite3.Connection, incident_id: str, doc: str, incident: Incident) -> None:
        """Search the incident by its words as read (the full-text index is derived, not the record)."""
        _table, body = FACT_BODIES["incident"]
        c.execute("DELETE FROM facts_fts WHERE kind = 'incident' AND id = ?", (incident_id,))
        c.execute(
            f"INSERT INTO facts_fts (kind, id, doc, body) SELECT 'incident', ?, ?, {body.format(r='x')} "
            "FROM (SELECT ? AS type, ? AS record) AS x",
            (incident_id, doc, incident.type, json.dumps(to_dict(incident), ensure_ascii=False)),
        )

    # -- merges and splits ------------------------------------------------------------------------

    def merge(
        self,
        user: str,
        kind: LinkKind,
        record: str,
        left: Sequence[str],
        right: Sequence[str],
        note: str | None = None,
        before: Any = None,
        after: Any = None,
    ) -> int:
        """Join two entities (or events), given by their stable ids (document entity ids, or incident
        ids), and drop the `forbid` pairs between them. Returns the audit id. Entities take one `join`
        pair (the resolver's rules join the rest as before, and keep their reasons); events take one
        pair for each report, since the consolidation's constraints (dates that cannot both hold)
        would otherwise keep the other reports of one side away from the joined pair."""
        left, right = sorted(set(left)), sorted(set(right))
        if not left or not right:
            raise ReviewError(f"a merge needs two {kind}s")
        if set(left) & set(right):
            raise ReviewError(f"these are one {kind} already")
        note = _note(note, required=False)
        with self._transaction() as c:
            self._drop(c, kind, "forbid", left, right)
            anchor = left[0]
            joins = [right[0]] if kind == "entity" else left[1:] + right
            self._put(c, kind, [_pair(anchor, x) for x in joins], "join", user)
            return self._audit.append(
                user, "merge", kind, record, None,
                before if before is not None else {"apart": [left, right]},
                after if after is not None else {"joined": sorted(left + right)},
                note, self._docs(c, kind, left + right),
            )  # fmt: skip

    def split(
        self,
        user: str,
        kind: LinkKind,
        record: str,
        part: Sequence[str],
        rest: Sequence[str],
        note: str | None = None,
        before: Any = None,
        after: Any = None,
    ) -> int:
        """Split `part` off an entity (or event) whose other stable ids are `rest`: a `forbid` pair
        between each of them, and no `join` pair across the cut. Returns the audit id."""
        part, rest = sorted(set(part)), sorted(set(rest) - set(part))
        if not part or not rest:
            raise ReviewError(f"a split needs some of the {kind}'s parts on each side")
        if len(part) * len(rest) > MAX_PAIRS:
            raise ReviewError(f"a split of more than {MAX_PAIRS} pairs; split in smaller steps")
        note = _note(note, required=False)
        with self._transaction() as c:
            self._drop(c, kind, "join", part, rest)
            self._put(c, kind, [_pair(a, b) for a in part for b in rest], "forbid", user)
            return self._audit.append(
                user, "split", kind, record, None,
                before if before is not None else {"together": sorted(part + rest)},
                after if after is not None else {"apart": [part, rest]},
                note, self._docs(c, kind, part + rest),
            )  # fmt: skip

    def _put(self, c: sqlite3.Connection, kind: str, pairs: Iterable[tuple[str, str]], relation: str,
             user: str) -> None:  # fmt: skip
        at = now()
        c.executemany(
            "INSERT INTO review_links (kind, a, b, relation, user, at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, a, b) DO UPDATE SET relation = excluded.relation, user = excluded.user, "
            "at = excluded.at",
            [(kind, a, b, relation, user, at) for a, b in pairs],
        )

    def _drop(
        self, c: sqlite3.Connection, kind: str, relation: str, one: list[str], other: list[str]
    ) -> None:
        sides = "(SELECT value FROM json_each(?))"
        c.execute(
            f"DELETE FROM review_links WHERE kind = ? AND relation = ? AND ("
            f"(a IN {sides} AND b IN {sides}) OR (a IN {sides} AND b IN {sides}))",
            (kind, relation, json.dumps(one), json.dumps(other), json.dumps(other), json.dumps(one)),
        )

    def _docs(self, c: sqlite3.Connection, kind: str, ids: list[str]) -> dict[str, str | None]:
        """Each stable id with its document (None when the store does not hold it)."""
        table = "entities" if kind == "entity" else "incidents"
        sql = f"SELECT id, doc FROM {table} WHERE id IN (SELECT value FROM json_each(?))"
        found = dict(c.execute(sql, (json.dumps(ids),)).fetchall())
        return {i: found.get(i) for i in ids}

    # -- notes ------------------------------------------------------------------------------------

    def note(
        self,
        user: str,
        kind: str,
        record: str,
        text: str,
        doc: str | None = None,
        keys: Sequence[str] = (),
    ) -> int:
        """A note on an incident, entity, event or document: an audit entry (`note` action) and nothing
        else. An entity's or event's note names its stable ids (`keys`: its document entity ids, or
        its incidents' ids), so it stays with them whatever the record's id becomes."""
        if kind not in NOTE_KINDS:
            raise ReviewError(f"cannot note a {kind}; one of {', '.join(NOTE_KINDS)}")
        text = _note(text, required=True) or ""
        with self._transaction() as c:
            docs = self._docs(c, kind, list(keys)) if keys and kind in ("entity", "event") else None
            return self._audit.append(user, "note", kind, record, doc, None, None, text, docs)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _note(text: str | None, *, required: bool) -> str | None:
    text = (text or "").strip()
    if len(text) > MAX_NOTE:
        raise ReviewError(f"a note is at most {MAX_NOTE} characters")
    if required and not text:
        raise ReviewError("the note is empty")
    return text or None
