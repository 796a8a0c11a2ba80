"""The words dates are told in: month, weekday and number names, and years and month-days spelled
out, as broadcast transcripts write them ("nineteen ninety-six", "March eighth")."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names and abbreviations as a regex alternation, longest first ("march|mar"), in lower case,
# and as written, capitalised ("March", "Sept."), as a group.
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_NAME = "(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
# A year written in figures ("May 2018"), as opposed to one a word implies ("last May").
WRITTEN_YEAR = re.compile(r"\b\d{4}\b")
WEEKDAYS: dict[str, int] = {
    d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Feasts named in one word ("on Christmas"): temporal words of their own; the others end in "Day"
# or "Eve", which already are.
FEAST_WORDS = frozenset({"christmas", "thanksgiving", "halloween"})

# Years and days as broadcast transcripts spell them: "nineteen ninety-six", "the year two thousand",
# "March eighth". A bare "two thousand" before a unit is a count ("two thousand years").
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SPELLED_YEAR = re.compile(
    rf"\b(?:(eighteen|nineteen)[\s-]+(?:(hundred)|({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|"
    rf"({'|'.join(_TEENS)}))|two thousand(?:\s+and)?(?:[\s-]+({'|'.join(_TEENS + _UNITS)}))?"
    r"(?!\s+(?:years?|days?|months?|weeks?|people|of)\b))\b"
)
_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
         "eighteenth", "nineteenth", "twentieth")
    )
} | {"thirtieth": 30}  # fmt: skip
_SPELLED_DAY = re.compile(
    rf"\b({'|'.join(MONTHS)})\.?\s+(?:(twenty|thirty)[\s-])?({'|'.join(_ORDINAL_WORDS)})\b"
)


def spelled(text: str) -> list[tuple[int, int]]:
    """Where `text` spells a year or a month-day in words (offsets into `text`)."""
    low = text.lower()
    return [m.span() for p in (_SPELLED_YEAR, _SPELLED_DAY) for m in p.finditer(low)]


def in_figures(s: str) -> str:
    """`s`, already in lower case, with its spelled years and month-days in figures ("march 8", "1996")."""

    def year(m: re.Match[str]) -> str:
        if m[1]:
            tail = 0 if m[2] else NUMBERS.get(m[3] or m[5] or "", 0) + NUMBERS.get(m[4] or "", 0)
            return str(NUMBERS[m[1]] * 100 + tail)
        return str(2000 + NUMBERS.get(m[6] or "", 0))

    def day(m: re.Match[str]) -> str:
        return f"{m[1]} {NUMBERS.get(m[2] or '', 0) + _ORDINAL_WORDS[m[3]]}"

    if "teen" in s or "thousand" in s:
        s = _SPELLED_YEAR.sub(year, s)
    return _SPELLED_DAY.sub(day, s)
