"""Reads a reported figure ("approximately 1,500", "over 30,000", "thousands") into a `Count`.

Conventions (integers only; a figure with a fraction and no scale word is not a count):

* exact figure: "1,500", "three", "twenty-five", "a dozen", "1.5 million" -> `value`.
* approximate: "approximately/about/around/roughly/some/nearly/almost/close to/an estimated N"
  -> `value` N with the qualifier as written, lower-cased.
* lower bound: "over/more than/at least/upwards of/in excess of/no fewer than N" -> `low` N.
* upper bound: "up to/as many as/fewer than/less than/under/at most N" -> `high` N.
* range: "between 200 and 300", "200 to 300", "200-300", "three or four" -> `low`/`high`.
* vague plurals are lower bounds, two of the unit, with the word as qualifier:
  "dozens" -> low 24, "scores" -> low 40, "hundreds" -> low 200, "thousands" -> low 2000,
  "tens of thousands" -> low 20000, "hundreds of thousands" -> low 200000, "millions" -> low 2000000.
  "several" -> low 3, "a few" -> low 2, "a handful" -> low 2; "several hundred" -> low 300,
  "a few thousand" -> low 2000. "a couple (of)" -> value 2. "many", "numerous" are not figures.

`Count.text` is the figure as written in the input (qualifier and number, without the noun that
follows: "25 Sunni prisoners" -> text "25").
"""

from __future__ import annotations

import re

from docket.model import Count

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Qualifier -> which field the number goes to.
_APPROX = (
    "approximately", "about", "around", "roughly", "some", "nearly", "almost", "close to",
    "an estimated", "estimated", "circa",
)  # fmt: skip
_LOW = (
    "more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than",
    "just over",
)  # fmt: skip
_HIGH = ("up to", "as many as", "fewer than", "less than", "under", "at most", "no more than", "just under")
_QUALIFIER_RE = "|".join(re.escape(q) for q in sorted({*_APPROX, *_LOW, *_HIGH}, key=len, reverse=True))

# Vague plurals and their lower bound (two of the unit).
_VAGUE = {
    "tens of thousands": 20_000, "hundreds of thousands": 200_000, "millions": 2_000_000,
    "thousands": 2000, "hundreds": 200, "scores": 40, "dozens": 24,
}  # fmt: skip
_FEW = {"several": 3, "a few": 2, "a handful": 2}  # multiplied by a following scale word

_WORD = "|".join([*_UNITS, *_TENS, *_SCALES, "dozen", "a", "an", "and"])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion))?|(?:(?:{_WORD})[\s-]+)*(?:{_WORD})"
_PATTERN = re.compile(
    rf"\b(?:(?P<between>between)\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})"
    rf"|(?:(?P<q>{_QUALIFIER_RE})\s+)?(?P<n>{_NUMBER})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<n2>{_NUMBER}))?)(?![\w,])",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?P<q>"
    + _QUALIFIER_RE
    + r")\s+)?(?P<v>"
    + "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
    + r"|(?P<few>several|a few|a handful)(?:\s+(?:of\s+)?(?P<scale>hundred|thousand|million|dozen))?"
    + r"|(?P<couple>a couple))\b",
    re.IGNORECASE,
)


def words_to_int(text: str) -> int | None:
    """ "twenty-five" -> 25, "a hundred" -> 100, "1,500" -> 1500, "1.5 million" -> 1500000."""
    parts = re.split(r"[\s-]+", text.strip().lower())
    if parts and re.fullmatch(_DIGITS, parts[0]):
        number = float(parts[0].replace(",", ""))
        if len(parts) == 2 and parts[1] in _SCALES:
            number *= _SCALES[parts[1]]
        elif len(parts) > 1:
            return None
        return int(number) if number == int(number) else None
    total, current, seen = 0, 0, False
    for i, word in enumerate(parts):
        if word in ("a", "an"):
            # "a hundred", "a dozen": the article counts as one only before a scale word.
            if i + 1 < len(parts) and parts[i + 1] in (*_SCALES, "dozen"):
                current, seen = 1, True
                continue
            return None
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _bounds(qualifier: str | None, n: int) -> tuple[int | None, int | None, int | None]:
    """(value, low, high) for a single figure and its qualifier."""
    q = (qualifier or "").lower()
    if q in _LOW:
        return None, n, None
    if q in _HIGH:
        return None, None, n
    return n, None, None


def find_count(text: str) -> tuple[Count, int, int] | None:
    """The first figure in `text` with its character span, or None."""
    best: tuple[Count, int, int] | None = None
    for m in _PATTERN.finditer(text):
        if m.group("between"):
            a, b = words_to_int(m.group("a")), words_to_int(m.group("b"))
            if a is None or b is None:
                continue
            count = Count(None, min(a, b), max(a, b), "between", m.group(0))
        else:
            n = words_to_int(m.group("n"))
            if n is None or m.group("n").strip().lower() in ("a", "an", "and"):
                continue
            if m.group("n2"):
                n2 = words_to_int(m.group("n2"))
                if n2 is None:
                    continue
                q = m.group("q").lower() if m.group("q") else None
                count = Count(None, min(n, n2), max(n, n2), q, m.group(0))
            else:
                q = m.group("q").lower() if m.group("q") else None
                value, low, high = _bounds(q, n)
                count = Count(value, low, high, q, m.group(0))
        best = (count, m.start(), m.end())
        break
    vague = _VAGUE_RE.search(text)
    if vague and (best is None or vague.start() < best[1] or _overlaps_scale(vague, best)):
        return _vague_count(vague), vague.start(), vague.end()
    return best


def _overlaps_scale(vague: re.Match[str], best: tuple[Count, int, int]) -> bool:
    """ "several hundred": the vague reading covers the plain number found inside it."""
    return vague.start() <= best[1] < vague.end()


def _vague_count(m: re.Match[str]) -> Count:
    text = m.group(0)
    if m.group("couple"):
        return Count(2, None, None, None, text)
    if m.group("few"):
        few = m.group("few").lower()
        unit = {"dozen": 12, **_SCALES}.get((m.group("scale") or "").lower(), 1)
        return Count(None, _FEW[few] * unit, None, few, text)
    word = m.group("v").lower()
    low = _VAGUE[word]
    q = m.group("q").lower() if m.group("q") else None
    if q in _HIGH:
        return Count(None, None, low, q, text)
    return Count(None, low, None, q or word, text)


def parse_count(text: str) -> Count | None:
    """The first figure in `text` as a Count (see the module docstring), or None."""
    found = find_count(text)
    return found[0] if found else None
