"""A small fictional record for the web app's tests, written record by record (no NLP): three
documents in invented places, one full of script payloads in its title, URL, names and quotes, one
meant to be restricted (its secret witness must never reach a viewer).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from docket.config import DEFAULT_SETTINGS
from docket.model import (
    Attribution,
    Count,
    DateMention,
    Document,
    DocumentResult,
    Entity,
    EntityRef,
    Evidence,
    Found,
    Incident,
    IncidentDate,
    Perpetrator,
    Place,
    Statement,
    Victim,
    stable_id,
)
from docket.serve.auth import hash_password
from docket.store import SQLiteStore

PAYLOAD_NAME = "<script>alert('name')</script>Layla Haddani"
PAYLOAD_QUOTE = '<img src=x onerror="alert(2)">we will not be silenced'
PAYLOAD_SPEAKER = "Omar <svg onload=alert(3)> Renn"
PAYLOAD_TITLE = "<script>alert('title')</script> Crackdown in Port Avarel"
PAYLOAD_URL = "javascript:alert('url')"
SECRET = "Anna Quint"  # the witness of the restricted document

TEXTS = {
    "payload": (
        f"Security forces arrested {PAYLOAD_NAME} in Port Avarel on 3 March 2021, according to "
        f"Valley Rights Watch.\n\n“{PAYLOAD_QUOTE},” said {PAYLOAD_SPEAKER}, a lawyer.\n"
    ),
    "secret": (
        f"The witness {SECRET} told investigators that guards tortured 12 detainees in Kestrava "
        "in June 2019.\n"
    ),
    "plain": (
        "Police killed at least 30 peaceful demonstrators in Olmund on 9 May 2020, the Norland "
        "Monitor said.\n\n“The streets were full of blood,” said Petra Salo, a nurse.\n"
    ),
}


def _doc(key: str, title: str, outlet: str, published: str, url: str | None = None) -> Document:
    text = TEXTS[key]
    return Document(
        id=hashlib.sha256(f"{key}\n{text}".encode()).hexdigest(),
        ref=f"{key}.txt",
        text=text,
        title=Found(title, "given"),
        outlet=Found(outlet, "given"),
        published=Found(published, "given"),
        url=url,
    )


def _ev(doc: Document, words: str) -> Evidence:
    start = doc.text.index(words)
    return Evidence.of(doc, start, start + len(words))


def _entity(doc: Document, etype: str, name: str) -> Entity:
    return Entity(stable_id("ent", doc.id, name), doc.id, etype, name, (), (_ev(doc, name),))  # type: ignore[arg-type]


def _sentence(doc: Document, first_words: str) -> Evidence:
    start = doc.text.index(first_words)
    end = doc.text.index("\n", start)
    return Evidence.of(doc, start, end)


def results() -> dict[str, DocumentResult]:
    out: dict[str, DocumentResult] = {}

    d = _doc("payload", PAYLOAD_TITLE, "The <b>Ledger</b>", "2021-03-05", PAYLOAD_URL)
    victim, place = _entity(d, "person", PAYLOAD_NAME), _entity(d, "place", "Port Avarel")
    vrw, speaker = _entity(d, "organization", "Valley Rights Watch"), _entity(d, "person", PAYLOAD_SPEAKER)
    date = DateMention(stable_id("date", d.id, 1), _ev(d, "3 March 2021"), "2021-03-03", "day")
    said = Statement(
        stable_id("st", d.id, 1), EntityRef(speaker.id, PAYLOAD_SPEAKER), "said", PAYLOAD_QUOTE, True,
        (_sentence(d, "“"),),
    )  # fmt: skip
    arrest = Incident(
        stable_id("inc", d.id, 1), "arrest", IncidentDate("2021-03-03", "day", "3 March 2021"),
        Place(place.id, "Port Avarel", "NL"), (Perpetrator(None, "Security forces", "state"),),
        (Victim(victim.id, PAYLOAD_NAME, None),), None,
        (Attribution(vrw.id, "Valley Rights Watch", "according to"),), (_sentence(d, "Security"),),
    )  # fmt: skip
    out["payload"] = DocumentResult(
        d, d.text.encode(), (victim, place, vrw, speaker), (date,), (said,), (arrest,)
    )

    d = _doc("secret", "Testimony from Kestrava", "Witness Files", "2019-07-01")
    witness, place = _entity(d, "person", SECRET), _entity(d, "place", "Kestrava")
    torture = Incident(
        stable_id("inc", d.id, 1), "torture", IncidentDate("2019-06", "month", "June 2019"),
        Place(place.id, "Kestrava", "NL"), (Perpetrator(None, "guards", "state"),),
        (Victim(None, None, "detainees"),), Count(12, None, None, None, "12"),
        (Attribution(witness.id, SECRET, "told"),), (_sentence(d, "The witness"),),
    )  # fmt: skip
    told = Statement(
        stable_id("st", d.id, 1), EntityRef(witness.id, SECRET), "told",
        "guards tortured 12 detainees in Kestrava in June 2019", False, (_sentence(d, "The witness"),),
    )  # fmt: skip
    out["secret"] = DocumentResult(d, d.text.encode(), (witness, place), (), (told,), (torture,))

    d = _doc("plain", "Deaths in Olmund", "Norland Monitor", "2020-05-10", "https://example.org/olmund")
    nurse, place = _entity(d, "person", "Petra Salo"), _entity(d, "place", "Olmund")
    killing = Incident(
        stable_id("inc", d.id, 1), "killing", IncidentDate("2020-05-09", "day", "9 May 2020"),
        Place(place.id, "Olmund", "NL"), (Perpetrator(None, "Police", "state"),),
        (Victim(None, None, "peaceful demonstrators"),), Count(None, 30, None, "at least", "at least 30"),
        (), (_sentence(d, "Police"),),
    )  # fmt: skip
    blood = Statement(
        stable_id("st", d.id, 1), EntityRef(nurse.id, "Petra Salo"), "said", "The streets were full of blood",
        True, (_sentence(d, "“The streets"),),
    )  # fmt: skip
    out["plain"] = DocumentResult(d, d.text.encode(), (nurse, place), (), (blood,), (killing,))
    return out


def build_db(path: Path) -> dict[str, DocumentResult]:
    """Write the three documents to a new database at `path`; returns them by key."""
    records = results()
    with SQLiteStore.open(path) as store:
        for r in records.values():
            store.write(r)
    return records


# -- users and clients ----------------------------------------------------------------------------

PASSWORD = "correct horse battery staple"
USERS = {"viewer": "vera", "analyst": "anton", "admin": "ada"}  # role -> name
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_users(path: Path, roles: tuple[str, ...] = ("viewer", "analyst", "admin")) -> None:
    with SQLiteStore.open(path) as store:
        for role in roles:
            store.users.add(USERS[role], role, hash_password(PASSWORD, DEFAULT_SETTINGS))


def client(app: FastAPI, base_url: str = "http://localhost") -> TestClient:
    return TestClient(app, base_url=base_url, follow_redirects=False)


def csrf(c: TestClient) -> str:
    """The client's CSRF token, as a page would embed it (fetching /api/me sets the cookie it needs)."""
    return c.get("/api/me").json()["csrf_token"]


def form_csrf(html_text: str) -> str:
    found = _CSRF.search(html_text)
    assert found, "no CSRF field in the form"
    return found.group(1)


def login(c: TestClient, role: str, password: str = PASSWORD) -> TestClient:
    """Log `c` in as the user of `role` through the login form; returns `c`."""
    page = c.get("/login")
    r = c.post("/login", data={"name": USERS[role], "password": password, "csrf_token": form_csrf(page.text)})
    assert r.status_code == 303, (r.status_code, r.text[:300])
    return c
