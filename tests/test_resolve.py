"""Entities joined across documents: shared names (legal forms folded), taught aliases, acronyms,
qualifiers written two ways, transliteration variants, short organisation names and roles join, each
join logged and undoable; shared surnames alone do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.build import build
from docket.model import Entity, Evidence
from docket.resolve.aliases import Resolution, resolve_entities
from docket.store import open_store


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


# Cross-document rules: transliteration, titles, acronyms, short names, roles; the merge log; undoing.


def _by_name(r: Resolution, name: str) -> str:
    return next(e.id for e in r.entities if e.name == name)


def test_resolve_joins_transliteration_variants_of_a_full_name():
    a = _entity("d1", "Ali Velkani", "person")
    b = _entity("d2", "Ali Velkni", "person")
    c = _entity("d3", "Ali Velkany", "person")  # y / i: one letter apart in a long surname
    r = resolve_entities([a, b, c])
    assert r.global_id(a.id) == r.global_id(b.id) == r.global_id(c.id)
    [m] = [m for m in r.merges if {m.source, m.target} == {a.id, b.id}]
    assert m.reason.startswith("transliteration variant: ") and "Velkni" in m.reason and "Velkani" in m.reason
    assert m.score == pytest.approx(0.947, abs=0.001) and "(score 0.95)" in m.reason


def test_resolve_joins_romanisations_of_an_organisation():
    a = _entity("d1", "Kestrava Mojahedin Organization")
    b = _entity("d2", "Kestrava Mujahideen Organization")
    c = _entity("d3", "Mujahedin-e-Kestrav")
    d = _entity("d4", "Mojahedin Kestrav")
    r = resolve_entities([a, b, c, d])
    assert r.global_id(a.id) == r.global_id(b.id)
    assert r.global_id(c.id) == r.global_id(d.id)
    assert r.global_id(a.id) != r.global_id(c.id)  # two names, nothing ties them


def test_resolve_same_surname_different_people_stay_apart():
    ali = _entity("d1", "Ali Velkani", "person")
    sadegh = _entity("d2", "Sadegh Velkani", "person")
    sadegh_variant = _entity("d3", "Sadegh Velkni", "person")
    hassan = _entity("d4", "Hassan Sadeghi", "person")
    hossein = _entity("d5", "Hossein Sadeqi", "person")  # a variant surname, another first name
    reza = _entity("d6", "Reza Mohammadi", "person")
    reza2 = _entity("d7", "Reza Mohammad", "person")
    r = resolve_entities([ali, sadegh, sadegh_variant, hassan, hossein, reza, reza2])
    assert r.global_id(sadegh.id) == r.global_id(sadegh_variant.id)
    assert r.global_id(ali.id) != r.global_id(sadegh.id)
    assert r.global_id(hassan.id) != r.global_id(hossein.id)
    assert r.global_id(reza.id) != r.global_id(reza2.id)
    # a lone surname shared by two people in the corpus joins neither
    lone = _entity("d8", "Velkani", "person")
    r = resolve_entities([ali, sadegh, lone])
    assert len({r.global_id(x.id) for x in (ali, sadegh, lone)}) == 3


def test_resolve_lone_surname_variant_joins_the_one_person():
    full = _entity("d1", "Ali Velkani", "person")
    lone = _entity("d2", "Velkni", "person")
    r = resolve_entities([full, lone])
    assert r.global_id(full.id) == r.global_id(lone.id)
    [m] = r.merges
    assert m.reason.startswith("lone surname: Velkni") and m.score == pytest.approx(0.9 * 0.923, abs=0.001)


def test_resolve_strips_honorifics_and_possessives():
    ayatollah = _entity("d1", "Ayatollah Javad Nourbakhsh")  # NER called it an organisation
    javad = _entity("d2", "Javad Nourbakhsh", "person")
    mister = _entity("d3", "Mr. Nourbakhsh", "person")
    union = _entity("d4", "Kestrava Workers Union’s")
    union2 = _entity("d5", "the Kestrava Workers Union")
    r = resolve_entities([ayatollah, javad, mister, union, union2])
    assert len({r.global_id(x.id) for x in (ayatollah, javad, mister)}) == 1
    assert r.global_id(union.id) == r.global_id(union2.id)
    supreme = _entity("d6", "Supreme Court")
    court = _entity("d7", "Court")
    r = resolve_entities([supreme, court])
    assert r.global_id(supreme.id) != r.global_id(court.id)  # an institution is not stripped


def test_resolve_joins_an_acronym_to_the_one_long_name():
    un = _entity("d1", "UN")
    nations = _entity("d2", "United Nations")
    us = _entity("d3", "U.S.", "place")
    states = _entity("d4", "United States", "place")
    r = resolve_entities([un, nations, us, states])
    assert r.global_id(un.id) == r.global_id(nations.id)
    assert r.global_id(us.id) == r.global_id(states.id)
    assert r.entities[0].merges[0].reason.startswith("acronym: ")
    # two long names with these initials: no guess
    cgc = _entity("d5", "CGC")
    r = resolve_entities([cgc, _entity("d6", "Coastal Guard Corps"), _entity("d7", "Central Grain Council")])
    assert len({r.global_id(e) for e in r.ids}) == 3


def test_resolve_joins_a_short_organisation_name():
    long = _entity("d1", "People’s Mojahedin Organization of Kestrava", aliases=("PMOK",))
    short = _entity("d2", "Mujahedin")
    r = resolve_entities([long, short])
    assert r.global_id(long.id) == r.global_id(short.id)
    [m] = r.merges
    assert m.reason.startswith("short name: Mujahedin") and "spelled mojahedin there" in m.reason
    # shared by two organisations, or the name of a place: stays apart
    bank, institute, samen = (
        _entity("d1", "Samen Bank"),
        _entity("d2", "Samen Institute"),
        _entity("d3", "Samen"),
    )
    r = resolve_entities([bank, institute, samen])
    assert len(r.entities) == 3
    place = _entity("d4", "Mujahedin", "place")
    r = resolve_entities([long, short, place])
    assert r.global_id(short.id) != r.global_id(long.id)


def test_resolve_folds_legal_forms_and_spellings_of_organisations():
    inc, bare = _entity("d1", "Kestrel Inc."), _entity("d2", "Kestrel")
    ltd = _entity("d3", "Kestrel, Ltd.")
    r = resolve_entities([inc, bare, ltd])
    [e] = r.entities
    assert e.name == "Kestrel Inc." and set(e.aliases) == {"Kestrel", "Kestrel, Ltd."}
    assert all(m.reason.startswith("same name once legal forms") and m.score == 0.95 for m in r.merges)
    nv = _entity("d1", "Orvane Defence & Space N.V.")
    company = _entity("d2", "Orvane Defense & Space Company")
    acronym = _entity("d3", "ODS")
    r = resolve_entities([nv, company, acronym])
    assert len(r.entities) == 1  # spelling and legal form folded, then the one long name of ODS
    # a legal form makes a company: its bare name joins no person; a generic word keeps its legal form
    person = _entity("d4", "Kestrel", "person")
    r = resolve_entities([inc, person])
    assert r.global_id(inc.id) != r.global_id(person.id)
    r = resolve_entities([_entity("d1", "National Co."), _entity("d2", "National")])
    assert len(r.entities) == 2


def test_resolve_short_name_never_takes_another_companys_own_name():
    corps, bare, inc = _entity("d1", "Kestrel Corps"), _entity("d2", "Kestrel"), _entity("d3", "Kestrel Inc.")
    r = resolve_entities([corps, bare])
    assert r.global_id(bare.id) == r.global_id(corps.id)  # "Kestrel" is short for Kestrel Corps...
    r = resolve_entities([corps, bare, inc])
    assert r.global_id(bare.id) == r.global_id(inc.id)  # ...unless a company is called Kestrel
    assert r.global_id(corps.id) != r.global_id(bare.id)
    assert not any(m.reason.startswith("short name") for m in r.merges)


def test_resolve_joins_names_whose_leading_name_is_written_two_ways():
    up, provinces = _entity("d1", "U.P.", "place"), _entity("d2", "United Provinces", "place")
    short = _entity("d3", "U.P. Coast Guard")
    long = _entity("d4", "United Provinces Coast Guard")
    bare, royal = _entity("d5", "Coast Guard"), _entity("d6", "Royal Coast Guard")
    r = resolve_entities([up, provinces, short, long, bare, royal])
    assert r.global_id(short.id) == r.global_id(long.id)
    [m] = [m for m in r.merges if m.entity == r.global_id(long.id)]
    assert m.reason == (
        "same name, United Provinces = U.P. already joined: United Provinces Coast Guard = U.P. Coast Guard"
    )
    assert len({r.global_id(x.id) for x in (long, bare, royal)}) == 3  # "Coast Guard": whose?
    assert r.global_id(long.id) != r.global_id(up.id)
    # without U.P. = United Provinces in the corpus, nothing ties the two
    r = resolve_entities([short, long])
    assert r.global_id(short.id) != r.global_id(long.id)


def test_resolve_variants_never_join_places_to_people():
    place = _entity("d1", "Teheran", "place")
    person = _entity("d2", "Tehran", "person")
    org = _entity("d3", "Tehran")
    r = resolve_entities([place, person, org])
    assert r.global_id(place.id) not in (r.global_id(person.id), r.global_id(org.id))


def _mention(doc: str, text: str, name: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Evidence(doc, start, start + len(name), name)


def test_resolve_roles_tied_by_a_document():
    t1 = "Supreme Leader Arash Velkani spoke. Later the Supreme Leader said more."
    t2 = "The Supreme Leader is feared. Arash Velkani travelled."  # no tie in this document
    a1 = Entity("e-a1", "d1", "person", "Arash Velkani", (), (_mention("d1", t1, "Arash Velkani"),))
    a2 = Entity("e-a2", "d2", "person", "Arash Velkani", (), (_mention("d2", t2, "Arash Velkani"),))
    r = resolve_entities([a1, a2], texts={"d1": t1, "d2": t2})
    [e] = r.entities
    later = t1.index("Supreme Leader", 10)
    assert [(m.doc, m.start) for m in e.mentions if m.text == "Supreme Leader"] == [("d1", later)]
    assert "Supreme Leader" in e.aliases
    role = next(m for m in e.merges if m.source == "Supreme Leader")
    assert role.target == a1.id and role.reason.startswith("role tied to the name in its document")
    # without the texts, roles are not read
    assert all(m.text != "Supreme Leader" for m in resolve_entities([a1, a2]).entities[0].mentions)
    # the reviewer undoes the role
    r = resolve_entities([a1, a2], texts={"d1": t1, "d2": t2}, forbid=[role])
    assert all(m.text != "Supreme Leader" for m in r.entities[0].mentions)


def test_resolve_role_tied_to_two_people_names_neither():
    t = "President Arash Velkani met Vice President Farid Kamali. Then the President Arash Velkani left."
    t += " Supreme Leader Arash Velkani and Supreme Leader Farid Kamali argued; the Supreme Leader won."
    a = Entity("e-a", "d1", "person", "Arash Velkani", (), (_mention("d1", t, "Arash Velkani"),))
    f = Entity("e-f", "d1", "person", "Farid Kamali", (), (_mention("d1", t, "Farid Kamali"),))
    r = resolve_entities([a, f], texts={"d1": t})
    assert not r.merges and all(len(e.mentions) == 1 for e in r.entities)


def test_resolve_merge_log_spans_each_group():
    ents = [
        _entity("d1", "Coastal Guard Corps", aliases=("CGC",)),
        _entity("d2", "CGC"),
        _entity("d3", "Coastal Guards", aliases=("CGC",)),
        _entity("d1", "Ali Velkani", "person"),
        _entity("d2", "Ali Velkni", "person"),
        _entity("d3", "Velkani", "person"),
        _entity("d4", "Kestrava", "place"),
    ]
    r = resolve_entities(ents)
    for e in r.entities:
        assert len(e.merges) == len(e.members) - 1
        assert all(m.entity == e.id and {m.source, m.target} <= set(e.members) for m in e.merges)
        assert all(0 < m.score <= 1 and m.reason for m in e.merges)
    assert r.merges == [m for e in r.entities for m in e.merges]


def test_resolve_undoing_a_merge_splits_exactly_that_group():
    ents = [
        _entity("d1", "Coastal Guard Corps", aliases=("CGC",)),
        _entity("d2", "CGC"),
        _entity("d3", "Coastal Guards", aliases=("CGC",)),
        _entity("d1", "Ali Velkani", "person"),
        _entity("d2", "Ali Velkni", "person"),
        _entity("d4", "Kestrava", "place"),
        _entity("d5", "Kestrava", "place"),
    ]
    before = resolve_entities(ents)
    velkani = before.global_id("ent-d1-Ali Velkani")
    [undo] = [m for m in before.merges if m.entity == velkani]
    for forbid in ([undo], [("ent-d2-Ali Velkni", "ent-d1-Ali Velkani")], [("Ali Velkni", "Ali Velkani")]):
        after = resolve_entities(ents, forbid=forbid)
        assert after.global_id(undo.source) != after.global_id(undo.target)
        untouched = [e for e in before.entities if e.id != velkani]
        assert [e for e in after.entities if e.id in {u.id for u in untouched}] == untouched
        assert len(after.entities) == len(before.entities) + 1
        assert undo not in after.merges
    # undoing one join of a three-member group takes that member out and keeps the other two together
    cgc = before.global_id("ent-d2-CGC")
    undo = next(m for m in before.merges if m.entity == cgc and m.source == "ent-d3-Coastal Guards")
    after = resolve_entities(ents, forbid=[undo])
    assert after.global_id("ent-d3-Coastal Guards") != after.global_id(undo.target)
    assert len({after.global_id(x) for x in ("ent-d1-Coastal Guard Corps", "ent-d2-CGC")}) == 1
    assert {after.global_id(x) for x in before.ids if before.ids[x] == cgc} != {cgc}  # split...
    assert len(after.entities) == len(before.entities) + 1  # ...into two


def test_resolve_new_rules_are_order_independent():
    ents = [
        _entity("d1", "People’s Mojahedin Organization of Kestrava", aliases=("PMOK",)),
        _entity("d2", "Mujahedin"),
        _entity("d3", "UN"),
        _entity("d4", "United Nations"),
        _entity("d1", "Ali Velkani", "person"),
        _entity("d2", "Ali Velkni", "person"),
        _entity("d3", "Velkani", "person"),
        _entity("d5", "Kestrel Inc."),
        _entity("d6", "Kestrel"),
        _entity("d7", "Kestrel Corps"),
        _entity("d5", "U.P.", "place"),
        _entity("d6", "United Provinces", "place"),
        _entity("d7", "U.P. Coast Guard"),
        _entity("d8", "United Provinces Coast Guard"),
    ]
    assert resolve_entities(ents) == resolve_entities(list(reversed(ents)))


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Entity], dict[str, str]]:
    with open_store(str(tmp_path_factory.mktemp("names") / "seeds.db")) as store:
        build([seeds_dir], store, workers=1)
        return store.entities(), {d.id: d.text for d in store.documents()}


def _carrying(r: Resolution, name: str) -> set[str]:
    return {e.id for e in r.entities if name in (e.name, *e.aliases)}


@pytest.mark.seeds
def test_resolve_seeds(seeds: tuple[list[Entity], dict[str, str]]) -> None:
    entities, texts = seeds
    r = resolve_entities(entities, texts=texts)
    # Mojahedin (002), Mujahedin (004), MEK, PMOI: one organisation
    pmoi = set.union(
        *(
            _carrying(r, n)
            for n in (
                "People’s Mojahedin Organization of Iran",
                "People’s Mujahedin Organization of Iran",
                "Mujahedin-e-Khalq",
                "Mojahedin",
                "MEK",
                "PMOI",
            )
        )
    )
    assert len(pmoi) == 1
    [mojahedin] = [m for m in r.merges if m.entity in pmoi and m.reason.startswith("short name: Mojahedin")]
    assert mojahedin.score == 0.8
    # Pour-Mohammadi and Pourmohammadi (003): one person
    [pour] = [e for e in r.entities if "Pour" in e.name]
    assert {m.text for m in pour.mentions} >= {"Mostafa Pourmohammadi", "Mostafa Pour-Mohammadi"}
    # Larijni (002) is the only spelling of Larijani in the seeds: one entity
    assert len([e for e in r.entities if "larij" in e.name.casefold()]) == 1
    # Ali Khamenei and Khomeini (and Ahmad Khomeini) stay apart
    khamenei = _carrying(r, "Ali Khamenei")
    assert len(khamenei) == 1 and not khamenei & (_carrying(r, "Khomeini") | _carrying(r, "Ahmad Khomeini"))
    assert _carrying(r, "Khomeini") != _carrying(r, "Ahmad Khomeini")
    # "The Supreme Leader" (004) is Ali Khamenei there, who 004 calls "Supreme Leader Ali Khamenei"
    [k] = [e for e in r.entities if e.id in khamenei]
    assert any(m.source == "Supreme Leader" for m in k.merges)
    # every join is logged; acronyms joined
    assert _carrying(r, "UN") == _carrying(r, "United Nations")
    assert all(len([m for m in e.merges if m.source in e.members]) == len(e.members) - 1 for e in r.entities)
