"""Fixtures shared by every test: the spaCy pipeline (loaded once), fictional documents, the seeds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

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
