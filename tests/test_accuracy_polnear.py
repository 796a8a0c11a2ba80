"""Regression gate for statement accuracy: the first 25 PolNeAR dev articles through the real build.

Floors sit a few points under the figures measured when they were set (in the comments); a change
that loses statement accuracy fails here. textacy (the evaluation's baseline) is not needed: without
it the baseline is reported missing and docket's own figures are still checked. About 20 s on one core.
"""

from __future__ import annotations

import pytest

from docket.eval import evaluate
from docket.eval.harness import DEFAULT_DATA

DOCS = 25
FLOORS = {
    "content overlap F1": 65.0,  # measured 68.03
    "content overlap P": 83.0,  # measured 86.39
    "attribution overlap F1": 57.5,  # measured 60.82
    "source overlap F1": 63.0,  # measured 66.31
    "cue overlap F1": 63.5,  # measured 66.80
    "content exact F1": 40.0,  # measured 43.08
    "attribution exact F1": 31.0,  # measured 33.92
}


def test_polnear_accuracy_floors() -> None:
    if not (DEFAULT_DATA / "polnear").is_dir():
        pytest.fail(f"the gold data for polnear is missing at {DEFAULT_DATA / 'polnear'}")
    report = evaluate("polnear", limit=DOCS, workers=1)
    assert report.documents == DOCS
    below = {k: round(report.value(k), 2) for k, floor in FLOORS.items() if report.value(k) < floor}
    assert not below, f"polnear statement accuracy fell below its floors {FLOORS}: {below}"
