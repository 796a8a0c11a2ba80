"""Regression gate for cross-document coreference: MEANTIME (airbus topic, first 20 articles)
through the real build, scored by `docket eval meantime-crossdoc`.

Floors sit a few points under the figures measured when they were set (in the comments); a change
that loses entity coreference fails here. The like-for-like rows (`[found]`, `[all+backoff]`: docket
and the baseline cluster the same gold mentions) and the end-to-end ones (`[all]`) both have floors.
The `[found]`/`[all]` event rows have no floor: docket's incident types barely occur in MEANTIME's
business news (docs/accuracy.md), so those figures are those of every mention alone. The
`[gold events]` rows (docket/eval/crossdoc_events.py: the event matcher on every gold event mention
made a pseudo-incident) have. Runs in about 7 s on one core.
"""

from __future__ import annotations

from pathlib import Path

from docket.eval import evaluate
from docket.eval.crossdoc import match_entities, match_incidents
from docket.eval.crossdoc_events import cluster, pseudo_incident, read_facts
from docket.eval.crossdoc_gold import GoldMention, read_doc
from docket.eval.crossdoc_scoring import backoff

DOCS = 20
FLOORS = {
    # like for like: docket and the baseline cluster the same gold mentions (docket/eval/crossdoc.py)
    "[found] entity CoNLL F1": 81.0,  # measured 84.29 (same head lemma 82.19)
    "[found] entity named CoNLL F1": 82.0,  # measured 85.25 (same head lemma 83.16)
    "[all+backoff] entity named CoNLL F1": 77.0,  # measured 80.27 (same head lemma 78.51)
    # end to end: docket's missed mentions are singletons, the baseline is given them all
    "[all] entity CoNLL F1": 54.0,  # measured 57.14 (same head lemma 62.36)
    "[all] entity cross-doc link F1": 53.0,  # measured 56.62 (same head lemma 54.93)
    "[all] entity named CoNLL F1": 74.0,  # measured 77.20 (same head lemma 78.51)
    "[all] entity named B3 F1": 79.0,  # measured 82.07 (same head lemma 81.55)
    "[all] entity named cross-doc link F1": 81.0,  # measured 84.84 (same head lemma 85.81)
    # the event matcher on every gold event mention (docket/eval/crossdoc_events.py); every mention
    # alone scores CoNLL F1 57.95 and B3 F1 89.84 on these 461 mentions
    "[gold events] event CoNLL F1": 58.0,  # measured 60.44 (same head lemma 61.29)
    "[gold events] event B3 F1": 88.0,  # measured 90.00 (same head lemma 74.88)
}


def test_crossdoc_accuracy_floors() -> None:
    report = evaluate("meantime-crossdoc", limit=DOCS, workers=1)  # raises when the gold data is missing
    assert report.documents == DOCS
    assert not report.below(FLOORS), f"cross-document coreference under its floors: {report.below(FLOORS)}"
    for m in report.metrics:
        assert m.baseline is not None and m.baseline_name == "same head lemma"
    assert any(m.name == "[all] event CoNLL F1" for m in report.metrics)
    found, every = (
        next(m for m in report.metrics if m.name == f"{s} entity CoNLL F1") for s in ("[found]", "[all]")
    )
    assert found.support is not None and every.support is not None and found.support < every.support
    # [gold events]: every gold event mention, so the baseline is the [all] one on the same mentions
    for metric in ("CoNLL F1", "cross-doc link F1"):
        ours, all_events = (next(m for m in report.metrics if m.name == f"{s} event {metric}")
                            for s in ("[gold events]", "[all]"))  # fmt: skip
        assert ours.baseline == all_events.baseline and ours.support == all_events.support


def _mention(mid: str, cluster: str, lemma: str) -> GoldMention:
    return GoldMention("d", mid, "entity", 0, 1, None, cluster, True, lemma)


def test_backoff_gives_missed_mentions_the_entity_of_their_head_lemma() -> None:
    gold = [_mention("1", "A", "acme"), _mention("2", "A", "acme"), _mention("3", "A", "acme"),
            _mention("4", "B", "it"), _mention("5", "B", "it"), _mention("6", "C", "acme")]  # fmt: skip
    response = {("d", "1"): "ent-acme", ("d", "2"): "ent-acme", ("d", "6"): "ent-other"}
    assert backoff(gold, response) == {
        ("d", "1"): "ent-acme", ("d", "2"): "ent-acme", ("d", "6"): "ent-other",
        ("d", "3"): "ent-acme",  # most found mentions of "acme" are in ent-acme
        ("d", "4"): "lemma:it", ("d", "5"): "lemma:it",  # no found mention of "it": the baseline's cluster
    }  # fmt: skip


CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Acme_sues_Bolt" lang="en">
<token t_id="1" sentence="0" number="0">Acme</token><token t_id="2" sentence="0" number="1">sues</token>
<token t_id="3" sentence="0" number="2">Bolt</token>
<token t_id="4" sentence="1" number="3">May</token><token t_id="5" sentence="1" number="4">1</token>
<token t_id="6" sentence="1" number="5">,</token><token t_id="7" sentence="1" number="6">2007</token>
<token t_id="8" sentence="2" number="7">Acme</token><token t_id="9" sentence="2" number="8">Corp.</token>
<token t_id="10" sentence="2" number="9">sued</token><token t_id="11" sentence="2" number="10">its</token>
<token t_id="12" sentence="2" number="11">rival</token><token t_id="13" sentence="2" number="12">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM" head="Acme"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM" head="Bolt"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM" head="Acme Corp.">
<token_anchor t_id="8"/><token_anchor t_id="9"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM" head="rival"><token_anchor t_id="11"/><token_anchor t_id="12"/>
</ENTITY_MENTION>
<EVENT_MENTION m_id="5" pred="sue"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="6" pred="sue"><token_anchor t_id="10"/></EVENT_MENTION>
<TIMEX3 m_id="7" functionInDocument="CREATION_TIME" type="DATE" value="2007-05-01">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/></TIMEX3>
<ENTITY m_id="20" instance_id="ORG1" ent_type="ORG"/><ENTITY m_id="21" ent_type="ORG"/>
<EVENT m_id="22" instance_id="OTH9" class="OTHER"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><source m_id="4"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="5"/><source m_id="6"/><target m_id="22"/></REFERS_TO>
</Relations></Document>
"""


def test_reader_keeps_the_headline_drops_the_dateline_and_reads_clusters(tmp_path: Path) -> None:
    path = tmp_path / "1_Acme_sues_Bolt.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = read_doc(path)
    assert doc.text == "Acme sues Bolt\n\nAcme Corp. sued its rival."
    assert (doc.title, doc.dct) == ("Acme sues Bolt", "2007-05-01")
    got = {m.id: (doc.text[m.start : m.end], m.cluster, m.named, m.kind) for m in doc.mentions}
    assert got == {
        "1": ("Acme", "ORG1", True, "entity"),
        "2": ("Bolt", "1_Acme_sues_Bolt#21", True, "entity"),  # no instance: a cluster of this document
        "3": ("Acme Corp.", "ORG1", True, "entity"),
        "4": ("its rival", "1_Acme_sues_Bolt#21", False, "entity"),
        "5": ("sues", "OTH9", False, "event"),
        "6": ("sued", "OTH9", False, "event"),
    }
    rival = next(m for m in doc.mentions if m.id == "4")
    assert doc.text[slice(*rival.head)] == "rival"  # MEANTIME's head words


def test_matching_uses_the_gold_head_and_the_trigger_lexicon() -> None:
    gold = [(("d", "1"), (0, 15), (10, 15)), (("d", "2"), (10, 15), (10, 15))]  # "Apple CEO Jobs", "Jobs"
    system = [(0, 5, "apple", "organization"), (10, 15, "jobs", "person")]
    assert match_entities(gold, system) == {("d", "1"): "jobs", ("d", "2"): "jobs"}
    events = [(("d", "5"), (3, 8), "say"), (("d", "6"), (20, 26), "arrest"), (("d", "7"), (40, 44), "kill")]
    incidents = [(0, 30, "event-1", "arrest"), (35, 60, "event-2", "killing"), (70, 80, "event-3", "trial")]
    assert match_incidents(events, incidents) == {("d", "6"): "event-1", ("d", "7"): "event-2"}


def _record(kind: str, **fields: object) -> dict[str, object]:
    return {"kind": kind, **fields}


def _at(doc: str, start: int, text: str) -> dict[str, object]:
    return {"doc": doc, "start": start, "end": start + len(text), "text": text}


TEXT = "Acme bought Bolt in Paris on 3 May. Acme said so.\n\nZed bought Bolt."
OTHER = "Acme bought Bolt in Paris on 3 May."


def test_gold_event_mentions_become_pseudo_incidents_from_the_export() -> None:
    doc, other = "doc-1", "doc-2"
    exported = [
        _record("document", id=doc, ref="gold-1", text=TEXT, title="Acme buys Bolt"),
        _record("document", id=other, ref="gold-2", text=OTHER, title=None),
        _record("date", doc=doc, start=29, end=34, text="3 May", value="2007-05-03", precision="day"),
        _record("date", doc=doc, start=0, end=4, text="Acme", value=None, precision=None),  # no value
        _record("date", doc=other, start=29, end=34, text="3 May", value="2007-05-03", precision="day"),
        _record("entity", id="ent-acme", type="organization", name="Acme",
                mentions=[_at(doc, 0, "Acme"), _at(doc, 36, "Acme"), _at(other, 0, "Acme")]),
        _record("entity", id="ent-bolt", type="organization", name="Bolt",
                mentions=[_at(doc, 12, "Bolt"), _at(other, 12, "Bolt")]),
        _record("entity", id="ent-paris", type="place", name="Paris",
                mentions=[_at(doc, 20, "Paris"), _at(other, 20, "Paris")]),
    ]  # fmt: skip
    facts = read_facts(exported)
    assert set(facts) == {"gold-1", "gold-2"} and facts["gold-1"].country == "FR"  # Paris is in France
    bought = pseudo_incident("a", "buy", (5, 11), (0, 35), facts["gold-1"])
    assert (bought.type, bought.date.value, bought.date.precision) == ("buy", "2007-05-03", "day")
    assert bought.place is not None and (bought.place.entity, bought.place.country) == ("ent-paris", "FR")
    assert [p.entity for p in bought.perpetrators] == ["ent-acme", "ent-bolt"]
    assert bought.evidence[0].text == "Acme bought Bolt in Paris on 3 May."
    said = pseudo_incident("b", "say", (41, 45), (36, 49), facts["gold-1"])
    assert said.date.value is None  # no date in its sentence: undated, as docket leaves it
    assert said.place is not None and (said.place.name, said.place.country) == (
        "France",
        "FR",
    )  # the story's country
    assert [p.entity for p in said.perpetrators] == ["ent-acme"]
    zed = pseudo_incident("c", "buy", (55, 61), (51, 66), facts["gold-1"])
    elsewhere = pseudo_incident("d", "buy", (5, 11), (0, 35), facts["gold-2"])
    labels = cluster({("1", "a"): bought, ("1", "b"): said, ("1", "c"): zed, ("2", "d"): elsewhere})
    assert labels[("1", "a")] == labels[("2", "d")]  # same lemma, day, place and participants
    assert (
        len({labels[("1", "a")], labels[("1", "b")], labels[("1", "c")]}) == 3
    )  # another lemma; one document
