"""What every evaluation shares: gold documents through the real build, the export read back,
and the scoring arithmetic.

Gold documents go in as JSONL records (`id`, `text`, `published`), exactly as a user would feed
them to `docket build`; the record is then read from `docket export`'s contract, so the scores
measure what users get.
"""

from __future__ import annotations

import difflib
import io
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket.config import DEFAULT_SETTINGS

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure, with the baseline measured in the same run (or quoted) beside it."""

    name: str
    value: float  # a percentage, 0..100
    baseline: float | None = None
    baseline_name: str | None = None
    support: int | None = None  # how many gold items (or documents) it is computed over


@dataclass(slots=True)
class EvalReport:
    dataset: str
    split: str
    documents: int
    metrics: list[Metric] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def value(self, name: str) -> float:
        return next(m.value for m in self.metrics if m.name == name)

    def below(self, floors: Mapping[str, float]) -> dict[str, tuple[float, float]]:
        """The metrics under their floor, as {name: (value, floor)}: what a regression gate fails on."""
        return {n: (round(self.value(n), 2), f) for n, f in floors.items() if self.value(n) < f}

    def as_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "split": self.split,
            "documents": self.documents,
            "seconds": round(self.seconds, 1),
            "metrics": [
                {"name": m.name, "value": round(m.value, 2), "baseline": m.baseline,
                 "baseline_name": m.baseline_name, "support": m.support}
                for m in self.metrics
            ],
            "notes": self.notes,
        }  # fmt: skip


@dataclass(slots=True)
class Exported:
    """A built record read back from the JSONL export, indexed for scoring."""

    documents: dict[str, dict[str, Any]]  # by ref (the gold record's id)
    entities: dict[str, dict[str, Any]]  # by id
    by_doc: dict[str, dict[str, list[dict[str, Any]]]]  # doc id -> kind -> records
    rejections: list[dict[str, Any]]
    # doc id -> the entities with a mention in it, in `entities`' order. Entities span the documents of
    # the build, so without it a document's entities take a scan of them all. Derived from `entities`
    # here, not passed in, so an Exported built by hand (tests) has it too; it does not follow later
    # changes to `entities`.
    entities_by_doc: dict[str, list[dict[str, Any]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[dict[str, Any]]] = {}
        for entity in self.entities.values():
            for doc in dict.fromkeys(m["doc"] for m in entity["mentions"]):
                index.setdefault(doc, []).append(entity)
        self.entities_by_doc = index

    def of(self, ref: str, kind: str) -> list[dict[str, Any]]:
        """The records of one kind for the document a gold record became ([] if it was rejected)."""
        doc = self.documents.get(ref)
        return self.by_doc.get(doc["id"], {}).get(kind, []) if doc else []

    def entities_of(self, ref: str) -> list[dict[str, Any]]:
        """The entities with a mention in the document a gold record became ([] if it was rejected)."""
        doc = self.documents.get(ref)
        return self.entities_by_doc.get(doc["id"], []) if doc else []


def run_records(records: Iterable[Mapping[str, Any]], workers: int | None = None) -> Exported:
    """Builds `records` ({"id", "text", "published", ...}) with `docket build`'s code into a
    temporary store, exports it, and reads the export back."""
    from docket.build import build
    from docket.export.jsonl import export_jsonl
    from docket.store import open_store

    with tempfile.TemporaryDirectory(prefix="docket-eval-") as tmp:
        source = Path(tmp) / "gold.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(dict(r), ensure_ascii=False) + "\n")
        buffer = io.StringIO()
        with open_store(str(Path(tmp) / "eval.db")) as store:
            build([source], store, DEFAULT_SETTINGS, workers=workers)
            export_jsonl(store, buffer)
    documents: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, Any]] = {}
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    rejections = []
    for line in buffer.getvalue().splitlines():
        rec = json.loads(line)
        kind = rec["kind"]
        if kind == "document":
            documents[rec["ref"]] = rec
        elif kind == "entity":
            entities[rec["id"]] = rec
        elif kind == "rejection":
            rejections.append(rec)
        elif "doc" in rec:
            by_doc[rec["doc"]][kind].append(rec)
    return Exported(documents, entities, by_doc, rejections)


def char_map(src: str, dst: str) -> list[int | None]:
    """For each character of `src`, its offset in `dst`, or None where `dst` has no match for it.

    Cleaning only drops lines or cuts text out, never rewrites it, so difflib's matching blocks
    between the text a gold dataset holds and the clean text docket exports align the two.
    """
    if src == dst:
        return list(range(len(src)))
    out: list[int | None] = [None] * len(src)
    for a, b, n in difflib.SequenceMatcher(None, src, dst, autojunk=False).get_matching_blocks():
        out[a : a + n] = range(b, b + n)
    return out


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 as percentages (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def percent(hits: float, total: float) -> float:
    return 100 * hits / total if total else 0.0
