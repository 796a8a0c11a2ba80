"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in US political news.

Each gold attribution has a source (optional), a cue and a content span, as BRAT standoff
character offsets into the article text. docket's `statement` records carry the same three parts
(`source_span`, `cue_span`, `content_span`), so the mapping is one to one: a statement is a
predicted attribution.

Scoring (span-level precision, recall and F1, percentages):

- **Spans of one role** (source, cue, content) are scored as the set of distinct spans of that role
  in a document, so a source shared by two quotes counts once on both sides.
- **Exact** match: the two spans are equal after trimming, at both ends, whitespace, punctuation
  and quote marks. PolNeAR's direct-quote content includes its quote marks (`“We will win.”`) where
  docket's content is the words inside them (`We will win`); the trimming makes these equal. A gold
  span in several fragments (content interrupted by `he said`) is compared by its extent, from the
  first fragment's start to the last one's end.
- **Overlap** match: the two spans share at least one word character (a letter or digit at the
  same offset; a shared space or comma is not enough), i.e. at least one token in common: the
  *partial match* criterion of Pareti et al. (2013, "Automatically detecting and attributing
  indirect quotations") used across PARC-based attribution work. For fragmented gold spans only
  the fragments count.
- **Whole attributions**: a predicted statement matches a gold attribution when its cue and content
  match the gold cue and content, and its source matches the gold source (a gold attribution
  without a source, PolNeAR's `Attribution-no-source`, needs only cue and content); exact and
  overlap variants use the span criteria above.
- Matching is one to one: pairs are taken greedily, the largest shared extent first, so one
  prediction can never be credited for two gold items (or the reverse).

An article annotated by several annotators (the agreement articles) is scored against one
annotation, the first by file name, so every article weighs the same. `Discard` and `Discuss`
annotations are not attributions and are ignored. docket's clean text is mapped back to the gold
text's offsets (they are identical unless cleaning dropped scraping noise).

The baseline, measured in the same run, is textacy's `direct_quotations` (a rule-based direct-quote
extractor: speaker, cue and quote) over the same spaCy pipeline's parse of the same clean text,
scored with the same metric. It is reported as missing when textacy is not installed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from docket.errors import ConfigError
from docket.eval.harness import EvalReport, Metric, char_map, prf, run_records

Frag = tuple[int, int]
Span = tuple[Frag, ...]  # one or more (start, end) fragments, in text order
ROLES = ("source", "cue", "content")
_TRIM = " \t\r\n\xa0.,;:!?\"'“”‘’«»()[]—–-…"
BASELINE = "textacy"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as three spans; `source` is None when nobody is named."""

    source: Span | None
    cue: Span
    content: Span

    def role(self, name: str) -> Span | None:
        return self.source if name == "source" else self.cue if name == "cue" else self.content


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    docs = _documents(data, split, limit)
    if not docs:
        raise ConfigError(f"no PolNeAR documents under {data / split}")
    records = [{"id": d.name, "text": d.text, "published": d.published} for d in docs]
    exported = run_records(records, workers=workers)  # a document docket fails on comes back rejected
    predicted: dict[str, list[Attribution]] = {}
    clean_texts: dict[str, str] = {}
    realigned = 0
    for d in docs:
        record = exported.documents.get(d.name)
        clean = record["text"] if record else ""
        clean_texts[d.name] = clean
        to_gold = _aligner(clean, d.text)
        realigned += record is not None and clean != d.text
        predicted[d.name] = [a for s in exported.of(d.name, "statement") if (a := _statement(s, to_gold))]
    gold = {d.name: d.gold for d in docs}
    texts = {d.name: d.text for d in docs}
    ours = score(gold, predicted, texts)
    notes = [
        f"{sum(len(g) for g in gold.values())} gold attributions, "
        f"{sum(len(p) for p in predicted.values())} docket statements",
        "exact: equal after trimming whitespace, punctuation and quote marks at both ends; "
        "overlap: at least one word character in common (Pareti et al. 2013 partial match); "
        "whole attribution: source, cue and content all match (no source needed when gold has none)",
    ]
    if exported.rejections:  # their gold attributions still count: users would get nothing either
        notes.append(
            f"{len(exported.rejections)} documents rejected by the build: "
            + "; ".join(f"{r['ref']}: {r['reason']}" for r in exported.rejections[:3])
        )
    if realigned:
        notes.append(f"{realigned} documents' clean text differed from the gold text and was realigned")
    base: dict[str, float] | None = None
    try:
        base_pred = _textacy(docs, clean_texts)
    except ImportError:
        notes.append(f"baseline missing: {BASELINE} is not installed (pip install textacy)")
    else:
        base = score(gold, base_pred, texts)
        notes.append(f"baseline: textacy.extract.triples.direct_quotations, {_version()}")
    support = {
        **{r: sum(len(_distinct(a.role(r) for a in g)) for g in gold.values()) for r in ROLES},
        "attribution": sum(len(g) for g in gold.values()),
    }
    metrics = [
        Metric(key, value, base[key] if base else None, BASELINE if base else None, support[key.split()[0]])
        for key, value in ours.items()
    ]
    return EvalReport(dataset=name, split=split, documents=len(docs), metrics=metrics, notes=notes)


# -- scoring ------------------------------------------------------------------------------------------


def score(
    gold: dict[str, list[Attribution]], predicted: dict[str, list[Attribution]], texts: dict[str, str]
) -> dict[str, float]:
    """`{"<role> <exact|overlap> <P|R|F1>": percent}` for the three roles and whole attributions."""
    counts: dict[str, list[int]] = {}
    for doc, g in gold.items():
        p, text = predicted.get(doc, []), texts[doc]
        for mode in ("exact", "overlap"):
            match = _matcher(text, mode)
            for role in ROLES:
                gs = _distinct(a.role(role) for a in g)
                ps = _distinct(a.role(role) for a in p)
                _add(counts, f"{role} {mode}", _pairs(gs, ps, match), len(gs), len(ps))

            def whole(ga: Attribution, pa: Attribution, match: Callable[[Span, Span], bool] = match) -> bool:
                source = ga.source is None or (pa.source is not None and match(ga.source, pa.source))
                return source and match(ga.cue, pa.cue) and match(ga.content, pa.content)

            _add(counts, f"attribution {mode}", _greedy(g, p, whole, _extent_overlap), len(g), len(p))
    out: dict[str, float] = {}
    for key, (tp, ng, np_) in counts.items():
        precision, recall, f1 = prf(tp, np_ - tp, ng - tp)
        out.update({f"{key} P": precision, f"{key} R": recall, f"{key} F1": f1})
    return out


def _add(counts: dict[str, list[int]], key: str, tp: int, n_gold: int, n_pred: int) -> None:
    c = counts.setdefault(key, [0, 0, 0])
    c[0], c[1], c[2] = c[0] + tp, c[1] + n_gold, c[2] + n_pred


def _distinct(spans: Iterable[Span | None]) -> list[Span]:
    return sorted({s for s in spans if s})


def _matcher(text: str, mode: str) -> Callable[[Span, Span], bool]:
    if mode == "exact":
        return lambda a, b: _trim(text, _hull(a)) == _trim(text, _hull(b))

    def overlap(a: Span, b: Span) -> bool:
        for s1, e1 in a:
            for s2, e2 in b:
                lo, hi = max(s1, s2), min(e1, e2)
                if lo < hi and any(ch.isalnum() for ch in text[lo:hi]):
                    return True
        return False

    return overlap


def _pairs(gold: list[Span], pred: list[Span], match: Callable[[Span, Span], bool]) -> int:
    return _greedy(gold, pred, match, lambda g, p: _shared(g, p))


def _greedy(
    gold: Sequence[T], pred: Sequence[T], match: Callable[[T, T], bool], weight: Callable[[T, T], int]
) -> int:
    """The number of one-to-one matched pairs, taking the pairs sharing most text first."""
    cands = sorted(
        ((weight(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if match(g, p)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def _shared(a: Span, b: Span) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _extent_overlap(g: Attribution, p: Attribution) -> int:
    return sum(_shared(x, y) for x, y in ((g.cue, p.cue), (g.content, p.content)))


def _hull(span: Span) -> Frag:
    return span[0][0], span[-1][1]


def _trim(text: str, frag: Frag) -> Frag:
    s, e = frag
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


# -- gold ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Doc:
    name: str
    text: str
    published: str | None
    gold: list[Attribution]


def _documents(data: Path, split: str, limit: int | None) -> list[_Doc]:
    folder = data / split
    if not (folder / "text").is_dir():
        raise ConfigError(f"no PolNeAR split {split!r} at {folder}: expected text/ and attributions/")
    published = _published(data / "metadata.tsv")
    annotations: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)  # the annotator's id follows the article's name
        annotations.setdefault(stem, ann)
    out = []
    for path in sorted((folder / "text").glob("*.txt"))[:limit]:
        ann = annotations.get(path.stem)
        text = path.read_text(encoding="utf-8")
        gold = _read_ann(ann.read_text(encoding="utf-8")) if ann else []
        out.append(_Doc(path.stem, text, published.get(path.stem), gold))
    return out


def _published(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {
            row["filename"]: row["publication_date"]
            for row in csv.DictReader(f, delimiter="\t")
            if row.get("publication_date") not in (None, "", "None")
        }


def _read_ann(ann: str) -> list[Attribution]:
    """BRAT standoff: `T` lines are spans (`Content 315 448;463 553`), `E` lines tie them together."""
    spans: dict[str, Span] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = tuple((int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";")))
        elif line.startswith("E") and len(cols) >= 2:
            args: dict[str, list[str]] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                args.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(args)
    out = []
    for args in events:
        cue = [f for ref in args.get("Cue", []) for f in spans.get(ref, ())]
        content = [f for ref in args.get("Content", []) for f in spans.get(ref, ())]
        source = [f for ref in args.get("Source", []) for f in spans.get(ref, ())]
        if cue and content:
            out.append(Attribution(tuple(sorted(source)) or None, tuple(sorted(cue)), tuple(sorted(content))))
    return out


# -- predictions --------------------------------------------------------------------------------------


def _statement(rec: dict[str, Any], to_gold: Callable[[int, int], Frag | None]) -> Attribution | None:
    parts = []
    for field in ("source_span", "cue_span", "content_span"):
        ev = rec.get(field)
        frag = to_gold(ev["start"], ev["end"]) if ev else None
        parts.append((frag,) if frag else None)
    source, cue, content = parts
    return Attribution(source, cue, content) if cue and content else None


def _aligner(clean: str, original: str) -> Callable[[int, int], Frag | None]:
    """Maps a clean-text span to the gold text: its first and last characters that have a match."""
    offsets = char_map(clean, original)

    def to_gold(s: int, e: int) -> Frag | None:
        mapped = [o for o in offsets[s:e] if o is not None]
        return (mapped[0], mapped[-1] + 1) if mapped else None

    return to_gold


def _textacy(docs: Sequence[_Doc], clean_texts: dict[str, str]) -> dict[str, list[Attribution]]:
    """textacy's direct quotations over the same pipeline's parse of the text docket parsed."""
    from textacy.extract.triples import direct_quotations

    from docket.nlp import load

    nlp = load()
    out: dict[str, list[Attribution]] = {}
    for d in docs:
        clean = clean_texts[d.name]
        to_gold = _aligner(clean, d.text)
        found: list[Attribution] = []
        out[d.name] = found
        try:
            triples = list(direct_quotations(nlp(clean)))
        except ValueError:  # textacy gives up on a document with an unclosed quotation: nothing found
            continue
        for triple in triples:
            spans = []
            for toks in (triple.speaker, triple.cue, list(triple.content)):
                frag = to_gold(toks[0].idx, toks[-1].idx + len(toks[-1])) if toks else None
                spans.append((frag,) if frag else None)
            if spans[1] and spans[2]:
                found.append(Attribution(spans[0], spans[1], spans[2]))
    return out


def _version() -> str:
    from importlib.metadata import version

    return f"textacy {version('textacy')}"
