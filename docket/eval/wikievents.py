"""WikiEvents (Li, Ji & Han, NAACL 2021): KAIROS event mentions with triggers and arguments.

Each document goes in as its sentences, one per line, rebuilt from the tokens (the dataset's `text`
glues sentences together, "in SyriaThe desert"). KAIROS types map to docket classes; types absent
here are excluded (their gold events are not scored, and docket is not penalised for not reporting
them):

| KAIROS event type                                   | class           | docket types            |
|-----------------------------------------------------|-----------------|-------------------------|
| Life.Die.Unspecified                                | killing         | killing, execution      |
| Conflict.Attack.Unspecified, .DetonateExplode       | attack          | attack                  |
| Life.Injure.Unspecified                             | injury          | (none: merged rows only)|
| Justice.ArrestJailDetain.Unspecified                | arrest/detention| arrest, detention       |
| Justice.Sentence.Unspecified                        | sentence        | prison_sentence, death_sentence |
| Justice.TrialHearing.Unspecified                    | trial           | trial                   |
| Conflict.Demonstrate.Unspecified, .DemonstrateWithViolence | protest  | protest                 |
| Contact.ThreatenCoerce.Unspecified, .Broadcast      | harassment      | harassment              |
| excluded: Movement.* (incl. Transportation.Evacuation), Contact.Contact/RequestCommand/Meet, |
| Justice.ChargeIndict/Convict/ReleaseParole/Acquit/InvestigateCrime (no docket type),         |
| GenericCrime.*, ArtifactExistence.*, Disaster.*, Medical.*, Cognitive.*, Control.*,          |
| Personnel.*, Transaction.*, Life.Consume/Illness/Infect                                      |

KAIROS has no execution, kidnapping, torture, disappearance, confiscation or expulsion type, so
docket's incidents of those types are outside the scheme. "merged" rows join killing, attack and
injury into one violence class, because docket reports "an IED attack killed two" as one killing
where KAIROS has an Attack, a Die and often an Injure mention.

Metrics: *event mention type F1*: a docket incident matches a gold event of its class when one of
its evidence spans contains the gold trigger; precision counts docket incidents (of mapped types)
matching some gold event, recall gold events matched by some incident. *Document type F1*:
(document, class) pairs. *Argument head F1* (gen-arg's "head F1", with roles joined into docket's):
KAIROS Attacker/Killer/Jailer/Injurer/JudgeCourt/Communicator -> perpetrator, Victim/Target/
Detainee/Defendant/Recipient -> victim, Place -> place; an argument is (gold event, role, head word)
and a docket incident's fillers are scored against the one gold event it is paired with. Gold
arguments of unmatched events count as missed; fillers of unmatched incidents as wrong.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docket.eval.harness import EvalReport, Metric, char_map, prf, run_records
from docket.eval.ree import head

KAIROS_CLASS: dict[str, str] = {  # KAIROS type prefix (first two levels) -> class
    "Life.Die": "killing",
    "Conflict.Attack": "attack",
    "Life.Injure": "injury",
    "Justice.ArrestJailDetain": "arrest/detention",
    "Justice.Sentence": "sentence",
    "Justice.TrialHearing": "trial",
    "Conflict.Demonstrate": "protest",
    "Contact.ThreatenCoerce": "harassment",
}
DOCKET_CLASS: dict[str, str] = {  # docket type -> class
    "killing": "killing", "execution": "killing", "attack": "attack",
    "arrest": "arrest/detention", "detention": "arrest/detention",
    "prison_sentence": "sentence", "death_sentence": "sentence", "trial": "trial",
    "protest": "protest", "harassment": "harassment",
}  # fmt: skip
MERGED = {"killing": "violence", "attack": "violence", "injury": "violence"}
ROLE: dict[str, str] = {  # KAIROS role -> docket field
    "Attacker": "perpetrator", "Killer": "perpetrator", "Jailer": "perpetrator",
    "Injurer": "perpetrator", "JudgeCourt": "perpetrator", "Communicator": "perpetrator",
    "Victim": "victim", "Target": "victim", "Detainee": "victim", "Defendant": "victim",
    "Recipient": "victim", "Place": "place",
}  # fmt: skip

NOTE_BASELINE = (
    "published baselines (Li, Ji & Han, NAACL 2021) score argument extraction given gold triggers on "
    "the test split with trained models, so they are not comparable and are not quoted"
)


def kairos_class(event_type: str) -> str | None:
    return KAIROS_CLASS.get(".".join(event_type.split(".")[:2]))


def strict(cls: str | None) -> str | None:
    """The class as docket can report it (injury has no docket type)."""
    return None if cls == "injury" else cls


def merged(cls: str | None) -> str | None:
    return MERGED.get(cls, cls) if cls else None


def build_text(doc: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """The document as one sentence per line, and each token's (start, end) in that text.

    Lines are rebuilt from the tokens (one space where the source had a gap), not sliced from `text`:
    the sentence offsets count a separator that `text` lacks, so slices drift by a character per
    sentence."""
    out = ""
    spans: list[tuple[int, int]] = []
    for tokens, _ in doc["sentences"]:
        if out:
            out += "\n"
        prev_end = None
        for word, start, end in tokens:
            if prev_end is not None and start > prev_end:
                out += " "
            spans.append((len(out), len(out) + len(word)))
            out += word
            prev_end = end
    return out, spans


def gold_events(doc: dict[str, Any], spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Mapped events: class, trigger char span in `build_text`'s text, arguments (role, text)."""
    out = []
    for ev in doc["event_mentions"]:
        cls = kairos_class(ev["event_type"])
        if cls is None:
            continue
        t = ev["trigger"]
        start, end = spans[t["start"]][0], spans[t["end"] - 1][1]
        args = {(ROLE[a["role"]], head(a["text"])) for a in ev["arguments"] if a["role"] in ROLE}
        out.append({"cls": cls, "start": start, "end": end, "trigger": t["text"], "args": args})
    return out


def aligner(built: str, cleaned: str) -> Callable[[int, int], tuple[int, int] | None]:
    """Maps a span of the text docket was given to the cleaned text it exported (cleaning trims
    spaces and drops noise lines); None when any of its characters was changed or dropped."""
    offsets = char_map(built, cleaned)

    def span(start: int, end: int) -> tuple[int, int] | None:
        mapped = offsets[start:end]
        if not mapped or None in mapped or mapped[-1] - mapped[0] != end - start - 1:
            return None
        return mapped[0], mapped[-1] + 1

    return span


def incident_args(inc: dict[str, Any]) -> set[tuple[str, str]]:
    args = {("perpetrator", head(p["name"])) for p in inc["perpetrators"] if p.get("name")}
    args |= {("victim", head(v.get("name") or v.get("description") or "")) for v in inc["victims"]}
    if inc.get("place") and inc["place"].get("name"):
        args.add(("place", head(inc["place"]["name"])))
    return {a for a in args if a[1]}


def contains(inc: dict[str, Any], start: int, end: int) -> bool:
    return any(e["start"] <= start and end <= e["end"] for e in inc["evidence"])


def score_document(
    gold: list[dict[str, Any]],
    incidents: list[dict[str, Any]],
    view: Callable[[str | None], str | None],
    c: dict[str, int],
) -> None:
    """Adds one document's counts under `view` (strict or merged) to `c`."""
    events = [dict(g, cls=view(g["cls"])) for g in gold if view(g["cls"])]
    incs = [(view(DOCKET_CLASS[i["type"]]), i) for i in incidents if i["type"] in DOCKET_CLASS]
    for g in events:
        c["gold"] += 1
        c["found"] += any(
            cls == g["cls"] and g["span"] is not None and contains(i, *g["span"]) for cls, i in incs
        )
    taken: set[int] = set()
    for cls, inc in incs:
        c["pred"] += 1
        cands = [
            k
            for k, g in enumerate(events)
            if g["cls"] == cls and g["span"] is not None and contains(inc, *g["span"])
        ]
        c["correct"] += bool(cands)
        args = incident_args(inc)
        c["arg_pred"] += len(args)
        free = [k for k in cands if k not in taken]
        if free:  # pair with the free gold event sharing most arguments, one incident per event
            best = max(free, key=lambda k: len(args & events[k]["args"]))
            taken.add(best)
            c["arg_ok"] += len(args & events[best]["args"])
    c["arg_gold"] += sum(len(g["args"]) for g in events)
    gold_cls = {g["cls"] for g in events}
    pred_cls = {cls for cls, _ in incs}
    c["doc_tp"] += len(gold_cls & pred_cls)
    c["doc_fp"] += len(pred_cls - gold_cls)
    c["doc_fn"] += len(gold_cls - pred_cls)


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    lines = (data / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    docs = docs[:limit] if limit else docs
    built = {d["doc_id"]: build_text(d) for d in docs}
    exported = run_records(
        [{"id": d["doc_id"], "text": built[d["doc_id"]][0]} for d in docs], workers=workers
    )

    counts: dict[str, dict[str, int]] = {"strict": defaultdict(int), "merged": defaultdict(int)}
    unaligned = 0
    for d in docs:
        text, spans = built[d["doc_id"]]
        doc = exported.documents.get(d["doc_id"])
        to_clean = aligner(text, doc["text"]) if doc else lambda start, end: None
        gold = gold_events(d, spans)
        for g in gold:  # gold triggers in the exported text's offsets
            g["span"] = to_clean(g["start"], g["end"])
            unaligned += g["span"] is None
        incidents = exported.of(d["doc_id"], "incident")
        for view_name, view in (("strict", strict), ("merged", merged)):
            score_document(gold, incidents, view, counts[view_name])

    report = EvalReport(dataset=name, split=split, documents=len(docs))
    for view_name, c in counts.items():
        p, r, f = prf(c["correct"], c["pred"] - c["correct"], c["gold"] - c["found"])
        # Precision and recall count different things here (incidents vs events), so F1 is their
        # harmonic mean rather than one tp/fp/fn triple.
        f = 2 * p * r / (p + r) if p + r else 0.0
        report.metrics += [
            Metric(f"event mention type P ({view_name})", p, support=c["gold"]),
            Metric(f"event mention type R ({view_name})", r, support=c["gold"]),
            Metric(f"event mention type F1 ({view_name})", f, support=c["gold"]),
            Metric(f"document type F1 ({view_name})", prf(c["doc_tp"], c["doc_fp"], c["doc_fn"])[2],
                   support=c["doc_tp"] + c["doc_fn"]),
            Metric(f"argument head F1 ({view_name})",
                   prf(c["arg_ok"], c["arg_pred"] - c["arg_ok"], c["arg_gold"] - c["arg_ok"])[2],
                   support=c["arg_gold"]),
        ]  # fmt: skip
    report.notes += [
        "strict: KAIROS Life.Die=killing, Conflict.Attack=attack, ArrestJailDetain=arrest/detention, "
        "Sentence, TrialHearing, Demonstrate=protest, ThreatenCoerce=harassment (table in "
        "docket/eval/wikievents.py); merged: killing+attack+Life.Injure as one violence class",
        "a docket incident matches a gold event when an evidence span contains the gold trigger; "
        "arguments compare head words of perpetrator/victim/place with the mapped KAIROS roles",
        NOTE_BASELINE,
    ]
    if unaligned:
        report.notes.append(f"{unaligned} gold triggers lost or changed by cleaning; they count as missed")
    return report
