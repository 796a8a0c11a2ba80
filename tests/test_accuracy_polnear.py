"""Regression gate for statement accuracy: the first 25 PolNeAR dev articles through the real build.

Floors sit a few points under the figures measured when they were set (in the comments); a change
that loses statement accuracy fails here. textacy (the evaluation's baseline) is not needed: without
it the baseline is reported missing and docket's own figures are still checked. About 20 s on one core.
"""

from __future__ import annotations

from docket.eval import evaluate

DOCS = 25
FLOORS = {
    "content overlap F1": 66.0,  # measured 68.99
    "content overlap P": 84.0,  # measured 86.83
    "attribution overlap F1": 58.5,  # measured 61.24
    "source overlap F1": 64.5,  # measured 67.45
    "cue overlap F1": 64.5,  # measured 67.61
    "content exact F1": 41.0,  # measured 44.19
    "attribution exact F1": 35.0,  # measured 37.98
}


def test_polnear_accuracy_floors() -> None:
    report = evaluate("polnear", limit=DOCS, workers=1)
    assert report.documents == DOCS
    assert not report.below(FLOORS), f"statement accuracy under its floors: {report.below(FLOORS)}"
