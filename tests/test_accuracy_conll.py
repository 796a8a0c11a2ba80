"""Regression gate: entity accuracy on the first CoNLL++ dev documents (`docket eval conllpp`).

Floors sit about three points below the figures measured when they were pinned (40 documents,
one worker), so noise from unrelated changes passes and a real drop fails. Raise them when the
extractor gets better; never lower them to make a change pass.
"""

from __future__ import annotations

import pytest

from docket.eval import evaluate

LIMIT = 40  # documents; about 10 s
# metric: floor (measured: PER 81.2/63.4/71.2, ORG 56.8/28.5/37.9, LOC 78.6/64.3/70.8, micro 76.2/55.4/64.2)
FLOORS = {
    "PER P": 78.0,
    "PER R": 60.0,
    "PER F1": 68.0,
    "ORG P": 53.0,
    "ORG R": 25.0,
    "ORG F1": 35.0,
    "LOC P": 75.5,
    "LOC R": 61.0,
    "LOC F1": 67.5,
    "micro P": 73.0,
    "micro R": 52.0,
    "micro F1": 61.0,
}
# docket may trail the spaCy baseline's micro F1 by this much on the subset: about 15% of its gold
# spans sit on datelines and table rows that docket's cleaning drops before entities are extracted
# (the baseline reads them), so a change in another stage can move the gap by a point (~12 spans of
# 1,241) without any loss in entity extraction, which the floors above guard.
BASELINE_TOLERANCE = 1.0


@pytest.fixture(scope="module")
def report():
    return evaluate("conllpp", limit=LIMIT, workers=1)


def test_conll_entity_floors(report):
    assert not report.below(FLOORS), (
        f"entity accuracy under its floors (value, floor): {report.below(FLOORS)}"
    )


def test_conll_not_below_spacy_baseline(report):
    micro = next(m for m in report.metrics if m.name == "micro F1")
    assert micro.baseline is not None
    assert micro.value >= micro.baseline - BASELINE_TOLERANCE, (micro.value, micro.baseline)
