"""An invented corpus of events for the timeline, CSV and FtM tests, with hostile names, and the seeds
built once per test process.

Two outlets report one killing in Qarvesh with three figures (45, "at least 30", and 3, which
contradicts both); an arrest known to the year 1988, an execution known to the decade (the 1980s)
and an undated torture. Names carry `<script>` and `onerror=` payloads: every output must escape them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path

from conftest import SEEDS
from test_store import entity, make_result, span

from docket.export.eventview import EventSet, event_views, global_ids
from docket.model import (
    Attribution,
    Count,
    Document,
    DocumentResult,
    Event,
    EventDate,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    ReportedFigure,
    Victim,
    stable_id,
)
from docket.resolve.aliases import resolve_entities
from docket.resolve.figures import contradictions

SCRIPT = "<script>alert(1)</script>"
ONERROR = '"><img src=x onerror=alert(1)>'

TEXT_P = (
    f"On 14 March 2021, the {SCRIPT} Brigade killed 45 protesters in Qarvesh. "
    f"Guards arrested {ONERROR} Haddad in 1988."
)
TEXT_Q = (
    "At least 30 protesters were killed in Qarvesh in March 2021, according to Radio Tormund. "
    "Only 3 died, the army said. In the 1980s, the army executed 400 prisoners. Detainees were tortured."
)


def _incident(
    doc: Document,
    n: int,
    type_: str,
    date: IncidentDate,
    place: Place | None,
    perps: tuple[Perpetrator, ...],
    victims: tuple[Victim, ...],
    count: Count | None,
    attributed: tuple[Attribution, ...],
    evidence: str,
) -> Incident:
    return Incident(
        stable_id("inc", doc.id, n),
        type_,
        date,
        place,
        perps,
        victims,
        count,
        attributed,
        (span(doc, evidence),),
    )


def corpus() -> tuple[list[DocumentResult], list[Event]]:
    """The documents with their records, and the events a consolidation would make of them."""
    p, p_bytes = make_result(TEXT_P, "reports/p.html", title=f"Massacre {SCRIPT}", outlet="The Qarvesh Post")
    p = replace(p, url="https://example.org/p")
    brigade = entity(p, "organization", f"{SCRIPT} Brigade", f"{SCRIPT} Brigade")
    qarvesh_p = entity(p, "place", "Qarvesh", "Qarvesh")
    victim = entity(p, "person", f"{ONERROR} Haddad", f"{ONERROR} Haddad")
    killing_p = _incident(
        p,
        1,
        "killing",
        IncidentDate("2021-03-14", "day", "14 March 2021"),
        Place(qarvesh_p.id, "Qarvesh", "XQ"),
        (Perpetrator(brigade.id, f"{SCRIPT} Brigade", "state"),),
        (Victim(None, None, "protesters"),),
        Count(45, None, None, None, "45"),
        (),
        f"the {SCRIPT} Brigade killed 45 protesters in Qarvesh",
    )
    arrest = _incident(
        p,
        2,
        "arrest",
        IncidentDate("1988", "year", "1988"),
        None,
        (Perpetrator(None, "Guards", "state"),),
        (Victim(victim.id, f"{ONERROR} Haddad", None),),
        None,
        (),
        f"Guards arrested {ONERROR} Haddad in 1988",
    )
    result_p = DocumentResult(p, p_bytes, (brigade, qarvesh_p, victim), (), (), (killing_p, arrest))

    q, q_bytes = make_result(TEXT_Q, "reports/q.txt", title="Qarvesh, a year on", outlet="Radio Tormund")
    qarvesh_q = entity(q, "place", "Qarvesh", "Qarvesh")
    army = entity(q, "organization", "the army", "army")
    killing_q = _incident(
        q,
        1,
        "killing",
        IncidentDate("2021-03", "month", "March 2021"),
        Place(qarvesh_q.id, "Qarvesh", "XQ"),
        (),
        (Victim(None, None, "protesters"),),
        Count(None, 30, None, "at least", "At least 30"),
        (Attribution(None, "Radio Tormund", "according to"),),
        "At least 30 protesters were killed in Qarvesh",
    )
    killing_army = _incident(
        q,
        2,
        "killing",
        IncidentDate(None, None, None),
        None,
        (),
        (),
        Count(3, None, None, "only", "Only 3"),
        (Attribution(army.id, "the army", "said"),),
        "Only 3 died, the army said.",
    )
    execution = _incident(
        q,
        3,
        "execution",
        IncidentDate("1980", "decade", "In the 1980s"),
        None,
        (Perpetrator(army.id, "the army", "state"),),
        (Victim(None, None, "prisoners"),),
        Count(400, None, None, None, "400"),
        (),
        "the army executed 400 prisoners",
    )
    torture = _incident(
        q,
        4,
        "torture",
        IncidentDate(None, None, None),
        None,
        (),
        (Victim(None, None, "Detainees"),),
        None,
        (),
        "Detainees were tortured",
    )
    result_q = DocumentResult(
        q, q_bytes, (qarvesh_q, army), (), (), (killing_q, killing_army, execution, torture)
    )

    figures = (
        ReportedFigure(
            killing_p.id, p.id, "The Qarvesh Post", 45, None, None, None, "The Qarvesh Post", "45"
        ),
        ReportedFigure(
            killing_q.id, q.id, "Radio Tormund", None, 30, None, "at least", "Radio Tormund", "At least 30"
        ),
        ReportedFigure(killing_army.id, q.id, "Radio Tormund", 3, None, None, "only", "the army", "Only 3"),
    )
    ids = (killing_p.id, killing_q.id, killing_army.id)
    killing = Event(
        stable_id("evt", *sorted(ids)),
        "killing",
        EventDate("2021-03-14", "day"),
        Place(None, "Qarvesh", "XQ"),
        ids,
        figures,
        2,
        contradictions(figures),
        (),
    )
    events = [killing] + [
        Event(
            stable_id("evt", i.id),
            i.type,
            EventDate(i.date.value, i.date.precision),
            i.place,
            (i.id,),
            _figures(i, d),
            1,
            (),
            (),
        )
        for i, d in ((arrest, p), (execution, q), (torture, q))
    ]
    return [result_p, result_q], events


def _figures(i: Incident, doc: Document) -> tuple[ReportedFigure, ...]:
    c = i.count
    if c is None:
        return ()
    outlet = doc.outlet.value
    return (ReportedFigure(i.id, doc.id, outlet, c.value, c.low, c.high, c.qualifier, outlet, c.text),)


def event_set() -> EventSet:
    """The invented events as the exports receive them: with the entities joined across documents."""
    results, events = corpus()
    docs = {r.document.id: r.document for r in results}
    incidents = [i for r in results for i in r.incidents]
    resolution = resolve_entities([e for r in results for e in r.entities])
    to_global = global_ids(resolution)
    # The event's place is a corpus entity, as consolidation makes it.
    place_id = to_global(results[0].entities[1].id)
    events[0] = replace(events[0], place=Place(place_id, "Qarvesh", "XQ"))
    return EventSet(event_views(events, incidents, docs, to_global), resolution, docs)


@cache
def seeds_db() -> Path:
    """The seeds built once per test process (removed at exit)."""
    from docket.build import build
    from docket.store import open_store

    out = Path(tempfile.mkdtemp(prefix="docket-seeds-"))
    atexit.register(shutil.rmtree, out, True)
    db = out / "seeds.db"
    with open_store(db) as store:
        summary = build([SEEDS], store, workers=1)
    assert summary.added == 5 and not summary.rejected
    return db
