"""Cross-document event consolidation (docket.resolve.events): on invented incidents, then on the seeds'
shared events (tests/seeds_events.py) through the export."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CHECK_EXPORT, SeedExport
from seeds_events import SHARED_EVENTS
from test_store import REJECTIONS, fictional_results

from docket.export.jsonl import export_jsonl
from docket.model import (
    Attribution,
    Count,
    Document,
    Event,
    Evidence,
    Found,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    ReportedFigure,
    Victim,
)
from docket.resolve import events as events_module
from docket.resolve.events import JOIN, STRONG, consolidate_events
from docket.resolve.figures import agree, contradictions, figure_views, similar
from docket.resolve.matching import Match, compare, idf_of, report
from docket.store import SQLiteStore

TEHRAN = Place("ent-tehran", "Tehran", "IR")
IRAN = Place("ent-iran", "Iran", "IR")


def doc(name: str, outlet: str | None = None) -> Document:
    return Document(id=f"doc-{name}", ref=f"{name}.txt", text="", outlet=Found(outlet, "given"))


def incident(
    d: Document,
    n: int,
    kind: str = "killing",
    date: str | None = None,
    precision: str | None = None,
    place: Place | None = IRAN,
    count: Count | None = None,
    victims: tuple[Victim, ...] = (),
    perpetrators: tuple[Perpetrator, ...] = (),
    attributed_to: tuple[Attribution, ...] = (),
    text: str = "Something happened.",
) -> Incident:
    return Incident(
        id=f"inc-{d.id[4:]}-{n}",
        type=kind,
        date=IncidentDate(date, precision, date),  # type: ignore[arg-type]
        place=place,
        perpetrators=perpetrators,
        victims=victims,
        count=count,
        attributed_to=attributed_to,
        evidence=(Evidence(d.id, 10 * n, 10 * n + len(text), text),),
    )


def exact(n: int, qualifier: str | None = None) -> Count:
    return Count(n, None, None, qualifier, f"{qualifier + ' ' if qualifier else ''}{n:,}")


def over(n: int) -> Count:
    return Count(None, n, None, "over", f"over {n:,}")


def same(x: str | None) -> str | None:
    return x  # the invented entity ids are already corpus ids


def events_of(incidents: list[Incident], docs: list[Document]) -> list[Event]:
    return consolidate_events(incidents, docs, same)


def event_of(events: list[Event], incident_id: str) -> Event:
    return next(e for e in events if incident_id in e.incidents)


def match_of(x: Incident, y: Incident) -> Match:
    reports = [report(x, same), report(y, same)]
    found = compare(*reports, idf_of(reports))
    assert found is not None
    return found


def together(events: list[Event], *ids: str) -> bool:
    return len({event_of(events, i).id for i in ids}) == 1


PRISONERS = (Victim(None, None, "political prisoners"),)
A, B, C = doc("a", "The Qarvesh Post"), doc("b", "Radio Lune"), doc("c")


def test_related_types_join_and_other_groups_never_do() -> None:
    killing = incident(A, 1, "killing", "2019-11-16", "day", TEHRAN, exact(40))
    execution = incident(B, 1, "execution", "2019-11-16", "day", TEHRAN, exact(40))
    arrest = incident(C, 1, "arrest", "2019-11-16", "day", TEHRAN, exact(40))
    events = events_of([killing, execution, arrest], [A, B, C])
    assert together(events, killing.id, execution.id)
    assert not together(events, killing.id, arrest.id)
    link = event_of(events, killing.id).reasons[0]
    assert "related types: execution, killing (+0.60)" in link.reasons or any(
        r.startswith("related types") for r in link.reasons
    )


def test_dates_join_across_precisions_but_never_when_they_cannot_both_hold() -> None:
    year = incident(A, 1, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    month = incident(B, 1, date="1988-07", precision="month", count=over(30000), victims=PRISONERS)
    other_year = incident(C, 1, date="1989", precision="year", count=exact(30000), victims=PRISONERS)
    events = events_of([year, month, other_year], [A, B, C])
    joined = event_of(events, year.id)
    assert joined.incidents == (year.id, month.id)
    assert (joined.date.value, joined.date.precision) == ("1988-07", "month")  # the most precise report
    assert event_of(events, other_year.id).incidents == (other_year.id,)


def test_a_decade_joins_a_year_in_it_but_more_weakly() -> None:
    decade = incident(A, 1, date="1980", precision="decade", count=exact(30000), victims=PRISONERS)
    year = incident(B, 1, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    year_again = incident(C, 1, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    events = events_of([decade, year, year_again], [A, B, C])
    assert len(events) == 1 and events[0].date.value == "1988"
    scores = {frozenset(k.incidents): k.score for k in events[0].reasons}
    assert scores[frozenset((year.id, year_again.id))] > max(
        s for pair, s in scores.items() if decade.id in pair
    )
    assert any("1988 is within the 1980s (decade)" in r for k in events[0].reasons for r in k.reasons)


def test_an_undated_report_joins_a_dated_event_only_on_strong_evidence() -> None:
    irgc = (Perpetrator("ent-irgc", "Revolutionary Guards", "state"),)
    dated = incident(A, 1, date="2019-11", precision="month", count=exact(1500), perpetrators=irgc)
    figure_only = incident(B, 1, count=exact(1500))  # type, country and figure: not enough
    with_perpetrator = incident(C, 1, count=exact(1500, "approximately"), perpetrators=irgc)
    events = events_of([dated, figure_only, with_perpetrator], [A, B, C])
    assert together(events, dated.id, with_perpetrator.id)
    assert event_of(events, figure_only.id).incidents == (figure_only.id,)
    assert event_of(events, dated.id).reasons[0].score >= STRONG


def test_undated_reports_join_each_other_on_their_figure() -> None:
    reports = [incident(d, 1, count=exact(1500, q)) for d, q in ((A, "approximately"), (B, None), (C, None))]
    events = events_of(reports, [A, B, C])
    assert len(events) == 1 and events[0].date.value is None
    assert [f.value for f in events[0].figures] == [1500, 1500, 1500]


def test_a_historical_event_keeps_its_own_date_not_the_publication_date() -> None:
    later = Document(id="doc-later", ref="later.txt", text="", published=Found("2020-03-01", "given"))
    told_in_2020 = incident(later, 1, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    told_before = incident(A, 1, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    events = events_of([told_in_2020, told_before], [later, A])
    assert len(events) == 1 and events[0].date.value == "1988"


def test_figures_that_cannot_both_hold_are_flagged_and_round_ones_are_not() -> None:
    victim = (Victim("ent-layla", "Layla Haddani", None),)
    high = incident(A, 1, date="2021-03-12", precision="day", place=TEHRAN, count=exact(1500), victims=victim)
    low = incident(B, 1, date="2021-03-12", precision="day", place=TEHRAN, count=exact(300), victims=victim)
    events = events_of([high, low], [A, B])
    assert len(events) == 1, "same day, place and victim: one event despite the figures"
    (contradiction,) = events[0].contradictions
    assert contradiction.figures == (high.id, low.id)
    assert "1,500 (The Qarvesh Post) and 300 (Radio Lune) cannot both hold" in contradiction.reason
    assert any("figures cannot both hold" in r and "(-1.00)" in r for r in events[0].reasons[0].reasons)

    rounded = [incident(A, 2, "killing", "1988", "year", count=exact(30000), victims=PRISONERS)]
    rounded.append(incident(B, 2, "killing", "1988", "year", count=over(30000), victims=PRISONERS))
    (massacre,) = events_of(rounded, [A, B])
    assert not massacre.contradictions and len(massacre.figures) == 2


def test_figure_agreement_and_similarity() -> None:
    assert agree(exact(30000), over(30000)) and similar(exact(30000), over(30000))
    assert similar(exact(1500, "approximately"), exact(1500))
    assert not agree(exact(1500), exact(300))
    assert agree(over(30000), exact(100000)) and not similar(over(30000), exact(100000))
    thousands = Count(None, 2000, None, "thousands", "thousands")
    assert agree(thousands, exact(30000)) and not agree(thousands, exact(1500))
    assert not agree(Count(None, None, 300, "up to", "up to 300"), exact(1500))


def figure(
    incident_id: str, value: int | None, low: int | None = None, high: int | None = None, q: str | None = None
) -> ReportedFigure:
    return ReportedFigure(incident_id, "doc", None, value, low, high, q, "someone", "")


def test_figure_views_low_best_high_and_the_conservative_figure() -> None:
    figures = [figure("a", 1500, q="approximately"), figure("b", 1500), figure("c", None, 2000, q="over")]
    figures.append(figure("d", None, 2000, q="thousands"))
    views = figure_views(figures)
    assert (views.low, views.best, views.high, views.conservative) == (1500, 1500, 2000, 1500)
    vague_only = figure_views([figure("a", None, 2000, q="thousands"), figure("b", None, 24, q="dozens")])
    assert vague_only.conservative == 24 and vague_only.high == 2000
    assert figure_views([figure("a", None, None, 300, q="up to")]).low is None
    assert figure_views([]) == type(views)(None, None, None, None)
    # approximately 1,500 is below over 2,000 even allowing for rounding; 300 is below both
    pairs = [c.figures for c in contradictions([figures[0], figures[2], figure("e", 300)])]
    assert pairs == [("a", "c"), ("a", "e"), ("c", "e")]


def test_two_reports_of_one_document_join_only_on_strong_evidence() -> None:
    students = incident(A, 1, date="2019-05", precision="month", place=TEHRAN, count=exact(12))
    workers = incident(A, 2, date="2019-05", precision="month", place=TEHRAN, count=exact(40))
    both = incident(B, 1, date="2019-05", precision="month", place=TEHRAN)  # matches either
    events = events_of([students, workers, both], [A, B])
    assert not together(events, students.id, workers.id)
    assert len(events) == 2

    # One article tells a massacre twice, once dated to the decade: another report carries the join.
    massacre = incident(C, 1, date="1988", precision="year", victims=PRISONERS)
    in_the_80s = incident(C, 2, date="1980", precision="decade", count=exact(30000), victims=PRISONERS)
    elsewhere = incident(B, 2, date="1988", precision="year", count=exact(30000), victims=PRISONERS)
    assert len(events_of([massacre, in_the_80s, elsewhere], [B, C])) == 1
    assert len(events_of([massacre, in_the_80s], [C])) == 2  # alone, the article's two are too weak


def test_place_evidence_the_named_country_and_a_wrong_default() -> None:
    paris = Place("ent-paris", "Paris", "FR")
    text = "a bomb plot against the rally near Paris"
    planned = incident(A, 1, "plot", "2018-06", "month", paris, text=text)
    french = incident(B, 1, "plot", "2018", "year", IRAN, text="The French bomb plot was one of several.")
    albania = incident(B, 2, "plot", "2018", "year", IRAN, text="Another plot targeted people in Albania.")
    filler = [incident(C, n, "protest", text=f"Filler words {n * 'x'}.") for n in range(3, 23)]
    events = events_of([planned, french, albania, *filler], [A, B, C])
    assert together(events, planned.id, french.id)
    assert not together(events, planned.id, albania.id)
    assert event_of(events, planned.id).place == paris
    # A report naming France and one naming Albania, both placed in Iran by default, are apart
    assert any("name different countries: FR / AL" in r for r in match_of(french, albania).reasons)


def invented_corpus(seed: int, n: int) -> tuple[list[Incident], list[Document]]:
    """Many incidents whose values collide often: the same types, dates, places, figures, people."""
    rng = random.Random(seed)
    docs = [doc(f"r{k}", rng.choice(["Post", "Radio", None])) for k in range(max(2, n // 4))]
    places = [IRAN, TEHRAN, Place("ent-paris", "Paris", "FR"), None]
    dates = [(None, None), ("1988", "year"), ("1980", "decade"), ("1988-07", "month"), ("1988-07-19", "day")]
    dates += [("2019", "year"), ("2019-11", "month"), ("2019-11-16", "day"), ("2019-11-17", "day")]
    counts = [None, exact(1500), exact(1500, "approximately"), exact(300), over(30000), exact(30000)]
    people = [(), (Victim("ent-layla", "Layla", None),), (Victim(None, None, "political prisoners"),)]
    out = []
    for k in range(n):
        d = rng.choice(docs)
        date, precision = rng.choice(dates)
        out.append(
            incident(
                d, k, rng.choice(["killing", "execution", "arrest", "plot"]), date, precision,
                rng.choice(places), rng.choice(counts), rng.choice(people),
                text=rng.choice(["a bomb plot", "security forces opened fire", "prisoners were hanged"]),
            )
        )  # fmt: skip
    return out, docs


def test_every_incident_is_in_exactly_one_event() -> None:
    incidents, docs = invented_corpus(1, 200)
    events = events_of(incidents, docs)
    members = Counter(i for e in events for i in e.incidents)
    assert set(members) == {i.id for i in incidents} and set(members.values()) == {1}
    assert any(len(e.incidents) == 1 for e in events) and any(len(e.incidents) > 2 for e in events)
    for e in events:
        assert len(e.reasons) == len(e.incidents) - 1  # one link per join
        assert all(k.score >= JOIN for k in e.reasons)


def test_events_are_the_same_whatever_the_input_order() -> None:
    incidents, docs = invented_corpus(2, 150)
    first = events_of(incidents, docs)
    shuffled = incidents[:]
    random.Random(3).shuffle(shuffled)
    assert events_of(shuffled, docs[::-1]) == first
    assert [(e.date.value or "", e.id) for e in first] == sorted((e.date.value or "", e.id) for e in first)


def test_blocking_loses_no_pair_that_could_join(monkeypatch: pytest.MonkeyPatch) -> None:
    incidents, docs = invented_corpus(4, 150)
    blocked = events_of(incidents, docs)

    def every_pair(reports: list[Any]) -> set[tuple[int, int]]:
        return {(i, j) for i in range(len(reports)) for j in range(i + 1, len(reports))}

    monkeypatch.setattr(events_module, "_candidate_pairs", every_pair)
    assert events_of(incidents, docs) == blocked


def test_blocking_grows_about_linearly() -> None:
    """Two years of killings in one city: blocks outgrow MAX_BLOCK, and pairs grow with the corpus."""

    def pairs(n: int) -> int:
        rng = random.Random(5)
        incidents = []
        for k in range(n):
            year, month, day_of_month = (
                rng.randrange(2000, 2002),
                rng.randrange(1, 13),
                rng.randrange(1, 29),
            )
            day = f"{year}-{month:02d}-{day_of_month:02d}"
            date, precision = rng.choice([(day, "day"), (day[:7], "month"), (day[:4], "year"), (None, None)])
            count = exact(rng.randrange(1, 5000)) if rng.random() < 0.5 else None
            place = TEHRAN if k % 2 else None
            incidents.append(incident(doc(str(k)), k, "killing", date, precision, place, count))
        reports = sorted((report(i, same) for i in incidents), key=lambda r: r.incident.id)
        return len(events_module._candidate_pairs(reports))

    small, large = pairs(2000), pairs(8000)
    assert large < 5 * small  # four times the incidents: about four times the pairs (4.2), not sixteen


# The export

FIGURE_KEYS = ["incident", "doc", "outlet", "value", "low", "high", "qualifier", "claimant", "text"]


def test_export_writes_events_after_incidents_with_the_contract_fields(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "a.db") as store:
        for r in fictional_results():
            store.write(r)
        for r in REJECTIONS:
            store.write_rejection(r)
        path = tmp_path / "out.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            counts = export_jsonl(store, out)
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    kinds = [r["kind"] for r in recs]
    assert kinds[-counts["event"] :] == ["event"] * counts["event"] and counts["event"] >= 1
    incident_ids = [r["id"] for r in recs if r["kind"] == "incident"]
    events = [r for r in recs if r["kind"] == "event"]
    assert sorted(i for e in events for i in e["incidents"]) == sorted(incident_ids)
    for e in events:
        assert list(e) == [
            "kind", "id", "type", "date", "place", "incidents", "figures", "outlets", "contradictions",
            "views", "reasons", "review",
        ]  # fmt: skip
        assert e["review"] == {"status": "machine", "by": None, "at": None}
        assert list(e["date"]) == ["value", "precision"]
        assert list(e["views"]) == ["low", "best", "high", "conservative"]
        for f in e["figures"]:
            assert list(f) == FIGURE_KEYS
    assert [(e["date"]["value"] or "", e["id"]) for e in events] == sorted(
        (e["date"]["value"] or "", e["id"]) for e in events
    )
    detained = next(e for e in events if e["figures"])
    assert detained["figures"][0]["claimant"] and detained["views"]["low"] == 14
    done = subprocess.run([sys.executable, str(CHECK_EXPORT), str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "0 problems" in done.stdout, done.stdout


# The seeds


@pytest.fixture(scope="module")
def seed_export(seed_export_records: SeedExport) -> dict[str, Any]:
    """The seeds' export: seed number by document id, records by kind."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in seed_export_records.records:
        by_kind.setdefault(r["kind"], []).append(r)
    return {"seed_of": seed_export_records.seed_of, "by_kind": by_kind, "text": seed_export_records.text}


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text)  # the seeds hold no-break spaces ("the\xa01988 massacre")


def _report_id(seed_export: dict[str, Any], want: dict[str, Any]) -> str:
    found = [
        i["id"]
        for i in seed_export["by_kind"]["incident"]
        if seed_export["seed_of"][i["doc"]] == want["seed"]
        and i["type"] == want["type"]
        and any(want["evidence"] in _spaced(e["text"]) for e in i["evidence"])
    ]
    seen = [
        (i["type"], i["evidence"][0]["text"][:100])
        for i in seed_export["by_kind"]["incident"]
        if seed_export["seed_of"][i["doc"]] == want["seed"]
    ]
    assert len(found) == 1, f"no single incident in seed {want['seed']} for {want}: {found}; {seen}"
    return found[0]


@pytest.mark.seeds
@pytest.mark.parametrize("want", SHARED_EVENTS, ids=lambda w: w["name"])
def test_seeds_shared_event(seed_export: dict[str, Any], want: dict[str, Any]) -> None:
    ids = [_report_id(seed_export, r) for r in want["reports"]]
    events = [e for e in seed_export["by_kind"]["event"] if set(ids) & set(e["incidents"])]
    assert len(events) == 1, [(e["type"], e["date"], e["incidents"], e["reasons"]) for e in events]
    event = events[0]
    assert sorted(event["incidents"]) == sorted(ids), event["reasons"]
    assert event["type"] == want["type"] and event["date"] == want["date"]
    assert {k: event["place"][k] for k in ("name", "country")} == want["place"]
    seed_of = seed_export["seed_of"]
    got = sorted(
        (seed_of[f["doc"]], f["value"], f["low"], f["qualifier"], f["claimant"]) for f in event["figures"]
    )
    assert len(got) == len(want["figures"]), got
    for g, w in zip(got, sorted(want["figures"], key=lambda f: (f["seed"], f["value"] or 0)), strict=True):
        assert g[:4] == (w["seed"], w["value"], w["low"], w["qualifier"]) and w["claimant"] in g[4], (g, w)
    assert event["outlets"] == want["outlets"]
    assert event["contradictions"] == []
    assert event["views"] == want["views"]
    assert len(event["reasons"]) == len(ids) - 1 and all(k["why"] for k in event["reasons"])


@pytest.mark.seeds
def test_seeds_every_incident_in_exactly_one_event(seed_export: dict[str, Any]) -> None:
    members = Counter(i for e in seed_export["by_kind"]["event"] for i in e["incidents"])
    assert sorted(members) == sorted(i["id"] for i in seed_export["by_kind"]["incident"])
    assert set(members.values()) == {1}
    entities = {e["id"] for e in seed_export["by_kind"]["entity"]}
    places = [e["place"]["entity"] for e in seed_export["by_kind"]["event"] if e["place"]]
    assert places and all(p is None or p in entities for p in places)


def test_a_vague_report_does_not_chain_two_events_alike_in_nothing_else() -> None:
    """Two killings of 2019 in Iran (in Tehran, 12 dead; in Ahvaz, 300 dead) and a report known only
    to the year and the country whose words match both: single link made one event of all five
    reports; average link keeps the two events apart."""
    ahvaz = Place("ent-ahvaz", "Ahvaz", "IR")
    d, e, f, g, h = (doc(x) for x in "defgh")
    rally = [
        incident(x, 1, "killing", "2019", "year", TEHRAN, exact(12), text="rally crushed") for x in (d, e)
    ]
    raid = [incident(x, 1, "killing", "2019", "year", ahvaz, exact(300), text="village raid") for x in (f, g)]
    vague = incident(h, 1, "killing", "2019", "year", IRAN, text="rally crushed, village raid")
    filler = [incident(doc(f"x{k}"), 1, "protest", text=f"filler {(k + 3) * 'x'}") for k in range(20)]
    events = events_of([*rally, *raid, vague, *filler], [d, e, f, g, h])
    assert together(events, *(i.id for i in rally)) and together(events, *(i.id for i in raid))
    assert not together(events, rally[0].id, raid[0].id)
