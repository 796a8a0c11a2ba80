"""`docket export --format csv`: ACLED-style columns, one row per event, the conservative figure as
fatalities, the source list, deterministic bytes; the default JSONL export unchanged."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fictional_events import ONERROR, SCRIPT, corpus, event_set, seeds_db

from docket.cli import cli
from docket.export.csv import COLUMNS, write_csv
from docket.export.eventview import EventView, Party
from docket.store import SQLiteStore


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def written(views: list[EventView]) -> str:
    out = io.StringIO(newline="")
    write_csv(views, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    """The invented events' rows, by docket type."""
    text = written(event_set().events)
    return {r["docket_type"]: r for r in rows_of(text)}


def test_csv_has_acled_columns_then_dockets_and_one_row_per_event() -> None:
    views = event_set().events
    text = written(views)
    header = text.splitlines()[0].split(",")
    assert header == list(COLUMNS)
    acled = "event_id_cnty event_date time_precision event_type sub_event_type actor1 assoc_actor_1 actor2"
    assert set(acled.split()) | {"country", "location", "source", "notes", "fatalities"} <= set(header)
    assert header.index("fatalities") < header.index("docket_event_id")
    records = rows_of(text)
    assert len(records) == len(views) == 4
    assert [r["docket_event_id"] for r in records] == [v.event.id for v in views]
    assert len({r["event_id_cnty"] for r in records}) == 4


def test_csv_row_of_an_event_reported_by_two_outlets(rows: dict[str, dict[str, str]]) -> None:
    k = rows["killing"]
    assert (k["event_date"], k["year"], k["time_precision"]) == ("2021-03-14", "2021", "1")
    assert (k["event_type"], k["sub_event_type"], k["disorder_type"]) == (
        "Violence against civilians",
        "Attack",
        "Political violence",
    )
    assert k["actor1"] == f"{SCRIPT} Brigade" and k["actor2"] == "protesters"  # data, not markup: as is
    assert k["location"] == "Qarvesh" and k["event_id_cnty"].startswith("XXX-")  # XQ is no real country
    assert k["source"] == "Radio Tormund; The Qarvesh Post"
    assert k["documents"] == "https://example.org/p; reports/q.txt"
    # 45, "at least 30" and the army's 3: ACLED's most conservative figure is the fatalities
    assert k["fatalities"] == k["figure_conservative"] == "3"
    assert (k["figure_low"], k["figure_best"], k["figure_high"]) == ("3", "30", "45")
    assert (k["reports"], k["outlets"], k["contradictions"]) == ("3", "2", "2")
    assert k["notes"].startswith("At least 30 protesters were killed in Qarvesh")


def test_csv_precision_and_figures_by_type(rows: dict[str, dict[str, str]]) -> None:
    e, a, t = rows["execution"], rows["arrest"], rows["torture"]
    assert (e["event_date"], e["time_precision"], e["fatalities"]) == ("1980", "3", "400")  # a decade
    assert (a["event_date"], a["time_precision"], a["event_type"]) == ("1988", "3", "Strategic developments")
    assert a["fatalities"] == "" and a["actor2"] == f"{ONERROR} Haddad"  # an arrest counts no dead
    assert (t["event_date"], t["year"], t["time_precision"]) == ("", "", "")  # undated


def test_csv_defuses_spreadsheet_formulas() -> None:
    views = event_set().events
    evil = replace(views[0], perpetrators=(Party(None, '=HYPERLINK("http://x","y")', "state", 1),))
    (row,) = rows_of(written([evil]))
    assert row["actor1"] == '\'=HYPERLINK("http://x","y")'


def test_csv_is_deterministic_with_newline_line_ends() -> None:
    first, second = written(event_set().events), written(event_set().events)
    assert first == second and "\r" not in first and first.endswith("\n")


def test_cli_export_csv_and_the_default_jsonl(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with SQLiteStore.open(db) as s:
        for r in corpus()[0]:
            s.write(r)
    runner = CliRunner()
    out = tmp_path / "events.csv"
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")
    records = rows_of(text)
    jsonl = runner.invoke(cli, ["export", "--db", str(db)]).stdout
    explicit = runner.invoke(cli, ["export", "--db", str(db), "--format", "jsonl"]).stdout
    assert jsonl == explicit and json.loads(jsonl.splitlines()[0])["kind"] == "document"
    events = [r for r in map(json.loads, jsonl.splitlines()) if r["kind"] == "event"]
    assert sorted(r["docket_event_id"] for r in records) == sorted(e["id"] for e in events)
    assert "\r\n" not in text


@pytest.mark.seeds
def test_cli_export_csv_on_the_seeds(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(seeds_db())
    text = runner.invoke(cli, ["export", "--db", db, "--format", "csv"]).stdout
    records = rows_of(text)
    jsonl = runner.invoke(cli, ["export", "--db", db]).stdout
    events = [r for r in map(json.loads, jsonl.splitlines()) if r["kind"] == "event"]
    assert len(records) == len(events) and len({r["docket_event_id"] for r in records}) == len(records)
    massacre = [r for r in records if r["event_date"] == "1988" and r["docket_type"] == "killing"]
    assert massacre and massacre[0]["time_precision"] == "3" and massacre[0]["fatalities"] == "30000"
    assert massacre[0]["country"] == "Iran" and massacre[0]["event_id_cnty"].startswith("IRN-")
    assert int(massacre[0]["reports"]) >= 3 and ";" in massacre[0]["source"]
    assert text == runner.invoke(cli, ["export", "--db", db, "--format", "csv"]).stdout
