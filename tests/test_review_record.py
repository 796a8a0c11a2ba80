"""Review decisions in the record: merges and splits of entities and events on the pages and in the
exports, the exports' `review` marks, and decisions surviving later builds of the same database."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from conftest import SEEDS
from fictional_events import corpus, seeds_db
from serve_corpus import add_users, client, csrf, login
from test_export import check

from docket.build import build
from docket.export.eventview import load_events
from docket.export.jsonl import export_jsonl
from docket.resolve.aliases import resolve_entities
from docket.serve import create_app
from docket.store import SQLiteStore

EXTRA = (
    "Security forces arrested the journalist Mina Farahani in Tehran on 3 March 2021, according to "
    "Amnesty International. Her lawyer said she was held without charge.\n"
)


def _export(store: SQLiteStore) -> str:
    out = io.StringIO()
    export_jsonl(store, out)
    return out.getvalue()


def _records(text: str, kind: str) -> list[dict[str, Any]]:
    return [r for r in map(json.loads, text.splitlines()) if r["kind"] == kind]


def _api(c: Any, url: str, body: dict[str, Any]) -> dict[str, Any]:
    r = c.post(url, json=body, headers={"X-CSRF-Token": csrf(c)})
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return r.json()


def test_review_exports_are_machine_and_deterministic_without_decisions(tmp_path: Path) -> None:
    results, _ = corpus()
    with SQLiteStore.open(tmp_path / "r.db") as store:
        for r in results:
            store.write(r)
        first, second = _export(store), _export(store)
    assert first == second
    machine = {"status": "machine", "by": None, "at": None}
    for r in map(json.loads, first.splitlines()):
        if r["kind"] == "incident":
            assert r["review"] == {**machine, "edited": []}
        elif r["kind"] in ("entity", "event"):
            assert r["review"] == machine


def test_review_merges_and_splits_on_pages_and_in_exports(tmp_path: Path) -> None:
    results, _ = corpus()
    p, q = results
    db = tmp_path / "r.db"
    with SQLiteStore.open(db) as store:
        for r in results:
            store.write(r)
    add_users(db, ("viewer", "analyst"))
    app = create_app(db)
    analyst, viewer = login(client(app), "analyst"), login(client(app), "viewer")
    with SQLiteStore.open(db) as store:
        gid = resolve_entities(store.entities()).global_id
        killing = next(v.event for v in load_events(store).events if len(v.event.incidents) == 2)
    qarvesh_p, qarvesh_q, brigade, army = p.entities[1], q.entities[0], p.entities[0], q.entities[1]
    qarvesh = gid(qarvesh_p.id)
    assert qarvesh == gid(qarvesh_q.id)

    # Split one document's Qarvesh off the corpus entity: two entities from now on.
    done = _api(
        analyst, f"/api/entities/{qarvesh}/split", {"members": [qarvesh_q.id], "note": "another town"}
    )
    assert done["audit"]["action"] == "split" and done["audit"]["after"]["split_off"] == [qarvesh_q.id]
    rest = viewer.get(done["href"].replace("/entities/", "/api/entities/")).json()
    assert [m["id"] for m in rest["members"]] == [qarvesh_p.id] and rest["review"]["status"] == "reviewed"
    assert rest["audit"][0]["action"] == "split" and rest["audit"][0]["note"] == "another town"
    # Merge the army with the Brigade (the form takes the other entity's page address).
    army_id, brigade_id = gid(army.id), gid(brigade.id)
    page = analyst.get(f"/entities/{army_id}").text
    assert 'id="entity-merge"' in page and 'id="entity-split"' in page
    form = {"other": f"http://localhost/entities/{brigade_id}", "csrf_token": csrf(analyst)}
    r = analyst.post(f"/entities/{army_id}/merge", data=form)
    assert r.status_code == 303
    merged = viewer.get(r.headers["location"]).text
    assert 'data-action="merge"' in merged and "the army" in merged and "Brigade" in merged
    assert "entity-merge" not in merged  # a viewer sees the decision, not the forms

    # Split the radio's report off the killing the machine joined; merge the 1988 arrest with the 1980s
    # execution, which nothing joins.
    radio = q.incidents[0].id
    assert radio in killing.incidents
    done = _api(analyst, f"/api/events/{killing.id}/split", {"incidents": [radio]})
    event = viewer.get(f"/api/events/{done['record']}").json()
    assert [i["id"] for i in event["reports"]] == [p.incidents[0].id]
    assert event["review"]["status"] == "reviewed" and event["audit"][0]["action"] == "split"
    with SQLiteStore.open(db) as store:
        views = load_events(store).events
    arrest = next(v.event.id for v in views if p.incidents[1].id in v.event.incidents)
    execution = next(v.event.id for v in views if q.incidents[2].id in v.event.incidents)
    done = _api(analyst, f"/api/events/{arrest}/merge", {"other": execution})
    assert "joined by a reviewer" in viewer.get(done["href"]).text

    with SQLiteStore.open(db) as store:
        text = _export(store)
        assert text == _export(store)
    path = tmp_path / "out.jsonl"
    path.write_text(text, encoding="utf-8")
    done_check = check(path)
    assert done_check.returncode == 0, done_check.stdout
    places = [e for e in _records(text, "entity") if e["name"] == "Qarvesh"]
    assert len(places) == 2 and all(e["review"]["status"] == "reviewed" for e in places)
    forces = next(e for e in _records(text, "entity") if army.id in e["members"])
    assert brigade.id in forces["members"] and forces["review"]["by"] == "anton"
    assert any(m["reason"] == "joined by a reviewer" for m in forces["merges"])
    events = {tuple(sorted(e["incidents"])): e for e in _records(text, "event")}
    assert (radio,) in events and events[(radio,)]["review"]["status"] == "reviewed"
    joined = events[tuple(sorted((p.incidents[1].id, q.incidents[2].id)))]
    assert joined["reasons"][0]["why"] == ["joined by a reviewer"] and joined["review"]["by"] == "anton"

    # Merging the two Qarvesh again undoes the split: the latest decision on a pair wins.
    _api(analyst, f"/api/entities/{places[0]['id']}/merge", {"other": places[1]["id"]})
    with SQLiteStore.open(db) as store:
        join, forbid = store.review.pairs("entity")
        again = resolve_entities(store.entities(), join=join, forbid=forbid)
        assert again.global_id(qarvesh_p.id) == again.global_id(qarvesh_q.id)


def test_review_decisions_survive_later_builds(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    with sqlite3.connect(seeds_db()) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with SQLiteStore.open(db) as store:
        incidents = store.incidents()
        people = [e for e in resolve_entities(store.entities()).entities if e.type == "person"]
        confirmed, edited, rejected = incidents[0].id, incidents[1].id, incidents[2].id
        new_type = "other" if incidents[1].type != "other" else "arrest"
        store.review.decide("anton", "confirm", confirmed)
        store.review.decide("anton", "edit", edited, {"type": new_type, "count": {"value": 7}})
        store.review.decide("anton", "reject", rejected)
        a, b = people[0], people[1]
        store.review.merge("anton", "entity", a.id, a.members, b.members)
        e1, e2 = [v.event for v in load_events(store).events][:2]  # the rejected incident is in none
        assert rejected not in e1.incidents + e2.incidents
        store.review.merge("anton", "event", e1.id, e1.incidents, e2.incidents)
        before = _records(_export(store), "incident")

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "extra.txt").write_text(EXTRA, encoding="utf-8")
    with SQLiteStore.open(db) as store:
        summary = build([SEEDS, extra], store, workers=1)
        assert summary.skipped == 5 and summary.added == 1
        assert build([SEEDS, extra], store, workers=1).skipped == 6  # and once more: nothing new
        assert store.review.incident(confirmed).status == "confirmed"  # type: ignore[union-attr]
        assert store.review.incident(rejected).status == "rejected"  # type: ignore[union-attr]
        read = {i.id: i for i in store.incidents()}
        assert rejected not in read and read[edited].type == new_type and read[edited].count.value == 7  # type: ignore[union-attr]
        join, forbid = store.review.pairs("entity")
        now = resolve_entities(store.entities(), join=join, forbid=forbid)
        assert now.global_id(a.members[0]) == now.global_id(b.members[0])
        holding = next(v.event for v in load_events(store).events if e1.incidents[0] in v.event.incidents)
        assert set(e2.incidents) <= set(holding.incidents)
        text = _export(store)
        after = {r["id"]: r for r in _records(text, "incident")}
        new_doc = next(d.id for d in store.documents() if d.ref.endswith("extra.txt"))
        added = sorted(i.id for i in store.incidents(new_doc))
    assert {r["id"]: r for r in before}.items() <= after.items()  # every decision as it was
    assert after[edited]["review"]["status"] == "edited" and after[rejected]["review"]["status"] == "rejected"
    assert after[edited]["type"] == new_type and after[edited]["review"]["edited"] == ["type", "count"]
    (tmp_path / "out.jsonl").write_text(text, encoding="utf-8")
    done = check(tmp_path / "out.jsonl")
    assert done.returncode == 0, done.stdout
    # Incident ids come from the document's bytes and the extraction: the same in any database.
    with SQLiteStore.open(tmp_path / "fresh.db") as fresh:
        build([extra], fresh, workers=1)
        assert sorted(i.id for i in fresh.incidents()) == added and added
