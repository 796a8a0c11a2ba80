"""Event consolidation speed: invented incidents at growing sizes, time and pairs compared per incident.

    .venv/bin/python benchmarks/events_speed.py [--sizes 10000 25000 50000 100000] [--seed 1]

The corpus is invented (no NLP involved): real-world events over 20 years in 12 countries, each told
by one to five reports in different documents, with the noise reports carry: a coarser date (year
or month instead of day, some undated), a rounded or bounded figure, the country instead of the city,
other words. Prints, for each size, the wall time of `consolidate_events`, the candidate pairs per
incident (blocking: it levels off as blocks reach their cap), the events found and invented, and
the precision and recall of the pairs of reports put in one event.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from docket.extract.places import country_name
from docket.model import Count, Document, Evidence, Found, Incident, IncidentDate, Perpetrator, Place, Victim
from docket.resolve import events as events_module
from docket.resolve.events import consolidate_events
from docket.resolve.matching import report

TYPES = ["killing", "execution", "arrest", "detention", "torture", "protest", "attack", "plot", "trial"]
COUNTRIES = ["IR", "IQ", "SY", "TR", "EG", "NG", "MX", "CO", "PH", "MM", "BY", "RU"]


def corpus(n: int, seed: int) -> tuple[list[Incident], list[Document], dict[str, int]]:
    """Incidents, their documents, and the invented event each incident reports."""
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(5000)]
    places = [Place(f"ent-place-{k}", f"City {k}", rng.choice(COUNTRIES)) for k in range(300)]
    countries = {c: Place(f"ent-{c}", country_name(c), c) for c in COUNTRIES}
    incidents: list[Incident] = []
    docs: list[Document] = []
    truth: dict[str, int] = {}
    while len(incidents) < n:
        day = f"{rng.randrange(2000, 2020)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        place = rng.choice(places)
        kind = rng.choice(TYPES)
        toll = rng.choice([None, rng.randrange(1, 20), rng.randrange(20, 5000)])
        people = [Victim(f"ent-person-{rng.randrange(20000)}", "someone", None)] if rng.random() < 0.3 else []
        perpetrators = (
            [Perpetrator(f"ent-org-{rng.randrange(200)}", "a force", "state")] if rng.random() < 0.5 else []
        )
        words = rng.sample(vocabulary, 8)
        event_number = len(docs)  # numbered by its first report's document
        for _ in range(rng.choice([1, 1, 2, 3, 5])):
            doc = Document(
                f"doc-{len(docs)}", f"r{len(docs)}.txt", "", outlet=Found(f"outlet {rng.randrange(300)}")
            )
            docs.append(doc)
            date, precision = rng.choice([(day, "day"), (day[:7], "month"), (day[:4], "year"), (None, None)])
            count = None
            if toll is not None and rng.random() < 0.8:
                count = rng.choice([Count(toll, None, None, None, ""), Count(None, toll, None, "over", "")])
            text = " ".join(rng.sample(words, 5) + rng.sample(vocabulary, 5))
            truth[f"inc-{len(incidents)}"] = event_number
            incidents.append(
                Incident(
                    id=f"inc-{len(incidents)}", type=kind, date=IncidentDate(date, precision, date),  # type: ignore[arg-type]
                    place=place if rng.random() < 0.6 else countries[place.country or "IR"],
                    perpetrators=tuple(perpetrators), victims=tuple(people), count=count, attributed_to=(),
                    evidence=(Evidence(doc.id, 0, len(text), text),),
                )
            )  # fmt: skip
    incidents = incidents[:n]
    return incidents, docs, {i.id: truth[i.id] for i in incidents}


def pair_scores(events: list[list[str]], truth: dict[str, int]) -> tuple[float, float]:
    """Precision and recall of the pairs of reports put in one event, against the invented events."""
    found = {(a, b) for e in events for a in e for b in e if a < b}
    sizes = Counter(truth[i] for e in events for i in e)
    true_pairs = sum(k * (k - 1) // 2 for k in sizes.values())
    right = sum(truth[a] == truth[b] for a, b in found)
    return right / max(len(found), 1), right / max(true_pairs, 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        f"{'incidents':>10} {'seconds':>8} {'us/incident':>12} {'pairs/incident':>15} {'events':>8}", end=""
    )
    print(f" {'true events':>12} {'pair precision':>15} {'pair recall':>12}")
    for n in args.sizes:
        incidents, docs, truth = corpus(n, args.seed)
        reports = [report(i, lambda x: x) for i in incidents]
        pairs = len(events_module._candidate_pairs(sorted(reports, key=lambda r: r.incident.id)))
        start = time.perf_counter()
        events = consolidate_events(incidents, docs, lambda x: x)
        seconds = time.perf_counter() - start
        precision, recall = pair_scores([list(e.incidents) for e in events], truth)
        print(
            f"{n:>10} {seconds:>8.1f} {seconds / n * 1e6:>12.0f} {pairs / n:>15.1f} {len(events):>8}", end=""
        )
        print(f" {len(set(truth.values())):>12} {precision:>15.3f} {recall:>12.3f}")


if __name__ == "__main__":
    main()
