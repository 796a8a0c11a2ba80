"""What the web app keeps in the store: migration 2 on an existing record, restricted views, users and
sessions, the append-only audit log, search with filters."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from serve_corpus import SECRET, build_db, results

from docket.errors import AccessError
from docket.store import SCHEMA_VERSION, Query, SQLiteStore
from docket.store import sqlite as sqlite_module


def test_serve_store_migration_2_upgrades_a_record_built_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(sqlite_module, "MIGRATIONS", sqlite_module.MIGRATIONS[:1])
        m.setattr(sqlite_module, "SCHEMA_VERSION", 1)
        with SQLiteStore.open(path) as old:
            for r in results().values():
                old.write(r)
            assert old.schema_version() == 1
    with SQLiteStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        assert store.users.count() == 0 and store.audit.count() == 0
        found = store.find(Query(text="blood"))
        assert found["statement"].total == 1 and found["incident"].total == 0
        assert store.find(Query(text="demonstrators"))["incident"].total == 1  # a victim's description
        assert [e for e, _ in store.find_entities("Quint")]  # names indexed from rows stored before
        assert not any(store.is_restricted(d.id) for d in store.documents())


def test_serve_store_views_hide_restricted_documents_and_their_facts(tmp_path: Path) -> None:
    records = build_db(tmp_path / "r.db")
    secret = records["secret"].document.id
    with SQLiteStore.open(tmp_path / "r.db") as store:
        full = store.counts()
        assert store.set_restricted(secret, True, "ada", "witness safety")
        assert not store.set_restricted(secret, True, "ada")  # no change, no entry
        view = store.view(include_restricted=False)
        assert store.view(include_restricted=True).counts() == full == store.counts()
        hidden = view.counts()
        assert hidden["documents"] == full["documents"] - 1
        assert hidden["statements"] == full["statements"] - 1 and hidden["incidents"] == full["incidents"] - 1
        assert hidden["entities"] == full["entities"] - 2 and hidden["mentions"] == full["mentions"] - 2
        assert view.document(secret) is None and view.original(secret) is None
        assert secret not in {d.id for d in view.documents()}
        assert SECRET not in {e.name for e in view.entities()}
        assert not view.entities(secret) and not view.statements(secret) and not view.incidents(secret)
        assert view.fact("incident", records["secret"].incidents[0].id) is None
        assert view.search("Quint") == [] and store.search("Quint")
        assert all(r.total == 0 for r in view.find(Query(text="Kestrava")).values())
        assert view.find_entities("Quint") == []
        assert "torture" not in dict(view.facets().by_type) and "torture" in dict(store.facets().by_type)
        assert "Witness Files" not in dict(view.facets().by_outlet)
        assert view.audit.entries() == [] and store.audit.entries()[0].note == "witness safety"
        view.close()  # a view does not close its store's connection
        assert store.counts() == full


def test_serve_store_audit_log_is_append_only(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "a.db") as store:
        n = store.audit.append(
            "ada", "note", "incident", "inc-1", None, None, {"note": "checked"}, "looks right"
        )
        entry = store.audit.entries()[0]
        assert entry.id == n and entry.after == {"note": "checked"} and entry.before is None
        assert entry.at.endswith("Z") and entry.user == "ada"
        conn = sqlite3.connect(tmp_path / "a.db")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit SET user = 'mallory'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit")
        assert store.audit.count(kind="incident", record="inc-1") == 1


def test_serve_store_users_and_sessions(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "u.db") as store:
        users = store.users
        users.add("ada", "admin", "$argon2id$hash")
        with pytest.raises(AccessError, match="already exists"):
            users.add("ada", "viewer", "$argon2id$hash")
        with pytest.raises(AccessError, match="unknown role"):
            users.add("bob", "superuser", "h")
        for bad in ("", "a b", "<script>", "x" * 65, "-dash"):
            with pytest.raises(AccessError, match="invalid user name"):
                users.add(bad, "viewer", "h")
        assert users.has_admin() and users.count() == 1
        users.start_session("t1", "ada", 3600)
        users.start_session("t2", "ada", -1)  # already expired
        user = users.session_user("t1")
        assert user is not None and user.role == "admin"
        assert users.session_user("t2") is None and users.session_user("nope") is None
        users.end_session("t1")
        assert users.session_user("t1") is None
        users.start_session("t3", "ada", 3600)
        assert users.remove("ada") and not users.remove("ada")
        assert users.session_user("t3") is None and not users.has_admin()
