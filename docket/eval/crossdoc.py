"""`docket eval meantime-crossdoc`: cross-document entity and event coreference on MEANTIME.

Gold. MEANTIME's English `intra_cross-doc_annotation` (CAT XML; the 60 Wikinews articles of the two
topics shared here, airbus and apple, 30 each; CC BY 4.0; MEANTIME has no test split). Each ENTITY_MENTION and
EVENT_MENTION points (REFERS_TO) at an ENTITY or EVENT; its `instance_id` is the corpus-wide
instance, so mentions of one instance in several articles are one gold cluster. A target without
an `instance_id` is a cluster of its document only; a mention pointing nowhere is a singleton.
The text is rebuilt by `timex._read_cat` (tokens joined as written, the dateline left out: it is
the creation time, given as `published`); the headline goes first, then a blank line, as a
scraped article starts, so the many mentions in headlines are scored. A mention's span runs from
its first to its last token; an entity mention's head is MEANTIME's `head` words inside it, else
(most mentions: the attribute is mostly empty) the root token of its span by the spaCy pipeline
docket loads; an event mention's head is its first token. Mentions in the dateline are left out.

Scopes. *entity*: all entity mentions (names, nominals, pronouns, ...); *entity named*: the named
ones only (syntactic type NAM or PRE.NAM; for the untyped mentions of the cross-document pass, a
last word that is capitalised and no pronoun); *event*: all event mentions.

docket. The documents go through the real build; the export is read back. Entities: the exported
corpus entities (joined across documents by `docket.resolve.aliases`), each `mentions` span a
system mention labelled with its entity id. Events: each incident is a system mention labelled
with the id of the exported `event` that lists it, else with its own id (an incident in no event
is an event of its own). The export carries no trigger span, so an incident's trigger is taken to
be the gold event mention in its first evidence span whose lemma is one of docket's trigger words
(`incident_words.VERBS`/`NOUNS`), one of the incident's own type first, then the earliest.

Matching. Gold spans are carried to docket's clean text with `harness.char_map`. A gold entity
mention takes the label of the system mention that overlaps its head: the exact span first, then
the largest overlap with the whole gold mention. So "Boeing" in "Boeing 737s" (head "737s") matches
nothing, and a system span may serve nested gold mentions sharing its head ("Steve Jobs" in the
appositive "Apple CEO Steve Jobs"), which MEANTIME annotates both.

Metrics (`docket.eval.coref`), in the gold-mentions setting: the key is gold mentions only, a
system mention matching none is dropped. MUC, B-cubed, CEAF-e and CoNLL F1 count all links of the
corpus-wide clustering (within and across documents, as for ECB+); "cross-doc link" P/R/F1 counts only
the coreferent pairs of mentions in different documents. Baseline (same run): all mentions of a scope
whose head token (same spaCy pipeline) has the same lowercased lemma are one cluster, across documents.

Settings: each row's name opens with the mention set it is scored on, docket and the baseline on the
same set in all three.
- `[found]`, the like-for-like headline: the gold mentions docket found, clustered by docket and by
  the baseline. It measures what the resolver does, joining the mentions it has; mention detection
  does not enter it.
- `[all+backoff]`, like for like on every gold mention: each mention docket missed takes the docket
  entity holding most of the found mentions of its head lemma, else a cluster of its lemma (the
  baseline's rule), so both systems cluster every gold mention.
- `[all]`, end to end and not like for like: every gold mention, those docket missed left as
  singletons. docket pays here for the mentions it does not find (nominals and pronouns, which it
  does not record, and names its NER misses); the baseline is given every gold mention.
- `[gold events]`, events only: docket's event matcher on every gold event mention made a
  pseudo-incident (`docket.eval.crossdoc_events`, which says how).
"""

from __future__ import annotations

import io
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.eval.crossdoc_events import add_gold_events
from docket.eval.crossdoc_gold import Key, Span, parse, read_crossdoc, span_carrier
from docket.eval.crossdoc_scoring import (
    ALL,
    BACKOFF,
    BASELINE,
    F1S,
    FOUND,
    SCOPES,
    scope_note,
    score_settings,
)
from docket.eval.harness import EvalReport, Metric

SystemMention = tuple[int, int, str, str]  # start, end (in docket's clean text), cluster label, type


def build_export(records: Iterable[Mapping[str, Any]], workers: int | None) -> list[dict[str, Any]]:
    """`harness.run_records`' build, returning every exported record: that harness drops the
    `event` kind, which has no `doc` field."""
    from docket.build import build
    from docket.config import DEFAULT_SETTINGS
    from docket.export.jsonl import export_jsonl
    from docket.store import open_store

    with tempfile.TemporaryDirectory(prefix="docket-eval-") as tmp:
        source = Path(tmp) / "gold.jsonl"
        source.write_text("".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records), "utf-8")
        buffer = io.StringIO()
        with open_store(str(Path(tmp) / "eval.db")) as store:
            build([source], store, DEFAULT_SETTINGS, workers=workers)
            export_jsonl(store, buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@dataclass(slots=True)
class System:
    """docket's mentions by exported document id: entity mentions with their corpus entity, and
    incidents (their first evidence span) with their event."""

    entities: dict[str, list[SystemMention]]
    incidents: dict[str, list[SystemMention]]
    events: int  # exported `event` records
    texts: dict[str, tuple[str, str]]  # gold id -> (exported document id, clean text)
    rejected: int


def read_system(exported: list[dict[str, Any]]) -> System:
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in exported:
        by_kind[rec["kind"]].append(rec)
    event_of = {i: ev["id"] for ev in by_kind["event"] for i in ev.get("incidents", [])}
    entities: dict[str, list[SystemMention]] = defaultdict(list)
    for ent in by_kind["entity"]:
        for m in ent["mentions"]:
            entities[m["doc"]].append((m["start"], m["end"], ent["id"], ent["type"]))
    incidents: dict[str, list[SystemMention]] = defaultdict(list)
    for inc in by_kind["incident"]:
        if inc["evidence"]:
            first, label = inc["evidence"][0], event_of.get(inc["id"], inc["id"])
            incidents[inc["doc"]].append((first["start"], first["end"], label, inc["type"]))
    texts = {d["ref"]: (d["id"], d["text"]) for d in by_kind["document"]}
    return System(entities, incidents, len(by_kind["event"]), texts, len(by_kind["rejection"]))


def match_entities(gold: list[tuple[Key, Span, Span]], system: list[SystemMention]) -> dict[Key, str]:
    """Gold (key, span, head) to system labels: of the system spans overlapping the gold head, the
    exact span, else the one overlapping the whole gold span most. A system span may serve nested
    gold mentions that share its head ("Apple CEO Steve Jobs" and "Steve Jobs" in it)."""
    out: dict[Key, str] = {}
    for key, (gs, ge), (hs, he) in gold:
        found = [((s, e) == (gs, ge), min(e, ge) - max(s, gs), -abs(e - s - ge + gs), label)
                 for s, e, label, _ in system if s < he and hs < e]  # fmt: skip
        if found:
            out[key] = max(found)[3]
    return out


def match_incidents(gold: list[tuple[Key, Span, str]], system: list[SystemMention]) -> dict[Key, str]:
    """Each incident to the gold event mention in its first evidence span whose lemma is a docket
    trigger word (of the incident's type first, then the earliest); gold (key, span, lemma)."""
    from docket.extract.incident_words import NOUNS, VERBS

    out: dict[Key, str] = {}
    for s, e, label, kind in sorted(system):
        inside = [(k, span, lem) for k, span, lem in gold if s <= span[0] and span[1] <= e and k not in out]
        words = [(VERBS.get(lem) != kind and NOUNS.get(lem) != kind, span, k) for k, span, lem in inside
                 if lem in VERBS or lem in NOUNS]  # fmt: skip
        if words:
            out[min(words)[2]] = label
    return out


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    docs = read_crossdoc(data)
    docs = docs[:limit] if limit else docs
    records = [{"id": d.id, "text": d.text, "published": d.dct, "title": d.title} for d in docs]
    exported = build_export(records, workers)
    system = read_system(exported)
    parse(docs)
    response: dict[Key, str] = {}
    realigned = 0
    for doc in docs:
        if doc.id not in system.texts:
            continue
        doc_id, clean = system.texts[doc.id]
        realigned += clean != doc.text
        carry = span_carrier(doc, clean)
        ents: list[tuple[Key, Span, Span]] = []
        evs: list[tuple[Key, Span, str]] = []
        for m in doc.mentions:
            if (span := carry((m.start, m.end))) is None:
                continue  # on a line docket's cleaning dropped
            if m.kind == "event":
                evs.append((m.key, span, m.lemma))
            elif head := carry(m.head or (m.start, m.end)):
                ents.append((m.key, span, head))
        response |= match_entities(ents, system.entities.get(doc_id, []))
        response |= match_incidents(evs, system.incidents.get(doc_id, []))
    report = EvalReport(name, split, len(docs))
    mentions = [m for d in docs for m in d.mentions]
    by_scope = {scope: [m for m in mentions if keep(m)] for scope, keep in SCOPES.items()}
    scored = {scope: score_settings(gold, response) for scope, gold in by_scope.items()}
    for setting in (FOUND, BACKOFF, ALL):
        for scope, settings in scored.items():
            ours, base, n = settings[setting]
            for metric, value in ours.items():
                if setting == BACKOFF and metric not in F1S:
                    continue
                row = f"{setting} {scope} {metric}"
                report.metrics.append(Metric(row, 100 * value, round(100 * base[metric], 2), BASELINE, n))
    report.notes += [scope_note(scope, gold, response) for scope, gold in by_scope.items()]
    incidents = sum(map(len, system.incidents.values()))
    report.notes += [
        f"docket exported {incidents} incidents and {system.events} `event` records"
        + ("" if system.events else " (no `event` kind in this export: each incident is its own event)"),
        f"{FOUND} like for like, the headline: the gold mentions docket found, clustered by docket and by "
        f"the baseline; {BACKOFF} like for like on every gold mention: each mention docket missed takes the "
        "docket entity holding most found mentions of its head lemma, else its lemma's cluster; "
        f"{ALL} end to end, not like for like: every gold mention, those docket missed left as singletons "
        "(docket pays for the mentions it does not find; the baseline is given them all)",
        "gold mentions setting throughout: docket's unmatched mentions are dropped; MUC/B3/CEAF-e/CoNLL "
        "count within- and cross-document links, cross-doc link P/R/F1 only pairs in different documents",
        f"baseline: {BASELINE} of the head token (spaCy, the pipeline docket loads), across all documents",
        f"rejected by the build: {system.rejected}; clean text differed from the gold text in {realigned} "
        f"documents; {sum(d.skipped for d in docs)} gold mentions in datelines left out",
    ]
    add_gold_events(report, docs, exported)  # the `[gold events]` setting: the matcher on gold mentions
    return report
