"""Reported figures side by side: when two figures agree, when they cannot both hold, and the views
derived from them. Views are derived from the figures as reported, never stored as the truth.

How a figure is read (as an interval, since reports round their numbers):

* a value ("1,500", "approximately 1,500") stands for the value give or take `TOLERANCE` (10%);
* a lower bound ("over 30,000"; "thousands" is low 2,000) for [low - 10%, no limit);
* an upper bound ("up to 300") for [0, high + 10%]; a range for [low - 10%, high + 10%].

Two figures *contradict* when their intervals do not meet: exact 1,500 and exact 300 cannot both be
the toll of one event. "over 30,000" and "30,000" do not contradict: the second is the round number the
first says is a floor, and a report of 30,000 is itself rounded. "thousands" and 30,000 do not either.
Two figures are *similar* (evidence for one event) when they agree and the numbers they state are
within a factor `SIMILAR_RATIO` of each other: "over 30,000" and 100,000 agree but are not similar.

The views: `low` is the lowest floor any figure states (UCDP low), `high` the highest number stated
(UCDP high), `best` the median of the stated numbers (UCDP best: the middle report, not a sum), and
`conservative` the lowest precise figure (ACLED: the most conservative report; vague words like
"thousands" count only when no report gives a number).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol

from docket.model import Contradiction, ReportedFigure

TOLERANCE = 0.1
SIMILAR_RATIO = 1.25
VAGUE_QUALIFIERS = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "tens of thousands", "hundreds of thousands"}
    | {"millions", "several", "a few", "a handful"}
)


class FigureLike(Protocol):
    """A `Count` or a `ReportedFigure`: what the functions here read."""

    @property
    def value(self) -> int | None: ...
    @property
    def low(self) -> int | None: ...
    @property
    def high(self) -> int | None: ...
    @property
    def qualifier(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class FigureViews:
    """Derived views of an event's figures; all None when no report gives one."""

    low: int | None
    best: int | None
    high: int | None
    conservative: int | None


def interval(f: FigureLike) -> tuple[float, float]:
    """The numbers the figure allows, with the rounding tolerance."""
    if f.value is not None:
        return f.value * (1 - TOLERANCE), f.value * (1 + TOLERANCE)
    low = f.low * (1 - TOLERANCE) if f.low is not None else 0.0
    high = f.high * (1 + TOLERANCE) if f.high is not None else math.inf
    return low, high


def stated(f: FigureLike) -> int | None:
    """The number the report states: the value, a range's middle, else its one bound."""
    if f.value is not None:
        return f.value
    if f.low is not None and f.high is not None:
        return (f.low + f.high) // 2
    return f.low if f.low is not None else f.high


def is_vague(f: FigureLike) -> bool:
    return (f.qualifier or "").lower() in VAGUE_QUALIFIERS


def agree(a: FigureLike, b: FigureLike) -> bool:
    """Whether both figures can hold for one event."""
    a_low, a_high = interval(a)
    b_low, b_high = interval(b)
    return a_low <= b_high and b_low <= a_high


def similar(a: FigureLike, b: FigureLike) -> bool:
    """Whether the figures agree and state about the same number."""
    x, y = stated(a), stated(b)
    if x is None or y is None or not agree(a, b):
        return False
    return max(x, y) <= SIMILAR_RATIO * max(min(x, y), 1)


def describe(f: FigureLike) -> str:
    """The figure in words: "approximately 1,500", "over 30,000", "thousands (at least 2,000)"."""
    if f.value is not None:
        return f"{f.qualifier} {f.value:,}" if f.qualifier else f"{f.value:,}"
    if f.low is not None and f.high is not None:
        return f"between {f.low:,} and {f.high:,}"
    if f.low is not None:
        if is_vague(f):
            return f"{f.qualifier} (at least {f.low:,})"
        return f"{f.qualifier or 'at least'} {f.low:,}"
    if f.high is not None:
        return f"{f.qualifier or 'up to'} {f.high:,}"
    return "no number"


def contradictions(figures: Sequence[ReportedFigure]) -> tuple[Contradiction, ...]:
    """Every pair of figures that cannot both hold, in the order of `figures`."""
    found = []
    for a, b in combinations(figures, 2):
        if not agree(a, b):
            reason = (
                f"{describe(a)} ({a.claimant}) and {describe(b)} ({b.claimant}) cannot both hold, "
                f"even allowing {TOLERANCE:.0%} for rounding"
            )
            found.append(Contradiction((a.incident, b.incident), reason))
    return tuple(found)


def figure_views(figures: Sequence[FigureLike]) -> FigureViews:
    """low / best / high (as UCDP) and the conservative figure (as ACLED), from the figures as reported."""
    floors = [(f, f.value if f.value is not None else f.low) for f in figures]
    floors = [(f, x) for f, x in floors if x is not None]
    tops = [x for f in figures for x in (f.value, f.high, f.low) if x is not None]
    points = sorted(x for f in figures if (x := stated(f)) is not None)
    precise = [x for f, x in floors if not is_vague(f)]
    return FigureViews(
        low=min((x for _, x in floors), default=None),
        best=statistics.median_low(points) if points else None,
        high=max(tops, default=None),
        conservative=min(precise or [x for _, x in floors], default=None),
    )
