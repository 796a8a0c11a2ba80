"""`docket timeline` as text and JSON: events by date, each as precise as it is known, undated events
apart at the end. Pure: timeline events in, a string out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import pycountry

from docket.export.timeline import TimelineEvent, date_label, figure_label, precision_of, span

MAX_CLAIMANTS = 3  # in text; JSON lists them all
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def is_partial_date(value: str) -> bool:
    """`2018`, `2018-06` or `2018-06-30`."""
    return bool(_PARTIAL_DATE.match(value))


def select(
    events: Iterable[TimelineEvent],
    types: Collection[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> list[TimelineEvent]:
    """The events of `types` (all when empty) whose time overlaps [since, until].

    Overlap, since a date is a stretch of time: an event known only to the year 1988 is within
    `--since 1988-07`, and one of the 1980s within `--until 1985`. Undated events are kept only
    when neither bound is given: nothing says they fall within one.
    """
    lo = span(since, None) if since else None
    hi = span(until, None) if until else None
    out = []
    for e in events:
        if types and e.type not in types:
            continue
        s = span(e.date, e.precision)
        if s is None:
            if lo is None and hi is None:
                out.append(e)
            continue
        if (lo and s[1] <= lo[0]) or (hi and s[0] >= hi[1]):
            continue
        out.append(e)
    return out


def _split(events: Sequence[TimelineEvent]) -> tuple[list[TimelineEvent], list[TimelineEvent]]:
    def key(e: TimelineEvent) -> tuple[float, float, str, str]:
        s = span(e.date, e.precision) or (0.0, 0.0)
        return (s[0], s[1] - s[0], e.type, e.id)

    dated = sorted((e for e in events if span(e.date, e.precision)), key=key)
    undated = sorted((e for e in events if not span(e.date, e.precision)), key=lambda e: (e.type, e.id))
    return dated, undated


def timeline_text(events: Sequence[TimelineEvent]) -> str:
    """One line per event: date, type, place, reports, outlets, best figure and who claims it."""
    dated, undated = _split(events)
    if not events:
        return "no events\n"
    rows = [_row(e) for e in dated + undated]
    widths = [max(len(r[i]) for r in [*rows, _HEADER]) for i in range(len(_HEADER) - 1)]

    def line(cells: tuple[str, ...]) -> str:
        left = "  ".join(
            c.rjust(w) if i in (3, 4) else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=False))
        )
        return f"{left}  {cells[-1]}".rstrip()

    out = [line(_HEADER)]
    out += [line(r) for r in rows[: len(dated)]]
    if undated:
        out += ["", f"undated ({len(undated)} event{'s' * (len(undated) != 1)}):"]
        out += [line(r) for r in rows[len(dated) :]]
    n = len(events)
    out += ["", f"{n} event{'s' * (n != 1)}: {len(dated)} dated, {len(undated)} undated"]
    return "\n".join(out) + "\n"


_HEADER = ("date", "type", "place", "reports", "outlets", "best figure (claimed by)")


def _row(e: TimelineEvent) -> tuple[str, ...]:
    place = (e.place or "") + (f" ({e.country})" if e.country and not _is_country(e.place, e.country) else "")
    figure = figure_label(e.figure)
    if figure and e.claimants:
        shown = list(e.claimants[:MAX_CLAIMANTS])
        more = len(e.claimants) - len(shown)
        figure += f" ({'; '.join(shown)}{f'; and {more} more' if more else ''})"
    if e.contradictions:
        figure += f" [{e.contradictions} contradiction{'s' * (e.contradictions != 1)}]"
    when = date_label(e.date, e.precision) if span(e.date, e.precision) else "-"
    return (
        when,
        e.type.replace("_", " "),
        _one_line(place),
        str(e.reports),
        str(e.outlets),
        _one_line(figure),
    )


def _is_country(place: str | None, alpha_2: str) -> bool:
    """Whether the place is named as the country itself ("Iran" for IR), so the code adds nothing."""
    country = pycountry.countries.get(alpha_2=alpha_2.upper())
    names = (
        {getattr(country, k, None) for k in ("name", "common_name", "official_name")} if country else set()
    )
    return bool(place) and place.casefold() in {n.casefold() for n in names if n}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def timeline_json(events: Sequence[TimelineEvent]) -> str:
    """`{"events": [...dated, by date], "undated": [...]}`, indented, keys in a fixed order."""
    dated, undated = _split(events)
    data = {"events": [_record(e) for e in dated], "undated": [_record(e) for e in undated]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _record(e: TimelineEvent) -> dict[str, Any]:
    dated = span(e.date, e.precision) is not None
    return {
        "id": e.id,
        "type": e.type,
        "date": {
            "value": e.date,
            "precision": precision_of(e.date, e.precision),
            "label": date_label(e.date, e.precision) if dated else None,
        },
        "place": {"name": e.place, "country": e.country} if e.place else None,
        "figure": {
            "best": e.figure,
            "low": e.low,
            "high": e.high,
            "conservative": e.conservative,
            "claimants": list(e.claimants),
        },
        "reports": e.reports,
        "outlets": e.outlets,
        "contradictions": e.contradictions,
    }
