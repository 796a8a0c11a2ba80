"""docket's incident types, each mapped to the OHCHR SDG 16.10.1 violation type, the ACLED sub-event
type and the PLOVER event type. The mappings travel with every exported incident.

None means the scheme has no category for it: a protest is not an SDG 16.10.1 violation, for instance.
See docs/taxonomy.md for the reasoning behind each line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mapping:
    ohchr: str | None  # killing | enforced_disappearance | torture | arbitrary_detention | kidnapping | other
    acled: str | None  # ACLED sub-event type
    plover: str | None  # PLOVER event type


INCIDENT_TYPES: dict[str, Mapping] = {
    "killing": Mapping("killing", "Attack", "ASSAULT"),
    "execution": Mapping("killing", "Attack", "ASSAULT"),
    "death_sentence": Mapping("other", "Other", "COERCE"),
    "prison_sentence": Mapping("arbitrary_detention", "Other", "COERCE"),
    "trial": Mapping("other", "Other", "COERCE"),
    "arrest": Mapping("arbitrary_detention", "Arrests", "COERCE"),
    "detention": Mapping("arbitrary_detention", "Arrests", "COERCE"),
    "enforced_disappearance": Mapping("enforced_disappearance", "Abduction/forced disappearance", "COERCE"),
    "kidnapping": Mapping("kidnapping", "Abduction/forced disappearance", "ASSAULT"),
    "torture": Mapping("torture", "Attack", "ASSAULT"),
    "harassment": Mapping("other", "Other", "COERCE"),
    "confiscation": Mapping("other", "Looting/property destruction", "COERCE"),
    "protest": Mapping(None, "Peaceful protest", "PROTEST"),
    "attack": Mapping("other", "Attack", "ASSAULT"),
    "plot": Mapping("other", "Disrupted weapons use", "THREATEN"),
    "expulsion": Mapping("other", "Other", "SANCTION"),
    "other": Mapping("other", "Other", None),
}


def mapping_of(incident_type: str) -> Mapping:
    return INCIDENT_TYPES[incident_type]
