"""Review: analysts confirm, reject and edit incidents, merge and split entities and events, and add
notes; every decision is audited in its own transaction, applied when the record is read (pages,
search, exports), and survives later builds. Viewers may do none of it; every form needs the CSRF token.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from serve_corpus import add_users, build_db, client, csrf, form_csrf, login

from docket.errors import ReviewError
from docket.model import DocumentResult
from docket.serve import create_app
from docket.store import Query, SQLiteStore
from docket.store.codec import to_dict


def _machine_row(db: Path, incident_id: str) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT type, record FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    conn.close()
    return {"type": row[0], "record": json.loads(row[1])}


# -- the store ------------------------------------------------------------------------------------


def test_review_store_verdicts_edits_and_their_audit(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    records = build_db(db)
    arrest, killing = records["payload"].incidents[0], records["plain"].incidents[0]
    with SQLiteStore.open(db) as store:
        entry = store.review.decide("anton", "confirm", arrest.id, note="checked the source")
        a = store.audit.entry(entry)
        assert a is not None and (a.user, a.action, a.kind, a.record) == (
            "anton",
            "confirm",
            "incident",
            arrest.id,
        )
        assert a.before == {"status": "machine"} and a.after == {"status": "confirmed"} and a.note
        assert a.doc == records["payload"].document.id
        edit = {"type": "execution", "date": {"value": "2020-05", "precision": None},
                "place": {"name": "Olmund City", "country": "nl"}, "count": {"value": 31},
                "victims": [{"name": "Ida Berg", "description": "a nurse"}]}  # fmt: skip
        entry = store.review.decide("anton", "edit", killing.id, edit)
        a = store.audit.entry(entry)
        assert a is not None and a.before["type"] == "killing" and a.after["type"] == "execution"
        assert a.before["status"] == "machine" and a.after["status"] == "edited"
        assert a.after["date"] == {"value": "2020-05", "precision": "month", "text": "9 May 2020"}
        assert a.after["place"] == {"entity": None, "name": "Olmund City", "country": "NL"}
        assert a.after["count"]["text"] == "31" and "perpetrators" not in a.after
        read = store.fact("incident", killing.id)
        assert read is not None and read[1].type == "execution" and read[1].count is not None
        assert read[1].count.value == 31 and read[1].victims[0].name == "Ida Berg"
        assert read[1].evidence == killing.evidence and read[1].perpetrators == killing.perpetrators
        review = store.review.incident(killing.id)
        assert review is not None and review.status == "edited"
        assert review.edited == ("type", "date", "place", "victims", "count")
        # Editing back to the machine's value forgets that field; a confirm keeps the other edits.
        store.review.decide("vera2", "edit", killing.id, {"type": "killing"})
        store.review.decide("anton", "confirm", killing.id)
        review = store.review.incident(killing.id)
        assert review is not None and review.status == "confirmed" and "type" not in review.edited
        store.review.decide("anton", "reject", arrest.id)
        assert arrest.id not in [i.id for i in store.incidents()]
        assert arrest.id in [i.id for i in store.incidents(rejected=True)]
        assert store.fact("incident", arrest.id) is not None  # its page still shows it, marked
        assert [e.action for e in store.audit.entries(kind="incident", record=arrest.id)] == [
            "reject",
            "confirm",
        ]
    # The machine's extraction is never rewritten: the decisions live beside it.
    assert _machine_row(db, killing.id) == {"type": "killing", "record": to_dict(killing)}


def test_review_store_refuses_bad_edits_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    killing = build_db(db)["plain"].incidents[0]
    bad = [
        ({"type": "massacre"}, "unknown incident type"),
        ({"date": {"value": "2021-02-30"}}, "does not exist"),
        ({"date": {"value": "2021-03", "precision": "day"}}, "precision"),
        ({"date": {"value": "1985", "precision": "decade"}}, "decade"),
        ({"date": {"value": "March 2021"}}, "not an ISO date"),
        ({"place": {"name": "Olmund", "country": "NLD"}}, "alpha-2"),
        ({"perpetrator_categories": ["state", "state"]}, "one perpetrator category"),
        ({"perpetrator_categories": ["government"]}, "unknown perpetrator category"),
        ({"victims": [{"name": None, "description": "  "}]}, "needs a name or a description"),
        ({"count": {"low": 50, "high": 10}}, "above the upper bound"),
        ({"count": {"value": 5, "low": 1}}, "not both"),
        ({"count": {"value": -1}}, "between 0"),
        ({"type": "killing"}, "changes nothing"),
        ({"owner": "me"}, "cannot edit owner"),
    ]
    with SQLiteStore.open(db) as store:
        for edit, words in bad:
            with pytest.raises(ReviewError, match=words):
                store.review.decide("anton", "edit", killing.id, edit)
        with pytest.raises(ReviewError, match="no incident"):
            store.review.decide("anton", "confirm", "inc-nope")
        with pytest.raises(ReviewError, match="empty"):
            store.review.note("anton", "document", killing.evidence[0].doc, "   ")
        assert store.audit.count() == 0 and store.review.incidents() == {}


def test_review_store_search_and_counts_follow_the_decisions(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    records = build_db(db)
    arrest, killing = records["payload"].incidents[0], records["plain"].incidents[0]
    with SQLiteStore.open(db) as store:
        store.review.decide("anton", "reject", arrest.id)
        store.review.decide("anton", "edit", killing.id, {"type": "execution", "place": {"name": "Vessby"}})

        def ids(**kw: Any) -> list[str]:
            return [h.id for h in store.find(Query(kinds=("incident",), **kw))["incident"].hits]

        assert arrest.id not in ids() and ids(review="rejected") == [arrest.id]
        assert ids(review="edited") == ids(review="reviewed") == [killing.id]
        assert killing.id not in ids(review="machine")
        assert ids(type="execution") == [killing.id] and ids(type="killing") == []
        assert ids(place="vessby") == [killing.id] and ids(place="olmund") == []
        assert ids(text="Vessby") == [killing.id]  # the words as read are searched
        facets = store.facets()
        assert dict(facets.by_type) == {"execution": 1, "torture": 1}
        assert ("Vessby", None, 1) in facets.by_place


# -- the web app ----------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, dict[str, DocumentResult], Any]:
    db = tmp_path / "r.db"
    records = build_db(db)
    add_users(db)
    return db, records, create_app(db)


def _post(c: TestClient, url: str, body: dict[str, Any]) -> Any:
    if url.startswith("/api/"):
        return c.post(url, json=body, headers={"X-CSRF-Token": csrf(c)})
    return c.post(url, data={**body, "csrf_token": csrf(c)})


def _actions(records: dict[str, DocumentResult], entity: str, event: str) -> list[tuple[str, dict[str, Any]]]:
    inc, doc = records["plain"].incidents[0].id, records["plain"].document.id
    return [
        (f"/incidents/{inc}/review", {"action": "confirm"}),
        (f"/api/incidents/{inc}/review", {"action": "reject", "note": "not an incident"}),
        (f"/incidents/{inc}/edit", {
            "type": "execution", "date_value": "2020-05-09", "date_precision": "day", "place_name": "Olmund",
            "place_country": "NL", "perpetrator_category": "state", "victim_name": "",
            "victim_description": "peaceful demonstrators", "count_low": "30", "count_qualifier": "at least",
            "count_text": "at least 30"}),
        (f"/api/incidents/{inc}/edit", {"count": {"value": 32}, "note": "the later report"}),
        (f"/incidents/{inc}/notes", {"note": "a form note"}),
        (f"/api/incidents/{inc}/notes", {"note": "an API note"}),
        (f"/documents/{doc}/notes", {"note": "a document note"}),
        (f"/api/documents/{doc}/notes", {"note": "a document note"}),
        (f"/entities/{entity}/notes", {"note": "an entity note"}),
        (f"/api/entities/{entity}/notes", {"note": "an entity note"}),
        (f"/events/{event}/notes", {"note": "an event note"}),
        (f"/api/events/{event}/notes", {"note": "an event note"}),
    ]  # fmt: skip


def _ids(c: TestClient, records: dict[str, DocumentResult]) -> tuple[str, str]:
    page = c.get(f"/api/incidents/{records['plain'].incidents[0].id}").json()
    entity = page["incident"]["place"]["entity"]
    event = (
        c.get(f"/incidents/{records['plain'].incidents[0].id}").text.split('href="/events/')[1].split('"')[0]
    )
    return entity, event


def test_review_viewers_are_refused_analysts_decide(
    served: tuple[Path, dict[str, DocumentResult], Any],
) -> None:
    db, records, app = served
    viewer, analyst = login(client(app), "viewer"), login(client(app), "analyst")
    entity, event = _ids(viewer, records)
    for url, body in _actions(records, entity, event):
        r = _post(viewer, url, body)
        assert r.status_code == 403 and "needs the analyst role" in r.text, (url, r.status_code)
    anonymous = client(app)
    assert (
        _post(anonymous, f"/api/documents/{records['plain'].document.id}/notes", {"note": "x"}).status_code
        == 401
    )
    with SQLiteStore.open(db) as store:
        assert store.audit.count() == 0
    for url, body in _actions(records, entity, event):
        r = _post(analyst, url, body)
        assert r.status_code == (200 if url.startswith("/api/") else 303), (url, r.status_code, r.text[:300])
        if url.startswith("/api/"):
            assert r.json()["audit"]["user"] == "anton"
    with SQLiteStore.open(db) as store:
        actions = [e.action for e in reversed(store.audit.entries(limit=100))]
        assert actions == ["confirm", "reject", "edit", "edit"] + ["note"] * 8
    page = viewer.get(f"/incidents/{records['plain'].incidents[0].id}").text
    assert 'data-status="edited"' in page and "review-confirm" not in page  # viewers see, cannot act
    for note in ("a form note", "an API note"):
        assert note in page
    assert "a document note" in viewer.get(f"/documents/{records['plain'].document.id}").text
    assert "an entity note" in viewer.get(f"/entities/{entity}").text
    assert "an event note" in viewer.get(f"/events/{event}").text


def test_review_needs_the_csrf_token(served: tuple[Path, dict[str, DocumentResult], Any]) -> None:
    db, records, app = served
    analyst = login(client(app), "analyst")
    inc = records["plain"].incidents[0].id
    assert analyst.post(f"/incidents/{inc}/review", data={"action": "confirm"}).status_code == 403
    r = analyst.post(
        f"/api/incidents/{inc}/review", json={"action": "confirm"}, headers={"X-CSRF-Token": "x"}
    )
    assert r.status_code == 403
    r = analyst.post(f"/incidents/{inc}/review", data={"action": "confirm", "csrf_token": csrf(analyst)},
                     headers={"Origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403
    with SQLiteStore.open(db) as store:
        assert store.audit.count() == 0 and store.review.incidents() == {}


def test_review_confirm_on_the_page_and_find_it_in_the_audit_log(
    served: tuple[Path, dict[str, DocumentResult], Any],
) -> None:
    _db, records, app = served
    analyst, admin = login(client(app), "analyst"), login(client(app), "admin")
    inc = records["payload"].incidents[0].id
    page = analyst.get(f"/incidents/{inc}").text
    assert 'id="review-confirm"' in page and 'id="review-reject"' in page and 'id="review-edit"' in page
    assert 'id="review-status" data-status="machine"' in page and 'id="audit-none"' in page
    r = analyst.post(
        f"/incidents/{inc}/review", data={"action": "confirm", "note": "seen", "csrf_token": form_csrf(page)}
    )
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{inc}"
    page = analyst.get(f"/incidents/{inc}").text
    assert 'id="review-status" data-status="confirmed"' in page and "Confirmed by anton" in page
    assert 'class="audit-entry"' in page and 'data-action="confirm"' in page and "seen" in page
    log = admin.get("/audit").text
    assert 'data-action="confirm"' in log and f'data-record="{inc}"' in log
    entry = admin.get("/api/audit", params={"kind": "incident", "record": inc}).json()[0]
    assert entry["before"] == {"status": "machine"} and entry["after"] == {"status": "confirmed"}
    bad = _post(analyst, f"/api/incidents/{inc}/edit", {"date": {"value": "2021-13-01"}})
    assert bad.status_code == 422 and "does not exist" in bad.json()["detail"]
    assert _post(analyst, f"/api/incidents/{inc}/edit", {"colour": "red"}).status_code == 422
    # The search page's filter: reviewed or not.
    assert (
        analyst.get("/api/search", params={"review": "confirmed"}).json()["results"][0]["hits"][0]["id"]
        == inc
    )
    assert 'id="review"' in analyst.get("/search").text
    assert analyst.get("/api/search", params={"review": "maybe"}).status_code == 422


def test_review_restricted_records_cannot_be_reviewed_or_seen(
    served: tuple[Path, dict[str, DocumentResult], Any],
) -> None:
    db, records, app = served
    secret = records["secret"]
    admin, analyst = login(client(app), "admin"), login(client(app), "analyst")
    assert (
        _post(admin, f"/api/documents/{secret.document.id}/restricted", {"restricted": True}).status_code
        == 200
    )
    assert (
        _post(analyst, f"/api/incidents/{secret.incidents[0].id}/review", {"action": "confirm"}).status_code
        == 404
    )
    assert (
        _post(admin, f"/api/incidents/{secret.incidents[0].id}/review", {"action": "reject"}).status_code
        == 200
    )
    assert _post(analyst, f"/api/documents/{secret.document.id}/notes", {"note": "x"}).status_code == 404
    with SQLiteStore.open(db) as store:
        hidden = store.view(include_restricted=False)
        assert hidden.review.incidents() == {} and hidden.audit.count(kind="incident") == 0
        assert store.review.incident(secret.incidents[0].id) is not None
        # A merge that names a restricted document's entity is hidden with it.
        kestrava, olmund = secret.entities[1].id, records["plain"].entities[1].id
        store.review.merge("ada", "entity", "ent-x", [kestrava], [olmund])
        assert [e.action for e in store.audit.entries_about("entity", [olmund])] == ["merge"]
        assert hidden.audit.entries_about("entity", [olmund]) == [] and hidden.audit.count(kind="entity") == 0


def test_review_forms_are_labelled_and_only_for_analysts(
    served: tuple[Path, dict[str, DocumentResult], Any],
) -> None:
    _db, records, app = served
    analyst, viewer = login(client(app), "analyst"), login(client(app), "viewer")
    entity, event = _ids(viewer, records)
    inc, doc = records["plain"].incidents[0].id, records["plain"].document.id
    forms = {
        f"/incidents/{inc}": ["review-verdict", "review-edit", "note-form"],
        f"/entities/{entity}": ["entity-merge", "note-form"],
        f"/events/{event}": ["event-merge", "note-form"],
        f"/documents/{doc}": ["note-form"],
    }
    for url, ids in forms.items():
        page = analyst.get(url).text
        assert all(f'id="{i}"' in page for i in ids), url
        found = re.findall(r' id="([^"]+)"', page)
        assert len(found) == len(set(found)), (url, sorted(i for i in found if found.count(i) > 1))
        for field in re.findall(r'<(?:input|select|textarea) [^>]*?id="([^"]+)"', page):
            assert f'for="{field}"' in page, (url, field)
        assert 'id="decisions"' in page and 'method="post"' in page
        assert 'method="post" action="/logout"' in (shown := viewer.get(url).text)
        assert shown.count('method="post"') == 1, url  # a viewer's only form: logging out
    # The edit form sent back as shown changes nothing, and says so.
    page = analyst.get(f"/incidents/{inc}").text
    fields = dict(re.findall(r'name="((?:date|place|count)_[a-z]+)" value="([^"]*)"', page))
    victims = {"victim_name": ["", ""], "victim_description": ["peaceful demonstrators", ""]}
    form = {**fields, **victims, "type": "killing", "date_precision": "day", "perpetrator_category": "state",
            "csrf_token": csrf(analyst)}  # fmt: skip
    r = analyst.post(f"/incidents/{inc}/edit", data=form)
    assert r.status_code == 422 and "changes nothing" in r.text
