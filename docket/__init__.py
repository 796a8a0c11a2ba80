"""docket: sourced records of human-rights reporting.

The stages are functions from records to records; this is the curated way in:

    from docket import build, open_store, process, nlp
    with open_store("docket.db") as store:
        build(["reports/"], store)
"""

from docket.build import BuildSummary, build
from docket.config import DEFAULT_SETTINGS, Settings
from docket.errors import ConfigError, DocketError, InputError, StoreError
from docket.model import (
    Attribution,
    Count,
    DateMention,
    Document,
    DocumentResult,
    Entity,
    EntityRef,
    Evidence,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    RawDocument,
    Rejection,
    Statement,
    Victim,
)
from docket.pipeline import process, run
from docket.store import Store, open_store

__all__ = [
    "DEFAULT_SETTINGS",
    "Attribution",
    "BuildSummary",
    "ConfigError",
    "Count",
    "DateMention",
    "DocketError",
    "Document",
    "DocumentResult",
    "Entity",
    "EntityRef",
    "Evidence",
    "Incident",
    "IncidentDate",
    "InputError",
    "Perpetrator",
    "Place",
    "RawDocument",
    "Rejection",
    "Settings",
    "Statement",
    "Store",
    "StoreError",
    "Victim",
    "build",
    "open_store",
    "process",
    "run",
]
