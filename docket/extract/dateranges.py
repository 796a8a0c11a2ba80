"""Date spans that join several dates: NER keeps "Aug. 26 to Oct. 20", "January to March 2021" or
"12 and 15 November 2020" as one entity, which names no single date. TimeML marks each end on its
own, and so does docket: the span is split into its ends, and an end that leaves out what the other
writes takes it from there ("January" takes 2021, "12" takes November 2020, "April 24 and 25" gives
25 its April).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from docket.extract.datenorm import clean, normalise, yearless
from docket.extract.datewords import MONTH_NAME, MONTH_WORDS, WEEKDAYS, WRITTEN_YEAR
from docket.model import DateMention

_MON = MONTH_NAME
# "the quarter ended Sept. 30": the period and its end date are two expressions
_ENDED = re.compile(r"\s(?:ended|ending)\s")
# Complete dates inside one NER span that joins several ("between 2017 and 2019").
_ABSOLUTE = re.compile(
    rf"\b{_MON}\s+\d{{1,2}},?\s+\d{{4}}\b|\b{_MON},?\s+\d{{4}}\b|\b(?:1[6-9]|20)\d{{2}}\b(?!['’]?s)"
)
HAS_DATE_PART = re.compile(
    rf"\b(?:{MONTH_WORDS}|{'|'.join(WEEKDAYS)}|today|tonight|yesterday|"
    r"tomorrow)\b|\b\d{4}\b|\b(?:this|last)\s+(?:morning|afternoon|evening|night)\b"
)
# What joins the two ends of a range: "to", "through", "until", "and", a dash.
_JOIN = r"(?:\s+(?:to|through|thru|until|till|and)\s+|\s*[-–—]\s*)"
_JOINED = re.compile(_JOIN)
_ONLY_JOIN = re.compile(rf"{_JOIN}$")
_BETWEEN = re.compile(r"^between\s+")
_FIXED = re.compile(r"\b\d{4}\b|^(?:today|tonight|now)$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_DAY_MONTH = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?$", re.IGNORECASE)
# A bare day as one end of a day range: "12" in "12 and 15 November", "25" in "April 24 and 25".
_DAY_BEFORE_RANGE = re.compile(rf"{_JOIN}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}", re.IGNORECASE)
_DAY_AFTER_RANGE = re.compile(rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?{_JOIN}$", re.IGNORECASE)


def split_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One NER span joining several dates ("March 2015 to June 2016", "Aug. 26 to Oct. 20") split
    into them, and "the quarter ended Sept. 30" into the period and its end."""
    if m := _ENDED.search(text, start, end):
        return [(start, m.start()), (m.end(), end)]
    if normalise(text[start:end], None) != (None, None):
        return [(start, end)]
    parts = [(start + m.start(), start + m.end()) for m in _ABSOLUTE.finditer(text[start:end])]
    if len(parts) >= 2:
        return parts
    for m in _JOINED.finditer(text, start, end):
        left, right = text[start : m.start()], text[m.end() : end]
        if _is_end(left, right) and _is_end(right, left, after=True):
            return [(start, m.start()), (m.end(), end)]
    # A date, then an offset or a term NER joined to it: "arrested on 21 November 2019, days after
    # he signed", "sentenced him in June 2018 to 15 years".
    for cut in reversed(list(re.finditer(r",|\s+to\s+", text[start:end]))):
        left, rest = start + cut.start(), start + cut.end()
        dated, offset = clean(text[start:left]), clean(text[rest:end])  # the pattern wants lower case
        if HAS_DATE_PART.search(dated) and not HAS_DATE_PART.search(offset):
            return [(start, left), (rest, end)]
    return [(start, end)]


def _is_end(words: str, other: str, after: bool = False) -> bool:
    """Whether `words` can stand as one end of a range whose other end is `other`: it has a date
    part of its own, or it is a bare day the other end gives a month ("12 and 15 November")."""
    words, other = _BETWEEN.sub("", clean(words)), clean(other)  # clean drops "from", not "between"
    if HAS_DATE_PART.search(words):
        return True
    if not _DAY.match(words):
        return False
    return bool(_MONTH_DAY.search(other)) if after else bool(_DAY_MONTH.match(other))


def is_range_day(text: str, start: int, end: int) -> bool:
    """A bare day number that is one end of a day range ("12" in "12 and 15 November 2020")."""
    if not _DAY.match(text[start:end]):
        return False
    before = _DAY_AFTER_RANGE.search(text, max(0, start - 30), start)
    return bool(_DAY_BEFORE_RANGE.match(text, end) or before)


def complete_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Each end of a range given what the other end writes and it leaves out: a bare day takes the
    other end's month and year; a start without a year takes the year the end writes ("from
    January to March 2021"), and an end without one the year of a start that writes one or is
    today ("from December 2019 to February")."""
    out = list(mentions)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not _ONLY_JOIN.match(text[a.evidence.end : b.evidence.start]):
            continue
        if (day := _day_of(a, b)) is not None:
            out[k] = day
        elif (day := _day_of(b, a)) is not None:
            out[k + 1] = day
        elif b.value and yearless(a.evidence.text) and WRITTEN_YEAR.search(b.evidence.text):
            # "from December to February 2021": the start lies before the end, in its year or the last
            start = _in_year(a, int(b.value[:4]))
            out[k] = start if (start.value or "") <= b.value else _in_year(a, int(b.value[:4]) - 1)
        elif a.value and yearless(b.evidence.text) and _FIXED.search(a.evidence.text):
            # "from December 2019 to February", "today through Nov. 17": the end lies after the
            # start, in its year or the next. A weekday fixes no year: in "a revision Friday to
            # December's figures", "to" joins no range.
            end = _in_year(b, int(a.value[:4]))
            out[k + 1] = end if (end.value or "") >= a.value else _in_year(b, int(a.value[:4]) + 1)
    return out


def _in_year(mention: DateMention, year: int) -> DateMention:
    """A month or month-day without a year, dated in `year`."""
    value, precision = normalise(mention.evidence.text, str(year))
    return replace(mention, value=value, precision=precision) if value else mention


def _day_of(bare: DateMention, other: DateMention) -> DateMention | None:
    """`bare`, a day number alone, dated in the month of `other`, which is dated to the day."""
    m = _DAY.match(bare.evidence.text)
    if m is None or bare.value or not other.value or len(other.value) != 10:
        return None
    try:
        day = date(int(other.value[:4]), int(other.value[5:7]), int(m[1]))
    except ValueError:
        return None
    return replace(bare, value=day.isoformat(), precision="day")


def range_start(text: str, mentions: list[DateMention], end: DateMention) -> DateMention:
    """The mention that starts the range `end` closes ("between June 2020 and September 2021"),
    else `end` itself: what happened over a range began at its start. `mentions` in text order."""
    before = [m for m in mentions if m.evidence.end <= end.evidence.start]
    if before and _ONLY_JOIN.match(text[before[-1].evidence.end : end.evidence.start]):
        return before[-1]
    return end
