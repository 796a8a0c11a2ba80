"""Temporal expressions: which spans count, where they start and end, and what they normalise to."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from docket.extract import datecalendar
from docket.extract.dates import extract_dates, normalise
from docket.model import DateMention, Document, Found, stable_id

ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def dates_of(nlp: Language, doc: Document) -> list[DateMention]:
    return list(extract_dates(doc, nlp(doc.text)))


def by_text(mentions: list[DateMention]) -> dict[str, tuple[str | None, str | None]]:
    return {m.evidence.text: (m.value, m.precision) for m in mentions}


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("November 14, 2019", "2019-11-14", "day"),
        ("December 2010", "2010-12", "month"),
        ("the October 1998", "1998-10", "month"),  # "the October 1998 shooting", as the parser spans it
        ("Human Rights Day in 2020", "2020-12-10", "day"),
        ("nineteen ninety-six", "1996", "year"),  # as broadcast transcripts spell years
        ("January nineteen ninety-seven", "1997-01", "month"),
        ("the year two thousand", "2000", "year"),
        ("two thousand and one", "2001", "year"),
        ("2013", "2013", "year"),
        ("in 1988", "1988", "year"),
        ("the summer of 1988", "1988", "year"),
        ("the beginning of 2018", "2018", "year"),
        ("early 2018", "2018", "year"),
        ("at the beginning of January 2018", "2018-01", "month"),
        ("the 1980s", "1980", "decade"),
        ("the 80s", "1980", "decade"),
        ("the 80’s", "1980", "decade"),
        ("the late 1970s", "1970", "decade"),
        ("the final days of 2017", "2017", "year"),
        # a part of a year is that year: docket has no unit for quarters or for nine months
        ("the third quarter of 2018", "2018", "year"),
        ("the first nine months of 2019", "2019", "year"),
        ("the last half of 1989", "1989", "year"),
        ("January 9, 1999", "1999-01-09", "day"),
        ("July 9, 1999", "1999-07-09", "day"),
        ("9 July 1999", "1999-07-09", "day"),
        ("Saturday, March 6, 2021", "2021-03-06", "day"),
        ("Sept. 3, 2004", "2004-09-03", "day"),
        ("mid-2012", "2012", "year"),
        # A named day with its year: a fixed feast gives the day, a movable one the year.
        ("Armistice Day, 1920", "1920-11-11", "day"),
        ("Christmas Eve 2003", "2003-12-24", "day"),
        ("on New Year's Day 1990", "1990-01-01", "day"),
        ("Easter 2011", "2011", "year"),
        ("during Ramadan 2017", "2017", "year"),
    ],
)
def test_dates_absolute(text: str, value: str, precision: str) -> None:
    assert normalise(text, None) == (value, precision)
    assert normalise(text, "1950-01-01") == (value, precision)  # an anchor changes nothing here


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 2019",
        "the 20s",
        "sometime",
        "approximately four years",
        "Easter",
        "Ramadan",
        "two thousand years",
    ],
)
def test_dates_unresolvable_is_none(text: str) -> None:
    assert normalise(text, "2020-06-10", 2018) == (None, None)


@pytest.mark.parametrize(
    ("text", "anchor", "value", "precision"),
    [
        ("last November", "2020-06-10", "2019-11", "month"),
        ("last November", "2020-12-01", "2020-11", "month"),
        ("last November", "2020-11-30", "2019-11", "month"),  # strictly before the anchor's month
        ("last November’s", "2020-06-10", "2019-11", "month"),
        ("next March", "2020-06-10", "2021-03", "month"),
        ("last year", "2020-06-10", "2019", "year"),
        ("last year's", "2020", "2019", "year"),
        ("this year", "2020-06-10", "2020", "year"),
        ("next year", "1995-02", "1996", "year"),
        ("last month", "2020-01-15", "2019-12", "month"),
        ("today", "2020-06-10", "2020-06-10", "day"),
        ("today", "2020-06", "2020-06", "month"),
        ("today", "2020", "2020", "year"),
        ("yesterday", "2020-03-01", "2020-02-29", "day"),
        ("July 17", "2020-06-10", "2020-07-17", "day"),
        ("on October 7", "2020", "2020-10-07", "day"),
        ("October", "2020-06-10", "2020-10", "month"),
        ("two years ago", "2020-06-10", "2018", "year"),
        ("last Friday", "2020-06-10", "2020-06-05", "day"),  # 2020-06-10 was a Wednesday
        ("last summer", "2020-06-10", "2019", "year"),
        ("last summer", "2020-10-01", "2020", "year"),
        ("the beginning of last year", "2020-06-10", "2019", "year"),
        ("March twenty-first", "2020-06-10", "2020-03-21", "day"),
        ("November of last year", "2020-06-10", "2019-11", "month"),
        ("this last December", "2020-06-10", "2019-12", "month"),
        ("the month of September", "2020-06-10", "2020-09", "month"),
        ("sometime next year", "2020-06-10", "2021", "year"),
        ("the first quarter of this year", "2020-06-10", "2020", "year"),
    ],
)
def test_dates_relative_to_anchor(text: str, anchor: str, value: str, precision: str) -> None:
    assert normalise(text, anchor) == (value, precision)


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("yesterday", "2020-06"),  # needs a day
        ("last November", "2020"),  # needs a month: 2019-11 or 2020-11?
        ("last month", "2020"),
        ("in recent days", "2020-06-10"),
        ("recently", "2020-06-10"),
        ("about two years ago", "2020-06-10"),  # hedged: no exact year
        ("Friday", "2020-06-10"),  # the last one or the next one?
    ],
)
def test_dates_relative_too_vague_is_none(text: str, anchor: str) -> None:
    assert normalise(text, anchor) == (None, None)


@pytest.mark.parametrize(
    "text",
    ["last November", "last year", "this year", "today", "yesterday", "July 17", "on October 7",
     "last year's", "two years ago", "October", "next month", "the beginning of September"],
)  # fmt: skip
def test_dates_relative_without_anchor_is_none(text: str) -> None:
    assert normalise(text, None) == (None, None)
    assert normalise(text, "not a date") == (None, None)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("June of that year", "2018-06", "month"),
        ("In June of that year", "2018-06", "month"),
        ("that year", "2018", "year"),
        ("the same year", "2018", "year"),
        ("later that year", "2018", "year"),
        ("the following year", "2019", "year"),
        ("a year later", "2019", "year"),
        ("four years earlier", "2014", "year"),
    ],
)
def test_dates_anaphoric(text: str, value: str, precision: str) -> None:
    assert normalise(text, "2020-06-10", 2018) == (value, precision)
    if text.endswith("earlier"):  # with no year before it, compared with the time of writing (TimeML)
        assert normalise(text, "2020-06-10", None) == ("2016", "year")
        assert normalise(text, None, None) == (None, None)
    else:
        assert normalise(text, "2020-06-10", None) == (None, None)


@pytest.mark.parametrize("text", ["three or four years before", "approximately four years earlier"])
def test_dates_anaphoric_vague_is_none(text: str) -> None:
    assert normalise(text, "2020-06-10", 2018) == (None, None)


@pytest.mark.parametrize(
    ("text", "anchor", "context_year"),
    [("the following year", None, 9999), ("a year later", None, -5), ("yesterday", "1000-01-01", None),
     ("last year", "1000", None), ("that year", None, 123456), ("2013", "10000-01-01", None)],
)  # fmt: skip
def test_dates_out_of_range_years_are_none(text: str, anchor: str | None, context_year: int | None) -> None:
    value, _ = normalise(text, anchor, context_year)
    assert value is None or value == "2013"


def test_dates_never_read_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoToday(date):
        @classmethod
        def today(cls) -> date:
            raise AssertionError("normalise read today's date")

    monkeypatch.setattr(datecalendar, "date", NoToday)  # the only module that builds dates
    normalise.cache_clear()
    for text in ("last November", "yesterday", "last Friday", "July 17", "two days ago", "2013", "recently"):
        normalise(text, "2020-06-10")
        assert normalise(text, None) in ((None, None), ("2013", "year"))
    normalise.cache_clear()


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"\A(last |next |the |early |in |June of )?(that |the following |a |\d{1,2} )?"
            r"(June|May|\d{1,4}|[0-9]0s|years?|today|yesterday)( \d{1,4}| later| ago)?\Z"
        ),
    ),
    anchor=st.one_of(st.none(), st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"), st.text(max_size=12)),
    context_year=st.one_of(st.none(), st.integers(min_value=-(10**6), max_value=10**6)),
)
def test_dates_normalise_property(text: str, anchor: str | None, context_year: int | None) -> None:
    value, precision = normalise(text, anchor, context_year)
    assert (value is None) == (precision is None)
    assert value is None or ISO_PARTIAL.match(value)


SAMPLE = (
    "The commission met on November 14, 2019 to review events of December 2010. "
    "In 2013, a 63-year-old man and two 13-year-old girls were detained for two years. "
    "Last November, protests spread, and the 1988 massacre was remembered. "
    "By 2018 repression grew. In June of that year, police raided homes in the final days of 2017 style. "
    "In the summer of 1988, prisoners were killed. "
    "Arrests in the 80’s and the 1990s continued for many years. "
    "Over the past two and a half years, three uprisings occurred. A hearing is set for July 17. "
    "Officials spoke yesterday about last year's report; they meet every year for 30-45 minutes."
)


def test_dates_extract_sample(nlp: Language, document: Callable[..., Document]) -> None:
    doc = document(SAMPLE, published="2020-06-10")
    found = by_text(dates_of(nlp, doc))
    assert found == {
        "November 14, 2019": ("2019-11-14", "day"),
        "December 2010": ("2010-12", "month"),
        "2013": ("2013", "year"),
        "Last November": ("2019-11", "month"),
        "1988": ("1988", "year"),
        "2018": ("2018", "year"),
        "June of that year": ("2018-06", "month"),
        "the final days of 2017": ("2017", "year"),
        "the summer of 1988": ("1988", "year"),
        "the 80’s": ("1980", "decade"),
        "the 1990s": ("1990", "decade"),
        "July 17": ("2020-07-17", "day"),
        "yesterday": ("2020-06-09", "day"),
        "last year": ("2019", "year"),
    }


def test_dates_evidence_ids_and_order(nlp: Language, document: Callable[..., Document]) -> None:
    doc = document(SAMPLE, published="2020-06-10")
    mentions = dates_of(nlp, doc)
    starts = [m.evidence.start for m in mentions]
    assert starts == sorted(starts)
    for m, nxt in itertools.pairwise(mentions):
        assert m.evidence.end <= nxt.evidence.start
    for m in mentions:
        ev = m.evidence
        assert ev.doc == doc.id and doc.text[ev.start : ev.end] == ev.text
        assert ev.text == ev.text.strip(" ,.;:") and not ev.text.lower().startswith(("in ", "on ", "by "))
        assert m.id == stable_id("date", doc.id, ev.start, ev.end)
    assert dates_of(nlp, doc) == mentions  # deterministic


def test_dates_without_anchor(nlp: Language, document: Callable[..., Document]) -> None:
    found = by_text(dates_of(nlp, document(SAMPLE)))
    for text in ("Last November", "July 17", "yesterday", "last year"):
        assert found[text] == (None, None)
    assert found["June of that year"] == ("2018-06", "month")  # anaphora needs no anchor


def test_dates_anchor_is_publication_not_page_date(nlp: Language, document: Callable[..., Document]) -> None:
    doc = document("Protests spread last year across the country.")
    doc = Document(doc.id, doc.ref, doc.text, page_date=Found("2021-03-06", "html-meta"))
    assert by_text(dates_of(nlp, doc)) == {"last year": (None, None)}
    dated = document(doc.text, published="2021-03-06T10:00:00")
    assert by_text(dates_of(nlp, dated)) == {"last year": ("2020", "year")}


@pytest.mark.parametrize(
    "text",
    [
        "Ali Saremi, a 63-year-old man, was arrested with 13-year-old girls.",
        "She is 70 years old and he was aged 81 at the time.",
        "Ahmadi, aged 70, was detained.",
        "Most of the prisoners were in their 20s and one man was in his late 80s.",
        "The rally had been held for 15 consecutive years and lasted several days.",
        "Over the past two and a half years they spent many years, months and two years in prison.",
        "Each segment ran 30-45 minutes, and it took just several days on the two-year anniversary.",
        "The first and the second uprisings were held every year in the decades since.",
        "Mourners gathered for Friday prayer in the city.",
        "Mourners honoured the murdered Sunday Courier editor Ilan Voss.",
        "Tomas Verel edited the Sunday Opinion pages for a decade.",
        "The now-defunct Velmora Courier was raided by the now-deceased militia leader.",
    ],
)
def test_dates_not_dates(nlp: Language, document: Callable[..., Document], text: str) -> None:
    assert dates_of(nlp, document(text, published="2020-06-10")) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Crowds recalled the 1988 massacre.", "1988"),  # "the" belongs to "massacre"
        ("In the summer of 1988, many died.", "the summer of 1988"),
        ("Security forces arrested them in 2013.", "2013"),
        ("It began at the beginning of 2018 in Tehran.", "the beginning of 2018"),
        ("Crimes of the 1980s went unpunished.", "the 1980s"),
        ("During the 1980s war many died.", "1980s"),  # NER says "the 1980s"; "the" is the war's
        ("On November 27 marks the trial date.", "November 27"),
        ("She referred to last November’s movement.", "last November"),
        # a relation word after a deictic date starts a clause; a hedge before a year is not the date
        ("Crowds marched last year after the vote.", "last year"),
        ("Police had watched him since at least 2011.", "2011"),
        ("Dan Velt was convicted in nineteen ninety-one in Ketlin.", "nineteen ninety-one"),
    ],
)
def test_dates_span_convention(
    nlp: Language, document: Callable[..., Document], text: str, span: str
) -> None:
    assert [m.evidence.text for m in dates_of(nlp, document(text))] == [span]


def test_dates_that_year_uses_latest_explicit_year(nlp: Language, document: Callable[..., Document]) -> None:
    text = (
        "Talks failed in 2016. Attacks rose in 2018. That year saw arrests, and in March of that year a trial"
    )
    found = by_text(dates_of(nlp, document(text)))
    assert found["That year"] == ("2018", "year")
    assert found["March of that year"] == ("2018-03", "month")
    lonely = by_text(dates_of(nlp, document("That year saw many arrests in the capital.")))
    assert lonely == {"That year": (None, None)}


def test_dates_the_following_year_is_a_date_not_a_duration(
    nlp: Language, document: Callable[..., Document]
) -> None:
    text = (
        "Dan Velt was jailed in 2015, and the following year his paper closed. Over the past year, more fled."
    )
    assert by_text(dates_of(nlp, document(text))) == {
        "2015": ("2015", "year"),
        "the following year": ("2016", "year"),
    }


def test_dates_anaphoric_offsets_keep_their_relation_word(
    nlp: Language, document: Callable[..., Document]
) -> None:
    text = "He had planned it three or four years before it occurred. Two weeks thereafter, a trial opens."
    found = by_text(dates_of(nlp, document(text, published="2020-06-10")))
    assert found == {"three or four years before": (None, None), "Two weeks thereafter": (None, None)}


def test_dates_range_is_split(nlp: Language, document: Callable[..., Document]) -> None:
    found = by_text(
        dates_of(nlp, document("Unrest grew between 2017 and 2019 and from March 2015 to June 2016."))
    )
    assert found == {
        "2017": ("2017", "year"),
        "2019": ("2019", "year"),
        "March 2015": ("2015-03", "month"),
        "June 2016": ("2016-06", "month"),
    }


def test_dates_range_ends_complete_each_other(nlp: Language, document: Callable[..., Document]) -> None:
    # NER keeps each range whole; each end is a date, and takes from the other what it leaves out.
    text = (
        "Police held Dan Velt from January to March 2021. Strikes ran from Aug. 26 to Oct. 20. "
        "Activists were held between 12 and 15 November 2020. The council meets on April 24 and 25."
    )
    found = by_text(dates_of(nlp, document(text, published="2021-05-10")))
    assert found == {
        "January": ("2021-01", "month"),
        "March 2021": ("2021-03", "month"),
        "Aug. 26": ("2020-08-26", "day"),
        "Oct. 20": ("2020-10-20", "day"),
        "12": ("2020-11-12", "day"),
        "15 November 2020": ("2020-11-15", "day"),
        "April 24": ("2021-04-24", "day"),
        "25": ("2021-04-25", "day"),
    }
    # the start lies before the end and the end after the start, a year apart if need be
    text = "Ana Ruiz hid from December to February 2021, and from December 2019 to February."
    found = by_text(dates_of(nlp, document(text, published="2021-05-10")))
    assert (found["December"], found["February 2021"]) == (("2020-12", "month"), ("2021-02", "month"))
    assert (found["December 2019"], found["February"]) == (("2019-12", "month"), ("2020-02", "month"))
    text = "Trading in Velmora shares is suspended from today through Nov. 17."
    assert by_text(dates_of(nlp, document(text, published="2021-05-10")))["Nov. 17"] == ("2021-11-17", "day")
    # a weekday fixes no year: here "to" joins no range, and December is the last one
    text = "After a small downward revision Friday to December's figures, the economy grew."
    assert by_text(dates_of(nlp, document(text, published="2021-05-10")))["December"] == ("2020-12", "month")
    # a bare number that is no day of a range stays out
    text = "Dan Velt, who had 12 and 15 votes, spoke on 3 May 2021."
    assert "12" not in by_text(dates_of(nlp, document(text, published="2021-05-10")))


def test_dates_yearly_days_without_a_year(nlp: Language, document: Callable[..., Document]) -> None:
    text = (
        "Police detained Dan Velt on Christmas Eve and freed him last Thanksgiving. The Christmas tree stood."
    )
    found = by_text(dates_of(nlp, document(text, published="2021-01-04")))
    assert found == {"Christmas Eve": ("2020-12-24", "day"), "last Thanksgiving": ("2020-11-26", "day")}
    # a full date before it in its sentence gives its year
    text = "In this photo taken December 14, 2020, Ana Ruiz asks to free those held on Human Rights Day."
    found = by_text(dates_of(nlp, document(text, published="2022-03-07")))
    assert found["Human Rights Day"] == ("2020-12-10", "day")
    # the feast's apostrophe may be typographic
    found = by_text(dates_of(nlp, document("Dan Velt vanished on New Year’s Eve.", published="2021-05-04")))
    assert found == {"New Year’s Eve": ("2020-12-31", "day")}
    # a relation word after a feast's "Day" starts a clause; after a count of days it ends the span
    text = "Dan Velt was found on Thanksgiving Day after his boat sank, two days after the storm."
    found = by_text(dates_of(nlp, document(text, published="2021-01-04")))
    assert found == {"Thanksgiving Day": ("2020-11-26", "day"), "two days after": (None, None)}


def test_dates_full_date_sets_the_year_of_its_sentence(
    nlp: Language, document: Callable[..., Document]
) -> None:
    text = (
        "Dan Velt was abducted on 25 October 2010, and on November 18 his body was found in Ketlin. "
        "On November 20 his family buried him. Since its launch in 2003 and as of February, the "
        "fund has paid for 40 funerals."
    )
    found = by_text(dates_of(nlp, document(text, published="2021-05-04")))
    assert found["November 18"] == ("2010-11-18", "day")
    assert found["November 20"] == ("2020-11-20", "day")  # another sentence: against publication
    assert found["February"] == ("2021-02", "month")  # a bare year sets no month's year
    # a month-day still to come is not the past full date's
    text = "Dan Velt was freed on 3 March 2019 and will testify on June 5."
    assert by_text(dates_of(nlp, document(text, published="2021-05-04")))["June 5"] == ("2021-06-05", "day")


def test_dates_offset_or_term_joined_to_a_date_is_split_off(
    nlp: Language, document: Callable[..., Document]
) -> None:
    # NER joins "21 November 2019, days after" and "June 2018 to 15 years"; the date is the first part.
    text = "Dan Velt was arrested on 21 November 2019, days after he signed a letter to the council."
    assert by_text(dates_of(nlp, document(text)))["21 November 2019"] == ("2019-11-21", "day")
    text = "The ferry reaches Port Ellis on November 11, three days later than planned."
    found = by_text(dates_of(nlp, document(text, published="2005-11-05")))
    assert found["November 11"] == ("2005-11-11", "day")
    text = "A judge sentenced Dan Velt in June 2018 to 15 years in prison."
    assert by_text(dates_of(nlp, document(text))) == {"June 2018": ("2018-06", "month")}
    found = by_text(dates_of(nlp, document("The writers were jailed during both 2019 and 2020.")))
    assert found == {"2019": ("2019", "year"), "2020": ("2020", "year")}


def seed(seeds_dir: Path, prefix: str, document: Callable[..., Document]) -> Document:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return document(path.read_text(encoding="utf-8"), ref=path.name)  # .txt seeds: no publication date


@pytest.mark.seeds
def test_dates_seeds(nlp: Language, document: Callable[..., Document], seeds_dir: Path) -> None:
    found = {p: dates_of(nlp, seed(seeds_dir, p, document)) for p in ("000", "001", "003")}
    assert by_text(found["001"])["June of that year"] == ("2018-06", "month")
    s003 = by_text(found["003"])
    assert s003["November 14, 2019"] == ("2019-11-14", "day")
    assert s003["1988"] == ("1988", "year")
    assert s003["the final days of 2017"] == ("2017", "year")
    s000 = found["000"]
    assert by_text(s000)["December 2010"] == ("2010-12", "month")
    assert [m.value for m in s000 if m.evidence.text == "last November"] == [None, None]
    assert not {"63-year-old", "many years", "months", "two years"} & {m.evidence.text for m in s000}
