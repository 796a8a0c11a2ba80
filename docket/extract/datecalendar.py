"""Calendar arithmetic against an anchor (a document's publication date) for `datenorm`: which
year a month-day falls in, which day a weekday is, which month or year a week lies in.

Values are ISO partials at the finest precision the expression gives (`Normalised`), or NONE when
the anchor is too coarse or the date is not a real one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal, NamedTuple

from docket.model import Precision

Normalised = tuple[str | None, Precision | None]
Tense = Literal["past", "present", "future"]
NONE: Normalised = (None, None)

_ANCHOR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


class Anchor(NamedTuple):
    """A parsed publication date; month and day are None below their precision."""

    year: int
    month: int | None
    day: int | None

    @property
    def text(self) -> str | None:
        return fmt(self.year, self.month, self.day)[0]


def parse_anchor(anchor: str | None) -> Anchor | None:
    """An ISO partial (a datetime is cut to its date) as an Anchor; None when it is not a valid one."""
    m = _ANCHOR.match(anchor.strip()) if anchor else None
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    assert y is not None
    if fmt(y, mo, d) == NONE:
        return None
    return Anchor(y, mo, d)


def fmt(year: int, month: int | None = None, day: int | None = None) -> Normalised:
    """An ISO partial at the finest part given, or NONE when it is not a real calendar date."""
    if not 1000 <= year <= 9999:
        return NONE
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return NONE
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        date(year, month, day)
    except ValueError:
        return NONE
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


# A day of the month this many days or more on the side of the publication date its clause's tense
# rules out is the other year's ("He was last seen Nov. 3" in May: last November).
FAR_DAYS = 90


def month_day(
    a: Anchor, month: int, day: int | None, tense: Tense | None, *, day_given: bool = False
) -> Normalised:
    """A month-day ("Nov. 25") or month without a year: the year that puts it nearest the anchor, or, when the
    clause's tense says so, the last one on or before it (past) or the next one on or after it (future).
    Nearest beats the anchor's own year (206 vs 182 of 231 on TempEval): a January report of
    "Dec. 30" means last December. For a month-day the tense only overrules the nearest year when
    the date lies FAR_DAYS or more on the wrong side (full use of the tense lowered TempEval-3's
    value F1, 81.24 -> 80.65: a clause's tense is misread more often than a date is far)."""
    if a.month is None:
        return fmt(a.year, month, day)
    exact = day is not None and a.day is not None
    this, ref = ((month, day), (a.month, a.day)) if exact else ((month, 0), (a.month, 0))
    if not day_given:
        if tense == "past" and this > ref:
            return fmt(a.year - 1, month, day)
        if tense == "future" and this < ref:
            return fmt(a.year + 1, month, day)
        if tense in ("past", "future"):
            return fmt(a.year, month, day)
    distance = (month - a.month) * 30.5 + ((day or 15) - (a.day or 15))
    if distance > 183 or (tense == "past" and distance >= FAR_DAYS):
        return fmt(a.year - 1, month, day)
    if distance < -183 or (tense == "future" and distance <= -FAR_DAYS):
        return fmt(a.year + 1, month, day)
    return fmt(a.year, month, day)


def weekday(a: Anchor | None, day: int, which: str | None, tense: Tense | None) -> Normalised:
    """A weekday: in a past-tense clause the last Friday on or before the anchor, in a future one the
    next on or after it (TimeML's reading of news); "last"/"next" Friday exclude the anchor's day.
    A bare weekday with no tense to go by stays None."""
    if a is None or a.day is None or a.month is None:
        return NONE
    today = date(a.year, a.month, a.day).weekday()
    back, ahead = (today - day) % 7, (day - today) % 7
    if which == "last":
        return shift_days(a, -(back or 7))
    if which in ("next", "coming"):
        return shift_days(a, ahead or 7)
    if which == "past" or tense == "past":
        return shift_days(a, -back)
    if tense == "future":
        return shift_days(a, ahead)
    if which == "this" or tense == "present":
        return shift_days(a, -back if back <= ahead else ahead)
    return NONE


def shift_days(a: Anchor, days: int) -> Normalised:
    """The anchor day moved by `days`; NONE unless the anchor has day precision."""
    if a.month is None or a.day is None:
        return NONE
    try:
        moved = date(a.year, a.month, a.day) + timedelta(days=days)
    except OverflowError:
        return NONE
    return fmt(moved.year, moved.month, moved.day)


def week(
    a: Anchor, which: str, weekend: bool, tense: Tense | None, *, weeks: int | None = None
) -> Normalised:
    """This, last or next week (or weekend), or the week `weeks` from the anchor's ("six weeks
    ago": -6): its month when it lies inside one, else its year (None across a new year)."""
    if a.month is None or a.day is None:
        return NONE
    today = date(a.year, a.month, a.day)
    step = 7 * weeks if weeks is not None else {"last": -7, "past": -7, "next": 7, "coming": 7}.get(which, 0)
    if weekend:  # this week's Saturday (yesterday's on a Sunday); in a past clause on a weekday, last week's
        saturday = today + timedelta(days=-1 if today.weekday() == 6 else 5 - today.weekday())
        if step < 0 or (step == 0 and tense == "past" and today.weekday() < 5):
            saturday -= timedelta(days=7)
        first = saturday + timedelta(days=max(step, 0))
        last = first + timedelta(days=1)
    else:
        first = today - timedelta(days=today.weekday()) + timedelta(days=step)
        last = first + timedelta(days=6)
    if (first.year, first.month) == (last.year, last.month):
        return fmt(first.year, first.month)
    return fmt(first.year) if first.year == last.year else NONE


def thanksgiving(year: int) -> tuple[int, int]:
    """The month and day of the US Thanksgiving Day: the fourth Thursday of November."""
    return 11, 22 + (3 - date(year, 11, 1).weekday()) % 7


def yearly(
    a: Anchor, day_in: Callable[[int], tuple[int, int]], which: str | None, tense: Tense | None
) -> Normalised:
    """A day that comes every year ("Christmas", "Thanksgiving Day") told without its year: "last"
    and "next" the one strictly before or after the anchor, "this" the anchor's year's, else the
    year a month-day would take (`month_day`)."""
    if which in ("last", "next"):
        if a.month is None or a.day is None:
            return NONE
        today = (a.month, a.day)
        if which == "last":
            year = a.year if day_in(a.year) < today else a.year - 1
        else:
            year = a.year if day_in(a.year) > today else a.year + 1
        return fmt(year, *day_in(year))
    if which == "this":
        return fmt(a.year, *day_in(a.year))
    value, _ = month_day(a, *day_in(a.year), tense, day_given=True)
    year = int(value[:4]) if value else a.year
    return fmt(year, *day_in(year))
