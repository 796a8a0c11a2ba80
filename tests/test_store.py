"""The SQLite store: migrations, atomic and idempotent writes, round-trips, full-text search, crashes.

`fictional_results()` builds a small invented corpus by hand; test_export and test_report reuse it.
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket.errors import StoreError
from docket.model import (
    Attribution,
    Count,
    DateMention,
    Document,
    DocumentResult,
    Entity,
    EntityRef,
    Evidence,
    Found,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    Rejection,
    Statement,
    Victim,
    stable_id,
)
from docket.store import SCHEMA_VERSION, SQLiteStore, Store, open_store
from docket.store import sqlite as sqlite_module
from docket.store.codec import from_dict, to_dict

REPO = Path(__file__).resolve().parents[1]

# -- a fictional corpus ----------------------------------------------------------------------------

TEXT_A = (
    "On 12 March 2021, security forces arrested Layla Haddani in Qarvesh. "
    "The Union of Free Teachers said that at least 14 teachers were detained. "
    "“We will not be silenced,” Haddani said."
)
TEXT_B = (
    "Rostam Belkacem told reporters: “<script>alert(1)</script> is what they call justice.” "
    "Guards beat detainees at Tormund Prison in 2019, according to Belkacem."
)
TEXT_C = (
    "Zoë Øvergaard — «témoin» — said Layla Haddani had been shot dead by unknown gunmen.\nNo date was given."
)


def span(doc: Document, words: str, nth: int = 0) -> Evidence:
    """Evidence for the `nth` occurrence of `words` in the document."""
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(words, at + 1)
    return Evidence.of(doc, at, at + len(words))


def entity(doc: Document, type_: str, name: str, *surface: str, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(
        stable_id("ent", doc.id, name), doc.id, type_, name, aliases, tuple(span(doc, s) for s in surface)
    )


def make_result(text: str, ref: str, **meta: str) -> tuple[Document, bytes]:
    original = f"<html><body><p>{text}</p></body></html>".encode()
    found = {k: Found(v, "html-meta") for k, v in meta.items()}
    doc = Document(id=hashlib.sha256(original).hexdigest(), ref=ref, text=text, **found)
    return doc, original


def fictional_results() -> list[DocumentResult]:
    """Three invented reports: an arrest with a count and a quote, a torture claim quoting <script>,
    and an undated killing with odd unicode. Layla Haddani appears in two documents."""
    a, a_bytes = make_result(TEXT_A, "a.html", title="Teacher arrested in Qarvesh", outlet="The Qarvesh Post")
    a = replace(a, published=Found("2021-03-13", "html-meta"), url="https://example.org/a")
    haddani = entity(a, "person", "Layla Haddani", "Layla Haddani", "Haddani", aliases=("Haddani",))
    qarvesh = entity(a, "place", "Qarvesh", "Qarvesh")
    union = entity(a, "organization", "Union of Free Teachers", "Union of Free Teachers")
    date_a = DateMention(stable_id("date", a.id, 3), span(a, "12 March 2021"), "2021-03-12", "day")
    quote = Statement(
        stable_id("st", a.id, 1),
        EntityRef(haddani.id, "Haddani"),
        "said",
        "We will not be silenced,",
        True,
        (span(a, "“We will not be silenced,” Haddani said."),),
        source_span=span(a, "Haddani", 1),
        cue_span=span(a, "said", 1),
        content_span=span(a, "We will not be silenced,"),
    )
    reported = Statement(
        stable_id("st", a.id, 2),
        EntityRef(union.id, "The Union of Free Teachers"),
        "said",
        "at least 14 teachers were detained",
        False,
        (span(a, "The Union of Free Teachers said that at least 14 teachers were detained."),),
    )
    arrest = Incident(
        stable_id("inc", a.id, 1),
        "arrest",
        IncidentDate("2021-03-12", "day", "12 March 2021"),
        Place(qarvesh.id, "Qarvesh", "XQ"),
        (Perpetrator(None, "security forces", "state"),),
        (Victim(haddani.id, "Layla Haddani", None),),
        None,
        (),
        (span(a, "security forces arrested Layla Haddani in Qarvesh"),),
    )
    detention = Incident(
        stable_id("inc", a.id, 2),
        "detention",
        IncidentDate("2021-03-12", "day", None),
        None,
        (),
        (Victim(None, None, "teachers"),),
        Count(None, 14, None, "at least", "at least 14 teachers"),
        (Attribution(union.id, "The Union of Free Teachers", "said"),),
        (span(a, "at least 14 teachers were detained"),),
    )
    result_a = DocumentResult(
        a, a_bytes, (haddani, qarvesh, union), (date_a,), (quote, reported), (arrest, detention)
    )

    b, b_bytes = make_result(TEXT_B, "b.txt", title="Prison <b>abuse</b> & “justice”")
    belkacem = entity(b, "person", "Rostam Belkacem", "Rostam Belkacem", "Belkacem")
    prison = entity(b, "place", "Tormund Prison", "Tormund Prison")
    date_b = DateMention(stable_id("date", b.id, 1), span(b, "2019"), "2019", "year")
    script_quote = Statement(
        stable_id("st", b.id, 1),
        EntityRef(belkacem.id, "Rostam Belkacem"),
        "told",
        "<script>alert(1)</script> is what they call justice.",
        True,
        (span(b, "“<script>alert(1)</script> is what they call justice.”"),),
    )
    torture = Incident(
        stable_id("inc", b.id, 1),
        "torture",
        IncidentDate("2019", "year", "2019"),
        Place(prison.id, "Tormund Prison", None),
        (Perpetrator(None, "Guards", "state"),),
        (Victim(None, None, "detainees"),),
        None,
        (Attribution(belkacem.id, "Belkacem", "according to"),),
        (span(b, "Guards beat detainees at Tormund Prison"),),
    )
    result_b = DocumentResult(b, b_bytes, (belkacem, prison), (date_b,), (script_quote,), (torture,))

    c, c_bytes = make_result(TEXT_C, "c.txt")
    zoe = entity(c, "person", "Zoë Øvergaard", "Zoë Øvergaard")
    haddani_c = entity(c, "person", "Layla Haddani", "Layla Haddani")
    killing = Incident(
        stable_id("inc", c.id, 1),
        "killing",
        IncidentDate(None, None, None),
        None,
        (Perpetrator(None, "unknown gunmen", "unknown"),),
        (Victim(haddani_c.id, "Layla Haddani", None),),
        None,
        (Attribution(zoe.id, "Zoë Øvergaard", "said"),),
        (span(c, "Layla Haddani had been shot dead by unknown gunmen"),),
    )
    result_c = DocumentResult(c, c_bytes, (zoe, haddani_c), (), (), (killing,), notes=("no date found",))
    return [result_a, result_b, result_c]


REJECTIONS = [Rejection("empty.txt", "no article text"), Rejection("huge.html", "larger than 20 MiB")]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore.open(tmp_path / "docket.db") as s:
        yield s


# -- migrations and opening ------------------------------------------------------------------------


def test_store_migrations_create_schema_and_record_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as s:
        assert isinstance(s, Store)
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}
    for name in ("documents", "originals", "entities", "mentions", "dates", "statements", "incidents"):
        assert name in tables
    assert {"rejections", "documents_fts", "migrations", "entities_doc", "incidents_doc"} <= tables
    assert conn.execute("SELECT version FROM migrations").fetchall() == [
        (v,) for v in range(1, SCHEMA_VERSION + 1)
    ]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    results = fictional_results()
    with SQLiteStore.open(path) as s:
        s.write(results[0])
        before = sqlite3.connect(path).execute("SELECT * FROM migrations").fetchall()
        counts = s.counts()
    with SQLiteStore.open(path) as s:
        assert s.counts() == counts
        assert s.schema_version() == SCHEMA_VERSION
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert sqlite3.connect(path).execute("SELECT * FROM migrations").fetchall() == before


def test_store_opening_an_older_database_upgrades_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    SQLiteStore.open(path).close()
    nxt = SCHEMA_VERSION + 1
    newer = [*sqlite_module.MIGRATIONS, (nxt, "notes", ["CREATE TABLE notes (doc TEXT, note TEXT)"])]
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", newer)
    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", nxt)
    with SQLiteStore.open(path) as s:
        assert s.schema_version() == nxt
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM migrations ORDER BY version")]
    assert versions == list(range(1, nxt + 1))
    assert conn.execute("SELECT count(*) FROM notes").fetchone() == (0,)


def test_store_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    SQLiteStore.open(path).close()
    broken = [
        *sqlite_module.MIGRATIONS,
        (SCHEMA_VERSION + 1, "broken", ["CREATE TABLE half (x)", "CREATE TABLE documents (x)"]),
    ]
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", broken)
    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"migration {SCHEMA_VERSION + 1}"):
        SQLiteStore.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT max(version) FROM migrations").fetchone() == (SCHEMA_VERSION,)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_store_refuses_a_database_from_a_newer_docket(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (99, 'from the future', '2099-01-01')")
    with pytest.raises(StoreError, match=r"schema version 99.*upgrade docket"):
        SQLiteStore.open(path)


@pytest.mark.parametrize(
    "content", [b"this is not a database at all, just words" * 40, b"SQLite format 3\x00junk"]
)
def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"notes\.db"):
        SQLiteStore.open(path)


def test_store_refuses_a_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StoreError, match="not docket's"):
        SQLiteStore.open(path)


# -- writing and reading ---------------------------------------------------------------------------


def test_store_write_is_idempotent(store: SQLiteStore) -> None:
    results = fictional_results()
    assert [store.write(r) for r in results] == [True, True, True]
    counts = store.counts()
    assert counts == {
        "documents": 3, "rejections": 0, "entities": 7, "mentions": 9,
        "dates": 2, "statements": 3, "incidents": 4,
    }  # fmt: skip
    assert [store.write(r) for r in results] == [False, False, False]
    assert store.counts() == counts
    assert store.has_document(results[0].document.id)
    assert not store.has_document("0" * 64)


def test_store_reads_back_what_was_written(store: SQLiteStore) -> None:
    results = fictional_results()
    for r in reversed(results):
        store.write(r)
    by_id = sorted(results, key=lambda r: r.document.id)
    assert store.documents() == [r.document for r in by_id]
    for r in results:
        doc = r.document.id
        assert store.document(doc) == r.document
        assert store.original(doc) == r.original
        assert store.entities(doc) == sorted(r.entities, key=lambda e: e.id)
        assert store.dates(doc) == list(r.dates)
        assert sorted(store.statements(doc), key=lambda s: s.id) == sorted(r.statements, key=lambda s: s.id)
        assert sorted(store.incidents(doc), key=lambda i: i.id) == sorted(r.incidents, key=lambda i: i.id)
    assert len(store.incidents()) == 4
    assert store.document("missing") is None


def test_store_rejections_upsert_and_clear(store: SQLiteStore) -> None:
    for r in reversed(REJECTIONS):
        store.write_rejection(r)
    store.write_rejection(Rejection("empty.txt", "still no article text"))
    assert store.rejections() == [Rejection("empty.txt", "still no article text"), REJECTIONS[1]]
    store.clear_rejection("empty.txt")
    store.clear_rejection("never-seen.txt")
    assert store.rejections() == [REJECTIONS[1]]


def test_store_constraint_violation_mid_write_stores_nothing_of_the_document(store: SQLiteStore) -> None:
    good, bad_source = fictional_results()[:2]
    store.write(good)
    counts = store.counts()
    # Entities and statements go in before dates; a date with an impossible precision fails late.
    bad_date = replace(bad_source.dates[0], precision="century")  # type: ignore[arg-type]
    bad = replace(bad_source, dates=(bad_date,))
    with pytest.raises(StoreError, match=bad_source.document.ref):
        store.write(bad)
    assert not store.has_document(bad_source.document.id)
    assert store.counts() == counts
    assert store.search("Belkacem") == []
    # A duplicated entity id (an extractor bug) is refused the same way, and the store still works.
    twice = replace(bad_source, entities=bad_source.entities + bad_source.entities[:1])
    with pytest.raises(StoreError):
        store.write(twice)
    assert store.counts() == counts
    assert store.write(bad_source) is True


def test_store_search_finds_words_ignoring_diacritics(store: SQLiteStore) -> None:
    results = fictional_results()
    for r in results:
        store.write(r)
    a, _, c = (r.document.id for r in results)
    hits = store.search("Haddani")
    assert {d for d, _ in hits} == {a, c}
    assert any("[Haddani]" in snippet for _, snippet in hits)
    assert [d for d, _ in store.search("Zoe temoin")] == [c]
    assert [d for d, _ in store.search("qarvesh")] == [a]  # title and text are both indexed
    assert store.search('AND OR "NEAR( *') == []  # FTS5 syntax in a query is taken as plain words
    assert store.search("   ") == []


# -- round-trips -----------------------------------------------------------------------------------

any_text = st.text(min_size=1, max_size=300)  # st.text() never yields surrogates, which UTF-8 cannot hold
maybe_text = st.none() | st.text(max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, title=maybe_text, author=maybe_text, url=maybe_text, extra=st.binary(max_size=64))
def test_store_round_trips_any_text_unchanged(
    text: str, title: str | None, author: str | None, url: str | None, extra: bytes
) -> None:
    original = text.encode("utf-8") + extra
    doc = Document(
        hashlib.sha256(original).hexdigest(), "r\x00ef ✓", text, Found(title, "given"), Found(author), url=url
    )
    whole = Evidence.of(doc, 0, len(text))
    ent = Entity("e-1", doc.id, "other", text, (text[::-1], ""), (whole,))
    st_ = Statement("s-1", EntityRef(ent.id, text), text, text, True, (whole,), content_span=whole)
    with SQLiteStore.open(":memory:") as s:
        assert s.write(DocumentResult(doc, original, (ent,), (), (st_,)))
        assert s.document(doc.id) == doc
        assert s.original(doc.id) == original
        assert s.entities() == [ent]
        assert s.statements() == [st_]


def test_store_codec_round_trips_every_record() -> None:
    for r in fictional_results():
        assert from_dict(DocumentResult, to_dict(r)) == r
        for inc in r.incidents:
            assert from_dict(Incident, to_dict(inc)) == inc


def test_store_codec_tolerates_added_and_unknown_fields() -> None:
    data = to_dict(Statement("s", EntityRef(None, "x"), "said", "y", False, ()))
    del data["cue_span"]  # stored before the field existed: the default applies
    data["sentiment"] = "grim"  # written by a newer docket: ignored
    assert from_dict(Statement, data).cue_span is None
    with pytest.raises(TypeError):
        from_dict(Statement, {"id": "s"})


# -- crashes ---------------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from docket.model import *
    from docket.store import SQLiteStore

    store = SQLiteStore.open(sys.argv[1])
    for n in range(100000):
        text = f"Report {n}: " + " ".join(f"Name{k}" for k in range(300))
        doc = Document(hashlib.sha256(text.encode()).hexdigest(), f"{n}.txt", text)
        ents = tuple(
            Entity(f"e-{n}-{k}", doc.id, "person", f"Name{k}", (), (Evidence.of(doc, 0, 6),) * 3)
            for k in range(300)
        )
        dates = (DateMention(f"d-{n}", Evidence.of(doc, 0, 6), None, None),)
        store.write(DocumentResult(doc, text.encode(), ents, dates))
        print(n, flush=True)
    """
)


def test_store_process_killed_mid_write_leaves_whole_documents_only(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        for _ in range(5):  # let it commit a few documents, then kill it while it writes more
            assert proc.stdout.readline(), "the writer died before writing"
        time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with SQLiteStore.open(path) as s:
        assert s._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s._conn.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = s.documents()
        assert len(docs) >= 5
        counts = s.counts()
        assert counts["entities"] == 300 * len(docs)
        assert counts["mentions"] == 900 * len(docs)
        assert counts["dates"] == len(docs)
        for d in docs:
            assert len(s.entities(d.id)) == 300
            assert s.original(d.id) == d.text.encode()
