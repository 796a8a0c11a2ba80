"""MUC-4 (terrorism in Latin America, 1989-91): role fillers and incident types.

Two gold sets in `../shared/eval/muc4`, scored with two metrics:

1. **Role-filler entities** on `dev.json`, GRIT's preprocessed TST1+TST2 (200 reports; the text is
   lower-cased and has no dateline, so `published` is unknown). Metric: GRIT's CEAF-REE
   (`docket.eval.ree`), exact-mention (`phi_strict` after GRIT's normalisation) and, beside it,
   head-noun matching. Roles that docket has:

   | MUC-4 role          | docket                                                            |
   |---------------------|-------------------------------------------------------------------|
   | PerpInd + PerpOrg   | `perpetrators[].name` (docket does not split individual/organisation) |
   | Victim              | `victims[].name`, else `victims[].description`                    |
   | Target (physical)   | not comparable: docket has no physical-target role (targets of an  |
   |                     | attack land in `victims`, see the "victim+target" row)            |
   | Weapon              | not comparable: docket records no instrument                      |

   Predicted clusters: one per docket entity (or per normalised name when unlinked) among the
   incidents of MUC-comparable types (`MUC_CLASS` below); its mentions are the distinct names
   docket used for it. The micro average is over the two comparable roles only (GRIT's covers five).

2. **Incident types** on `raw_dev/`, the 1,300 MUC-3 development reports (upper case, with their
   datelines) and their answer keys. Document-level (document, class) pairs, micro P/R/F1:

   | MUC-4 INCIDENT: TYPE  | class      | docket types counted                            |
   |-----------------------|------------|-------------------------------------------------|
   | ATTACK                | attack     | killing, execution, attack, torture             |
   | BOMBING               | attack     | (docket has no bombing type; it says attack or killing) |
   | KIDNAPPING            | kidnapping | kidnapping, enforced_disappearance              |
   | ARSON                 | excluded   | no docket counterpart                           |
   | ROBBERY               | excluded   | no docket counterpart                           |
   | FORCED WORK STOPPAGE  | excluded   | no docket counterpart                           |

   MUC-3's MURDER was folded into ATTACK by MUC-4, hence killing -> attack. Templates whose stage is
   only THREATENED are not gold (docket records threats as harassment, not as the act). docket's other
   types (arrest, trial, protest, ...) are outside MUC's scheme and neither right nor wrong here.
   MUC templates only *relevant* incidents (political violence in nine countries, not combat between
   armed forces); "relevant docs" rows score only reports with at least one gold template, to show
   how much of the precision loss is that relevance filter. Place: for each correctly found
   (document, class) pair whose gold LOCATION names a country, whether a docket incident of that
   class in that report has that country.

Each set runs twice in one build: the text as given, and sentence-cased (`sentence_case`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docket.eval.harness import EvalReport, Exported, Metric, percent, prf, run_records
from docket.eval.ree import Tally, ceaf_ree, exact, normalize, same_head

MUC_CLASS: dict[str, str] = {  # MUC INCIDENT: TYPE -> class; absent = excluded
    "ATTACK": "attack",
    "BOMBING": "attack",
    "KIDNAPPING": "kidnapping",
}
DOCKET_CLASS: dict[str, str] = {  # docket incident type -> MUC class
    "killing": "attack",
    "execution": "attack",
    "attack": "attack",
    "torture": "attack",
    "kidnapping": "kidnapping",
    "enforced_disappearance": "kidnapping",
}
COUNTRIES: dict[str, str] = {  # the LOCATION country names found in the keys -> ISO 3166-1 alpha-2
    "EL SALVADOR": "SV", "COLOMBIA": "CO", "PERU": "PE", "GUATEMALA": "GT", "GUATAMALA": "GT",
    "HONDURAS": "HN", "CHILE": "CL", "BOLIVIA": "BO", "ECUADOR": "EC", "ARGENTINA": "AR",
    "PANAMA": "PA", "NICARAGUA": "NI", "VENEZUELA": "VE", "BRAZIL": "BR", "SPAIN": "ES",
    "JAMAICA": "JM", "MEXICO": "MX", "CUBA": "CU", "UNITED STATES": "US",
}  # fmt: skip
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
CASINGS = ("given", "sentence")

_MESSAGE = re.compile(r"^(DEV-MUC3-\d{4})\s+\([^)]*\)\s*$", re.M)
_DATELINE = re.compile(r",\s*(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{2})\b")
_SLOT = re.compile(r"^\s*(\d+)\.\s+[A-Z ]+:\s[A-Z :]*?\s{2,}(.*)$")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)([a-zA-Z])")

BASELINE_NOTE = (
    "published baselines are not comparable and not quoted: GRIT (Du, Rush & Cardie, EACL 2021) and its "
    "successors report CEAF-REE on the MUC-4 test split (TST3+TST4) over all five roles with trained "
    "models; their figures could not be checked offline here"
)


def sentence_case(text: str) -> str:
    """A simple true-casing: lower case, then a capital at each sentence start. Same length, so
    offsets are unchanged. Names stay lower case, which is most of what casing tells spaCy."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text.lower())


# --- gold ------------------------------------------------------------------------------------


def load_grit(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit else docs


def grit_gold(extracts: dict[str, list[list[list[Any]]]]) -> dict[str, list[list[str]]]:
    """GRIT's role -> entities -> mentions ([text, offset]) as docket's comparable roles."""

    def clusters(*roles: str) -> list[list[str]]:
        return [[m[0] for m in entity] for role in roles for entity in extracts.get(role, []) if entity]

    return {
        "perpetrator": clusters("PerpInd", "PerpOrg"),
        "victim": clusters("Victim"),
        "victim+target": clusters("Victim", "Target"),
    }


def split_messages(raw: str) -> Iterator[tuple[str, str]]:
    """(message id, body) of a raw MUC-3 file; paragraphs are unwrapped into single lines because
    the fixed-width line breaks fall mid-sentence."""
    parts = _MESSAGE.split(raw)
    for i in range(1, len(parts) - 1, 2):
        paragraphs = re.split(r"\n\s*\n", parts[i + 1].strip())
        yield parts[i], "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def dateline_date(body: str) -> str | None:
    m = _DATELINE.search(body[: body.find("--")] if "--" in body[:300] else body[:200])
    if not m:
        return None
    day, month, year = int(m.group(1)), MONTHS.index(m.group(2)) + 1, 1900 + int(m.group(3))
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def parse_keys(raw: str) -> Iterator[dict[str, str]]:
    """Each template of a key file as {slot number: value}, continuation lines joined with ' / '."""
    for block in re.split(r"\n\s*\n", raw):
        slots: dict[str, str] = {}
        last = None
        for line in block.splitlines():
            m = _SLOT.match(line)
            if m:
                last = m.group(1)
                slots[last] = m.group(2).strip()
            elif last and line.strip():
                slots[last] += " / " + line.strip()
        if "0" in slots:
            slots["0"] = slots["0"].split()[0]
            yield slots


def template_gold(slots: dict[str, str]) -> tuple[str | None, str | None]:
    """(class, country) of one template; class None when irrelevant, excluded or only threatened."""
    kind = slots.get("4", "*").strip("? ").strip()
    stage = slots.get("5", "")
    if kind not in MUC_CLASS or stage.replace("?", "").strip() == "THREATENED":
        return None, None
    country = slots.get("3", "").split(":")[0].split("/")[0].strip("? ").strip()
    return MUC_CLASS[kind], COUNTRIES.get(country)


def load_raw(folder: Path, limit: int | None) -> tuple[list[tuple[str, str]], dict[str, dict[str, set[str]]]]:
    """The raw reports (id, body) and, per report, class -> gold countries ('' when none)."""
    messages = [m for f in sorted(folder.glob("dev-muc3-*")) for m in split_messages(f.read_text("latin-1"))]
    messages = messages[:limit] if limit else messages
    wanted = {mid for mid, _ in messages}
    gold: dict[str, dict[str, set[str]]] = {mid: {} for mid in wanted}
    for f in sorted(folder.glob("key-dev-*")):
        for slots in parse_keys(f.read_text("latin-1")):
            cls, country = template_gold(slots)
            if slots["0"] in wanted and cls:
                gold[slots["0"]].setdefault(cls, set()).add(country or "")
    return messages, gold


# --- docket's side ---------------------------------------------------------------------------


def predicted_clusters(incidents: list[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """docket's perpetrators and victims of MUC-comparable incidents, one cluster per entity."""
    out: dict[str, dict[str, list[str]]] = {"perpetrator": {}, "victim": {}}
    for inc in incidents:
        if inc["type"] not in DOCKET_CLASS:
            continue
        fillers = [("perpetrator", p.get("entity"), p.get("name")) for p in inc["perpetrators"]]
        fillers += [
            ("victim", v.get("entity"), v.get("name") or v.get("description")) for v in inc["victims"]
        ]
        for role, entity, name in fillers:
            if not name or not normalize(name):
                continue
            names = out[role].setdefault(entity or normalize(name), [])
            if name not in names:
                names.append(name)
    clusters = {role: list(by.values()) for role, by in out.items()}
    clusters["victim+target"] = clusters["victim"]
    return clusters


def predicted_classes(incidents: list[dict[str, Any]]) -> dict[str, set[str]]:
    """class -> countries ('' when unplaced) of docket's incidents of MUC-comparable types."""
    out: dict[str, set[str]] = {}
    for inc in incidents:
        if inc["type"] in DOCKET_CLASS:
            out.setdefault(DOCKET_CLASS[inc["type"]], set()).add(
                (inc.get("place") or {}).get("country") or ""
            )
    return out


# --- scoring ---------------------------------------------------------------------------------


def score_roles(
    gold: dict[str, list[list[str]]], pred: dict[str, list[list[str]]], tallies: dict[str, Tally]
) -> None:
    for role in ("perpetrator", "victim", "victim+target"):
        for match_name, match in (("exact", exact), ("head", same_head)):
            counts = ceaf_ree(pred.get(role, []), gold.get(role, []), match)
            tallies[f"{role}/{match_name}"].add(counts)
            if role != "victim+target":  # the micro average covers the comparable roles only
                tallies[f"micro/{match_name}"].add(counts)


def score_types(
    gold: dict[str, dict[str, set[str]]], pred: dict[str, dict[str, set[str]]]
) -> dict[str, float | int]:
    """Document-level (document, class) micro P/R/F1, per-class F1, relevant-docs F1, place."""
    c: dict[str, int] = defaultdict(int)
    for doc, g in gold.items():
        p = pred.get(doc, {})
        for cls in {"attack", "kidnapping"}:
            hit, want = cls in p, cls in g
            c[f"{cls}/tp"] += hit and want
            c[f"{cls}/fp"] += hit and not want
            c[f"{cls}/fn"] += want and not hit
            c["rel_fp"] += bool(g) and hit and not want
            if hit and want and g[cls] - {""}:
                c["placed"] += 1
                c["place_ok"] += bool(g[cls] & p[cls])
    tp = c["attack/tp"] + c["kidnapping/tp"]
    fp = c["attack/fp"] + c["kidnapping/fp"]
    fn = c["attack/fn"] + c["kidnapping/fn"]
    p_, r_, f_ = prf(tp, fp, fn)
    return {
        "p": p_, "r": r_, "f1": f_, "gold": tp + fn,
        "attack": prf(c["attack/tp"], c["attack/fp"], c["attack/fn"])[2],
        "attack_n": c["attack/tp"] + c["attack/fn"],
        "kidnapping": prf(c["kidnapping/tp"], c["kidnapping/fp"], c["kidnapping/fn"])[2],
        "kidnapping_n": c["kidnapping/tp"] + c["kidnapping/fn"],
        "relevant_f1": prf(tp, c["rel_fp"], fn)[2],
        "place": percent(c["place_ok"], c["placed"]), "place_n": c["placed"],
    }  # fmt: skip


def _records(docs: list[tuple[str, str, str | None]]) -> list[dict[str, Any]]:
    out = []
    for casing in CASINGS:
        for ref, text, published in docs:
            rec: dict[str, Any] = {
                "id": f"{casing}:{ref}",
                "text": text if casing == "given" else sentence_case(text),
            }
            if published:
                rec["published"] = published
            out.append(rec)
    return out


def evaluate(name: str, data: Path, split: str, limit: int | None, workers: int | None) -> EvalReport:
    grit = load_grit(data / f"{split}.json", limit)
    messages, type_gold = load_raw(data / "raw_dev", limit)
    docs = [(d["docid"], d["doctext"], None) for d in grit]
    docs += [(mid, body, dateline_date(body)) for mid, body in messages]
    exported: Exported = run_records(_records(docs), workers=workers)

    report = EvalReport(dataset=name, split=split, documents=len(docs))
    ree_rows = [
        ("micro/exact", "REE micro F1 (exact)"), ("micro/head", "REE micro F1 (head noun)"),
        ("perpetrator/exact", "REE perpetrator F1 (exact)"),
        ("perpetrator/head", "REE perpetrator F1 (head noun)"),
        ("victim/exact", "REE victim F1 (exact)"), ("victim/head", "REE victim F1 (head noun)"),
        ("victim+target/head", "REE victim+target F1 (head noun)"),
    ]  # fmt: skip
    for casing in CASINGS:
        tallies: dict[str, Tally] = defaultdict(Tally)
        for d in grit:
            pred = predicted_clusters(exported.of(f"{casing}:{d['docid']}", "incident"))
            score_roles(grit_gold(d["extracts"]), pred, tallies)
        lab = "[TST1+2 lower case]" if casing == "given" else "[TST1+2 sentence-cased]"
        for key, metric in ree_rows:
            t = tallies[key]
            report.metrics.append(Metric(f"{metric} {lab}", t.prf()[2], support=t.gold))
        p, r, _ = tallies["micro/exact"].prf()
        report.metrics.append(Metric(f"REE micro P (exact) {lab}", p, support=tallies["micro/exact"].gold))
        report.metrics.append(Metric(f"REE micro R (exact) {lab}", r, support=tallies["micro/exact"].gold))

        pred = {mid: predicted_classes(exported.of(f"{casing}:{mid}", "incident")) for mid, _ in messages}
        s = score_types(type_gold, pred)
        lab = "[raw_dev UPPER CASE]" if casing == "given" else "[raw_dev sentence-cased]"
        gold_n = int(s["gold"])
        report.metrics += [
            Metric(f"type P {lab}", s["p"], support=gold_n),
            Metric(f"type R {lab}", s["r"], support=gold_n),
            Metric(f"type F1 {lab}", s["f1"], support=gold_n),
            Metric(f"type F1 attack {lab}", s["attack"], support=int(s["attack_n"])),
            Metric(f"type F1 kidnapping {lab}", s["kidnapping"], support=int(s["kidnapping_n"])),
            Metric(f"type F1 relevant docs {lab}", s["relevant_f1"], support=gold_n),
            Metric(f"place country accuracy {lab}", s["place"], support=int(s["place_n"])),
        ]
    report.notes += [
        f"REE rows: GRIT's CEAF-REE on {len(grit)} {split}.json reports (TST1+TST2); perpetrator = "
        "PerpInd+PerpOrg, micro = perpetrator+victim; Target and Weapon have no docket counterpart "
        "(victim+target compares docket's victims, which include attacked buildings, with Victim+Target)",
        f"type rows: {len(messages)} raw_dev reports, document-level (report, class) pairs; classes attack "
        "(ATTACK, BOMBING) and kidnapping; ARSON, ROBBERY, FORCED WORK STOPPAGE and THREATENED-only "
        "templates excluded; reports with only irrelevant templates count every docket attack as wrong",
        "casing: dev.json is lower case as GRIT ships it and raw_dev is upper case; spaCy's small model "
        "finds few names in either; 'sentence-cased' capitalises sentence starts only",
        BASELINE_NOTE,
    ]
    return report
