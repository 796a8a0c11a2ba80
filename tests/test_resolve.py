"""Entities joined across documents: shared names and taught aliases join; shared surnames alone do not."""

from __future__ import annotations

from docket.model import Entity, Evidence
from docket.resolve.aliases import resolve_entities


def _entity(doc: str, name: str, etype: str = "organization", aliases: tuple[str, ...] = ()) -> Entity:
    text = f"{name} " * 2
    mentions = (Evidence(doc, 0, len(name), name),)
    assert text.startswith(name)
    return Entity(f"ent-{doc}-{name}", doc, etype, name, aliases, mentions)  # type: ignore[arg-type]


def test_resolve_joins_through_taught_acronym():
    a = _entity("d1", "Coastal Guard Corps", aliases=("CGC",))
    b = _entity("d2", "CGC")
    c = _entity("d3", "Coastal Guards", aliases=("CGC",))
    r = resolve_entities([a, b, c])
    assert len(r.entities) == 1
    e = r.entities[0]
    assert e.name == "Coastal Guard Corps" and set(e.aliases) == {"CGC", "Coastal Guards"}
    assert {r.global_id(x.id) for x in (a, b, c)} == {e.id}
    assert len(e.mentions) == 3


def test_resolve_surname_joins_unique_full_name_only():
    full = _entity("d1", "Marta Ellison", "person")
    lone = _entity("d2", "Ellison", "person")
    r = resolve_entities([full, lone])
    assert r.global_id(full.id) == r.global_id(lone.id)
    # a second Ellison in the corpus: the lone surname is ambiguous and stays apart
    other = _entity("d3", "Jonas Ellison", "person")
    r = resolve_entities([full, lone, other])
    assert len({r.global_id(x.id) for x in (full, lone, other)}) == 3


def test_resolve_surname_not_joined_when_its_document_names_another():
    son = _entity("d1", "Pieter Vosloo", "person")
    father = _entity("d1", "Vosloo", "person")  # its own document names Pieter: Vosloo is someone else
    r = resolve_entities([son, father])
    assert r.global_id(son.id) != r.global_id(father.id)


def test_resolve_places_never_join_people():
    place = _entity("d1", "Avarel", "place")
    person = _entity("d2", "Avarel", "person")
    r = resolve_entities([place, person])
    assert r.global_id(place.id) != r.global_id(person.id)


def test_resolve_is_order_independent():
    ents = [
        _entity("d1", "Coastal Guard Corps", aliases=("CGC",)),
        _entity("d2", "CGC"),
        _entity("d2", "Marta Ellison", "person"),
        _entity("d3", "Ellison", "person"),
    ]
    assert resolve_entities(ents) == resolve_entities(list(reversed(ents)))
