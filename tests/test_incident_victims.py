"""Victims of incidents: fictional sentences for the victim rules of `incident_victims` and
`incident_roles`, and the victim names the HRDsAttack mapping reads off an export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from docket.eval.harness import Exported
from docket.eval.hrdsattack import predict
from docket.extract.incident_victims import _proper
from docket.model import Incident


def _names(incidents: tuple[Incident, ...], kind: str) -> set[str | None]:
    return {v.name for i in incidents if i.type == kind for v in i.victims}


@pytest.mark.parametrize(
    ("text", "kind", "names"),
    [
        (  # the parser hangs the names on "years", far from "workers"
            "Two years have passed since armed men abducted Veltish aid workers, Lena Varko and her "
            "husband Piet Danel, and their colleagues Grace Mensah and Peter Okoro from a shelter in "
            "Velmora.",
            "kidnapping",
            {"Lena Varko", "Piet Danel", "Grace Mensah", "Peter Okoro"},
        ),
        (  # "namely:" opens the list; the parser makes the first name an adverbial of "targeted"
            "Officers raided the hall and arrested five labour activists namely: Dana Velko, "
            "Oren Bask, Rosa Astrel, Tomas Wrey, Joel Demmet, who are teachers.",
            "arrest",
            {"Dana Velko", "Oren Bask", "Rosa Astrel", "Tomas Wrey", "Joel Demmet"},
        ),
    ],
)
def test_victims_a_group_spelled_out_after_it(
    run: Callable[..., tuple[Incident, ...]], text: str, kind: str, names: set[str]
) -> None:
    assert names <= _names(run(text), kind)


def test_victims_a_spelled_out_list_skips_where_they_work(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = (
        "Two editors, Daniel Okafor from Harbour Radio and Peter Okoro, were jailed for months by the "
        "authorities in Velmora."
    )
    names = _names(run(text), "detention")
    assert {"Daniel Okafor", "Peter Okoro"} <= names
    assert not any(n and "Radio" in n for n in names)
    # a person named in an aside is not one of the group
    text = "Two reporters, Mira Tosk (a colleague of Tomas Wrey) and Ana Perel, were detained in Velmora."
    names = _names(run(text), "detention")
    assert "Mira Tosk" in names and "Tomas Wrey" not in names


def test_victims_listed_after_a_persons_affiliation(run: Callable[..., tuple[Incident, ...]]) -> None:
    # the parser joins the last name to "the Velmora Times", the affiliation before it
    text = "Police arrested Samuel Adeyemi of the Velmora Times and Peter Okoro on Friday."
    assert "Peter Okoro" in _names(run(text), "arrest")
    # not after a group: "members of the opposition leader and C"
    assert _names(run("Police harassed members of the opposition leader and Maria Velk."), "harassment") == {
        None
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Varko was arrested together with journalist Lina Dorsk on 3 May 2019.", "Lina Dorsk"),
        ("Mr. Tavlen was arrested with four others including poet Rami Vosk.", "Rami Vosk"),
    ],
)
def test_victims_arrested_with_the_patient(
    run: Callable[..., tuple[Incident, ...]], text: str, name: str
) -> None:
    assert name in _names(run(text), "arrest")


def test_victims_arrested_with_a_thing_is_no_company(run: Callable[..., tuple[Incident, ...]]) -> None:
    assert _names(run("Police arrested Jana Smiel with a warrant on Monday."), "arrest") == {"Jana Smiel"}


def test_victims_a_name_after_a_group_that_speaks_is_no_victim(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    assert _names(run("Police arrested two protesters, Jana Smiel said."), "arrest") == {None}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # tagged an organisation, "who" makes it a person
        ("• Tamsin Orlov, who was sentenced to six years in prison and 50 lashes", "Tamsin Orlov"),
        # the parser hangs the clause on the association; the name is the person it describes
        (
            "• Velio Marantz Kopp, the chair of the Dorvan Nurses’ Union, who was sentenced to "
            "nine months of prison for joining a strike",
            "Velio Marantz Kopp",
        ),
    ],
)
def test_victims_who_is_said_of_a_person(
    run: Callable[..., tuple[Incident, ...]], text: str, name: str
) -> None:
    assert name in _names(run(text), "prison_sentence")


def test_victims_an_infinitive_under_a_passive_is_active(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "A search warrant was used to arrest editor Lina Dorsk and organizer Pavo Menck."
    names = _names(run(text), "arrest")
    assert "Lina Dorsk" in names
    assert not any(n and "warrant" in n for n in names)


def test_victims_second_subject_of_a_custody_state(run: Callable[..., tuple[Incident, ...]]) -> None:
    # the parser makes the last name a second subject of "are"
    text = (
        "Still behind bars, however, are teacher Oren Bask and union stewards Rosa Astrel, "
        "Dana Velko, and Tomas Wrey Jr."
    )
    assert {"Oren Bask", "Tomas Wrey Jr."} <= _names(run(text), "detention")


def test_victims_a_name_the_parser_split_from_its_role(run: Callable[..., tuple[Incident, ...]]) -> None:
    # the parser reads "Wrey" as the subject of "shocked" and "activist" as the one killed
    text = "Protests spread after the murder of the well-known activist Tomas Wrey shocked Port Avarel."
    assert "Tomas Wrey" in _names(run(text), "killing")


def test_victims_subjected_to_a_trigger(run: Callable[..., tuple[Incident, ...]]) -> None:
    text = "Tomas Eker and Ilse Moravec told the court that they had been subjected to torture in Ketlin."
    assert {"Tomas Eker", "Ilse Moravec"} <= _names(run(text), "torture")
    text = "Guards subjected the prisoners Ilse Moravec and Oren Bask to torture."
    assert {"Ilse Moravec", "Oren Bask"} <= _names(run(text), "torture")


@pytest.mark.parametrize(
    "text",
    [
        "Judges in Ketlin confirmed four-year jail terms for the journalists Tomas Eker and Ilse Moravec.",
        "The court handed a five-year prison sentence to the journalists Tomas Eker and Ilse Moravec.",
        "The journalists Tomas Eker and Ilse Moravec received five-year prison sentences.",
    ],
)
def test_victims_of_a_prison_sentence_noun(run: Callable[..., tuple[Incident, ...]], text: str) -> None:
    assert {"Tomas Eker", "Ilse Moravec"} <= _names(run(text), "prison_sentence")
    text = "The court gave the journalist Tomas Eker a five-year prison sentence."
    assert "Tomas Eker" in _names(run(text), "prison_sentence")


def test_a_prison_sentence_served_or_a_laws_maximum_is_no_sentence(
    run: Callable[..., tuple[Incident, ...]],
) -> None:
    assert not _names(run("Tomas Eker is serving a ten-year prison sentence in Ketlin."), "prison_sentence")
    text = "The new law imposes prison sentences of up to 15 years for spreading false news."
    assert not [i for i in run(text) if i.type == "prison_sentence"]


def _parsed(nlp: Language, words: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    spaces = [True] * (len(words) - 1) + [False]
    return Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, heads=heads, deps=deps)


def test_victims_a_name_is_its_proper_nouns(nlp: Language) -> None:
    # "• Velio Kopp": the tagger may take the bullet for a proper noun of the name
    doc = _parsed(
        nlp, ["•", "Velio", "Kopp"], ["PROPN", "PROPN", "PROPN"], [2, 2, 2], ["compound", "compound", "ROOT"]
    )
    assert _proper(doc[2]).text == "Velio Kopp"


def _exported(text: str, incidents: list[dict], entities: list[dict]) -> Exported:
    doc = {"id": "h1", "ref": "r1", "text": text}
    by_doc: dict = defaultdict(lambda: defaultdict(list))
    by_doc["h1"]["incident"] = incidents
    return Exported({"r1": doc}, {e["id"]: e for e in entities}, by_doc, [])


def _incident(victim: str, law_enforcement: bool) -> dict:
    ohchr = None if law_enforcement else "arbitrary_detention"
    return {
        "type": "arrest", "mappings": {"ohchr": ohchr}, "victims": [{"entity": victim, "name": None}],
        "evidence": [{"start": 0, "end": 10}], "date": {"value": None}, "place": None,
        "perpetrators": [], "law_enforcement": law_enforcement,
    }  # fmt: skip


def _person(eid: str, name: str, mentions: list[tuple[str, str]]) -> dict:
    return {"id": eid, "type": "person", "name": name, "aliases": [], "mentions": [
        {"doc": doc, "text": text, "start": 0, "end": len(text)} for doc, text in mentions
    ]}  # fmt: skip


def test_hrdsattack_victims_of_law_enforcement_count() -> None:
    # the annotators name whom the state held, whether or not the article calls them suspects
    exported = _exported(
        "Police arrested Ravi Tulan.", [_incident("e1", law_enforcement=True)],
        [_person("e1", "Ravi Tulan", [("h1", "Ravi Tulan")])],
    )  # fmt: skip
    assert predict(exported, "r1", "2021-01-05").victims == ["Ravi Tulan"]


def test_hrdsattack_victim_spelt_as_the_document_spells_it() -> None:
    # the entity joins two articles' spellings; this article writes "Alaa Abdel Fattoum"
    person = _person(
        "e1",
        "Alaa Abd El Fattoum",
        [("h1", "Alaa Abdel Fattoum"), ("h1", "Fattoum"), ("h2", "Alaa Abd El Fattoum")],
    )
    exported = _exported("Police arrested Alaa Abdel Fattoum.", [_incident("e1", False)], [person])
    assert predict(exported, "r1", "2021-01-05").victims == ["Alaa Abdel Fattoum"]


def test_victims_an_of_after_a_later_item_is_that_items(run: Callable[..., tuple[Incident, ...]]) -> None:
    # The parser hangs "of X" on the first item of a list; it is the later item's when that item
    # names no event and X no one, and each event's when both name them.
    text = "Anger grew at the killings and culture of impunity in Velmora."
    assert {v.description for i in run(text) for v in i.victims} == set()
    # (a bare plural the "of" no longer anchors is a kind of act, and reports none)
    assert run("Anger grew at the rise in beatings and culture of impunity in Velmora.") == ()
    text = "Reports tell of the beating and torture of a bus driver by the mayor."
    assert {v.description for i in run(text) for v in i.victims} == {"bus driver"}
