"""Normalises one temporal expression to an ISO partial date, without ever consulting the clock.

Absolute expressions ("November 14, 2019", "the 1980s") resolve on their own; deictic ones ("last
November", "today") only against an anchor, the document's publication date; anaphoric ones ("June of
that year", "a year later") only against a context year, the last explicit year before them in the text.
Anything else, or anything hedged ("approximately four years earlier"), is (None, None): never a guess.
The calendar arithmetic against the anchor (which year, which Friday, which week) is `datecalendar`;
the words dates are told in (month and number names, years spelled out) are `datewords`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docket.extract.datecalendar import (
    NONE,
    Anchor,
    Normalised,
    Tense,
    fmt,
    month_day,
    parse_anchor,
    shift_days,
    thanksgiving,
    week,
    weekday,
    yearly,
)
from docket.extract.datewords import MONTH_WORDS, MONTHS, NUMBERS, WEEKDAYS, in_figures

# Season -> its last month; winter straddles two years, so it is left out on purpose.
SEASON_END: dict[str, int] = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}

_M = "(" + MONTH_WORDS + r")\.?"
_WD = "(" + "|".join(WEEKDAYS) + ")"
_Y = r"(\d{4})"
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_QTY = r"(\d{1,3}|" + "|".join(NUMBERS) + r")(?:-(one|two|three|four|five|six|seven|eight|nine))?"
_HEDGE = (
    r"(?:approximately|about|around|nearly|almost|roughly|some|over|under|more than|less than|"
    r"at least|up to|only|just|barely|well over|perhaps|maybe)"
)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "\xa0": " "})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?<!\d)'s?$")  # "last year's" -> "last year", but "the 80's" keeps it
_LEAD = re.compile(
    r"^(?:(?:in|on|at|by|since|during|from|until|till|through|throughout|for|of|over|around|within|"
    r"before|after|as of|as early as|as late as|as recently as)\s+)+"
)
# "the beginning of", "early", "mid-", "the summer of": they narrow a period but never below its own
# precision, so the value is that of the period they modify ("the beginning of 2018" -> 2018).
_MODIFIER = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|turn|dawn|close|outset|course|"
    r"spring|summer|autumn|fall|winter|(?:first|second|last|latter|later|early)\s+(?:half|part)|"
    r"(?:first|second|third|fourth|last|final)\s+(?:(?:two|three)\s+)?quarters?|"
    r"(?:first|last|final|closing|opening|early|late|small|wee)\s+(?:(?:\d{1,2}|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven)\s+)?(?:days?|weeks?|months?|hours))\s+of\s+"
    r"|(?:the\s+)?(?:early|mid|late)(?:-|\s+)(?=\S)|mid(?=\d)|(?:spring|summer|autumn|fall|winter)\s+(?=\d{4}$)"
    r"|(?:earlier|later|sometime|some\s+time)\s+(?=\S))"
)
# "Friday morning", "last night", "this evening": the day they fall on (TimeML writes 1998-02-06TMO).
_TIME_OF_DAY = re.compile(r"(?<=\S)\s+(?:morning|afternoon|evening|night)$")

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_WEEKDAY_PREFIX = re.compile(rf"^{_WD},?\s+(?=\S)")
_MDY = re.compile(rf"^(?:the\s+)?{_M}\s+{_ORD}(?:,?\s+{_Y})?$")
_DMY = re.compile(rf"^(?:the\s+)?{_ORD}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?$")
_MY = re.compile(rf"^(?:the\s+)?{_M},?\s+(?:of\s+)?(?:the\s+year\s+)?{_Y}$")
_YEAR = re.compile(rf"^(?:the\s+)?(?:year\s+)?{_Y}$")
_DECADE = re.compile(r"^(?:the\s+)?'?(1\d|20)?(\d)0'?s$")
_MONTH = re.compile(rf"^(?:the\s+month\s+of\s+)?{_M}$")
_REL_MONTH_DAY = re.compile(rf"^(this\s+past|this\s+coming|last|past|next|coming)\s+{_M}\s+{_ORD}$")
_REL_MONTH = re.compile(rf"^(this\s+past|this\s+last|this\s+coming|last|past|this|next|coming)\s+{_M}$")
_REL_UNIT = re.compile(
    rf"^(?:{_M}\s+(?:of\s+)?)?(?:(last|this|next)|the\s+(?:current|present))\s+(year|month)$"
)
_REL_SEASON = re.compile(r"^(last|this|next)\s+(spring|summer|autumn|fall)$")
_WEEKDAY = re.compile(rf"^(?:(last|next|this|this\s+past|this\s+coming|coming)\s+)?{_WD}$")
_DEICTIC = re.compile(r"^(today|tonight|yesterday|tomorrow|this|last)$")  # "this"/"last": morning, night
_AGO = re.compile(rf"^(?:({_HEDGE})\s+)?{_QTY}\s+(decade|year|month|week|day)s?\s+ago$")
_THAT_YEAR = re.compile(
    rf"^(?:{_M}\s+(?:of\s+)?)?(?:(?:later|earlier)\s+(?:in\s+)?)?"
    r"(that|that same|the same|the following|the next|the previous|the preceding|the prior)\s+year$"
)
_YEAR_REL = re.compile(r"^the\s+year\s+(before|after|earlier|later)$")
_YEARS_LATER = re.compile(rf"^(?:({_HEDGE})\s+)?{_QTY}\s+years?\s+(later|earlier|afterwards)$")

_NOW = re.compile(r"^(?:(?:right\s+)?now|currently|presently|at present|nowadays|the present|at the moment)$")
_WEEK = re.compile(r"^(?:(this|last|next|the|the\s+(?:past|coming|next|last))\s+)?(week|weekend)$")
_PART = re.compile(
    r"^(?:the\s+)?(?:(\d{4})\s+|this\s+year\s+|(year-ago|year-earlier|year\s+ago|year\s+earlier)\s+)?"
    r"(?:(first|second|third|fourth|1st|2nd|3rd|4th)|(latest|last|past|previous|prior|current|this|same))?"
    r"(?:-|\s+)?(?:fiscal\s+)?(quarter|half)$"
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_FISCAL = re.compile(
    r"^(?:fiscal(?:\s+year)?|fy)\s*(?:(\d{4})|'?(\d{2}))$|^(?:the\s+)?(?:current\s+)?fiscal year$"
)
_YEAR_AGO = re.compile(r"^(?:the\s+)?(?:year-ago|year-earlier)(?:\s+(?:period|quarter|level|results?))?$")
# Named days. With its year a fixed feast gives the day and a movable one ("Easter 2016") the year;
# without it a fixed feast (or Thanksgiving, whose day is computed) takes the year a month-day would.
FEASTS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "armistice day": (11, 11),
    "remembrance day": (11, 11), "veterans day": (11, 11), "valentine's day": (2, 14),
    "halloween": (10, 31), "may day": (5, 1), "international women's day": (3, 8),
    "human rights day": (12, 10), "bastille day": (7, 14),
}  # fmt: skip
_MOVABLE = (
    r"easter(?:\s+(?:sunday|monday))?|good\s+friday|ramadan|eid(?:\s+al-(?:fitr|adha))?|thanksgiving(?:\s+day)?|"
    r"nowruz|diwali|passover|hanukkah|(?:chinese|lunar)\s+new\s+year|labou?r\s+day|independence\s+day|"
    r"election\s+day"
)
# A yearly day told without its year ("on Christmas Day", "last Thanksgiving") resolves against the anchor.
_BARE_FEAST = re.compile(
    rf"^(?:(last|this|next)\s+)?({'|'.join(map(re.escape, FEASTS))}|thanksgiving(?:\s+day)?)$"
)
_FEAST = re.compile(rf"^(?:the\s+)?({'|'.join(map(re.escape, FEASTS))}|{_MOVABLE}),?\s+(?:of\s+|in\s+)?{_Y}$")


def _qty(word: str, unit: str | None) -> int:
    """The number in "three", "25", "twenty-five" (the second group of _QTY is the units part)."""
    n = int(word) if word.isdigit() else NUMBERS[word]
    return n + (NUMBERS[unit] if unit else 0)


def clean(text: str) -> str:
    """Lower case, plain quotes and dashes, single spaces, years and month-days in figures; without
    possessive or leading prepositions."""
    s = _SPACES.sub(" ", text.translate(_QUOTES).lower()).strip(' .,;:!?"()[]{}-')
    s = _POSSESSIVE.sub("", s).rstrip(" .,;:")
    return _LEAD.sub("", in_figures(s))  # after the quotes are plain: "nineteen ninety-six"


@lru_cache(maxsize=65536)
def normalise(
    text: str, anchor: str | None, context_year: int | None = None, tense: Tense | None = None
) -> Normalised:
    """The ISO partial value and precision of a temporal expression, or (None, None).

    `anchor` is the publication date (ISO partial) against which "last November" or "today" resolve;
    `context_year` the most recent explicit year before the expression, for "that year"; `tense` the
    tense of the clause it dates, which says whether a bare "Friday" or "December" is the last one or
    the next one (without it a bare weekday stays None). Pure and cached: the same arguments always
    give the same answer, whatever today's date is.
    """
    s = _core(text)
    a = parse_anchor(anchor)
    return (
        _absolute(s)
        or _relative(s, a, tense)
        or _deictic_periods(s, a, tense)
        or _anaphoric(s, context_year, a)
        or NONE
    )


def _core(text: str) -> str:
    """The expression cleaned, without the modifiers, weekday and time of day that do not change its value."""
    s = clean(text)
    while (m := _MODIFIER.match(s)) and m.end() < len(s):
        s = s[m.end() :]
    s = _WEEKDAY_PREFIX.sub("", s) if _WEEKDAY_PREFIX.match(s) and any(c.isdigit() for c in s) else s
    return _TIME_OF_DAY.sub("", s)


def yearless(text: str) -> bool:
    """A month-day, month or yearly day without its year ("June 5", "in June", "on Christmas Eve"),
    which a year just named fixes."""
    s = _core(text)
    m = _MDY.match(s) or _DMY.match(s)
    feast = _BARE_FEAST.match(s)
    return bool(m and not m[3]) or bool(_MONTH.match(s)) or bool(feast and not feast[1])


def _absolute(s: str) -> Normalised | None:
    """Expressions that carry their own year; None when `s` is not one."""
    if m := _ISO.match(s):
        return fmt(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if (m := _MDY.match(s)) and m[3]:
        return fmt(int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := _DMY.match(s)) and m[3]:
        return fmt(int(m[3]), MONTHS[m[2]], int(m[1]))
    if m := _MY.match(s):
        return fmt(int(m[2]), MONTHS[m[1]])
    if m := _YEAR.match(s):
        return fmt(int(m[1]))
    if m := _FEAST.match(s):
        return fmt(int(m[2]), *FEASTS.get(m[1], (None, None)))
    if m := _DECADE.match(s):
        digit = int(m[2])
        if m[1]:
            year = int(m[1]) * 100 + digit * 10
        elif digit >= 3:  # "the 80s"; "the 20s" could be either century, so it stays unresolved
            year = 1900 + digit * 10
        elif digit <= 1:
            year = 2000 + digit * 10
        else:
            return NONE
        value, _ = fmt(year)
        return (value, "decade") if value else NONE
    return None


def _relative(s: str, a: Anchor | None, tense: Tense | None = None) -> Normalised | None:
    """Expressions that need the publication date; NONE when it is missing or too coarse."""
    if m := _MDY.match(s) or _DMY.match(s):
        if a is None:
            return NONE
        month, day = (m[1], m[2]) if m.re is _MDY else (m[2], m[1])
        return month_day(a, MONTHS[month], int(day), tense, day_given=True)
    if m := _REL_MONTH_DAY.match(s):  # "last Oct. 23": the one before publication
        if a is None:
            return NONE
        which = "last" if m[1].split()[-1] in ("last", "past") else "next"
        month, day = MONTHS[m[2]], int(m[3])
        return yearly(a, lambda _: (month, day), which, tense)
    if m := _BARE_FEAST.match(s):
        if a is None:
            return NONE
        fixed = FEASTS.get(m[2])
        return yearly(a, (lambda _: fixed) if fixed else thanksgiving, m[1], tense)
    if m := _MONTH.match(s):
        return month_day(a, MONTHS[m[1]], None, tense) if a else NONE
    if m := _REL_MONTH.match(s):
        if a is None or a.month is None:
            return NONE
        month, which = MONTHS[m[2]], m[1].split()[-1]
        if which in ("last", "past"):  # the most recent such month strictly before the anchor's
            return fmt(a.year if month < a.month else a.year - 1, month)
        if which in ("next", "coming"):
            return fmt(a.year if month > a.month else a.year + 1, month)
        return fmt(a.year, month)
    if m := _REL_UNIT.match(s):  # "last year", "this month", "June last year"
        step = {"last": -1, "next": 1}.get(m[2], 0)
        if a is None or (m[1] and m[3] == "month"):
            return NONE
        if m[3] == "year":
            return fmt(a.year + step, MONTHS[m[1]] if m[1] else None)
        if a.month is None:
            return NONE
        months = a.year * 12 + a.month - 1 + step
        return fmt(months // 12, months % 12 + 1)
    if m := _REL_SEASON.match(s):
        if a is None or (m[1] == "last" and a.month is None):
            return NONE
        if m[1] == "last":
            assert a.month is not None
            return fmt(a.year if a.month > SEASON_END[m[2]] else a.year - 1)
        return fmt(a.year + (m[1] == "next"))
    if m := _WEEKDAY.match(s):
        return weekday(a, WEEKDAYS[m[2]], m[1].split()[-1] if m[1] else None, tense)
    if m := _DEICTIC.match(s):
        if a is None:
            return NONE
        if m[1] in ("today", "tonight", "this"):
            return fmt(a.year, a.month, a.day)
        return shift_days(a, 1 if m[1] == "tomorrow" else -1)
    if m := _AGO.match(s):
        if a is None or m[1]:  # a hedged distance ("about two years ago") gives no exact date
            return NONE
        n, unit = _qty(m[2], m[3]), m[4]
        if unit in ("year", "decade"):
            return fmt(a.year - n * (10 if unit == "decade" else 1))
        if unit == "month":
            if a.month is None:
                return NONE
            months = a.year * 12 + a.month - 1 - n
            return fmt(months // 12, months % 12 + 1)
        if unit == "week":  # a week, as TimeML writes "six weeks ago": its month or year
            return week(a, "", False, None, weeks=-n)
        return shift_days(a, -n)
    return None


def _deictic_periods(s: str, a: Anchor | None, tense: Tense | None) -> Normalised | None:
    """Now, weeks, weekends, quarters, halves and fiscal years, against the publication date.

    docket's values are ISO partials, so a week or weekend is its month when it lies inside one
    month, else its year (or None across a new year); a quarter or half is its year, as "the summer of
    1988" is 1988. "now" and "currently" are the publication date itself."""
    if not (_NOW.match(s) or _WEEK.match(s) or _PART.match(s) or _FISCAL.match(s) or _YEAR_AGO.match(s)):
        return None
    if (m := _FISCAL.match(s)) and (m[1] or m[2]):  # a fiscal year is named by the year it ends in
        return fmt(int(m[1]) if m[1] else 1900 + int(m[2]))
    if a is None:
        return NONE
    if _NOW.match(s):
        return fmt(a.year, a.month, a.day)
    if _FISCAL.match(s):
        return fmt(a.year)
    if _YEAR_AGO.match(s):
        return fmt(a.year - 1)
    if m := _WEEK.match(s):
        return week(a, (m[1] or "this").split()[-1], m[2] == "weekend", tense)
    m = _PART.match(s)
    assert m is not None
    if m[1]:
        return fmt(int(m[1]))
    per_year = 4 if m[5] == "quarter" else 2
    if a.month is None:
        return fmt(a.year - bool(m[2]))
    now = (a.month - 1) * per_year // 12 + 1  # the anchor's quarter or half
    if m[3]:
        n = _ORDINAL[m[3]]
        if n > per_year:
            return NONE
        later = n > now and tense != "future"  # a quarter still to come, told in the past: last year's
        return fmt(a.year - bool(m[2]) - later)
    if m[4] in ("current", "this", "same") and not m[2]:
        return fmt(a.year)
    # "the quarter", "the latest quarter": in a report, the period just ended
    return fmt(a.year - bool(m[2]) - (now == 1))


def _anaphoric(s: str, year: int | None, a: Anchor | None = None) -> Normalised | None:
    """Resolves "that year", "June of that year", "a year later" against the context year.

    "N years earlier" with no year before it compares with the time of writing, as "a year ago" does
    ("sales rose 4% from a year earlier")."""
    m = _THAT_YEAR.match(s)
    if m:
        if year is None:
            return NONE
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}
        target = year + step.get(m[2].split()[-1], 0)
        return fmt(target, MONTHS[m[1]]) if m[1] else fmt(target)
    if m := _YEAR_REL.match(s):
        return fmt(year + (1 if m[1] in ("after", "later") else -1)) if year is not None else NONE
    if m := _YEARS_LATER.match(s):
        if year is None and m[4] == "earlier" and a is not None:
            year = a.year
        if year is None or m[1]:
            return NONE
        n = _qty(m[2], m[3])
        return fmt(year - n if m[4] == "earlier" else year + n)
    return None
