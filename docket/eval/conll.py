"""CoNLL-2003 (CoNLL++ corrected release): named-entity spans, entity-level exact match.

Each document's text is rebuilt from its tokens (tokens joined by one space, sentences by a newline)
with a map from tokens to character offsets, and goes through the build users run. docket's entity
mentions (every `mentions` span of an exported entity, typed by the entity: person -> PER,
organization -> ORG, place -> LOC; `other` is not scored) are mapped back to token spans and scored
per document against the gold spans with exact-match precision, recall and F1 per type and micro over
PER, ORG and LOC.

MISC (nationalities, events, titles of works, ...) is outside docket's types: a gold MISC span is
never a miss, and a predicted span that is exactly a gold MISC span is neither right nor wrong (it
is ignored, whatever type it was given). A predicted span whose ends do not fall on token boundaries
of the gold tokenisation can match nothing and counts as a false positive.

The baseline is the same spaCy pipeline's NER as it comes, over the same text, scored identically:
PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, other labels (NORP, ...) ignored.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docket.eval.harness import EvalReport, Exported, Metric, char_map, prf, run_records

TYPES = ("PER", "ORG", "LOC")
DOCKET_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
BASELINE_NAME = "spaCy en_core_web_sm NER"
FILES = {"dev": "conllpp_dev.txt", "test": "conllpp_test.txt", "train": "conllpp_train.txt"}

Span = tuple[int, int]  # first token, last token + 1


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    starts: list[int]  # character offset of each token
    ends: list[int]
    gold: dict[Span, str]  # token span -> PER/ORG/LOC/MISC


def read_conll(path: Path) -> Iterator[GoldDoc]:
    """Documents of a CoNLL-2003 file: -DOCSTART- lines separate documents, blank lines sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    n = 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), "-DOCSTART- -X- -X- O"]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            if parts and sentences:
                n += 1
                yield _document(f"{path.stem}-{n:04d}", sentences)
                sentences = []
            continue
        current.append((parts[0], parts[-1]))


def _document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    text_parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gold: dict[Span, str] = {}
    pos = 0
    for s, sentence in enumerate(sentences):
        if s:
            text_parts.append("\n")
            pos += 1
        offset = len(starts)  # chunks never run across sentences
        gold.update({(a + offset, b + offset): k for (a, b), k in _chunks([t for _, t in sentence]).items()})
        for t, (token, _) in enumerate(sentence):
            if t:
                text_parts.append(" ")
                pos += 1
            starts.append(pos)
            text_parts.append(token)
            pos += len(token)
            ends.append(pos)
    return GoldDoc(doc_id, "".join(text_parts), starts, ends, gold)


def _chunks(tags: list[str]) -> dict[Span, str]:
    """Token spans of IOB1 or IOB2 tags: a chunk starts at B-, or at I- after another type or O."""
    out: dict[Span, str] = {}
    start, label = 0, "O"
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if label != "O" and (tag == "O" or prefix == "B" or kind != label):
            out[(start, i)] = label
            label = "O"
        if tag != "O" and label == "O":
            start, label = i, kind
    return out


def token_span(doc: GoldDoc, start: int, end: int) -> Span | None:
    """The token span whose characters are exactly start..end, or None when the ends cut a token."""
    first = bisect.bisect_left(doc.starts, start)
    last = bisect.bisect_left(doc.ends, end)
    if first <= last < len(doc.ends) and doc.starts[first] == start and doc.ends[last] == end:
        return first, last + 1
    return None


@dataclass(slots=True)
class Score:
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]

    @classmethod
    def empty(cls) -> Score:
        return cls({t: 0 for t in TYPES}, {t: 0 for t in TYPES}, {t: 0 for t in TYPES})

    def add(self, gold: dict[Span, str], predicted: set[tuple[Span | None, str, int, int]]) -> None:
        """`predicted`: (token span or None when misaligned, type, start char, end char)."""
        for span, kind in gold.items():
            if kind in TYPES and not any(p[0] == span and p[1] == kind for p in predicted):
                self.fn[kind] += 1
        for span, kind, _, _ in predicted:
            if span is not None and gold.get(span) == "MISC":
                continue  # outside docket's types: neither right nor wrong
            if span is not None and gold.get(span) == kind:
                self.tp[kind] += 1
            else:
                self.fp[kind] += 1

    def metrics(self, kind: str | None) -> tuple[float, float, float, int]:
        kinds = TYPES if kind is None else (kind,)
        tp, fp, fn = (sum(d[k] for k in kinds) for d in (self.tp, self.fp, self.fn))
        return (*prf(tp, fp, fn), tp + fn)


def dropped(doc: GoldDoc, exported: Exported) -> int:
    """Gold PER/ORG/LOC spans on text docket's cleaning removed (or in a rejected document)."""
    record = exported.documents.get(doc.id)
    kept = set() if record is None else set(char_map(record["text"], doc.text))
    return sum(1 for (a, _), kind in doc.gold.items() if kind in TYPES and doc.starts[a] not in kept)


def docket_spans(doc: GoldDoc, exported: Exported) -> set[tuple[Span | None, str, int, int]]:
    """docket's typed mentions in `doc`, mapped to the gold tokens."""
    record = exported.documents.get(doc.id)
    if record is None:
        return set()
    mapping = char_map(record["text"], doc.text)
    out = set()
    for entity in exported.entities.values():
        kind = DOCKET_TYPES.get(entity["type"])
        if kind is None:
            continue
        for m in entity["mentions"]:
            if m["doc"] != record["id"]:
                continue
            a, b = mapping[m["start"]], mapping[m["end"] - 1]
            if a is None or b is None:
                out.add((None, kind, m["start"], m["end"]))
                continue
            out.add((token_span(doc, a, b + 1), kind, a, b + 1))
    return out


def spacy_spans(doc: GoldDoc, parsed: object) -> set[tuple[Span | None, str, int, int]]:
    out = set()
    for ent in parsed.ents:  # type: ignore[attr-defined]
        kind = SPACY_TYPES.get(ent.label_)
        if kind is not None:
            out.add((token_span(doc, ent.start_char, ent.end_char), kind, ent.start_char, ent.end_char))
    return out


def load(data: Path, split: str, limit: int | None) -> list[GoldDoc]:
    path = data / FILES.get(split, f"conllpp_{split}.txt")
    if not path.is_file():
        from docket.errors import ConfigError

        raise ConfigError(f"no {split} split for CoNLL++ at {path}")
    docs = []
    for doc in read_conll(path):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(doc)
    return docs


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    from docket import nlp

    docs = load(data, split, limit)
    exported = run_records(({"id": d.id, "text": d.text} for d in docs), workers=workers)
    ours, base = Score.empty(), Score.empty()
    pipeline = nlp.load()
    lost = 0
    for doc, parsed in zip(docs, pipeline.pipe(d.text for d in docs), strict=True):
        ours.add(doc.gold, docket_spans(doc, exported))
        base.add(doc.gold, spacy_spans(doc, parsed))
        lost += dropped(doc, exported)
    report = EvalReport(dataset=name, split=split, documents=len(docs))
    for kind in (*TYPES, None):
        label = kind or "micro"
        p, r, f, support = ours.metrics(kind)
        bp, br, bf, _ = base.metrics(kind)
        for metric, value, baseline in (("P", p, bp), ("R", r, br), ("F1", f, bf)):
            report.metrics.append(
                Metric(f"{label} {metric}", value, round(baseline, 2), BASELINE_NAME, support)
            )
    report.notes += [
        "entity-level exact match of token spans, scored per document; micro over PER, ORG and LOC",
        "docket types: person -> PER, organization -> ORG, place -> LOC; 'other' is not scored",
        "baseline: the same spaCy pipeline's NER on the same text; PERSON -> PER, ORG -> ORG, "
        "GPE/LOC/FAC -> LOC, other labels ignored",
        "MISC is outside both label sets: a gold MISC span is never a miss, and a predicted span "
        "that is exactly a gold MISC span is ignored",
        "text rebuilt from the gold tokens: tokens joined by one space, sentences by a newline",
    ]
    gold = ours.metrics(None)[3]
    report.notes.append(
        f"{lost} of {gold} gold PER/ORG/LOC spans ({100 * lost / gold if gold else 0:.1f}%) lie on "
        "lines docket's cleaning drops (datelines, table rows after the last sentence) or in "
        "rejected documents: misses for docket, not for the baseline"
    )
    rejected = [r["ref"] for r in exported.rejections]
    if rejected:
        report.notes.append(f"{len(rejected)} documents rejected by the build: {', '.join(rejected[:5])}")
    return report
