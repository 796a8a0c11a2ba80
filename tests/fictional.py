"""Fictional reports for tests: invented countries, cities, people and organisations.

Each report is different (names, figures, dates vary with its number) so that a corpus of many can
be built, interrupted and resumed.
"""

from __future__ import annotations

import json
from pathlib import Path

CITIES = ["Port Avarel", "Kestrava", "Olmund", "Veyra", "Dunmoor", "Saltmere"]
FIRST = ["Marta", "Tobias", "Ilse", "Ravi", "Noor", "Anselm", "Petra", "Yusuf"]
LAST = ["Ellison", "Renn", "Okafor", "Lindqvist", "Moravec", "Haddad", "Quint", "Salo"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def report(n: int) -> str:
    city = CITIES[n % len(CITIES)]
    victim = f"{FIRST[n % len(FIRST)]} {LAST[(n * 3) % len(LAST)]}"
    speaker = f"{FIRST[(n + 3) % len(FIRST)]} {LAST[(n + 5) % len(LAST)]}"
    month = MONTHS[n % len(MONTHS)]
    year = 2010 + n % 12
    killed = 20 + 7 * n
    return (
        f"Crackdown in {city} Leaves Families Without Answers\n\n"
        f"By Lena Voss\n\n"
        f"Security forces of the Republic of Norland arrested {victim}, a teacher, in {city} on "
        f"{month} {3 + n % 20}, {year}, according to the Valley Rights Watch (VRW). "
        f"The VRW said that police had killed approximately {killed} peaceful demonstrators in {city} "
        f"during protests in {month} {year}.\n\n"
        f"“We will not stop documenting these crimes,” said {speaker}, the director of the VRW. "
        f"{victim.split()[1]} was later sentenced to {2 + n % 9} years in prison by a court in {city}.\n\n"
        f"Report number {n} of the fictional series.\n"
    )


def write_corpus(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = directory / f"report_{n:04d}.txt"
        path.write_text(report(n), encoding="utf-8")
        paths.append(path)
    return paths


def jsonl_line(n: int, published: str | None = "2020-06-10", **fields: str) -> str:
    record: dict[str, str] = {"id": f"fict-{n}", "text": report(n), "outlet": "The Norland Ledger"}
    if published:
        record["published"] = published
    record.update(fields)
    return json.dumps(record, ensure_ascii=False)
