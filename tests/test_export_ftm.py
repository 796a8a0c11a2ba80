"""`docket export --format ftm`: FollowTheMoney entities that validate against the FtM schema and
refer to each other correctly: articles, people, organisations, places as addresses, and events."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fictional_events import ONERROR, SCRIPT, corpus, event_set, seeds_db
from ftm_schema import schema, value_problem

from docket.cli import cli
from docket.export.ftm import export_ftm, ftm_entities
from docket.store import SQLiteStore

Entity = dict[str, Any]


def problems(entities: list[Entity]) -> list[str]:
    """Everything FtM would refuse: unknown or abstract schemata, unknown properties, missing required
    ones, invalid values, references to no entity or to one outside the property's range."""
    found = []
    schemata = {e["id"]: e["schema"] for e in entities}
    if len(schemata) != len(entities):
        found.append("duplicate ids")
    for e in entities:
        if set(e) != {"id", "schema", "properties"} or not isinstance(e["id"], str) or len(e["id"]) > 200:
            found.append(f"bad entity shape: {e!r:.80}")
            continue
        s = schema(e["schema"])
        if s.abstract:
            found.append(f"{e['id']}: abstract schema {s.name}")
        props = e["properties"]
        found += [f"{e['id']}: {s.name} lacks {r}" for r in s.required if not props.get(r)]
        for prop, values in props.items():
            kind = s.properties.get(prop)
            if kind is None:
                found.append(f"{e['id']}: {s.name} has no property {prop}")
                continue
            if not isinstance(values, list) or not values or len(set(values)) != len(values):
                found.append(f"{e['id']}: {prop} is not a list of distinct values")
                continue
            for v in values:
                if problem := value_problem(kind, v):
                    found.append(f"{e['id']}: {prop}: {problem}")
                if kind.startswith("entity:"):
                    target = schemata.get(v)
                    if target is None:
                        found.append(f"{e['id']}: {prop} refers to no entity: {v}")
                    elif not schema(target).is_a(kind.split(":")[1]):
                        found.append(f"{e['id']}: {prop} refers to a {target}, not a {kind.split(':')[1]}")
    return found


@pytest.fixture(scope="module")
def entities() -> list[Entity]:
    return ftm_entities(event_set())


def by_schema(entities: list[Entity], name: str) -> list[Entity]:
    return [e for e in entities if e["schema"] == name]


def named(entities: list[Entity], name: str) -> Entity:
    (found,) = [e for e in entities if name in e["properties"].get("name", [])]
    return found


def test_ftm_entities_validate_against_the_schema(entities: list[Entity]) -> None:
    assert problems(entities) == []
    assert {e["schema"] for e in entities} == {"Article", "Person", "Organization", "Address", "Event"}


def test_ftm_validation_catches_what_ftm_refuses() -> None:
    bad = [
        {"id": "a", "schema": "Event", "properties": {"name": ["x"], "involved": ["p"], "colour": ["red"]}},
        {"id": "p", "schema": "Address", "properties": {"name": ["Evin"], "country": ["Iran"]}},
        {"id": "d", "schema": "Article", "properties": {"name": ["t"], "proof": ["nowhere"]}},
    ]
    found = "\n".join(problems(bad))
    assert "Event has no property colour" in found and "involved refers to a Address" in found
    assert (
        "not a valid country" in found
        and "Article lacks fileName" in found
        and "refers to no entity" in found
    )


def test_ftm_articles_one_per_document(entities: list[Entity]) -> None:
    docs = [r.document for r in corpus()[0]]
    articles = by_schema(entities, "Article")
    assert sorted(a["id"] for a in articles) == sorted(d.id for d in docs)
    p = next(a for a in articles if a["properties"].get("sourceUrl") == ["https://example.org/p"])
    props = p["properties"]
    assert props["title"] == [f"Massacre {SCRIPT}"] and props["publisher"] == ["The Qarvesh Post"]
    assert props["fileName"] == ["p.html"] and props["bodyText"][0].startswith("On 14 March 2021")


def test_ftm_entities_by_type_with_their_proof(entities: list[Entity]) -> None:
    brigade = named(entities, f"{SCRIPT} Brigade")  # data, kept as is: the reader escapes on display
    person = named(entities, f"{ONERROR} Haddad")
    place = named(entities, "Qarvesh")
    assert (brigade["schema"], person["schema"], place["schema"]) == ("Organization", "Person", "Address")
    assert place["properties"]["country"] == ["xq"] and place["properties"]["full"] == ["Qarvesh"]
    assert len(place["properties"]["proof"]) == 2  # joined across the two documents


def test_ftm_events_refer_to_their_places_people_and_articles(entities: list[Entity]) -> None:
    events = {e["properties"]["keywords"][0]: e for e in by_schema(entities, "Event")}
    assert sorted(events) == ["arrest", "execution", "killing", "torture"]
    killing = events["killing"]["properties"]
    assert killing["name"] == ["Killing in Qarvesh (2021-03-14)"] and killing["date"] == ["2021-03-14"]
    assert killing["addressEntity"] == [named(entities, "Qarvesh")["id"]]
    assert killing["involved"] == [named(entities, f"{SCRIPT} Brigade")["id"]]  # places are not involved
    assert len(killing["proof"]) == 2 and killing["sourceUrl"] == ["https://example.org/p"]
    assert killing["publisher"] == ["Radio Tormund", "The Qarvesh Post"]
    description = killing["description"][0]
    assert "Reported: 45 ('45'), claimed by The Qarvesh Post" in description
    assert "claimed by the army" in description and description.count("Contradiction:") == 2
    assert "ACLED: Attack" in killing["keywords"]
    execution = events["execution"]["properties"]  # a decade: a start and an end, not a day
    assert (execution["startDate"], execution["endDate"]) == (["1980"], ["1989"]) and "date" not in execution
    assert events["arrest"]["properties"]["involved"] == [named(entities, f"{ONERROR} Haddad")["id"]]
    assert "date" not in events["torture"]["properties"] and events["torture"]["properties"]["name"] == [
        "Torture (undated)"
    ]


def test_ftm_export_writes_json_lines_deterministically() -> None:
    first, second = io.StringIO(), io.StringIO()
    counts = export_ftm(event_set(), first)
    export_ftm(event_set(), second)
    assert first.getvalue() == second.getvalue()
    lines = first.getvalue().splitlines()
    assert counts == {"Article": 2, "Organization": 2, "Address": 1, "Person": 1, "Event": 4}
    assert len(lines) == sum(counts.values())
    parsed = [json.loads(line) for line in lines]
    assert [e["schema"] for e in parsed][:2] == ["Article", "Article"] and parsed[-1]["schema"] == "Event"


@pytest.mark.seeds
def test_cli_export_ftm_on_the_seeds(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(seeds_db())
    out = tmp_path / "seeds.ftm.json"
    result = runner.invoke(cli, ["export", "--db", db, "--format", "ftm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert problems(entities) == []
    jsonl = runner.invoke(cli, ["export", "--db", db]).stdout
    events = {r["id"] for r in map(json.loads, jsonl.splitlines()) if r["kind"] == "event"}
    assert {e["id"] for e in by_schema(entities, "Event")} == events
    assert len(by_schema(entities, "Article")) == 5
    massacre = [e for e in by_schema(entities, "Event") if e["properties"].get("date") == ["1988"]]
    assert any("30,000" in e["properties"].get("description", [""])[0] for e in massacre)


def test_cli_export_ftm_of_a_small_store(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with SQLiteStore.open(db) as s:
        for r in corpus()[0]:
            s.write(r)
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "ftm"])
    assert result.exit_code == 0, result.output
    entities = [json.loads(line) for line in result.stdout.splitlines()]
    assert problems(entities) == [] and "Article 2" in result.stderr and "Event 5" in result.stderr
