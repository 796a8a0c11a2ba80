"""What the review routes of the JSON API take and answer (`docket/serve/review.py`).

The values are checked again by the store (`docket.store.edits`), which says what is wrong in words;
these models only bound sizes and shapes so a request cannot be arbitrarily large.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from docket.serve.schemas import AuditOut, Text

MAX_NOTE = 2000
MAX_PARTS = 1000


class In(BaseModel):
    """A request body: a field it does not know is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class VerdictIn(In):
    action: Literal["confirm", "reject"]
    note: Text | None = Field(None, max_length=MAX_NOTE)


class DateIn(In):
    value: Text | None = Field(None, max_length=10, description="ISO date: 2021, 2021-03, 2021-03-12")
    precision: Literal["day", "month", "year", "decade"] | None = None


class PlaceIn(In):
    name: Text = Field(max_length=300)
    country: Text | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2")


class VictimIn(In):
    name: Text | None = Field(None, max_length=300)
    description: Text | None = Field(None, max_length=300)


class CountIn(In):
    value: int | None = Field(None, ge=0, le=10**9)
    low: int | None = Field(None, ge=0, le=10**9)
    high: int | None = Field(None, ge=0, le=10**9)
    qualifier: Text | None = Field(None, max_length=300)
    text: Text | None = Field(
        None, max_length=300, description="the figure's words; made from the numbers if left out"
    )


class IncidentEditIn(In):
    """The fields to change; a field left out stays as it is, a null `date`, `place` or `count` clears it."""

    type: Text | None = Field(None, max_length=40, description="a docket incident type")
    date: DateIn | None = None
    place: PlaceIn | None = None
    perpetrator_categories: list[Text] | None = Field(
        None, max_length=100, description="one category per perpetrator, in their order"
    )
    victims: list[VictimIn] | None = Field(None, max_length=100)
    count: CountIn | None = None
    note: Text | None = Field(None, max_length=MAX_NOTE)

    def proposed(self) -> dict[str, object]:
        """The fields given, as `docket.store.edits.propose_edit` takes them."""
        given = self.model_fields_set - {"note"}
        data = self.model_dump(include=given)
        if "type" in data and data["type"] is None:
            del data["type"]
        return data


class MergeIn(In):
    other: Text = Field(max_length=300, description="the other record's id (or its page's address)")
    note: Text | None = Field(None, max_length=MAX_NOTE)


class EntitySplitIn(In):
    members: list[Text] = Field(
        min_length=1, max_length=MAX_PARTS, description="the document entity ids to split off"
    )
    note: Text | None = Field(None, max_length=MAX_NOTE)


class EventSplitIn(In):
    incidents: list[Text] = Field(min_length=1, max_length=MAX_PARTS, description="the reports to split off")
    note: Text | None = Field(None, max_length=MAX_NOTE)


class NoteIn(In):
    note: Text = Field(min_length=1, max_length=MAX_NOTE)


class DecisionOut(BaseModel):
    """A decision made: its audit entry, and the record as it now is (a merge or split gives the
    entity or event a new id)."""

    audit: AuditOut
    record: str
    href: str
