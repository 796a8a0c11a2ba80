"""The JSONL export: the contract checker accepts it, it is byte-identical across builds, and entity
references point at the entities joined across documents."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from conftest import CHECK_EXPORT
from test_store import REJECTIONS, fictional_results

from docket.export.jsonl import export_jsonl
from docket.model import DocumentResult, EntityRef, Rejection
from docket.store import SQLiteStore
from docket.taxonomy import INCIDENT_TYPES

KEYS = {
    "document": [
        "kind", "id", "ref", "title", "author", "outlet", "published", "page_date", "text", "url", "found",
    ],
    "rejection": ["kind", "ref", "reason"],
    "entity": ["kind", "id", "type", "name", "aliases", "mentions", "members", "merges", "review"],
    "date": ["kind", "id", "doc", "start", "end", "text", "value", "precision"],
    "statement": [
        "kind", "id", "doc", "speaker", "cue", "content", "direct", "mode", "evidence",
        "source_span", "cue_span", "content_span",
    ],
    "incident": [
        "kind", "id", "doc", "type", "mappings", "date", "place", "perpetrators", "victims", "count",
        "attributed_to", "evidence", "law_enforcement", "review",
    ],
    "event": [
        "kind", "id", "type", "date", "place", "incidents", "figures", "outlets", "contradictions",
        "views", "reasons", "review",
    ],
}  # fmt: skip
ORDER = ["document", "rejection", "entity", "date", "statement", "incident", "event"]


def build(path: Path, results: list[DocumentResult], rejections: list[Rejection]) -> SQLiteStore:
    store = SQLiteStore.open(path)
    for r in results:
        store.write(r)
    for r in rejections:
        store.write_rejection(r)
    return store


def export_file(store: SQLiteStore, path: Path) -> Counter[str]:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        return export_jsonl(store, out)


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK_EXPORT), str(path)], capture_output=True, text=True)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_passes_the_contract_checker(tmp_path: Path) -> None:
    with build(tmp_path / "a.db", fictional_results(), REJECTIONS) as store:
        counts = export_file(store, tmp_path / "out.jsonl")
    done = check(tmp_path / "out.jsonl")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 problems" in done.stdout
    assert counts["document"] == 3 and counts["rejection"] == 2
    assert counts["date"] == 2 and counts["statement"] == 3 and counts["incident"] == 4
    assert sum(counts.values()) == len(records(tmp_path / "out.jsonl"))


def test_export_checker_catches_a_broken_export(tmp_path: Path) -> None:
    """The checker really checks: an evidence span that no longer matches its document fails."""
    with build(tmp_path / "a.db", fictional_results(), []) as store:
        export_file(store, tmp_path / "out.jsonl")
    recs = records(tmp_path / "out.jsonl")
    inc = next(r for r in recs if r["kind"] == "incident")
    inc["evidence"][0]["text"] = "something the document never said"
    (tmp_path / "bad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert check(tmp_path / "bad.jsonl").returncode == 1


def test_export_is_byte_identical_whatever_the_insertion_order(tmp_path: Path) -> None:
    results = fictional_results()
    with build(tmp_path / "one.db", results, REJECTIONS) as one:
        export_file(one, tmp_path / "one.jsonl")
    shuffled = [results[1], results[2], results[0]]
    with build(tmp_path / "two.db", shuffled, REJECTIONS[::-1]) as two:
        export_file(two, tmp_path / "two.jsonl")
    first = (tmp_path / "one.jsonl").read_bytes()
    assert first == (tmp_path / "two.jsonl").read_bytes()
    assert "Zoë Øvergaard".encode() in first  # ensure_ascii=False: text stays readable
    assert b"\r" not in first and first.endswith(b"\n")


def test_export_orders_kinds_and_keys_as_the_contract_says(tmp_path: Path) -> None:
    with build(tmp_path / "a.db", fictional_results(), REJECTIONS) as store:
        export_file(store, tmp_path / "out.jsonl")
    recs = records(tmp_path / "out.jsonl")
    kinds = [r["kind"] for r in recs]
    assert kinds == sorted(kinds, key=ORDER.index)
    for r in recs:
        assert list(r) == KEYS[r["kind"]], r["kind"]
    docs = [r for r in recs if r["kind"] == "document"]
    assert [d["id"] for d in docs] == sorted(d["id"] for d in docs)
    a = next(d for d in docs if d["ref"] == "a.html")
    assert a["title"] == "Teacher arrested in Qarvesh" and a["published"] == "2021-03-13"
    assert a["url"] == "https://example.org/a"
    meta = "html-meta"
    assert a["found"] == {"title": meta, "author": None, "outlet": meta, "published": meta, "page_date": None}
    for kind in ("date", "statement", "incident"):
        keyed = [
            (r["doc"], min(e["start"] for e in r.get("evidence", [r])), r["id"])
            for r in recs
            if r["kind"] == kind
        ]
        assert keyed == sorted(keyed), kind
    entity_ids = [r["id"] for r in recs if r["kind"] == "entity"]
    assert entity_ids == sorted(entity_ids)


def test_export_maps_entity_references_to_joined_entities(tmp_path: Path) -> None:
    with build(tmp_path / "a.db", fictional_results(), []) as store:
        local_ids = {e.id for e in store.entities()}
        export_file(store, tmp_path / "out.jsonl")
    recs = records(tmp_path / "out.jsonl")
    entities = {r["id"]: r for r in recs if r["kind"] == "entity"}
    refs = []
    for r in recs:
        if r["kind"] == "statement":
            refs.append(r["speaker"]["entity"])
        if r["kind"] == "incident":
            refs += [x["entity"] for x in r["perpetrators"] + r["victims"] + r["attributed_to"]]
            refs += [r["place"]["entity"]] if r["place"] else []
    named = [x for x in refs if x is not None]
    assert named and set(named) <= set(entities)
    assert not set(named) & local_ids  # no document-local id leaks into the export
    # Layla Haddani is named in two documents: both incidents point at one joined entity.
    victims = {r["type"]: r["victims"][0]["entity"] for r in recs if r["kind"] == "incident"}
    assert victims["arrest"] == victims["killing"] is not None
    haddani = entities[victims["arrest"]]
    assert haddani["name"] == "Layla Haddani" and len(haddani["members"]) == 2
    assert {m["doc"] for m in haddani["mentions"]} == {
        r["id"] for r in recs if r["kind"] == "document" and r["ref"] in ("a.html", "c.txt")
    }


def test_export_incidents_carry_taxonomy_mappings_and_details(tmp_path: Path) -> None:
    with build(tmp_path / "a.db", fictional_results(), []) as store:
        out = io.StringIO()
        export_jsonl(store, out)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    incidents = {r["type"]: r for r in recs if r["kind"] == "incident"}
    for t, r in incidents.items():
        m = INCIDENT_TYPES[t]
        assert r["mappings"] == {"ohchr": m.ohchr, "acled": m.acled, "plover": m.plover}
    detention = incidents["detention"]
    assert detention["count"] == {
        "value": None, "low": 14, "high": None, "qualifier": "at least", "text": "at least 14 teachers",
    }  # fmt: skip
    assert detention["place"] is None
    assert detention["attributed_to"][0]["cue"] == "said"
    assert incidents["killing"]["date"] == {"value": None, "precision": None, "text": None}
    quote = next(r for r in recs if r["kind"] == "statement" and r["direct"] and r["cue"] == "said")
    assert quote["content_span"]["text"] == "We will not be silenced,"
    assert quote["cue_span"]["text"] == "said"


def test_export_turns_a_dangling_entity_reference_into_null(tmp_path: Path) -> None:
    first = fictional_results()[0]
    orphan = replace(first.statements[0], speaker=EntityRef("ent-never-stored", "Someone"))
    result = replace(first, statements=(orphan, *first.statements[1:]))
    with build(tmp_path / "a.db", [result], []) as store:
        export_file(store, tmp_path / "out.jsonl")
    speakers = [r["speaker"] for r in records(tmp_path / "out.jsonl") if r["kind"] == "statement"]
    assert {"entity": None, "name": "Someone"} in speakers
    assert check(tmp_path / "out.jsonl").returncode == 0
