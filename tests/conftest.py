"""Fixtures shared by every test: the spaCy pipeline (loaded once), fictional documents, the seeds."""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from docket import nlp as nlp_module
from docket.extract.incidents import extract_incidents
from docket.model import DateMention, Document, Entity, Evidence, Found, Incident, Statement

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
CHECK_EXPORT = REPO.parent / "shared" / "tools" / "check_export.py"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_module.load()


def make_document(text: str, published: str | None = None, ref: str = "test.txt") -> Document:
    """A clean Document straight from text, as the clean stage would hand it on."""
    return Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ref=ref,
        text=text,
        published=Found(published, "given") if published else Found(),
    )


@pytest.fixture
def document() -> Callable[..., Document]:
    return make_document


_MONTHS = [m.lower() for m in calendar.month_name[1:]]
_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def tagged_entities(doc: Document, parsed) -> list[Entity]:
    """One entity per distinct name spaCy tags: enough to test linking without the entity stage."""
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in parsed.ents:
        if e.label_ in _TYPES:
            groups.setdefault((e.text, _TYPES[e.label_]), []).append(
                Evidence.of(doc, e.start_char, e.end_char)
            )
    return [Entity(f"e{i}", doc.id, t, n, (), tuple(ms)) for i, ((n, t), ms) in enumerate(groups.items())]  # type: ignore[arg-type]


def tagged_dates(doc: Document, parsed) -> list[DateMention]:
    """DATE entities with a year (and month) read by hand; others unanchored."""
    out = []
    for i, e in enumerate(parsed.ents):
        if e.label_ != "DATE":
            continue
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", e.text)
        month = next((k for k, m in enumerate(_MONTHS, 1) if m in e.text.lower()), None)
        value, precision = (None, None)
        if year and month:
            value, precision = f"{year.group(1)}-{month:02d}", "month"
        elif year:
            value, precision = year.group(1), "year"
        out.append(DateMention(f"d{i}", Evidence.of(doc, e.start_char, e.end_char), value, precision))
    return out


@pytest.fixture
def run(nlp: Language, document: Callable[..., Document]) -> Callable[..., tuple[Incident, ...]]:
    """Incidents of a text, with spaCy's names and dates standing in for the entity and date stages."""

    def go(text: str, statements: tuple[Statement, ...] = ()) -> tuple[Incident, ...]:
        doc = document(text)
        parsed = nlp(text)
        return extract_incidents(
            doc, parsed, tagged_entities(doc, parsed), tagged_dates(doc, parsed), statements
        )

    return go


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed corpus is missing at {SEEDS}; the tests read it from ../shared")
    return SEEDS


@dataclass(frozen=True)
class SeedExport:
    """The seeds built once per test process and exported: the JSONL text, its records, and the
    seed number ("000".."004") of each document id."""

    text: str
    records: list[dict[str, Any]]
    seed_of: dict[str, str]


@pytest.fixture(scope="session")
def seed_export_records(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> SeedExport:
    from docket.build import build
    from docket.export.jsonl import export_jsonl
    from docket.store import open_store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    out = io.StringIO()
    with open_store(str(db)) as store:
        summary = build([seeds_dir], store, workers=1)
        assert summary.added == 5 and not summary.rejected
        export_jsonl(store, out)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    seed_of = {r["id"]: r["ref"].rsplit("/", 1)[-1][:3] for r in recs if r["kind"] == "document"}
    return SeedExport(out.getvalue(), recs, seed_of)
