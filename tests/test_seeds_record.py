"""The seeds' record against what a careful reader finds in them (tests/seeds_expected.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from conftest import SeedExport
from seeds_expected import ALIASES, DATES, DISTINCT, INCIDENTS, STATEMENTS, Fact


@pytest.fixture(scope="session")
def record(seed_export_records: SeedExport) -> dict[str, Any]:
    """The seeds' export by seed number and kind."""
    recs, seed_of = seed_export_records.records, seed_export_records.seed_of
    by_seed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in recs:
        if "doc" in r and r["kind"] in ("incident", "statement", "date"):
            by_seed[(seed_of[r["doc"]], r["kind"])].append(r)
    entities = [r for r in recs if r["kind"] == "entity"]
    return {"by_seed": by_seed, "entities": entities, "names": {e["id"]: e["name"] for e in entities}}


def _has(value: str | None, want: str) -> bool:
    return value is not None and want.casefold() in value.casefold()


def _incident_matches(i: dict[str, Any], want: Fact) -> bool:
    count, place = i["count"] or {}, i["place"] or {}
    checks = {
        "type": lambda w: i["type"] == w,
        "date": lambda w: i["date"]["value"] == w,
        "count": lambda w: count.get("value") == w,
        "count_low": lambda w: count.get("low") == w,
        "qualifier": lambda w: _has(count.get("qualifier"), w),
        "place": lambda w: _has(place.get("name"), w),
        "country": lambda w: place.get("country") == w,
        "perpetrator": lambda w: any(_has(p["name"], w) for p in i["perpetrators"]),
        "category": lambda w: any(p["category"] == w for p in i["perpetrators"]),
        "victim": lambda w: any(_has(v["name"], w) or _has(v["description"], w) for v in i["victims"]),
        "attributed_to": lambda w: any(_has(a["name"], w) for a in i["attributed_to"]),
        "cue": lambda w: any(_has(a["cue"], w) for a in i["attributed_to"]),
    }
    return all(checks[k](v) for k, v in want.items() if k not in ("seed", "kind"))


def _statement_matches(s: dict[str, Any], want: Fact) -> bool:
    checks = {
        "speaker": lambda w: _has(s["speaker"]["name"], w),
        "cue": lambda w: _has(s["cue"], w),
        "direct": lambda w: s["direct"] is w,
        "content": lambda w: _has(s["content"], w),
    }
    return all(checks[k](v) for k, v in want.items() if k not in ("seed", "kind"))


def _found(record: dict[str, Any], kind: str, want: Fact) -> bool:
    candidates = record["by_seed"][(want["seed"], kind)]
    match = _incident_matches if kind == "incident" else _statement_matches
    return any(match(c, want) for c in candidates)


def _label(want: Fact) -> str:
    return " ".join(f"{k}={v}" for k, v in want.items())


@pytest.mark.seeds
@pytest.mark.parametrize("want", INCIDENTS, ids=_label)
def test_seeds_record_incident(record, want):
    assert _found(record, "incident", want), [
        (i["type"], i["date"]["value"], i["count"], [v["description"] or v["name"] for v in i["victims"]])
        for i in record["by_seed"][(want["seed"], "incident")]
        if i["type"] == want["type"]
    ]


@pytest.mark.seeds
@pytest.mark.parametrize("want", STATEMENTS, ids=_label)
def test_seeds_record_statement(record, want):
    assert _found(record, "statement", want), [
        (s["speaker"]["name"], s["cue"]) for s in record["by_seed"][(want["seed"], "statement")]
    ]


@pytest.mark.seeds
@pytest.mark.parametrize("want", DATES, ids=_label)
def test_seeds_record_date(record, want):
    dates = [d for d in record["by_seed"][(want["seed"], "date")] if d["text"] == want["text"]]
    assert dates, f"no date mention {want['text']!r}"
    assert all(d["value"] == want["value"] for d in dates), dates
    if "precision" in want:
        assert all(d["precision"] == want["precision"] for d in dates), dates


@pytest.mark.seeds
@pytest.mark.parametrize("names", ALIASES, ids=lambda n: "=".join(n))
def test_seeds_record_aliases_join(record, names):
    assert any(
        all(
            any(_has(form, n) and len(form) <= len(n) + 2 for form in (e["name"], *e["aliases"]))
            for n in names
        )
        for e in record["entities"]
    ), names


@pytest.mark.seeds
@pytest.mark.parametrize("names", DISTINCT, ids=lambda n: "/".join(n))
def test_seeds_record_distinct_people_stay_apart(record, names):
    for e in record["entities"]:
        forms = {f.casefold() for f in (e["name"], *e["aliases"])}
        assert sum(n.casefold() in forms for n in names) <= 1, e
