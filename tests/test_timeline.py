"""The timeline: dates as stretches of time, the SVG chart (precision as width, colour by type, size by
figure, everything escaped), the text and JSON of `docket timeline`, and the chart in the report."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fictional_events import ONERROR, SCRIPT, corpus, seeds_db

from docket.cli import cli
from docket.export.colours import TYPE_COLOURS
from docket.export.report import write_report
from docket.export.timeline import TimelineEvent, axis, date_label, span, timeline_svg
from docket.export.timeline_text import select, timeline_json, timeline_text
from docket.store import SQLiteStore

SVG = "{http://www.w3.org/2000/svg}"


def ev(id_: str, type_: str, date: str | None, precision: str | None, **kw: object) -> TimelineEvent:
    return TimelineEvent(id_, type_, date, precision, **kw)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def marks(root: ET.Element) -> dict[str, ET.Element]:
    """Each event's mark (rect or circle), by the event id found in its tooltip."""
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "event":
            tip = g.find(f"{SVG}title")
            shape = g.find(f"{SVG}rect")
            shape = shape if shape is not None else g.find(f"{SVG}circle")
            assert tip is not None and shape is not None
            out[tip.text or ""] = shape
    return out


# -- dates as stretches of time ------------------------------------------------------------------


def test_span_of_each_precision() -> None:
    assert span("1988", "year") == (1988.0, 1989.0)
    assert span("1980", "decade") == (1980.0, 1990.0)
    assert span("1988", "decade") == (1980.0, 1990.0)
    lo, hi = span("2018-06", "month") or (0, 0)
    assert lo == pytest.approx(2018 + 5 / 12) and hi == pytest.approx(2018 + 6 / 12)
    lo, hi = span("2020-03-01", "day") or (0, 0)
    assert lo == pytest.approx(2020 + 60 / 366) and hi - lo == pytest.approx(1 / 366)
    assert span("2018-06", None) == span("2018-06", "month")  # precision read off the form
    assert span(None, None) is None and span("around then", "year") is None


def test_date_label_is_as_precise_as_the_date() -> None:
    assert date_label("1988", "year") == "1988"
    assert date_label("1980", "decade") == "1980s"
    assert date_label("2019-11", "month") == "2019-11"
    assert date_label("2019-11-16", "day") == "2019-11-16"
    assert date_label(None, None) == "undated"


def test_axis_spans_the_dates_with_round_ticks() -> None:
    start, end, ticks = axis(1988.0, 2019.9)
    assert start <= 1988 and end >= 2019.9
    assert [label for _, label in ticks][:2] == ["1985", "1990"]
    start, end, ticks = axis(2019 + 10 / 12, 2019 + 11 / 12)  # one month: month ticks
    assert start <= 2019 + 10 / 12 and end >= 2019 + 11 / 12 and "2019-11" in [t for _, t in ticks]


# -- the chart -----------------------------------------------------------------------------------


def test_svg_draws_precision_as_width() -> None:
    events = [
        ev("decade", "killing", "1980", "decade"),
        ev("year", "killing", "1988", "year"),
        ev("month", "protest", "1995-06", "month"),
        ev("day", "arrest", "2000-06-15", "day"),
    ]
    root = parse(timeline_svg(events))
    by_precision = {g.get("data-precision"): g for g in root.iter(f"{SVG}g") if g.get("class") == "event"}
    width = {p: float(g.find(f"{SVG}rect").get("width")) for p, g in by_precision.items() if p != "day"}  # type: ignore[union-attr]
    assert width["decade"] == pytest.approx(10 * width["year"], rel=0.02)
    assert width["year"] == pytest.approx(12 * width["month"], rel=0.25)  # a month is at least 2.5 px
    assert by_precision["day"].find(f"{SVG}circle") is not None  # a day is a dot
    assert by_precision["day"].find(f"{SVG}rect") is None


def test_svg_colours_by_type_with_a_legend() -> None:
    events = [ev("a", "killing", "1988", "year"), ev("b", "protest", "2019-11", "month")]
    svg = timeline_svg(events)
    shapes = list(marks(parse(svg)).values())
    assert {s.get("fill") for s in shapes} == {TYPE_COLOURS["killing"], TYPE_COLOURS["protest"]}
    assert TYPE_COLOURS["killing"] != TYPE_COLOURS["protest"]
    assert ">killing (1)</text>" in svg and ">protest (1)</text>" in svg  # the legend


def test_svg_sizes_marks_by_the_square_root_of_the_figure() -> None:
    events = [
        ev("small", "killing", "1990", "year", figure=100),
        ev("large", "killing", "2000", "year", figure=400),
        ev("none", "killing", "2010", "year"),
    ]
    shapes = {tip.split(" · ")[1]: s for tip, s in marks(parse(timeline_svg(events))).items()}
    h = {k: float(s.get("height") or 0) for k, s in shapes.items()}
    assert h["1990 (year)"] > h["2010 (year)"] > 0
    # sqrt scale: 4 times the figure, twice the growth over the smallest mark
    assert (h["2000 (year)"] - h["2010 (year)"]) == pytest.approx(
        2 * (h["1990 (year)"] - h["2010 (year)"]), rel=0.05
    )
    assert "30,000" not in timeline_svg(events) and ">400</text>" in timeline_svg(events)


def test_svg_tooltips_give_type_date_place_figure_and_claimants() -> None:
    e = ev(
        "a",
        "killing",
        "1988",
        "year",
        place="Evin",
        figure=30000,
        claimants=("NCRI", "Amnesty"),
        reports=5,
        outlets=4,
    )
    (tip,) = marks(parse(timeline_svg([e]))).keys()
    assert tip == (
        "killing · 1988 (year) · Evin · best figure 30,000, claimed by NCRI; Amnesty · 5 reports, 4 outlets"
    )


def test_svg_escapes_every_text_from_the_corpus() -> None:
    hostile = [
        ev("a", "killing", "1988", "year", place=SCRIPT, figure=5, claimants=(ONERROR,)),
        ev("b", "<b onmouseover=alert(1)>x</b>", "1990", "year", place=ONERROR),
        ev("c", "torture", None, None, place=f"{SCRIPT}\x00\x1b"),  # undated, and XML-forbidden characters
    ]
    svg = timeline_svg(hostile, title=f"Events {SCRIPT}")
    assert "<script" not in svg and "<img" not in svg and "<b " not in svg
    assert "&lt;script&gt;" in svg and "onerror=alert(1)&gt;" in svg
    root = parse(svg)  # still well-formed, so the payloads are text, not markup
    texts = "".join(root.itertext())
    assert SCRIPT in texts and ONERROR in texts
    assert not [el for el in root.iter() if el.tag.endswith("script") or el.tag.endswith("img")]
    assert not [a for el in root.iter() for a in el.attrib if a.startswith("on")]


def test_svg_of_no_events_is_a_valid_empty_chart() -> None:
    root = parse(timeline_svg([]))
    assert "No events to chart." in "".join(root.itertext())


def test_svg_counts_undated_events_apart_and_packs_overlapping_ones() -> None:
    events = [
        ev("a", "protest", "2018", "year", figure=1000),
        ev("b", "protest", "2018-01", "month"),
        ev("c", "protest", None, None),
        ev("d", "protest", None, None, place="Tehran"),
    ]
    root = parse(timeline_svg(events))
    shapes = list(marks(root).values())
    assert len(shapes) == 2  # only dated events are on the axis
    centres = {float(s.get("y") or 0) + float(s.get("height") or 0) / 2 for s in shapes}
    assert len(centres) == 2  # overlapping events sit in two rows
    undated = [
        g for g in root.iter(f"{SVG}g") if g.get("class") != "event" and g.find(f"{SVG}circle") is not None
    ]
    (group,) = undated
    assert "".join(group.itertext()).endswith("2") and "Tehran" in (group.findtext(f"{SVG}title") or "")


# -- text and JSON -------------------------------------------------------------------------------

EVENTS = [
    ev("e1", "killing", "1988", "year", place="Iran", country="IR", figure=30000, claimants=("NCRI",),
       reports=5, outlets=4),
    ev("e2", "killing", "1980", "decade", place="Evin", country="IR", figure=400, contradictions=1),
    ev("e3", "plot", "2018-06-30", "day", place="Villepinte", country="FR", reports=3, outlets=3),
    ev("e4", "arrest", None, None, place="Tehran", country="IR"),
]  # fmt: skip


def test_text_lists_events_by_date_with_undated_apart() -> None:
    lines = timeline_text(EVENTS).splitlines()
    assert lines[0].split() == [
        "date",
        "type",
        "place",
        "reports",
        "outlets",
        "best",
        "figure",
        "(claimed",
        "by)",
    ]
    assert [line.split()[0] for line in lines[1:4]] == ["1980s", "1988", "2018-06-30"]
    assert "30,000 (NCRI)" in lines[2] and "Iran " in lines[2] and "(IR)" not in lines[2]
    assert "Evin (IR)" in lines[1] and "[1 contradiction]" in lines[1]
    undated = lines.index("undated (1 event):")
    assert undated > 3 and "Tehran" in lines[undated + 1]
    assert lines[-1] == "4 events: 3 dated, 1 undated"


def test_select_by_type_and_overlapping_dates() -> None:
    assert [e.id for e in select(EVENTS, types={"killing"})] == ["e1", "e2"]
    assert [e.id for e in select(EVENTS, since="1988-07")] == ["e1", "e2", "e3"]  # 1988 reaches July 1988
    assert [e.id for e in select(EVENTS, since="1990")] == ["e3"]  # the 1980s end before 1990
    assert [e.id for e in select(EVENTS, until="1985")] == ["e2"]  # the 1980s begin by 1985
    assert [e.id for e in select(EVENTS, since="2018-06-30", until="2018-06-30")] == ["e3"]
    assert len(select(EVENTS)) == 4  # undated events only without bounds


def test_json_has_dated_events_then_undated() -> None:
    data = json.loads(timeline_json(EVENTS))
    assert [e["id"] for e in data["events"]] == ["e2", "e1", "e3"] and [e["id"] for e in data["undated"]] == [
        "e4"
    ]
    e1 = data["events"][1]
    assert e1["date"] == {"value": "1988", "precision": "year", "label": "1988"}
    assert e1["figure"]["best"] == 30000 and e1["figure"]["claimants"] == ["NCRI"]
    assert (e1["reports"], e1["outlets"]) == (5, 4)


# -- the command and the report ------------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "events.db"
    with SQLiteStore.open(path) as s:
        for r in corpus()[0]:
            s.write(r)
    yield path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_timeline_text_json_and_svg(store_path: Path, tmp_path: Path) -> None:
    text = run("timeline", "--db", str(store_path))
    firsts = [line.split()[0] for line in text.splitlines()[1:4]]
    assert firsts == ["1980s", "1988", "2021-03-14"] or firsts[:2] == ["1980s", "1988"]
    assert "undated (" in text and "torture" in text.split("undated (")[1]
    only = run("timeline", "--db", str(store_path), "--type", "execution", "--format", "json")
    assert [e["type"] for e in json.loads(only)["events"]] == ["execution"]
    out = tmp_path / "t.svg"
    run("timeline", "--db", str(store_path), "--format", "svg", "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    assert "<script" not in svg
    parse(svg)


def test_cli_timeline_rejects_bad_dates_types_and_missing_db(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["timeline", "--db", str(store_path), "--since", "March 1988"])
    assert bad.exit_code == 2 and "not a date such as 1988" in bad.output
    bad = runner.invoke(cli, ["timeline", "--db", str(store_path), "--type", "massacre"])
    assert bad.exit_code == 2 and "unknown type massacre" in bad.output
    missing = runner.invoke(cli, ["timeline", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no database" in missing.output
    assert "--since DATE" in runner.invoke(cli, ["timeline", "--help"]).output


def test_report_has_the_timeline_escaped(store_path: Path, tmp_path: Path) -> None:
    with SQLiteStore.open(store_path) as s:
        page = write_report(s, tmp_path / "r.html").read_text(encoding="utf-8")
    section = page.split('<section id="timeline">')[1].split("</section>")[0]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline"' in section
    assert "<script" not in page and "<img" not in page
    assert re.search(r"<title>killing · 2021-03(-14)? \((day|month)\)", section)


@pytest.mark.seeds
def test_cli_timeline_on_the_seeds() -> None:
    db = str(seeds_db())
    text = run("timeline", "--db", db)
    massacre = [line for line in text.splitlines() if line.startswith("1988 ") and " killing " in line]
    assert massacre and "30,000" in massacre[0]
    assert "undated (" in text
    svg = run("timeline", "--db", db, "--format", "svg")
    root = parse(svg)
    assert any("1988 (year)" in (g.findtext(f"{SVG}title") or "") for g in root.iter(f"{SVG}g"))
