"""Fixtures shared by every test: the spaCy pipeline (loaded once), fictional documents, the seeds."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from docket import nlp as nlp_module
from docket.model import Document, Found

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
