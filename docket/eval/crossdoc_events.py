"""`[gold events]`: docket's cross-document event matcher on MEANTIME's gold event mentions.

What it measures. docket records human-rights incidents (killings, arrests, ...), and almost none of
MEANTIME's business events (sell, announce, launch) are one, so the `[found]`/`[all]` event rows of
`docket.eval.crossdoc` say nothing about how docket joins reports of one event. This setting is the
gold-mentions setting of ECB+ work: every gold event mention is given to the matcher as if docket had
found it, and only the clustering is scored. It measures the matcher (`docket.resolve.events`,
`docket.resolve.matching`), not incident detection: its date, place, participant and wording
constraints on top of lemma identity.

Mapping. Each gold event mention becomes a pseudo-incident (`docket.model.Incident`, built here and
never stored), read from docket's own export of the same build:
- type: the lowercased spaCy lemma of its head token (its first token), the baseline's key. The
  matcher joins only incidents of one type group, and these lemmas are in no group of docket's
  taxonomy, so docket's clusters split the baseline's, never join across them. The types are not
  docket's taxonomy.
- evidence: the sentence holding its head in docket's clean text (spaCy's sentence, cut to its line,
  as docket's incident evidence is; the gold span carried by `harness.char_map`).
- date: of the date expressions docket exported in that sentence with a value, the one nearest the
  head: docket's fallback for a trigger that owns no date in the parse (the ownership and "after,
  before" rules it applies first need a parse of triggers docket does not have for these words, and
  are left out). None there, the mention is undated, as docket's incidents are (docket never dates
  an incident by `published`; the exported values are already resolved against it: "Tuesday" is a day).
- place: the exported place entity (its corpus-wide id) with the mention nearest the head in that
  sentence (docket takes the one the parse attaches to the trigger); else, as docket gives an
  incident whose sentence names no place, the document's country: the country its place entities
  name most, the title's countries counting twice (docket's own vote also counts nationality words,
  which the export does not hold).
- participants (`perpetrators`, which `matching.report` reads alike with victims): every exported
  person, organisation or other entity with a mention in that sentence, by its corpus-wide id, so
  that two sentences share a participant exactly when docket's entity resolution
  (`docket.resolve.aliases`) put their names in one entity. No victims (no named-victim conflict,
  no descriptions) and no counts: docket extracts neither for these words.
`consolidate_events` then runs unchanged over all pseudo-incidents at once; their entity ids are
corpus ids already, so `to_global` is the identity.

Metric and baseline. `docket.eval.crossdoc_scoring.scores` (MUC, B-cubed, CEAF-e, CoNLL F1 over the
corpus-wide clustering; cross-doc link P/R/F1 over pairs in different documents) against MEANTIME's
event `instance_id` clusters; the baseline, same run and exactly the same mentions, is one cluster
per head lemma across all documents. No constant of the matcher was tuned to this data (MEANTIME has
no test split). References in the notes, on the same mentions: every mention alone, and the same
head lemma within each document only (no cross-document link).

What to read. MEANTIME's event clusters lie mostly within one document (on the 60 articles, 319 of
the 409 coreferent pairs). `consolidate_events` is docket's cross-document step: it joins two incidents
of one document only when they are strongly alike, since docket merges one document's mentions of an
incident when it extracts them, a step this setting bypasses. The MUC and B-cubed rows therefore
mostly show within-document links the matcher is not meant to make; the cross-doc link rows isolate
what it is for. Participants are every entity of the sentence, not the trigger's own arguments: in a
corpus of one company's news ("Apple" in most sentences) sharing one says little, and such a pair
with the same lemma, country and a rare word reaches `JOIN`. A mention whose head docket's clean
text lacks is left out of both systems' scoring (none on MEANTIME). No lemma tweak was needed:
spaCy's lemmas already fold plural nouns ("deliveries"), and derived forms ("deliver"/"delivery")
stay apart for both systems alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from docket.eval.crossdoc_gold import GoldDoc, GoldMention, Key, Span, span_carrier
from docket.eval.crossdoc_scoring import BASELINE, F1S, Scores, scores
from docket.eval.harness import EvalReport, Metric
from docket.extract.incident_fields import line_of
from docket.extract.places import country_name, country_of, is_country, title_countries
from docket.model import (
    Evidence,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    Precision,
)
from docket.resolve.events import consolidate_events

SETTING = "[gold events]"
PARTICIPANT_TYPES = frozenset({"person", "organization", "other"})
_PIPES_NOT_NEEDED = ["tagger", "attribute_ruler", "lemmatizer", "ner"]  # sentences come from the parser


@dataclass(slots=True)
class DocFacts:
    """What docket exported for one document, by offsets in its clean text."""

    id: str
    text: str
    title: str | None
    dates: list[tuple[int, int, str, str | None, str]] = field(default_factory=list)  # value, precision, text
    places: list[tuple[int, int, Place]] = field(default_factory=list)
    participants: list[tuple[int, int, str, str]] = field(default_factory=list)  # entity id, name
    country: str | None = None


def read_facts(exported: Iterable[dict[str, Any]]) -> dict[str, DocFacts]:
    """Per gold document id (the record's `ref`): docket's dates, places and participants."""
    records = list(exported)
    by_id = {
        r["id"]: DocFacts(r["id"], r["text"], r.get("title")) for r in records if r["kind"] == "document"
    }
    for r in records:
        if r["kind"] == "date" and r["value"] and r["doc"] in by_id:
            by_id[r["doc"]].dates.append((r["start"], r["end"], r["value"], r["precision"], r["text"]))
        elif r["kind"] == "entity":
            for m in r["mentions"]:
                if (facts := by_id.get(m["doc"])) is None:
                    continue
                if r["type"] == "place":
                    place = Place(r["id"], r["name"], country_of(r["name"]) or country_of(m["text"]))
                    facts.places.append((m["start"], m["end"], place))
                elif r["type"] in PARTICIPANT_TYPES:
                    facts.participants.append((m["start"], m["end"], r["id"], r["name"]))
    for facts in by_id.values():
        facts.country = main_country(facts)
    refs = {r["id"]: r["ref"] for r in records if r["kind"] == "document"}
    return {refs[i]: f for i, f in by_id.items()}


def main_country(facts: DocFacts) -> str | None:
    """The country the document's place entities name most, the title's countries counting twice.

    Not `docket.extract.incidents._main_country`: that one votes on the parse (nationality words,
    regions named with their kind), which the export does not hold, and breaks ties by first vote."""
    votes: Counter[str] = Counter(p.country for _, _, p in facts.places if p.country)
    for code in title_countries(facts.title or ""):
        votes[code] += 2
    return min(votes, key=lambda c: (-votes[c], c)) if votes else None


def sentences(texts: Sequence[str]) -> list[list[Span]]:
    """Each text's sentences, as spaCy splits them (`build_incidents` cuts one to its line, as
    docket's incident evidence does)."""
    from docket import nlp

    parsed = nlp.load().pipe(texts, disable=_PIPES_NOT_NEEDED)
    return [[(sent.start_char, sent.end_char) for sent in doc.sents] for doc in parsed]


def _nearest(spans: Iterable[tuple[int, int]], sentence: Span, head: int) -> int | None:
    """The index of the span inside the sentence nearest the head, else None."""
    inside = [(abs(s - head), n) for n, (s, e) in enumerate(spans) if sentence[0] <= s and e <= sentence[1]]
    return min(inside)[1] if inside else None


def pseudo_incident(ident: str, lemma: str, head: Span, sentence: Span, facts: DocFacts) -> Incident:
    """A gold event mention as docket would report it (module docstring, "Mapping")."""
    at = _nearest(((s, e) for s, e, *_ in facts.dates), sentence, head[0])
    date = IncidentDate(None, None, None)
    if at is not None:
        _, _, value, precision, text = facts.dates[at]
        date = IncidentDate(value, cast(Precision | None, precision), text)
    at = _nearest(((s, e) for s, e, _ in facts.places), sentence, head[0])
    place = facts.places[at][2] if at is not None else None
    if place is None and facts.country:
        place = next(
            (p for _, _, p in facts.places if p.country == facts.country and is_country(p.name)), None
        )
        place = place or Place(None, country_name(facts.country), facts.country)
    who = {ent: name for s, e, ent, name in facts.participants if sentence[0] <= s and e <= sentence[1]}
    return Incident(
        id=ident,
        type=lemma,
        date=date,
        place=place,
        perpetrators=tuple(Perpetrator(ent, name, "unknown") for ent, name in sorted(who.items())),
        victims=(),
        count=None,
        attributed_to=(),
        evidence=(Evidence(facts.id, sentence[0], sentence[1], facts.text[sentence[0] : sentence[1]]),),
    )


def _identity(entity: str | None) -> str | None:
    return entity


def build_incidents(docs: Sequence[GoldDoc], facts: dict[str, DocFacts]) -> dict[Key, Incident]:
    """A pseudo-incident per gold event mention whose head docket's clean text holds."""
    kept = [d for d in docs if d.id in facts]
    split = sentences([facts[d.id].text for d in kept])
    out: dict[Key, Incident] = {}
    for doc, sents in zip(kept, split, strict=True):
        carry = span_carrier(doc, facts[doc.id].text)
        for m in doc.mentions:
            if m.kind != "event" or (head := carry(m.head or (m.start, m.end))) is None:
                continue
            sentence = next((s for s in sents if s[0] <= head[0] < s[1]), None)
            if sentence is not None:
                line = line_of(facts[doc.id].text, *sentence, head[0])
                out[m.key] = pseudo_incident(f"gold:{doc.id}#{m.id}", m.lemma, head, line, facts[doc.id])
    return out


def cluster(incidents: dict[Key, Incident]) -> dict[Key, str]:
    """docket's clustering: the id of the `consolidate_events` event holding each mention."""
    event_of = {
        i: ev.id for ev in consolidate_events(incidents.values(), (), _identity) for i in ev.incidents
    }
    return {key: event_of[inc.id] for key, inc in incidents.items()}


def add_gold_events(report: EvalReport, docs: Sequence[GoldDoc], exported: Iterable[dict[str, Any]]) -> None:
    """Appends the `[gold events]` rows (every metric, the baseline beside) and their notes."""
    incidents = build_incidents(docs, read_facts(exported))
    gold: list[GoldMention] = [m for d in docs for m in d.mentions if m.key in incidents]
    response = cluster(incidents)
    key = {m.key: m.cluster for m in gold}
    ours, base = scores(key, response), scores(key, {m.key: m.lemma for m in gold})
    for metric, value in ours.items():
        row = f"{SETTING} event {metric}"
        report.metrics.append(Metric(row, 100 * value, round(100 * base[metric], 2), BASELINE, len(gold)))
    events = sum(m.kind == "event" for d in docs for m in d.mentions)
    references = {
        "every mention alone": scores(key, {}),
        "same head lemma within each document": scores(key, {m.key: (m.doc, m.lemma) for m in gold}),
    }
    report.notes += notes(gold, incidents, response, references, events)


def notes(
    gold: list[GoldMention],
    incidents: dict[Key, Incident],
    response: dict[Key, str],
    references: dict[str, Scores],
    events: int,
) -> list[str]:
    """What the setting is, what the gold and the pseudo-incidents hold, and the references' F1s."""
    members: dict[str, list[Key]] = defaultdict(list)
    for k, label in response.items():
        members[label].append(k)
    joined = [ks for ks in members.values() if len(ks) > 1]
    lemmas = Counter(m.lemma for m in gold)
    by_cluster = Counter((m.cluster, m.doc) for m in gold)
    within = sum(n * (n - 1) // 2 for n in by_cluster.values())
    per_cluster = Counter(m.cluster for m in gold)
    across = sum(n * (n - 1) // 2 for n in per_cluster.values()) - within
    refs = "; ".join(
        f"{name}: " + ", ".join(f"{metric} {100 * v[metric]:.2f}" for metric in F1S)
        for name, v in references.items()
    )
    n = max(len(incidents), 1)
    dated = sum(i.date.value is not None for i in incidents.values())
    specific = sum(i.place is not None and not is_country(i.place.name) for i in incidents.values())
    with_who = sum(bool(i.perpetrators) for i in incidents.values())

    def pct(x: int) -> str:
        return f"{100 * x / n:.1f}%"

    return [
        f"{SETTING} docket's event matcher (consolidate_events, unchanged) on every gold event mention "
        "made a pseudo-incident: type = the head lemma (the baseline's key, not docket's taxonomy); "
        "date, place and participants = what docket exported in the mention's sentence (corpus-wide "
        "entity ids). It measures the matcher's date/place/participant/wording constraints on top of "
        "lemma identity, not incident detection (docket/eval/crossdoc_events.py)",
        f"{SETTING} {len(incidents)} of {events} gold event mentions, {within} coreferent pairs within a "
        f"document and {across} across documents; dated {pct(dated)}, a specific place (not a country) "
        f"{pct(specific)}, a participant {pct(with_who)}; docket made {len(members)} events, "
        f"{len(joined)} of more than one mention ({sum(len({k[0] for k in ks}) > 1 for ks in joined)} "
        f"across documents); the baseline {len(lemmas)} clusters, "
        f"{sum(c > 1 for c in lemmas.values())} of more than one",
        f"{SETTING} references on the same mentions: {refs}",
    ]
