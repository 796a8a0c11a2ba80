"""HRDsAttack (Ran et al. 2023, "Automated Extraction of Human Rights Defender Attacks",
arXiv:2306.17695; data and code: github.com/dataminr-ai/HRDsAttack): one attack on human-rights
defenders per news article, with its violation types, perpetrator type, named victims, date and place.

Input (read by `docket.eval.hrdsattack_gold`, with the gold labels). Each article's HTML paragraphs
(`Input.article_interface`) become text, one paragraph per block, blocks separated by a blank line,
entities unescaped. The dataset keeps the headline apart
(`Input.title`); the article as published opens with it, so the text is the headline, a blank line
and the body (cleaning keeps a first line equal to the known title), which is how a user's saved
page reaches docket. With `Input.title` as the title and the day of `Input.publish_date` as
`published`, it goes through the build users run.

Mapping from docket's export to the dataset's labels (one prediction per document):
- violation types: the `mappings.ohchr` of the document's salient incidents (`enforced_disappearance`
  -> "enforced disappearance", `arbitrary_detention` -> "arbitrary detention"). The dataset labels
  one attack per article, while an article also tells background events (earlier arrests, a
  country's record of torture), so a type counts when an incident of the lead has it or when
  two incidents or more have it. The lead is what a news story opens with: the headline and the
  first paragraph of the body that tells an incident with an OHCHR type (a caption or a byline
  may come before it); paragraphs are the blocks the text keeps apart by a blank line.
  Incidents whose type has no OHCHR category (protests) or that are law enforcement against
  suspects of a crime (`law_enforcement`, `mappings.ohchr` null) add nothing, nor does an attack
  told in a sentence that tells a graver act (one whose OHCHR type is not "other"): "gunmen stormed
  the school, abducting 40 pupils" is one abduction, as the annotators label an attack by what it
  did. A killing counts wherever the story tells it when it names whom it killed (a person or
  group docket links to an entity) or gives a toll: the annotators list such a killing even when
  it is told in passing, and OHCHR counts every killing. An empty set becomes {"unknown"}, as in
  the paper's code.
- victim names: the named victims of the incidents whose OHCHR type is not None and of those
  docket reads as law enforcement (the annotators name whom the state held, suspects or not), in
  order: the linked person entity's fullest name as this document spells it (the entity joins the
  build's documents, and its name may be another article's spelling); a one-word name ("Ian")
  stands for the one person of the document whose longer name holds it ("Ian Lai"), else it is left
  out, as is a name with no entity of fewer than two words (the annotators write full names; a lone
  word is rarely one).
- the main incident: the first incident (by evidence) with an OHCHR type and a victim, else the
  first with an OHCHR type, else none. Its `date` gives year, month name and day as far as its
  precision goes; dates after publication are skipped (misreads, scheduled hearings), as are
  decades (they name no year). An undated main incident falls back to the first dated incident
  with an OHCHR type; with no date, or only the publication year, the document's first date to
  the month that is no later than the publication month and at most two years before it stands
  ("on 3 March", "last month": a report leads with when it happened), else the publication year
  and month (news reports recent events; the paper's model is given the publication date too).
  A date so found in the publication year whose words name no month ("Thursday", "this week",
  none) gives way to the first incident with an OHCHR type dated by words that name a month and a
  year ("in May 2018"): the day's news (a plea, a hearing, a protest) is about that act. A
  year alone, or that guess, takes the month of the first incident with an OHCHR type dated to a
  month of the same year; the day is never guessed.
- place: when the headline names one country (by name or nationality: "Belarusian blogger
  jailed"), that country; else the first place of the main incident, then of the others in order
  (docket places an incident whose sentences name none in the document's main country). With no
  incident placed in a known country, the country the document's place entities and the regions
  it names with their kind ("Niger state") name most. `country` (ISO alpha-2)
  -> its everyday name (Hong Kong and Macau -> "China", as the annotators write); the first place
  below country level in that country is the region when it names a state, province or region
  ("Zamfara", "Connecticut", "Niger state") and no city of 500,000 people or more ("Lagos" is
  the city) or when no gazetteer knows it, else the city.
- perpetrator type: the first category other than `unknown` among the main incident's perpetrators,
  then the other incidents' in order (not those of law enforcement against suspects: the police
  arresting a killer did not commit the attack): state -> "state actor", other_state -> "other state actors",
  non_state_with_state_support -> "other actors with permissions", non_state -> "other actors
  without permissions" when its phrase names an armed group (gunmen, militants, a gang), else
  (a private person or firm: "a Connecticut man", "her employers") "other non-state actors", the
  dataset's label for them; international -> "regional orgs". With no categorised perpetrator the type
  follows from the main incident: arrest, detention, sentences, trial, execution and enforced
  disappearance are acts of a state by definition (OHCHR SDG 16.10.1) -> "state actor"; a kidnapping
  -> "other actors without permissions"; anything else -> "state actor", the dataset's majority.

Metrics, as `src/models/utils.py` of the paper's code computes them (`load_examples` for the gold,
`evaluate_dev` for the scores):
- gold normalisation: "n/a"/"none" city, region, country -> None; month numbers -> month names
  ("Decenmber", "Ocober" corrected; here any misspelt month, "Novermber", reads as the nearest
  name); year and day through `int(float(x))`; the code's three corrections by GLOBALEVENTID;
  "unknown" dropped from violation types that have other labels; victims without a name dropped.
- violation type: micro precision, recall and F1 over (document, label) pairs.
- victim names: a predicted name is not added when it is inside one already predicted; exact match
  counts predicted names that equal a gold name, fuzzy (loose) match those that contain or are
  contained in one; P = matches / predicted, R = matches / gold.
- perpetrator type, city, region, country, year, month, day: accuracy over all documents. In the
  paper's code a document whose gold value is None is never right (the model's "None" is a string,
  the gold None is not), so it counts as a miss here too; each is also given over only the
  documents whose gold value is given (not None, not "unknown").
Two departures, both because docket does not generate the annotators' strings: country names are
compared as ISO codes when both sides resolve (annotators wrote "USA", "United States" and "US",
"China" and "People's Republic of China"; a gold label resolves as a country name first, then as a
nationality or a misspelt country name, "Pakistani", "Nigeia", "Columbia" (not the US city), then a
city or region), and city, region and unresolved country names are compared case- and
accent-folded. A note gives the country accuracy by exact name as well.

Baselines are quoted from the paper's Table 5 (T5-large, test split; DyGIE++ for victim names).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket.eval.harness import EvalReport, Exported, Metric, percent, prf, run_records
from docket.eval.hrdsattack_gold import MONTHS, Gold, gold_country, gold_of, load, record_of
from docket.extract import datewords
from docket.extract.perpetrators import is_armed_group
from docket.extract.places import (
    country_name,
    country_of,
    is_country,
    is_region,
    region_countries,
    title_countries,
)

BASELINE = "T5-large (paper, test)"
PAPER = {
    "violation type F1": 71.39, "victim name exact F1": 47.44, "victim name fuzzy F1": 51.16,
    "perpetrator type": 62.00, "country": 66.00, "region": 3.00, "city": 23.00, "year": 46.00,
    "month": 33.00, "day": 14.00,
}  # fmt: skip
OHCHR_LABELS = {
    "killing": "killing", "torture": "torture", "kidnapping": "kidnapping", "other": "other",
    "arbitrary_detention": "arbitrary detention", "enforced_disappearance": "enforced disappearance",
}  # fmt: skip
PERPETRATOR_LABELS = {
    "state": "state actor", "other_state": "other state actors",
    "non_state_with_state_support": "other actors with permissions",
    "non_state": "other actors without permissions", "international": "regional orgs",
}  # fmt: skip
_STATE_ACTS = {
    "arrest", "detention", "prison_sentence", "death_sentence", "trial", "execution",
    "enforced_disappearance",
}  # fmt: skip
# Salience of a violation type (see the module docstring): in the lead, or in REPEATED incidents
# or more.
REPEATED = 2
RECENT = 2  # years before publication an undated story's first date may lie (see predict)
FIELDS = ("perpetrator type", "country", "region", "city", "year", "month", "day")


@dataclass
class Prediction:
    violation_types: set[str] = field(default_factory=set)
    victims: list[str] = field(default_factory=list)
    values: dict[str, str | None] = field(default_factory=dict)


def _country_name(code: str) -> str:
    # The annotators name China for Hong Kong and Macau, which ISO 3166-1 codes apart.
    return "China" if code in ("HK", "MO") else country_name(code)


def _entity_countries(exported: Exported, doc_id: str) -> list[str]:
    """With no incident placed in a known country: the country the document's place mentions and
    the regions it names with their kind ("Niger state") name most."""
    doc = exported.documents.get(doc_id)
    if doc is None:
        return []
    votes: Counter[str] = Counter(region_countries(doc["text"]))
    for entity in exported.entities_of(doc_id):
        if entity["type"] == "place" and (code := country_of(entity["name"])):
            votes[code] += sum(1 for m in entity["mentions"] if m["doc"] == doc["id"])
    return [code for code, n in votes.most_common(1) if n]


def _people(exported: Exported, doc_id: str) -> list[str]:
    """Names of the document's person entities, as the document spells them (`_spelt`)."""
    doc = exported.documents.get(doc_id)
    if doc is None:
        return []
    return [_spelt(e, doc["id"]) for e in exported.entities_of(doc_id) if e["type"] == "person"]


def _spelt(entity: dict[str, Any], doc: str) -> str:
    """An entity's fullest name as one document spells it: the entity joins the documents of the
    build, and its name may be another article's spelling ("Abd El" for this one's "Abdel")."""
    forms = Counter(m["text"] for m in entity["mentions"] if m["doc"] == doc)
    words = max((len(f.split()) for f in forms), default=0)
    if not forms or (entity["name"] in forms and len(entity["name"].split()) == words):
        return entity["name"]
    return max(forms, key=lambda f: (len(f.split()), forms[f]))


def _full_name(name: str, people: list[str]) -> list[str]:
    """A one-word name as the one longer name of the document that holds it; else none."""
    if len(name.split()) > 1:
        return [name]
    longer = {p for p in people if len(p.split()) > 1 and name in p.split()}
    return list(longer) if len(longer) == 1 else []


def _recent_month(mention: dict[str, Any], published: str) -> bool:
    """A date mention to the month or day, no later than the publication month and at most
    RECENT years before it."""
    value = mention["value"] or ""
    if len(value) < 7 or not published or value[:7] > published[:7]:
        return False
    return int(value[:4]) >= int(published[:4]) - RECENT


def _names_month(words: str | None) -> bool:
    return any(w in datewords.MONTHS for w in re.findall(r"[a-z]+", (words or "").lower()))


def _start(incident: dict[str, Any]) -> int:
    return min(e["start"] for e in incident["evidence"])


def _means(incident: dict[str, Any], graver: set[int]) -> bool:
    """An attack told in a sentence that tells a graver act ("gunmen stormed the school, abducting
    40 pupils"): the means of that act, which the act's type labels."""
    return incident["type"] == "attack" and any(e["start"] in graver for e in incident["evidence"])


def _specific(incident: dict[str, Any]) -> bool:
    """Told of someone named (a corpus entity) or with a figure ("killed 14 people")."""
    return bool(incident["count"]) or any(v["entity"] for v in incident["victims"])


def _lead(typed: list[dict[str, Any]], text: str, title: str) -> list[dict[str, Any]]:
    """The incidents the headline tells and those of the first paragraph of the body that tells one."""
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]  # where paragraphs 1, 2, ... start
    headline = 1 if title and text.startswith(title) else 0  # paragraphs before the body

    paragraphs = [bisect.bisect_right(breaks, _start(i)) for i in typed]
    body = [p for p in paragraphs if p >= headline]
    return [i for i, p in zip(typed, paragraphs, strict=True) if p < headline or (body and p == body[0])]


def _date(
    main: dict[str, Any] | None, scored: list[dict[str, Any]], mentions: list[dict[str, Any]], published: str
) -> str | None:
    """The document's date as ISO text to the year, month or day (see the module docstring)."""
    # A date after publication is a misread (or a scheduled hearing), not the attack's date; a
    # decade ("in the unrest of the 1970s") names no year.
    dated = [
        i
        for i in ([main] if main else []) + scored
        if i["date"]["value"]
        and i["date"]["precision"] != "decade"
        and (not published or i["date"]["value"] <= published)
    ]
    date = dated[0]["date"]["value"] if dated else None
    said = dated[0]["date"]["text"] if dated else ""  # the words that give the date
    if not date or (len(date) == 4 and date == published[:4]):
        # Undated: the story's first date to the month, up to publication and within the two
        # years before, else its publication month (news leads with when it happened).
        first = next((d for d in mentions if _recent_month(d, published)), None)
        date, said = (first["value"][:7], first["text"]) if first else (published[:7] or None, "")
    if date and date[:4] == published[:4] and not _names_month(said):
        # The news of the day, dated by "Thursday", "this week" or publication alone: an incident
        # the story dates by month and year ("arrested in May 2018") is the act that news is
        # about (a plea, a hearing, a protest over it).
        told = [
            i
            for i in dated
            if _names_month(i["date"]["text"]) and datewords.WRITTEN_YEAR.search(i["date"]["text"] or "")
        ]
        date = told[0]["date"]["value"] if told else date
    if date and (len(date) < 7 or date == published[:7]):
        # A year alone (or the publication month guessed): a month another incident gives in the
        # same year is the better guess ("in 2019 ... arrested in March 2019").
        months = [d for i in dated if len(d := i["date"]["value"]) >= 7 and d[:4] == date[:4]]
        date = months[0] if months else date
    return date


def predict(exported: Exported, doc_id: str, published: str, title: str = "") -> Prediction:
    """docket's record of one document in the dataset's labels (see the module docstring)."""
    incidents = sorted(exported.of(doc_id, "incident"), key=_start)
    scored = [i for i in incidents if i["mappings"]["ohchr"]]
    pred = Prediction()
    graver = {e["start"] for i in scored if i["mappings"]["ohchr"] != "other" for e in i["evidence"]}
    typed = [i for i in scored if not _means(i, graver)]
    kinds = Counter(i["mappings"]["ohchr"] for i in typed)
    text = exported.documents[doc_id]["text"] if doc_id in exported.documents else ""
    salient = {i["mappings"]["ohchr"] for i in _lead(typed, text, title)}
    salient |= {k for k, n in kinds.items() if n >= REPEATED}
    if any(i["mappings"]["ohchr"] == "killing" and _specific(i) for i in typed):
        salient.add("killing")  # a killing of someone named, or a toll, counts wherever it is told
    pred.violation_types = {OHCHR_LABELS[k] for k in salient} or {"unknown"}
    people = _people(exported, doc_id)
    doc = exported.documents[doc_id]["id"] if doc_id in exported.documents else ""
    for inc in [i for i in incidents if i["mappings"]["ohchr"] or i["law_enforcement"]]:
        for v in inc["victims"]:
            entity = exported.entities.get(v["entity"] or "")
            if entity is not None and entity["type"] == "person":
                pred.victims += _full_name(_spelt(entity, doc), people)  # the fullest name the text uses
            elif entity is None and v["name"] and len(v["name"].split()) > 1:
                pred.victims.append(v["name"])  # a lone word no entity stands for is rarely a name
    main = next((i for i in scored if i["victims"]), scored[0] if scored else None)
    date = _date(main, scored, exported.of(doc_id, "date"), published)
    parts = (date or "").split("-")
    values: dict[str, str | None] = {"year": parts[0] or None, "month": None, "day": None}
    if len(parts) > 1:
        values["month"] = MONTHS[int(parts[1]) - 1]
    if len(parts) > 2:
        values["day"] = str(int(parts[2]))
    places = [i["place"] for i in ([main] if main else []) + incidents if i["place"]]
    codes = [p["country"] for p in places if p["country"]] or _entity_countries(exported, doc_id)
    headline = list(dict.fromkeys(title_countries(title)))
    if len(headline) == 1:  # a headline naming one country says where the story is
        codes = headline + codes
    values["country"] = _country_name(codes[0]) if codes else None
    values["city"] = values["region"] = None
    for p in places:  # the first place below country level, in the first country
        if not is_country(p["name"]) and p["country"] in (None, codes[0] if codes else None):
            values["region" if is_region(p["name"]) or not country_of(p["name"]) else "city"] = p["name"]
            break
    perpetrator = next(
        (
            p
            for i in ([main] if main else []) + incidents
            if not i["law_enforcement"]  # police holding suspects did not commit the attack
            for p in i["perpetrators"]
            if p["category"] != "unknown"
        ),
        None,
    )
    if perpetrator is not None:
        values["perpetrator type"] = PERPETRATOR_LABELS[perpetrator["category"]]
        if perpetrator["category"] == "non_state" and not is_armed_group(perpetrator["name"] or ""):
            values["perpetrator type"] = "other non-state actors"  # a private person or firm
    elif main is not None and main["type"] == "kidnapping":
        values["perpetrator type"] = "other actors without permissions"
    else:
        values["perpetrator type"] = "state actor"
    pred.values = values
    return pred


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().replace("the ", " ").split())


def same(field_name: str, gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return False  # the paper's code never matches a None gold value (see the module docstring)
    if field_name == "country":
        a, b = gold_country(gold), country_of(predicted)
        if a and b:
            return a == b
    if field_name in ("country", "city", "region"):
        return _fold(gold) == _fold(predicted)
    return gold == predicted


def victim_counts(gold: list[str], predicted: list[str]) -> tuple[int, int, int, int]:
    """(predicted, gold, exact matches, fuzzy matches) of one document, as the paper's code counts."""
    kept: list[str] = []
    for name in (p.strip() for p in predicted):
        if name and not any(name in k for k in kept):
            kept.append(name)
    n_sys = len(kept)
    unique: list[str] = []  # the code then drops a name inside a later one
    for name in reversed(kept):
        if not any(name in u for u in unique):
            unique.append(name)
    exact = sum(1 for n in unique if n in gold)
    fuzzy = sum(1 for n in unique if any(g.strip() and (n in g or g in n) for g in gold))
    return n_sys, len(gold), exact, fuzzy


def score(golds: list[Gold], preds: list[Prediction]) -> tuple[list[Metric], list[str]]:
    tp = fp = fn = 0
    v_sys = v_gold = v_exact = v_fuzzy = 0
    hits = dict.fromkeys(FIELDS, 0)
    given = dict.fromkeys(FIELDS, 0)
    exact_country = 0
    for g, p in zip(golds, preds, strict=True):
        tp += len(g.violation_types & p.violation_types)
        fp += len(p.violation_types - g.violation_types)
        fn += len(g.violation_types - p.violation_types)
        a, b, c, d = victim_counts(g.victims, p.victims)
        v_sys, v_gold, v_exact, v_fuzzy = v_sys + a, v_gold + b, v_exact + c, v_fuzzy + d
        for name in FIELDS:
            gv = g.values[name]
            given[name] += gv is not None and gv.lower() != "unknown"
            hits[name] += same(name, gv, p.values.get(name))
        exact_country += g.values["country"] is not None and g.values["country"] == p.values["country"]
    n = len(golds)
    vp, vr, vf = prf(tp, fp, fn)
    ep, er, ef = prf(v_exact, v_sys - v_exact, v_gold - v_exact)
    fzp, fzr, fzf = prf(v_fuzzy, v_sys - v_fuzzy, v_gold - v_fuzzy)
    metrics = [
        Metric("violation type P", vp, support=tp + fn),
        Metric("violation type R", vr, support=tp + fn),
        Metric("violation type F1", vf, PAPER["violation type F1"], BASELINE, tp + fn),
        Metric("victim name exact P", ep, support=v_gold),
        Metric("victim name exact R", er, support=v_gold),
        Metric("victim name exact F1", ef, PAPER["victim name exact F1"], BASELINE, v_gold),
        Metric("victim name fuzzy F1", fzf, PAPER["victim name fuzzy F1"], BASELINE, v_gold),
    ]
    for name in FIELDS:
        metrics.append(Metric(name, percent(hits[name], n), PAPER[name], BASELINE, n))
    for name in FIELDS:
        metrics.append(Metric(f"{name} (given)", percent(hits[name], given[name]), support=given[name]))
    notes = [
        "DyGIE++ (paper, test): victim name exact F1 9.30",
        f"victim name fuzzy P {fzp:.2f}, R {fzr:.2f}",
        f"country by exact name, as the paper's code compares: {percent(exact_country, n):.2f}",
    ]
    return metrics, notes


def run(
    data: Path, split: str, limit: int | None, workers: int | None
) -> tuple[list[Gold], list[Prediction], list[dict[str, str]]]:
    """Gold, docket's predictions and the records fed in, per document (for scoring and analysis)."""
    items = load(data, split, limit)
    ids = [f"{split}-{n:04d}-{item['sample'].get('Input.GLOBALEVENTID')}" for n, item in enumerate(items)]
    records = [record_of(item, i) for item, i in zip(items, ids, strict=True)]
    exported = run_records(records, workers=workers)
    golds = [gold_of(item, i) for item, i in zip(items, ids, strict=True)]
    preds = [predict(exported, r["id"], r["published"], r["title"]) for r in records]
    return golds, preds, records


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    golds, preds, _ = run(data, split, limit, workers)
    metrics, notes = score(golds, preds)
    return EvalReport(name, split, len(golds), metrics, notes)
