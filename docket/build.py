"""A build: inputs read, new documents run through the pipeline, results written to a store.

The `docket build` command and `docket eval` both call `build`, so what is scored is exactly what
users run. Progress and messages go through callbacks; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docket.config import DEFAULT_SETTINGS, Settings, default_workers
from docket.errors import StoreError
from docket.ingest import read_inputs
from docket.model import DocumentResult, RawDocument, Rejection
from docket.pipeline import run
from docket.store import Store


@dataclass(slots=True)
class BuildSummary:
    added: int = 0
    skipped: int = 0  # already in the store (a re-run, or the same bytes under another name)
    rejected: list[Rejection] = field(default_factory=list)


def build(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings = DEFAULT_SETTINGS,
    workers: int | None = None,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_start: Callable[[int], None] = lambda n: None,
    on_done: Callable[[], None] = lambda: None,
) -> BuildSummary:
    """Reads `paths`, processes the documents not yet stored and writes each in one transaction.

    `workers` None picks two processes when there are enough documents to pay for their start-up.
    """
    summary = BuildSummary()

    def reject(r: Rejection) -> None:
        store.write_rejection(r)
        summary.rejected.append(r)
        on_reject(r)

    pending: list[RawDocument] = []
    for item in read_inputs(list(paths), settings):
        if isinstance(item, Rejection):
            reject(item)
        elif store.has_document(item.sha256):
            summary.skipped += 1
            store.clear_rejection(item.ref)
        else:
            pending.append(item)
    n_workers = workers or (default_workers() if len(pending) >= 8 else 1)
    on_start(len(pending))
    for result in run(pending, settings.with_(workers=n_workers)):
        if isinstance(result, Rejection):
            reject(result)
        elif isinstance(result, DocumentResult):
            try:
                summary.added += store.write(result)
            except StoreError as e:  # one document's records cannot be stored: the rest go on
                reject(Rejection(result.document.ref, f"could not be stored: {e}"))
            else:
                store.clear_rejection(result.document.ref)
        on_done()
    return summary
