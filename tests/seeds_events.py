# ruff: noqa: E501 (one report or figure per line reads better than wrapped dicts)
"""The events the five seed articles (../shared/corpus/seeds) share, as a careful reader finds them.

Each event lists its reports (a seed by number prefix and words of the incident's evidence sentence,
with the incident type) and its figures (seed, count fields, and words of the claimant). An event
must hold exactly these reports: a missing report or one joined wrongly fails
tests/test_events.py. `outlets` counts distinct outlets as the export does (a document of unknown
outlet counts as one of its own).

Notes on the text:

* The November 2019 crackdown killing is told by three seeds, not four: 000 ("killed approximately
  1,500 peaceful demonstrators", as the MEK determined), 003 ("the death toll mounted to 1,500") and
  004 ("the killing of 1,500 peaceful protesters last November"). 001 mentions only "another
  nationwide uprising" since 2018 (no killing), and 002 was written before November 2019.
* That event has no date: every report says "last November", which nothing anchors (the seeds carry
  no publication date), so none of its incidents is dated. The reports join on their figure.
* 002 tells the 1988 massacre twice: "killed in the 1988 massacre" and "the 80s is the decade when
  30,000 political prisoners were massacred" (dated to the decade); both belong to the one event.
"""

from __future__ import annotations

from typing import Any

SHARED_EVENTS: list[dict[str, Any]] = [
    {
        "name": "the 1988 prison massacre",
        "type": "killing",
        "date": {"value": "1988", "precision": "year"},
        "place": {"name": "Iran", "country": "IR"},
        "reports": [
            {"seed": "000", "type": "killing", "evidence": "the 1988 massacre when 30,000 political prisoners"},
            {"seed": "001", "type": "killing", "evidence": "massacred over 30,000 political prisoners"},
            {"seed": "002", "type": "killing", "evidence": "killed in the 1988 massacre"},
            {"seed": "002", "type": "killing", "evidence": "30,000 political prisoners were massacred"},
            {"seed": "003", "type": "killing", "evidence": "Following a massacre of political prisoners in 1988"},
            {"seed": "004", "type": "killing", "evidence": "massacre of 30,000 political prisoners in 1988"},
        ],
        "figures": [
            {"seed": "000", "value": 30000, "low": None, "qualifier": None, "claimant": "ncr-iran"},
            {"seed": "001", "value": None, "low": 30000, "qualifier": "over", "claimant": "NCRI"},
            {"seed": "002", "value": 30000, "low": None, "qualifier": None, "claimant": "MEK: The Opposition"},
            {"seed": "003", "value": None, "low": 30000, "qualifier": "over", "claimant": "One Year After"},
            {"seed": "004", "value": 30000, "low": None, "qualifier": None, "claimant": "Mehr News Agency"},
        ],
        "outlets": 5,
        "views": {"low": 30000, "best": 30000, "high": 30000, "conservative": 30000},
    },
    {
        "name": "the November 2019 crackdown: about 1,500 protesters killed",
        "type": "killing",
        "date": {"value": None, "precision": None},
        "place": {"name": "Iran", "country": "IR"},
        "reports": [
            {"seed": "000", "type": "killing", "evidence": "killed approximately 1,500 peaceful demonstrators"},
            {"seed": "003", "type": "killing", "evidence": "the death toll mounted to 1,500"},
            {"seed": "004", "type": "killing", "evidence": "the killing of 1,500 peaceful protesters"},
        ],
        "figures": [
            # "the MEK ultimately determined that ... the Revolutionary Guards (IRGC) had killed approximately 1,500"
            {"seed": "000", "value": 1500, "low": None, "qualifier": "approximately", "claimant": "MEK"},
            {"seed": "003", "value": 1500, "low": None, "qualifier": None, "claimant": "One Year After"},
            {"seed": "004", "value": 1500, "low": None, "qualifier": None, "claimant": "Mehr News Agency"},
        ],
        "outlets": 3,
        "views": {"low": 1500, "best": 1500, "high": 1500, "conservative": 1500},
    },
    {
        "name": "the June 2018 bomb plot against the opposition rally near Paris",
        "type": "plot",
        "date": {"value": "2018-06", "precision": "month"},
        "place": {"name": "Paris", "country": "FR"},
        "reports": [
            {"seed": "001", "type": "plot", "evidence": "The French bomb plot"},
            {"seed": "003", "type": "plot", "evidence": "bomb plot that targeted the NCRI near Paris in June 2018"},
            {"seed": "004", "type": "plot", "evidence": "attempting to bomb a gathering of the Iranian opposition"},
        ],
        "figures": [],
        "outlets": 3,
        "views": {"low": None, "best": None, "high": None, "conservative": None},
    },
]  # fmt: skip
