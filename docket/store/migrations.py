"""The schema of docket's SQLite store, as an ordered list of migrations.

Each migration is a list of statements, applied and recorded in one transaction (`SQLiteStore._migrate`).
Never edit a migration that has shipped: add a new one, so every existing database upgrades the same way.
"""

from __future__ import annotations

# What the full-text index holds for each kind of fact, as SQL over a row `{r}` (`new` in a trigger,
# the table itself when filling the index from rows stored before the index existed).
_STATEMENT_BODY = (
    "{r}.speaker_name || ' ' || coalesce(json_extract({r}.record, '$.cue'), '') || ' ' || "
    "coalesce(json_extract({r}.record, '$.content'), '')"
)
_INCIDENT_BODY = " || ' ' || ".join(
    [
        "replace({r}.type, '_', ' ')",
        "coalesce(json_extract({r}.record, '$.place.name'), '')",
        "coalesce((SELECT group_concat(json_extract(value, '$.name'), ' ') "
        "FROM json_each({r}.record, '$.perpetrators')), '')",
        "coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || "
        "coalesce(json_extract(value, '$.description'), ''), ' ') "
        "FROM json_each({r}.record, '$.victims')), '')",
        "coalesce(json_extract({r}.record, '$.count.text'), '')",
        "coalesce((SELECT group_concat(json_extract(value, '$.name'), ' ') "
        "FROM json_each({r}.record, '$.attributed_to')), '')",
        "coalesce((SELECT group_concat(json_extract(value, '$.text'), ' ') "
        "FROM json_each({r}.record, '$.evidence')), '')",
    ]
)
_ENTITY_BODY = (
    "{r}.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each({r}.aliases)), '')"
)
FACT_BODIES = {"statement": ("statements", _STATEMENT_BODY), "incident": ("incidents", _INCIDENT_BODY),
               "entity": ("entities", _ENTITY_BODY)}  # fmt: skip


def _fact_index(kind: str) -> list[str]:
    table, body = FACT_BODIES[kind]
    return [
        f"""CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO facts_fts (kind, id, doc, body)
            VALUES ('{kind}', new.id, new.doc, {body.format(r="new")});
        END""",
        f"""CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
            DELETE FROM facts_fts WHERE kind = '{kind}' AND id = old.id;
        END""",
        f"INSERT INTO facts_fts (kind, id, doc, body) SELECT '{kind}', id, doc, {body.format(r=table)} "
        f"FROM {table}",
    ]


def _append_only(table: str) -> list[str]:
    """Triggers that refuse every UPDATE and DELETE on a table of the audit log."""
    return [
        f"""CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END"""
        for op in ("UPDATE", "DELETE")
    ]


_MIGRATION_2 = [
    # A restricted document, and every fact drawn from it, is read only by roles allowed to.
    "ALTER TABLE documents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1))",
    """CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
        password TEXT NOT NULL,         -- an argon2id hash (PHC string), never the password
        created TEXT NOT NULL           -- UTC, ISO 8601
    )""",
    """CREATE TABLE sessions (
        token TEXT PRIMARY KEY,         -- sha256 (hex) of the random token in the cookie
        user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        created TEXT NOT NULL,
        expires TEXT NOT NULL
    )""",
    "CREATE INDEX sessions_user ON sessions(user)",
    # Every human decision, append-only: who, when, what, on which record, the record before and after.
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,               -- UTC, ISO 8601
        user TEXT NOT NULL,             -- the name at the time; the entry outlives the user
        action TEXT NOT NULL,           -- e.g. restrict, confirm, reject, edit, merge, split, note
        kind TEXT NOT NULL,             -- the record's kind: document, incident, entity, event, ...
        record TEXT NOT NULL,           -- the record's id
        doc TEXT,                       -- the document it belongs to: a restricted one hides the entry
        before TEXT,                    -- JSON, or NULL when the record did not exist
        after TEXT,                     -- JSON, or NULL when the record was removed
        note TEXT
    )""",
    "CREATE INDEX audit_record ON audit(kind, record, id)",
    *_append_only("audit"),
    # Statements, incidents and entities searchable like documents (the web app's search).
    """CREATE VIRTUAL TABLE facts_fts USING fts5(
        kind UNINDEXED, id UNINDEXED, doc UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    *_fact_index("statement"),
    *_fact_index("incident"),
    *_fact_index("entity"),
]

# Human review (docket/store/review.py). Decisions live in their own tables, keyed by ids that a
# rebuild keeps (incident ids and document entity ids are derived from content), with no foreign key to
# the machine's rows: a build never rewrites them, and they are applied when the record is read.
_MIGRATION_3 = [
    """CREATE TABLE incident_reviews (
        incident TEXT PRIMARY KEY,      -- the incident's id
        doc TEXT NOT NULL,              -- its document: a restricted one hides the decision
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'edited', 'rejected')),
        fields TEXT,                    -- JSON object: the fields a reviewer changed (codec shape), or NULL
        user TEXT NOT NULL,             -- who made the latest decision, and when (UTC, ISO 8601)
        at TEXT NOT NULL
    )""",
    # Merges and splits: a pair of document entity ids (kind entity) or incident ids (kind event) that
    # must be joined, or must never be.
    """CREATE TABLE review_links (
        kind TEXT NOT NULL CHECK (kind IN ('entity', 'event')),
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        relation TEXT NOT NULL CHECK (relation IN ('join', 'forbid')),
        user TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (kind, a, b),
        CHECK (a < b)
    )""",
    # The stable records an audit entry is about (the members of an entity, the reports of an event),
    # so the entry is shown on whatever entity or event holds them later, and hidden with their documents.
    """CREATE TABLE audit_keys (
        audit INTEGER NOT NULL REFERENCES audit(id),
        key TEXT NOT NULL,
        doc TEXT,
        PRIMARY KEY (key, audit)
    )""",
    "CREATE INDEX audit_keys_audit ON audit_keys(audit)",
    *_append_only("audit_keys"),
    # Incidents as read: the reviewer's values where one changed a field, and the review status.
    """CREATE VIEW reviewed_incidents AS SELECT
        i.id, i.doc, i.start,
        CASE WHEN json_type(v.fields, '$.type') IS NULL THEN i.type
             ELSE json_extract(v.fields, '$.type') END AS type,
        CASE WHEN json_type(v.fields, '$.date') IS NULL THEN i.date_value
             ELSE json_extract(v.fields, '$.date.value') END AS date_value,
        CASE WHEN json_type(v.fields, '$.place') IS NULL THEN i.country
             ELSE json_extract(v.fields, '$.place.country') END AS country,
        CASE WHEN json_type(v.fields, '$.place') IS NULL THEN json_extract(i.record, '$.place.name')
             ELSE json_extract(v.fields, '$.place.name') END AS place_name,
        coalesce(v.status, 'machine') AS review,
        i.record, v.fields
    FROM incidents i LEFT JOIN incident_reviews v ON v.incident = i.id""",
]

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "initial schema",
        [
            """CREATE TABLE documents (
                id TEXT PRIMARY KEY,            -- sha256 of the original bytes
                ref TEXT NOT NULL,
                title TEXT, title_method TEXT,
                author TEXT, author_method TEXT,
                outlet TEXT, outlet_method TEXT,
                published TEXT, published_method TEXT,
                page_date TEXT, page_date_method TEXT,
                url TEXT,
                text TEXT NOT NULL
            )""",
            """CREATE TABLE originals (
                doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                data BLOB NOT NULL
            )""",
            """CREATE TABLE entities (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place', 'other')),
                name TEXT NOT NULL,
                aliases TEXT NOT NULL           -- JSON list of strings
            )""",
            """CREATE TABLE mentions (
                entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,           -- position in Entity.mentions
                doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (entity, seq),
                CHECK (0 <= start AND start < "end")
            )""",
            """CREATE TABLE dates (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                value TEXT,
                precision TEXT CHECK (precision IN ('day', 'month', 'year', 'decade')),
                CHECK (0 <= start AND start < "end")
            )""",
            """CREATE TABLE statements (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,         -- start of the earliest evidence span, for reading order
                speaker_entity TEXT,
                speaker_name TEXT NOT NULL,
                record TEXT NOT NULL            -- the Statement as codec JSON
            )""",
            """CREATE TABLE incidents (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                start INTEGER NOT NULL,
                type TEXT NOT NULL,
                date_value TEXT,
                country TEXT,
                record TEXT NOT NULL            -- the Incident as codec JSON
            )""",
            """CREATE TABLE rejections (
                ref TEXT PRIMARY KEY,
                reason TEXT NOT NULL
            )""",
            "CREATE INDEX entities_doc ON entities(doc, id)",
            "CREATE INDEX mentions_doc ON mentions(doc, start)",
            "CREATE INDEX dates_doc ON dates(doc, start)",
            "CREATE INDEX statements_doc ON statements(doc, start)",
            "CREATE INDEX incidents_doc ON incidents(doc, start)",
            "CREATE INDEX incidents_type ON incidents(type, date_value)",
            # FTS5 keeps its own copy of title and text: an external-content table would key on the
            # documents' implicit rowid, which VACUUM may renumber (the primary key is text).
            """CREATE VIRTUAL TABLE documents_fts USING fts5(
                doc UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
            )""",
            """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
                INSERT INTO documents_fts (doc, title, text) VALUES (new.id, new.title, new.text);
            END""",
            """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
                DELETE FROM documents_fts WHERE doc = old.id;
            END""",
            """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
                DELETE FROM documents_fts WHERE doc = old.id;
                INSERT INTO documents_fts (doc, title, text) VALUES (new.id, new.title, new.text);
            END""",
        ],
    ),
    (2, "users, sessions, audit log, restricted documents, full-text search of facts", _MIGRATION_2),
    (3, "review decisions: incident verdicts and edits, merges and splits, audit keys", _MIGRATION_3),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
