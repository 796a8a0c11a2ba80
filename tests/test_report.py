"""The HTML report: self-contained, escaped, evidence highlighted, a chart of incidents by type and year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from test_store import REJECTIONS, fictional_results

from docket.export.report import chart_svg, excerpt, stats, write_report
from docket.model import Document, Evidence
from docket.store import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore.open(tmp_path / "r.db") as s:
        for r in fictional_results():
            s.write(r)
        for r in REJECTIONS:
            s.write_rejection(r)
        yield s


@pytest.fixture
def page(store: SQLiteStore, tmp_path: Path) -> str:
    path = write_report(store, tmp_path / "out" / "report.html")
    assert path == tmp_path / "out" / "report.html"
    return path.read_text(encoding="utf-8")


def test_report_highlights_the_evidence_in_its_sentence(page: str) -> None:
    assert "<mark>security forces arrested Layla Haddani in Qarvesh</mark>." in page
    # The sentence around the span is shown, and not the neighbouring sentence.
    assert "On 12 March 2021, <mark>security forces" in page
    assert "<mark>at least 14 teachers were detained</mark>." in page


def test_report_escapes_text_from_the_corpus(page: str) -> None:
    assert (
        "<mark>“&lt;script&gt;alert(1)&lt;/script&gt; is what they call justice.”</mark></blockquote>" in page
    )
    assert "<script" not in page.lower()
    assert "Prison &lt;b&gt;abuse&lt;/b&gt; &amp; “justice”" in page  # a title, escaped in the source line


def test_report_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert not re.search(r"<link|<img|<iframe|@import|\bsrc=", page, re.I)
    assert set(re.findall(r'href="([^"]*)"', page)) == {"https://example.org/a"}


def test_report_links_only_web_urls(tmp_path: Path) -> None:
    b = fictional_results()[1]
    hostile = replace(b, document=replace(b.document, url="javascript:alert(1)"))
    with SQLiteStore.open(tmp_path / "js.db") as s:
        s.write(hostile)
        html = write_report(s, tmp_path / "js.html").read_text(encoding="utf-8")
    assert "javascript:" not in html and "href=" not in html


def test_report_has_the_chart_of_incidents_by_type_and_year(page: str) -> None:
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg, "no inline SVG chart"
    chart = svg.group()
    for column in ("2019", "2020", "2021", "undated"):
        assert f">{column}</text>" in chart
    for legend in ("arrest (1)", "detention (1)", "torture (1)", "killing (1)"):
        assert legend in chart
    assert chart.count("<rect") == 4 + 4  # one bar segment per (year, type) and one legend swatch per type


def test_report_groups_statements_by_speaker_and_shows_incident_details(page: str) -> None:
    statements = page[page.index('id="statements"') :]
    assert statements.count("<article>") == 3  # Haddani, the union, Belkacem
    assert "Layla Haddani" in statements and "“We will not be silenced,”" in statements
    incidents = page[page.index('id="incidents"') : page.index('id="statements"')]
    assert incidents.index(">Torture") < incidents.index(">Arrest") < incidents.index(">Killing")  # by date
    for detail in (
        "security forces",
        "at least 14 teachers",
        "Tormund Prison",
        "according to",
        "unknown gunmen",
    ):
        assert detail in incidents
    assert "The Qarvesh Post" in incidents and "a.html" in incidents


def test_report_stats_counts_the_corpus(store: SQLiteStore) -> None:
    s = stats(store)
    assert s["documents"] == 3 and s["rejected"] == 2
    assert s["incidents"] == 4 and s["statements"] == 3 and s["speakers"] == 3
    assert s["incidents_by_type"] == {"arrest": 1, "detention": 1, "killing": 1, "torture": 1}
    name, etype, mentions = s["top_entities"][0]
    assert (name, etype, mentions) == ("Layla Haddani", "person", 3)  # joined across two documents


def test_report_of_an_empty_store_still_renders(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "empty.db") as s:
        html = write_report(s, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No incidents." in html and "No statements." in html
    assert chart_svg([]) == '<p class="empty">No incidents to chart.</p>'


def test_report_excerpt_stops_at_sentence_ends_and_long_runs() -> None:
    text = "First one. The second sentence holds the span here! Third."
    doc = Document("d", "r", text)
    start = text.index("span")
    ex = excerpt(text, Evidence.of(doc, start, start + 4))
    assert (ex.before, ex.marked, ex.after) == ("The second sentence holds the ", "span", " here!")
    long = "word " * 200
    ex = excerpt(long, Evidence.of(Document("e", "r", long), 500, 504), limit=20)
    assert ex.before.startswith("…") and ex.after.endswith("…")
    assert len(ex.before) <= 21 and len(ex.after) <= 21
