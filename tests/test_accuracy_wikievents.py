"""WikiEvents accuracy gate (first LIMIT documents of dev.jsonl) and unit tests of the type
mapping, text building, alignment and scoring on small made-up documents."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from docket.eval.wikievents import (
    aligner,
    build_text,
    gold_events,
    kairos_class,
    merged,
    score_document,
    strict,
)

# Floors: a few points under the measured value on the first LIMIT documents (measured beside each).
LIMIT = 10
FLOORS = {
    "event mention type F1 (strict)": 52.0,  # measured 56.60
    "event mention type F1 (merged)": 53.0,  # measured 57.41
    "document type F1 (strict)": 71.0,  # measured 76.19
    "argument head F1 (strict)": 18.0,  # measured 22.07
}


def test_wikievents_accuracy_floors() -> None:
    from docket.eval import evaluate

    report = evaluate("wikievents", limit=LIMIT, workers=1)
    assert not report.below(FLOORS), f"accuracy under its floor (value, floor): {report.below(FLOORS)}"


@pytest.mark.parametrize(
    ("kairos", "cls"),
    [
        ("Life.Die.Unspecified", "killing"),
        ("Conflict.Attack.DetonateExplode", "attack"),
        ("Justice.ArrestJailDetain.Unspecified", "arrest/detention"),
        ("Justice.Sentence.Unspecified", "sentence"),
        ("Conflict.Demonstrate.DemonstrateWithViolence", "protest"),
        ("Movement.Transportation.Evacuation", None),
        ("Justice.ChargeIndict.Unspecified", None),
    ],
)
def test_kairos_class(kairos: str, cls: str | None) -> None:
    assert kairos_class(kairos) == cls


def test_injury_is_scored_only_when_violence_is_merged() -> None:
    assert strict("injury") is None and merged("injury") == "violence"
    assert strict("attack") == "attack" and merged("killing") == "violence"


# Sentences glued as WikiEvents ships them: "in KestravaMarta".
DOC: dict[str, Any] = {
    "doc_id": "fict-1",
    "text": "Rebels bombed a market in KestravaMarta Ellison died",
    "sentences": [
        [[["Rebels", 0, 6], ["bombed", 7, 13], ["a", 14, 15], ["market", 16, 22], ["in", 23, 25],
          ["Kestrava", 26, 34]], "Rebels bombed a market in Kestrava"],
        [[["Marta", 34, 39], ["Ellison", 40, 47], ["died", 48, 52]], "Marta Ellison died"],
    ],
    "event_mentions": [
        {"event_type": "Conflict.Attack.DetonateExplode", "trigger": {"start": 1, "end": 2, "text": "bombed"},
         "arguments": [{"role": "Attacker", "text": "Rebels"}, {"role": "Target", "text": "market"},
                       {"role": "Place", "text": "Kestrava"}]},
        {"event_type": "Life.Die.Unspecified", "trigger": {"start": 8, "end": 9, "text": "died"},
         "arguments": [{"role": "Victim", "text": "Marta Ellison"}]},
        {"event_type": "Contact.Contact.Broadcast", "trigger": {"start": 0, "end": 1, "text": "Rebels"},
         "arguments": []},
    ],
}  # fmt: skip


def test_build_text_puts_sentences_on_lines_and_moves_token_offsets() -> None:
    text, spans = build_text(DOC)
    assert text == "Rebels bombed a market in Kestrava\nMarta Ellison died"
    assert text[slice(*spans[8])] == "died"
    events = gold_events(DOC, spans)
    assert [(e["cls"], text[e["start"] : e["end"]]) for e in events] == [
        ("attack", "bombed"),
        ("killing", "died"),
    ]
    assert events[0]["args"] == {("perpetrator", "rebels"), ("victim", "market"), ("place", "kestrava")}


def test_aligner_maps_spans_through_cleaning() -> None:
    built = "Headline  \nRebels bombed a market\nHome | About\nEnd"
    cleaned = "Headline\nRebels bombed a market\nEnd"
    to_clean = aligner(built, cleaned)
    start = built.index("bombed")
    assert to_clean(start, start + 6) == (cleaned.index("bombed"), cleaned.index("bombed") + 6)
    assert to_clean(built.index("About"), built.index("About") + 5) is None


def _incident(
    kind: str, span: tuple[int, int], perps: list[str], victims: list[str], place: str | None
) -> dict:
    return {
        "type": kind,
        "evidence": [{"start": span[0], "end": span[1]}],
        "perpetrators": [{"entity": None, "name": p} for p in perps],
        "victims": [{"entity": None, "name": v, "description": None} for v in victims],
        "place": {"entity": None, "name": place, "country": None} if place else None,
    }


def test_score_document_strict_and_merged() -> None:
    text, spans = build_text(DOC)
    gold = gold_events(DOC, spans)
    for g in gold:
        g["span"] = (g["start"], g["end"])
    first, second = (0, 34), (35, len(text))
    incidents = [
        _incident("attack", first, ["the rebels"], ["a market"], "Kestrava"),  # 3 of 3 arguments
        _incident("killing", first, [], ["shoppers"], None),  # no Die trigger in the first sentence
        _incident("arrest", second, ["police"], [], None),  # no arrest in the gold
        _incident("expulsion", second, [], [], None),  # outside KAIROS: not scored
    ]
    c: dict[str, int] = defaultdict(int)
    score_document(gold, incidents, strict, c)
    assert (c["gold"], c["found"], c["pred"], c["correct"]) == (2, 1, 3, 1)
    assert (c["arg_ok"], c["arg_pred"], c["arg_gold"]) == (3, 5, 4)
    assert (c["doc_tp"], c["doc_fp"], c["doc_fn"]) == (2, 1, 0)

    m: dict[str, int] = defaultdict(int)
    score_document(gold, incidents, merged, m)  # the killing now matches the attack's trigger
    assert (m["gold"], m["found"], m["pred"], m["correct"]) == (2, 1, 3, 2)
