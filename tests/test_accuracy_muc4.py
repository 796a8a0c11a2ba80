"""MUC-4 accuracy gate (first LIMIT reports of dev.json and of raw_dev) and unit tests of the
mapping and scoring on small made-up inputs (invented places, people and groups)."""

from __future__ import annotations

import pytest

from docket.eval.muc4 import (
    dateline_date,
    grit_gold,
    parse_keys,
    predicted_classes,
    predicted_clusters,
    score_types,
    sentence_case,
    split_messages,
    template_gold,
)
from docket.eval.ree import ceaf_ree, exact, head, max_matching, normalize, same_head

# Floors: a few points under the measured value on the first LIMIT reports (measured beside each).
LIMIT = 15
FLOORS = {
    "REE micro F1 (exact) [TST1+2 lower case]": 8.0,  # measured 11.43
    "REE micro F1 (head noun) [TST1+2 lower case]": 18.0,  # measured 22.86
    "REE perpetrator F1 (head noun) [TST1+2 lower case]": 40.0,  # measured 46.15
    "type F1 [raw_dev UPPER CASE]": 61.0,  # measured 66.67
    "type F1 [raw_dev sentence-cased]": 75.0,  # measured 80.00
    "type F1 relevant docs [raw_dev UPPER CASE]": 77.0,  # measured 82.35
}


def test_muc4_accuracy_floors() -> None:
    from docket.eval import evaluate

    report = evaluate("muc4", limit=LIMIT, workers=1)
    assert not report.below(FLOORS), f"accuracy under its floor (value, floor): {report.below(FLOORS)}"


# --- scoring -----------------------------------------------------------------------------------


def test_normalize_is_grits() -> None:
    assert normalize('The "Santo Vidal" farm, near Kestrava.') == "santo vidal farm near kestrava"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("the guerrilla column", "column"),
        ("members of the Valley Front", "members"),
        ("Marta Ellison", "ellison"),
        ("the Front's urban commandos", "commandos"),
        ("peasants, who were taken away", "peasants"),
    ],
)
def test_head(mention: str, expected: str) -> None:
    assert head(mention) == expected


def test_ceaf_ree_strict_needs_every_predicted_mention_in_the_gold_entity() -> None:
    gold = [["valley front", "vf"], ["rebels"]]
    assert ceaf_ree([["VF", "the Valley Front"]], gold) == (1, 1, 2)
    assert ceaf_ree([["vf", "rebels"]], gold) == (0, 1, 2)  # one cluster spanning two entities


def test_ceaf_ree_matches_one_to_one() -> None:
    gold = [["rebels"]]
    assert ceaf_ree([["rebels"], ["the rebels"]], gold) == (1, 2, 1)
    assert ceaf_ree([], gold) == (0, 0, 1)
    assert ceaf_ree([["rebels"]], []) == (0, 1, 0)


def test_head_match_is_more_lenient_than_exact() -> None:
    assert not exact("the urban commandos", "commandos")
    assert same_head("the urban commandos", "commandos")
    assert ceaf_ree([["urban commandos"]], [["commandos"]], same_head) == (1, 1, 1)


def test_max_matching_finds_the_augmenting_path() -> None:
    # greedy 0->0 would block 1; the best matching is 0->1, 1->0
    assert max_matching([[0, 1], [0]], 2) == 2


# --- MUC formats and mapping -------------------------------------------------------------------

KEY = """
0.  MESSAGE: ID                     DEV-MUC3-9001 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  02 MAR 90
3.  INCIDENT: LOCATION              EL SALVADOR: KESTRAVA (CITY)
4.  INCIDENT: TYPE                  BOMBING
5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED
9.  PERP: INDIVIDUAL ID             "URBAN COMMANDOS"
                                    "REBELS"

0.  MESSAGE: ID                     DEV-MUC3-9001 (NCCOSC)
1.  MESSAGE: TEMPLATE               2
3.  INCIDENT: LOCATION              PERU: OLMUND (TOWN)
4.  INCIDENT: TYPE                  ARSON
5.  INCIDENT: STAGE OF EXECUTION    ACCOMPLISHED

0.  MESSAGE: ID                     DEV-MUC3-9002 (NCCOSC)
1.  MESSAGE: TEMPLATE               1
4.  INCIDENT: TYPE                  KIDNAPPING
5.  INCIDENT: STAGE OF EXECUTION    THREATENED
"""


def test_parse_keys_and_type_mapping() -> None:
    templates = list(parse_keys(KEY))
    assert [t["0"] for t in templates] == ["DEV-MUC3-9001", "DEV-MUC3-9001", "DEV-MUC3-9002"]
    assert templates[0]["9"] == '"URBAN COMMANDOS" / "REBELS"'
    assert template_gold(templates[0]) == ("attack", "SV")  # BOMBING -> attack
    assert template_gold(templates[1]) == (None, None)  # ARSON: no docket counterpart
    assert template_gold(templates[2]) == (None, None)  # only threatened


def test_split_messages_unwraps_paragraphs_and_reads_the_dateline() -> None:
    raw = (
        "DEV-MUC3-9001 (NOSC)\n\n   KESTRAVA, 4 MAR 90 -- [TEXT] URBAN COMMANDOS\nBOMBED A BRIDGE.\n\n"
        "   NO ONE WAS HURT.\n\nDEV-MUC3-9002 (NOSC)\n\n   CLANDESTINE, NO DATE -- [TEXT] A COMMUNIQUE.\n"
    )
    (id1, body1), (id2, body2) = split_messages(raw)
    assert (id1, id2) == ("DEV-MUC3-9001", "DEV-MUC3-9002")
    assert body1 == "KESTRAVA, 4 MAR 90 -- [TEXT] URBAN COMMANDOS BOMBED A BRIDGE.\n\nNO ONE WAS HURT."
    assert dateline_date(body1) == "1990-03-04"
    assert dateline_date(body2) is None


def test_sentence_case_keeps_length() -> None:
    text = "REBELS BOMBED A BRIDGE. NO ONE WAS HURT!\n\nTHE ARMY SAID SO."
    cased = sentence_case(text)
    assert cased == "Rebels bombed a bridge. No one was hurt!\n\nThe army said so."
    assert len(cased) == len(text)


def _incident(
    kind: str, perps: list[tuple[str | None, str]], victims: list[str], country: str | None
) -> dict:
    return {
        "type": kind,
        "perpetrators": [{"entity": e, "name": n} for e, n in perps],
        "victims": [{"entity": None, "name": None, "description": v} for v in victims],
        "place": {"entity": None, "name": "Kestrava", "country": country} if country else None,
    }


def test_predicted_clusters_join_names_of_one_entity_and_skip_other_types() -> None:
    incidents = [
        _incident("attack", [("e1", "Valley Front"), (None, "commandos")], ["a bridge"], "SV"),
        _incident("killing", [("e1", "VF")], ["two peasants"], "SV"),
        _incident("arrest", [(None, "police")], ["Marta Ellison"], "SV"),  # not a MUC type
    ]
    pred = predicted_clusters(incidents)
    assert sorted(pred["perpetrator"]) == [["Valley Front", "VF"], ["commandos"]]
    assert sorted(pred["victim"]) == [["a bridge"], ["two peasants"]]
    assert predicted_classes(incidents) == {"attack": {"SV"}}


def test_grit_gold_joins_perpetrator_roles() -> None:
    extracts = {
        "PerpInd": [[["commandos", 3]]],
        "PerpOrg": [[["valley front", 30], ["vf", 50]]],
        "Target": [[["bridge", 70]]],
        "Victim": [],
        "Weapon": [[["bomb", 90]]],
    }
    gold = grit_gold(extracts)
    assert gold["perpetrator"] == [["commandos"], ["valley front", "vf"]]
    assert gold["victim"] == [] and gold["victim+target"] == [["bridge"]]


def test_score_types_document_pairs_and_place() -> None:
    gold = {"d1": {"attack": {"SV"}}, "d2": {"kidnapping": {""}}, "d3": {}}
    pred = {"d1": {"attack": {"SV"}, "kidnapping": {"SV"}}, "d2": {}, "d3": {"attack": {""}}}
    s = score_types(gold, pred)
    # tp: d1 attack; fp: d1 kidnapping, d3 attack; fn: d2 kidnapping
    assert round(s["p"], 2) == 33.33 and s["r"] == 50.0
    assert s["gold"] == 2 and s["place"] == 100.0 and s["place_n"] == 1
    # on relevant reports only d1's kidnapping is wrong: P 1/2, R 1/2
    assert s["relevant_f1"] == 50.0
