"""Temporal expressions resolved as TimeML reads news: weekdays by tense, nearest years, weeks,
quarters, "now". Fictional sentences; 2020-06-10 was a Wednesday."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from docket.extract.dates import extract_dates, normalise
from docket.model import Document

ANCHOR = "2020-06-10"


def found(nlp: Language, doc: Document) -> dict[str, tuple[str | None, str | None]]:
    return {m.evidence.text: (m.value, m.precision) for m in extract_dates(doc, nlp(doc.text))}


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Friday", "past", "2020-06-05"),
        ("Friday", "future", "2020-06-12"),
        ("Wednesday", "past", "2020-06-10"),  # the day of writing itself
        ("Wednesday", "future", "2020-06-10"),
        ("Monday", "present", "2020-06-08"),  # nearest
        ("Friday morning", "past", "2020-06-05"),
        ("the early hours of Friday morning", "past", "2020-06-05"),
        ("the small hours of Friday", "past", "2020-06-05"),
        ("next Friday", None, "2020-06-12"),
        ("last Wednesday", None, "2020-06-03"),
    ],
)
def test_weekday_follows_tense(text: str, tense: str | None, value: str) -> None:
    assert normalise(text, ANCHOR, None, tense) == (value, "day")


def test_weekday_without_tense_or_day_anchor_is_none() -> None:
    assert normalise("Friday", ANCHOR) == (None, None)
    assert normalise("Friday", "2020-06", None, "past") == (None, None)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value", "precision"),
    [
        ("Dec. 30", "2021-01-04", None, "2020-12-30", "day"),  # nearest, not the anchor's year
        ("Jan. 3", "2020-12-28", "past", "2021-01-03", "day"),  # a month-day near the anchor goes by nearness
        ("Nov. 3", "1999-05-07", "past", "1998-11-03", "day"),  # far ahead in a past clause: last year's
        ("last Oct. 23", "1999-04-19", None, "1998-10-23", "day"),
        ("this coming March 3", ANCHOR, None, "2021-03-03", "day"),
        ("Thanksgiving Day", "2000-01-07", "past", "1999-11-25", "day"),  # the fourth Thursday of November
        ("last Thanksgiving", "2020-11-30", None, "2020-11-26", "day"),
        ("Christmas Day", "2021-01-04", None, "2020-12-25", "day"),
        ("next Christmas", "2020-12-25", None, "2021-12-25", "day"),
        ("this May Day", "2020-04-02", None, "2020-05-01", "day"),
        ("Nov. 3", "1999-05-07", None, "1999-11-03", "day"),
        ("Aug. 1", "2020-12-01", "future", "2021-08-01", "day"),  # far behind in a future clause
        ("Aug. 1", "2020-12-01", None, "2020-08-01", "day"),
        ("December", "2021-04-10", "past", "2020-12", "month"),
        ("September", "2020-08-16", "future", "2020-09", "month"),
        ("June last year", ANCHOR, None, "2019-06", "month"),
        ("January this year", ANCHOR, None, "2020-01", "month"),
        ("last night", ANCHOR, None, "2020-06-09", "day"),
        ("this morning", ANCHOR, None, "2020-06-10", "day"),
        ("now", ANCHOR, None, "2020-06-10", "day"),
        ("currently", "2020-06", None, "2020-06", "month"),
        ("earlier this year", ANCHOR, None, "2020", "year"),
        ("later this month", ANCHOR, None, "2020-06", "month"),
        ("this week", ANCHOR, None, "2020-06", "month"),  # 8-14 June: inside one month
        ("last week", "2020-07-08", None, "2020", "year"),  # 29 June-5 July: its year only
        ("last week", "2021-01-06", None, None, None),  # 28 Dec-3 Jan: no ISO partial holds it
        ("the weekend", ANCHOR, "past", "2020-06", "month"),
        ("two weeks ago", ANCHOR, None, "2020-05", "month"),  # a week: 25-31 May, as TimeML writes it
        ("one week ago", "2020-07-08", None, "2020", "year"),  # 29 June-5 July: its year only
        ("a decade ago", ANCHOR, None, "2010", "year"),
        ("the third quarter", "2020-11-02", None, "2020", "year"),
        ("the fourth quarter", "2021-02-01", "past", "2020", "year"),
        ("the year-earlier quarter", "2020-11-02", None, "2019", "year"),
        ("fiscal 2019", None, None, "2019", "year"),
        ("the first half", ANCHOR, None, "2020", "year"),
    ],
)
def test_deictic_periods(
    text: str, anchor: str | None, tense: str | None, value: str | None, precision: str | None
) -> None:
    assert normalise(text, anchor, None, tense) == (value, precision)


@pytest.mark.parametrize("text", ["now", "this week", "the third quarter", "Friday", "December"])
def test_deictic_without_anchor_is_none(text: str) -> None:
    assert normalise(text, None, None, "past") == (None, None)


def test_extract_weekdays_by_tense(nlp: Language, document: Callable[..., Document]) -> None:
    text = (
        "Guards detained the organiser Friday. The tribunal will hear the appeal Monday. "
        "The lawyers planned a vigil Saturday. She is now held in the northern prison."
    )
    assert found(nlp, document(text, published=ANCHOR)) == {
        "Friday": ("2020-06-05", "day"),
        "Monday": ("2020-06-15", "day"),
        "Saturday": ("2020-06-13", "day"),
        "now": ("2020-06-10", "day"),
    }
    # after a long apposition the tagger takes a main verb in the past for a participle
    text = "Nurses in Ketlin, a city north of Velmora, protested outside the hospital on Tuesday."
    assert found(nlp, document(text, published=ANCHOR)) == {"Tuesday": ("2020-06-09", "day")}


def test_extract_spans(nlp: Language, document: Callable[..., Document]) -> None:
    text = (
        "Arrests rose in the quarter ended Sept. 30, and the group met the lawyer Monday before leaving. "
        "Now that the camp is closed, nobody can say what the future holds."
    )
    got = found(nlp, document(text, published="2020-10-14"))
    assert got["Sept. 30"] == ("2020-09-30", "day")
    assert got["the quarter"] == ("2020", "year")
    assert got["Monday"] == ("2020-10-12", "day")
    assert got["the future"] == (None, None)
    assert "Now" not in got


def test_relative_without_publication_date_stays_none(
    nlp: Language, document: Callable[..., Document]
) -> None:
    text = "Guards detained the organiser Friday, and he is now held there, as in the third quarter."
    assert all(v == (None, None) for v in found(nlp, document(text)).values())
