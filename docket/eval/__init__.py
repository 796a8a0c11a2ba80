"""Accuracy on public gold datasets written by others: one module per dataset.

Each module reads its dataset from `../shared/eval/NAME` (or `--data`), feeds the documents
through the same build users run (`harness.run_records`), maps docket's export to the dataset's
labels (the mapping is written down in the module) and scores with the dataset's own metric.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

from docket.errors import ConfigError
from docket.eval.harness import DEFAULT_DATA, EvalReport

# name -> module under docket.eval providing `evaluate(data, split, limit, workers) -> EvalReport`
DATASETS: dict[str, str] = {
    "hrdsattack": "hrdsattack",
    "polnear": "polnear",
    "tempeval3": "timex",
    "meantime": "timex",
    "conllpp": "conll",
    "muc4": "muc4",
    "wikievents": "wikievents",
    "meantime-crossdoc": "crossdoc",
}
# name -> its folder under ../shared/eval, where that is not the name itself
FOLDERS: dict[str, str] = {"meantime-crossdoc": "meantime"}


def evaluate(
    name: str,
    split: str = "dev",
    data: Path | None = None,
    limit: int | None = None,
    workers: int | None = None,
) -> EvalReport:
    if name not in DATASETS:
        raise ConfigError(f"no evaluation named {name!r}; choose one of {', '.join(sorted(DATASETS))}")
    folder = data or DEFAULT_DATA / FOLDERS.get(name, name)
    if not folder.is_dir():
        raise ConfigError(f"no gold data for {name} at {folder}; pass --data DIR")
    module = importlib.import_module(f"docket.eval.{DATASETS[name]}")
    start = time.perf_counter()
    report: EvalReport = module.evaluate(name=name, data=folder, split=split, limit=limit, workers=workers)
    report.seconds = time.perf_counter() - start
    return report
