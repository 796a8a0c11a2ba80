"""Composes the stages: one raw document in, its records out.

`process` is the unit every runner uses (the CLI's process pool now, a cluster later), so the same
bytes give the same records wherever they run. Nothing here touches the store.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from docket import nlp as nlp_module
from docket.clean import clean
from docket.config import DEFAULT_SETTINGS, Settings
from docket.errors import InputError
from docket.extract.dates import extract_dates
from docket.extract.entities import extract_entities
from docket.extract.incidents import extract_incidents
from docket.extract.statements import extract_statements
from docket.model import DocumentResult, RawDocument, Rejection


def process(
    raw: RawDocument, nlp: Language, settings: Settings = DEFAULT_SETTINGS
) -> DocumentResult | Rejection:
    """Clean, annotate and extract one document; a document that cannot be read becomes a Rejection."""
    try:
        doc = clean(raw, settings)
    except InputError as e:
        return Rejection(e.ref, e.reason)
    try:
        parsed = nlp(doc.text)
        entities = extract_entities(doc, parsed)
        dates = extract_dates(doc, parsed)
        statements = extract_statements(doc, parsed, entities)
        incidents = extract_incidents(doc, parsed, entities, dates, statements)
    except Exception as e:  # a bug on one document must not cost the rest of the batch
        where = traceback.extract_tb(e.__traceback__)[-1]
        return Rejection(
            raw.ref,
            f"docket failed on this document ({type(e).__name__}: {e} at "
            f"{Path(where.filename).name}:{where.lineno}); please report it",
        )
    return DocumentResult(doc, raw.data, entities, dates, statements, incidents)


# Each worker process loads the pipeline once, in its initializer.
_worker_nlp: Language | None = None
_worker_settings: Settings = DEFAULT_SETTINGS


def _init_worker(settings: Settings) -> None:
    global _worker_nlp, _worker_settings
    _worker_settings = settings
    _worker_nlp = nlp_module.load(settings.model)


def _process_in_worker(raw: RawDocument) -> DocumentResult | Rejection:
    assert _worker_nlp is not None, "worker not initialised"
    return process(raw, _worker_nlp, _worker_settings)


def run(
    raws: Iterable[RawDocument], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[DocumentResult | Rejection]:
    """Process documents in input order, in `settings.workers` processes (1: in this process)."""
    if settings.workers <= 1:
        nlp = nlp_module.load(settings.model)
        for raw in raws:
            yield process(raw, nlp, settings)
        return
    # fork: workers start fast and share the imported code; each loads its own pipeline.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_process_in_worker, raws, chunksize=max(1, settings.batch_size // 4))
