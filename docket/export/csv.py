"""The CSV export: one row per event, with ACLED's columns where docket has the data, then docket's own.

ACLED's columns (its codebook names): `event_id_cnty` (the ISO 3166 alpha-3 code of the country and
the event's id), `event_date` (here the ISO partial date as the reports give it, `1988` or `2019-11`,
not a day ACLED would pick), `year`, `time_precision` (1 a day, 2 a week or month, 3 a year or
coarser), `disorder_type`, `event_type` and `sub_event_type` (the taxonomy's ACLED mapping),
`actor1` / `assoc_actor_1` (the perpetrators, most reported first), `actor2` / `assoc_actor_2` (the
victims, the target in ACLED's terms), `iso` (ISO 3166 numeric), `country`, `location`, `source`
(the outlets), `notes` (the evidence sentence) and `fatalities`: the most conservative figure (as
ACLED codes it) of an event whose figure counts the dead (a killing or an execution), else empty.

docket's columns: `docket_event_id`, `docket_type`, `figure_low` / `figure_best` / `figure_high` /
`figure_conservative` (the figure views, whatever the figure counts), `reports` (incidents joined),
`outlets`, `contradictions` (pairs of figures that cannot both hold), `documents` (each report's URL,
else its ref) and `incidents` (their ids).

Deterministic: rows in timeline order (dated by date, then undated), list cells sorted or ranked by
stable keys, `\\n` line ends. A text cell that a spreadsheet would run as a formula (it begins with
`=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

import pycountry

from docket.export.eventview import EventView
from docket.taxonomy import INCIDENT_TYPES

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country",
    "location", "source", "notes", "fatalities",
    "docket_event_id", "docket_type", "figure_low", "figure_best", "figure_high", "figure_conservative",
    "reports", "outlets", "contradictions", "documents", "incidents",
)  # fmt: skip

# ACLED's event type (and disorder type) for each sub-event type the taxonomy maps to.
ACLED_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "Attack": ("Violence against civilians", "Political violence"),
    "Abduction/forced disappearance": ("Violence against civilians", "Political violence"),
    "Sexual violence": ("Violence against civilians", "Political violence"),
    "Peaceful protest": ("Protests", "Demonstrations"),
    "Protest with intervention": ("Protests", "Demonstrations"),
    "Excessive force against protesters": ("Protests", "Demonstrations"),
    "Arrests": ("Strategic developments", "Strategic developments"),
    "Looting/property destruction": ("Strategic developments", "Strategic developments"),
    "Disrupted weapons use": ("Strategic developments", "Strategic developments"),
    "Other": ("Strategic developments", "Strategic developments"),
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3, "decade": 3}
LETHAL = frozenset({"killing", "execution"})  # types whose figure counts the dead
SEPARATOR = "; "  # between the items of a list cell, as ACLED separates its sources
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def write_csv(events: Iterable[EventView], out: TextIO) -> int:
    """Write the header and one row per event to `out`; returns the number of rows.

    Open `out` with `newline=""` (the csv module writes its own line ends).
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for view in events:
        row = csv_row(view)
        writer.writerow([_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def csv_row(view: EventView) -> dict[str, str | int | None]:
    """The row of one event, by column name."""
    e = view.event
    mapping = INCIDENT_TYPES.get(e.type)
    sub_event = mapping.acled if mapping else None
    event_type, disorder = ACLED_EVENT_TYPES.get(sub_event or "", (None, None))
    country = _country(e.place.country if e.place else None)
    value = e.date.value
    precision = view.precision
    perpetrators = [p.name for p in view.perpetrators]
    victims = [v.name for v in view.victims]
    documents = sorted({d.url or d.ref for d in view.documents})
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}-{e.id.removeprefix('evt-')}",
        "event_date": value,
        "year": value[:4] if value and value[:4].isdigit() else None,
        "time_precision": TIME_PRECISION.get(precision or "") if value else None,
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": perpetrators[0] if perpetrators else None,
        "assoc_actor_1": SEPARATOR.join(perpetrators[1:]),
        "actor2": victims[0] if victims else None,
        "assoc_actor_2": SEPARATOR.join(victims[1:]),
        "iso": country.numeric if country else None,
        "country": (getattr(country, "common_name", None) or country.name) if country else None,
        "location": e.place.name if e.place else None,
        "source": SEPARATOR.join(view.sources),
        "notes": view.note,
        "fatalities": view.views.conservative if e.type in LETHAL else None,
        "docket_event_id": e.id,
        "docket_type": e.type,
        "figure_low": view.views.low,
        "figure_best": view.views.best,
        "figure_high": view.views.high,
        "figure_conservative": view.views.conservative,
        "reports": view.reports,
        "outlets": e.outlets,
        "contradictions": len(e.contradictions),
        "documents": SEPARATOR.join(documents),
        "incidents": SEPARATOR.join(e.incidents),
    }


def _country(alpha_2: str | None) -> Any:
    """The pycountry record of an ISO 3166-1 alpha-2 code, or None."""
    if not alpha_2:
        return None
    return pycountry.countries.get(alpha_2=alpha_2.upper())


def _cell(value: str | int | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
