"""The timeline chart: events on a time axis, as one SVG string. Pure: no I/O, no store.

Each event is drawn at its date with its precision as its width: a day is a dot, a month a short bar,
a year a bar over the year, a decade a bar over the decade. Events sit in one lane per type, coloured
by type (with a legend), packed into as many rows as they need so none hides another; the size of
the mark grows with the square root of its best figure. Undated events cannot be placed: each lane
counts them in a column of their own. Every text from the corpus is escaped, in labels and in the
`<title>` tooltips alike, and the SVG holds no script, so it is safe inline in the HTML report and as
a file of its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docket.export.colours import colour_of
from docket.taxonomy import INCIDENT_TYPES

INK, MUTED, RULE = "#1d1d1f", "#5f6368", "#d9d9de"
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
R_MIN, R_MAX = 3.0, 9.0  # half the height of a mark: without a figure, and at the largest figure
ROW = 2 * R_MAX + 6  # height of one row of marks
MAX_ROWS = 8  # rows of one lane at most: past it, marks overlap rather than the chart growing on
UNDATED_TIPS = 20  # undated events listed in the tooltip of their lane's count, at most
LABEL_CHAR = 6.2  # rough width of a character of the 10 px labels, to pack labels without overlap

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in XML, even escaped


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """What the chart needs of one event: plain values, so the chart is testable on its own."""

    id: str
    type: str
    date: str | None  # ISO partial date (`1988`, `2018-06`, `2018-06-30`), or None when undated
    precision: str | None  # `day`, `week`, `month`, `year`, `decade`, or None (then read off `date`)
    place: str | None = None
    figure: int | None = None  # the best figure
    claimants: tuple[str, ...] = ()  # who claims the best figure
    reports: int = 1  # incidents (reports) joined in the event
    outlets: int = 0  # distinct outlets among them
    country: str | None = None  # ISO 3166-1 alpha-2 of the place
    low: int | None = None  # the other figure views (docket.resolve.figures)
    high: int | None = None
    conservative: int | None = None
    contradictions: int = 0  # pairs of figures that cannot both hold


def span(date: str | None, precision: str | None) -> tuple[float, float] | None:
    """The stretch of time a partial date covers, in fractional years [start, end); None if undated.

    `1988` (year) is 1988.0 to 1989.0; `1980` with precision `decade` is 1980.0 to 1990.0; a month
    is a twelfth of its year; a day is one day long.
    """
    if not date:
        return None
    week = _WEEK.match(date)
    if week:
        monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        start = _fraction(monday)
        return start, start + 7 / _days(monday.year)
    m = _DATE.match(date)
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    precision = precision or ("day" if day else "month" if month else "year")
    if precision == "decade":
        return float(year // 10 * 10), float(year // 10 * 10 + 10)
    if precision == "year" or not month or not 1 <= month <= 12:
        return float(year), float(year + 1)
    if precision == "month" or not day:
        return year + (month - 1) / 12, year + month / 12
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return year + (month - 1) / 12, year + month / 12
    start = _fraction(d)
    if precision == "week":
        return start, start + 7 / _days(year)
    return start, start + 1 / _days(year)


def precision_of(date: str | None, precision: str | None) -> str | None:
    """The precision given, else the one the date's form shows (`2018` year, `2018-06` month, ...)."""
    if not date or precision:
        return precision if date else None
    if _WEEK.match(date):
        return "week"
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


def _days(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _fraction(d: dt.date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / _days(d.year)


def date_label(date: str | None, precision: str | None) -> str:
    """A date as precise as it is known: `1980s` for a decade, `1988` for a year, else as given."""
    if not date:
        return "undated"
    precision = precision_of(date, precision)
    if precision == "decade" and date[:4].isdigit():
        return f"{date[:3]}0s"
    if precision == "year":
        return date[:4]
    if precision == "month":
        return date[:7]
    return date


def figure_label(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def tooltip(e: TimelineEvent) -> str:
    """The event in one line: type, date and precision, place, best figure and who claims it."""
    parts = [
        _type_label(e.type),
        date_label(e.date, e.precision) + (f" ({e.precision})" if e.precision else ""),
    ]
    if e.place:
        parts.append(e.place)
    if e.figure is not None:
        parts.append(
            f"best figure {e.figure:,}" + (f", claimed by {'; '.join(e.claimants)}" if e.claimants else "")
        )
    parts.append(f"{e.reports} report{'s' * (e.reports != 1)}, {e.outlets} outlet{'s' * (e.outlets != 1)}")
    return " · ".join(parts)


def _type_label(t: str) -> str:
    return t.replace("_", " ")


def _x(text: object) -> str:
    """Escaped for XML text and attributes alike, with the characters XML forbids dropped."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


# -- the axis ------------------------------------------------------------------------------------

_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
_MONTH_STEPS = (1, 2, 3, 6)


def axis(lo: float, hi: float, max_ticks: int = 10) -> tuple[float, float, list[tuple[float, str]]]:
    """A padded range [start, end] around [lo, hi] and its labelled ticks, in whole years or months."""
    if hi - lo > 1.5:
        step = next((s for s in _YEAR_STEPS if (hi - lo) / s <= max_ticks), 10 ** len(str(int(hi - lo))))
        start = math.floor(lo / step) * step
        end = max(math.ceil(hi / step) * step, start + step)
        return float(start), float(end), [(float(y), str(y)) for y in range(start, end + 1, step)]
    m_lo, m_hi = math.floor(lo * 12 + 1e-9), math.ceil(hi * 12 - 1e-9)
    m_step = next((s for s in _MONTH_STEPS if (m_hi - m_lo) / s <= max_ticks), 12)
    m_lo, m_hi = m_lo // m_step * m_step, max(-(-m_hi // m_step) * m_step, m_lo // m_step * m_step + m_step)
    ticks = [(m / 12, f"{m // 12}-{m % 12 + 1:02d}") for m in range(m_lo, m_hi + 1, m_step)]
    return m_lo / 12, m_hi / 12, ticks


# -- the chart -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    event: TimelineEvent
    x0: float
    x1: float
    r: float
    label: str
    point: bool  # a day: a dot rather than a bar

    @property
    def extent(self) -> tuple[float, float]:
        left = self.x0 - self.r if self.point else self.x0
        right = (self.x0 + self.r if self.point else self.x1) + (
            LABEL_CHAR * len(self.label) + 4 if self.label else 0
        )
        return left, right


def _pack(marks: list[_Mark], gap: float = 4, max_rows: int = MAX_ROWS) -> list[list[_Mark]]:
    """Rows of marks that do not overlap (labels included): each mark goes in the first row with room.
    Past `max_rows`, a mark goes in the row that frees up first, over what is there."""
    rows: list[list[_Mark]] = []
    ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.extent[0], m.extent[1], m.event.id)):
        left, right = mark.extent
        n = next((n for n, end in enumerate(ends) if end + gap <= left), None)
        if n is None and len(rows) < max_rows:
            rows.append([])
            ends.append(right)
            n = len(rows) - 1
        elif n is None:
            n = min(range(len(ends)), key=lambda k: (ends[k], k))
        rows[n].append(mark)
        ends[n] = max(ends[n], right)
    return rows


def _types(events: Iterable[TimelineEvent]) -> list[str]:
    present = {e.type for e in events}
    return [t for t in INCIDENT_TYPES if t in present] + sorted(present - set(INCIDENT_TYPES))


def timeline_svg(events: Sequence[TimelineEvent], width: int = 860, title: str = "Events by date") -> str:
    """The events on a time axis, one lane per type, as a standalone SVG document (a string)."""
    dated = [(e, s) for e in events if (s := span(e.date, e.precision)) is not None]
    undated = [e for e in events if span(e.date, e.precision) is None]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" aria-label="{_x(title)}" '
        f'font-family="{FONT}"'
    )
    if not events:
        return (
            f'{head} viewBox="0 0 {width} 40" width="{width}" height="40"><title>{_x(title)}</title>'
            f'<text x="8" y="24" font-size="13" fill="{MUTED}">No events to chart.</text></svg>'
        )
    types = _types(events)
    lane_w = 12 + LABEL_CHAR * 1.1 * max(len(_type_label(t)) for t in types)
    left, right = round(max(110.0, lane_w)), 30  # room for the last tick label
    undated_w = 84 if undated else 0
    plot_w = width - left - right - undated_w
    lo = min((s[0] for _, s in dated), default=2000.0)
    hi = max((s[1] for _, s in dated), default=2001.0)
    start, end, ticks = axis(lo, hi, max_ticks=max(2, plot_w // 70))

    def x(t: float) -> float:
        return left + (t - start) / (end - start) * plot_w

    top_figure = max((e.figure for e, _ in dated if e.figure), default=0)

    def radius(figure: int | None) -> float:
        if not figure or figure <= 0 or not top_figure:
            return R_MIN
        return R_MIN + (R_MAX - R_MIN) * math.sqrt(figure / top_figure)

    marks: dict[str, list[_Mark]] = {t: [] for t in types}
    for e, (s0, s1) in dated:
        x0, x1 = x(s0), x(s1)
        point = precision_of(e.date, e.precision) == "day"
        marks[e.type].append(_Mark(e, x0, max(x1, x0 + 2.5), radius(e.figure), figure_label(e.figure), point))
    lanes = [(t, _pack(marks[t]) or [[]]) for t in types]

    top = 20  # room for the undated column's heading
    parts: list[str] = []
    y = top
    lane_tops: list[tuple[str, float, float]] = []
    for t, rows in lanes:
        height = ROW * len(rows)
        lane_tops.append((t, y, height))
        y += height
    plot_bottom = y
    # Grid and axis.
    for at, label in ticks:
        gx = x(at)
        parts.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{top}" y2="{plot_bottom + 4}" stroke="{RULE}"/>')
        parts.append(
            f'<text x="{gx:.1f}" y="{plot_bottom + 17}" font-size="11" fill="{MUTED}" '
            f'text-anchor="middle">{_x(label)}</text>'
        )
    for n, (t, ly, height) in enumerate(lane_tops):
        if n % 2 == 0:  # banded lanes, so a mark's lane reads at a glance
            parts.append(
                f'<rect x="{left}" y="{ly:.1f}" width="{plot_w}" height="{height:.1f}" fill="#f4f4f6"/>'
            )
        parts.append(
            f'<text x="{left - 8}" y="{ly + ROW / 2 + 4:.1f}" font-size="11" fill="{INK}" '
            f'text-anchor="end">{_x(_type_label(t))}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{plot_bottom}" y2="{plot_bottom}" stroke="{MUTED}"/>'
    )
    # The marks, drawn after the grid so the grid never covers one.
    for (t, rows), (_, ly, _h) in zip(lanes, lane_tops, strict=True):
        colour = colour_of(t)
        for r, row in enumerate(rows):
            cy = ly + ROW * r + ROW / 2
            for mark in row:
                parts.append(_draw(mark, cy, colour))
    # Undated events, counted per lane.
    if undated:
        ux = left + plot_w + 12
        parts.append(
            f'<text x="{ux - 2}" y="{top - 6}" font-size="11" fill="{MUTED}">undated</text>'
            f'<line x1="{ux - 6}" x2="{ux - 6}" y1="{top}" y2="{plot_bottom}" stroke="{RULE}"/>'
        )
        for t, ly, _h in lane_tops:
            these = sorted((e for e in undated if e.type == t), key=lambda e: e.id)
            if these:
                tips = "\n".join(tooltip(e) for e in these[:UNDATED_TIPS])
                if len(these) > UNDATED_TIPS:
                    tips += f"\nand {len(these) - UNDATED_TIPS} more"
                parts.append(
                    f'<g><title>{_x(tips)}</title><circle cx="{ux + 4}" cy="{ly + ROW / 2:.1f}" '
                    f'r="{R_MIN + 1}" fill="{colour_of(t)}" fill-opacity="0.35" stroke="{INK}" '
                    f'stroke-width="0.6"/>'
                    f'<text x="{ux + 12}" y="{ly + ROW / 2 + 4:.1f}" font-size="11" fill="{INK}">'
                    f"{len(these)}</text></g>"
                )
    legend, legend_h = _legend(events, types, top_figure, left, plot_bottom + 32, width - left - right)
    parts.append(legend)
    height = round(plot_bottom + 32 + legend_h + 8)
    n_dated = len(dated)
    desc = f"{n_dated} dated event{'s' * (n_dated != 1)}, {len(undated)} undated, {len(types)} types"
    return (
        f'{head} viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{_x(title)}</title><desc>{_x(desc)}</desc>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(parts) + "</svg>"
    )


def _draw(mark: _Mark, cy: float, colour: str) -> str:
    e = mark.event
    tip = f"<title>{_x(tooltip(e))}</title>"
    if mark.point:
        shape = (
            f'<circle cx="{mark.x0:.1f}" cy="{cy:.1f}" r="{mark.r:.1f}" fill="{colour}" '
            f'stroke="{INK}" stroke-width="0.6"/>'
        )
        text_x = mark.x0 + mark.r + 3
    else:
        w = mark.x1 - mark.x0
        shape = (
            f'<rect x="{mark.x0:.1f}" y="{cy - mark.r:.1f}" width="{w:.1f}" height="{2 * mark.r:.1f}" '
            f'rx="{min(1.5, w / 4):.1f}" fill="{colour}" fill-opacity="0.85" stroke="{INK}" '
            f'stroke-width="0.6"/>'
        )
        text_x = mark.x1 + 3
    label = (
        f'<text x="{text_x:.1f}" y="{cy + 3.5:.1f}" font-size="10" fill="{INK}">{_x(mark.label)}</text>'
        if mark.label
        else ""
    )
    precision = precision_of(e.date, e.precision) or ""
    return f'<g class="event" data-precision="{_x(precision)}">{tip}{shape}{label}</g>'


def _legend(
    events: Sequence[TimelineEvent], types: list[str], top_figure: int, x0: float, y0: float, width: float
) -> tuple[str, float]:
    """Swatches for the types (with counts) and, when figures exist, the size scale; and its height."""
    counts = {t: sum(1 for e in events if e.type == t) for t in types}
    parts: list[str] = []
    x, y = x0, y0
    for t in types:
        text = f"{_type_label(t)} ({counts[t]})"
        w = 18 + LABEL_CHAR * 1.1 * len(text) + 14
        if x + w > x0 + width and x > x0:
            x, y = x0, y + 18
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{colour_of(t)}" stroke="{INK}" '
            f'stroke-width="0.6"/><text x="{x + 17:.1f}" y="{y + 10:.1f}" font-size="12" fill="{INK}">'
            f"{_x(text)}</text>"
        )
        x += w
    y += 22
    note = "width: how precisely the date is known (dot: day; bar: month, year or decade)"
    if top_figure:
        note += f"; size: best figure (square-root scale, largest {top_figure:,})"
    parts.append(f'<text x="{x0:.1f}" y="{y + 10:.1f}" font-size="11" fill="{MUTED}">{_x(note)}</text>')
    return "".join(parts), y + 14 - y0
