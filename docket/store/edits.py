"""A reviewer's edits of an incident: checked here, stored as the changed fields, applied on reading.

What may be edited (`EDITABLE`), each given as `propose_edit` takes it:

- `type`: a docket incident type (`docket.taxonomy.INCIDENT_TYPES`);
- `date`: `{"value", "precision"}` (an ISO partial date and its precision, which must agree: a day for
  2021-03-12, a month for 2021-03, a year or a decade for 2021 or 1980), or None for undated;
- `place`: `{"name", "country"}` (ISO 3166-1 alpha-2 or None), or None for no place;
- `perpetrator_categories`: one category per perpetrator, in their order;
- `victims`: `[{"name", "description"}]`, each with at least one of the two;
- `count`: `{"value", "low", "high", "qualifier", "text"}` (whole numbers; an exact value or bounds),
  or None for no figure.

Values are stored in the codec's shape of `Incident` (`docket.store.codec`), with the machine's
document-local entity ids kept where the reviewer kept the name, so an edited incident reads back as
an `Incident` like any other. Pure functions: no database here.
"""

from __future__ import annotations

import datetime
import re
import typing
from collections.abc import Mapping
from typing import Any

from docket.errors import ReviewError
from docket.model import Incident, PerpetratorCategory
from docket.store.codec import from_dict, to_dict
from docket.taxonomy import INCIDENT_TYPES

# The fields of an incident a reviewer may change, as stored (the keys of `IncidentReview.fields`).
EDITABLE = ("type", "date", "place", "perpetrators", "victims", "count")
CATEGORIES: tuple[str, ...] = typing.get_args(PerpetratorCategory)
PRECISIONS = ("day", "month", "year", "decade")
MAX_TEXT = 300  # a name, description, qualifier or figure's words
MAX_VICTIMS = 100
MAX_FIGURE = 10**9
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d is any script's
_COUNTRY = re.compile(r"[A-Za-z]{2}")
PROPOSABLE = ("type", "date", "place", "perpetrator_categories", "victims", "count")


def apply_fields(machine: Incident, fields: Mapping[str, Any] | None) -> Incident:
    """The incident as read: the machine's, with the fields a reviewer changed."""
    if not fields:
        return machine
    data = to_dict(machine)
    data.update((k, v) for k, v in fields.items() if k in EDITABLE)
    return from_dict(Incident, data)


def field_values(incident: Incident) -> dict[str, Any]:
    """The editable fields of an incident, in the stored shape."""
    data = to_dict(incident)
    return {f: data[f] for f in EDITABLE}


def propose_edit(current: Incident, proposed: Mapping[str, Any]) -> dict[str, Any]:
    """The fields `proposed` sets (keys of `PROPOSABLE`), checked and in the stored shape; ReviewError
    naming the first problem. Keys not given are left alone; unknown keys are refused."""
    unknown = sorted(set(proposed) - set(PROPOSABLE))
    if unknown:
        raise ReviewError(f"cannot edit {', '.join(unknown)}; editable: {', '.join(PROPOSABLE)}")
    out: dict[str, Any] = {}
    if "type" in proposed:
        out["type"] = _type(proposed["type"])
    if "date" in proposed:
        out["date"] = _date(proposed["date"], current)
    if "place" in proposed:
        out["place"] = _place(proposed["place"], current)
    if "perpetrator_categories" in proposed:
        out["perpetrators"] = _perpetrators(proposed["perpetrator_categories"], current)
    if "victims" in proposed:
        out["victims"] = _victims(proposed["victims"], current)
    if "count" in proposed:
        out["count"] = _count(proposed["count"])
    now = field_values(current)
    # A value that differs from the current one only in spacing is the current one (a form sends back
    # what it showed, with line breaks and runs of spaces folded).
    return {k: now[k] if _folded(v) == _folded(now[k]) else v for k, v in out.items()}


def changed(current: Incident, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Of `fields` (stored shape), those whose value differs from `current`'s."""
    now = field_values(current)
    return {k: v for k, v in fields.items() if now[k] != v}


def _folded(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: _folded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_folded(v) for v in value]
    return value


def _same(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    )


# -- each field -------------------------------------------------------------------------------------


def _text(value: Any, what: str, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise ReviewError(f"{what} is required")
        return None
    if not isinstance(value, str):
        raise ReviewError(f"{what} must be text")
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise ReviewError(f"{what} is longer than {MAX_TEXT} characters")
    if required and not text:
        raise ReviewError(f"{what} is required")
    return text or None


def _type(value: Any) -> str:
    if value not in INCIDENT_TYPES:
        raise ReviewError(f"unknown incident type {value!r}; the types are {', '.join(INCIDENT_TYPES)}")
    return str(value)


def _date(value: Any, current: Incident) -> dict[str, Any]:
    undated = {"value": None, "precision": None, "text": None if current.date.value else current.date.text}
    if value is None:
        return undated
    if not isinstance(value, Mapping):
        raise ReviewError("date must be an object with value and precision, or null")
    raw = _text(value.get("value"), "the date")
    precision = value.get("precision") or None
    if raw is None:
        if precision is not None:
            raise ReviewError("a date precision needs a date")
        return undated
    m = _ISO.fullmatch(raw)
    if m is None:
        raise ReviewError(f"the date {raw!r} is not an ISO date such as 2021, 2021-03 or 2021-03-12")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        datetime.date(year, int(month or 1), int(day or 1))
    except ValueError:
        raise ReviewError(f"the date {raw!r} does not exist") from None
    fits = "day" if day else "month" if month else "year"
    precision = precision or fits
    if precision not in PRECISIONS:
        raise ReviewError(f"unknown date precision {precision!r}; one of {', '.join(PRECISIONS)}")
    if precision != fits and not (fits == "year" and precision == "decade" and year % 10 == 0):
        raise ReviewError(
            f"the date {raw!r} does not have the precision {precision!r} (a decade is written as its "
            "first year, 1980)"
        )
    return {"value": raw, "precision": precision, "text": current.date.text}


def _place(value: Any, current: Incident) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ReviewError("place must be an object with name and country, or null")
    name = _text(value.get("name"), "the place's name")
    country = _text(value.get("country"), "the country")
    if name is None:
        if country is not None:
            raise ReviewError("a place needs a name (the country alone: give its name too)")
        return None
    if country is not None and not _COUNTRY.fullmatch(country):
        raise ReviewError(f"the country {country!r} is not an ISO 3166-1 alpha-2 code such as NL")
    entity = current.place.entity if current.place and _same(current.place.name, name) else None
    return {"entity": entity, "name": name, "country": country.upper() if country else None}


def _perpetrators(value: Any, current: Incident) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple) or len(value) != len(current.perpetrators):
        raise ReviewError(
            f"give one perpetrator category for each of the {len(current.perpetrators)} perpetrators"
        )
    out = []
    for p, category in zip(current.perpetrators, value, strict=True):
        if category not in CATEGORIES:
            raise ReviewError(f"unknown perpetrator category {category!r}; one of {', '.join(CATEGORIES)}")
        out.append({"entity": p.entity, "name": p.name, "category": category})
    return out


def _victims(value: Any, current: Incident) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple):
        raise ReviewError("victims must be a list of {name, description}")
    if len(value) > MAX_VICTIMS:
        raise ReviewError(f"at most {MAX_VICTIMS} victims")
    known = {" ".join(v.name.split()).casefold(): v.entity for v in current.victims if v.name}
    out = []
    for n, v in enumerate(value, 1):
        if not isinstance(v, Mapping):
            raise ReviewError("each victim must be an object with name and description")
        name = _text(v.get("name"), f"victim {n}'s name")
        description = _text(v.get("description"), f"victim {n}'s description")
        if name is None and description is None:
            raise ReviewError(f"victim {n} needs a name or a description")
        entity = known.get(name.casefold()) if name else None
        out.append({"entity": entity, "name": name, "description": description})
    return out


def _number(value: Any, what: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ReviewError(f"{what} must be a whole number")
    digits = str(value).replace(",", "").strip()
    if not digits.isascii():
        raise ReviewError(f"{what} must be a whole number, not {value!r}")
    try:
        n = int(digits)
    except ValueError:
        raise ReviewError(f"{what} must be a whole number, not {value!r}") from None
    if not 0 <= n <= MAX_FIGURE:
        raise ReviewError(f"{what} must be between 0 and {MAX_FIGURE:,}")
    return n


def _count(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ReviewError("count must be an object with value, low, high, qualifier and text, or null")
    exact = _number(value.get("value"), "the count")
    low = _number(value.get("low"), "the lower bound")
    high = _number(value.get("high"), "the upper bound")
    qualifier = _text(value.get("qualifier"), "the qualifier")
    if exact is None and low is None and high is None:
        if qualifier or value.get("text"):
            raise ReviewError("a count needs a number: an exact value, or a lower or upper bound")
        return None
    if exact is not None and (low is not None or high is not None):
        raise ReviewError("give either an exact count or bounds, not both")
    if low is not None and high is not None and low > high:
        raise ReviewError(f"the lower bound {low:,} is above the upper bound {high:,}")
    text = _text(value.get("text"), "the figure's words") or _words(exact, low, high, qualifier)
    return {"value": exact, "low": low, "high": high, "qualifier": qualifier, "text": text}


def _words(exact: int | None, low: int | None, high: int | None, qualifier: str | None) -> str:
    if exact is not None:
        number = f"{exact:,}"
    elif low is not None and high is not None:
        number = f"{low:,}–{high:,}"
    elif low is not None:
        number = f"{low:,}" if qualifier else f"at least {low:,}"
    else:
        number = f"{high:,}" if qualifier else f"up to {high:,}"
    return f"{qualifier} {number}" if qualifier else number
