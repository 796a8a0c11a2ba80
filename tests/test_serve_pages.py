"""The web app's pages and API on a fictional record: payloads shown as text, evidence highlighted and
linked, restricted records hidden, search filters; and every page of the seeds."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from serve_corpus import (
    PAYLOAD_NAME,
    PAYLOAD_QUOTE,
    PAYLOAD_SPEAKER,
    PAYLOAD_TITLE,
    SECRET,
    add_users,
    build_db,
    client,
    csrf,
    login,
)

from docket.export.jsonl import export_jsonl
from docket.model import DocumentResult
from docket.serve import create_app
from docket.store import SQLiteStore


class _Tags(HTMLParser):
    """Every element and attribute of a page, to find any that a payload could have made."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "object", "embed", "base", "meta", "link") and not (
            tag == "script" and values.get("src") == "/static/docket.js"
        ):
            self.scripts.append({"tag": tag, **values})
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.links += [v or "" for name, v in attrs if name in ("href", "src", "action")]
        self.ids += [v or "" for name, v in attrs if name == "id"]


def _check_inert(text: str) -> _Tags:
    tags = _Tags()
    tags.feed(text)
    assert not tags.handlers, tags.handlers
    ours = [
        {"tag": "meta", "charset": "utf-8"},
        {"tag": "meta", "name": "viewport", "content": "width=device-width, initial-scale=1"},
        {"tag": "meta", "name": "referrer", "content": "same-origin"},
        {"tag": "link", "rel": "stylesheet", "href": "/static/docket.css"},
    ]
    assert [s for s in tags.scripts if s not in ours] == [], tags.scripts
    assert not [link for link in tags.links if link.strip().lower().startswith(("javascript:", "data:"))]
    return tags


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, DocumentResult]]:
    db = tmp_path_factory.mktemp("pages") / "record.db"
    records = build_db(db)
    add_users(db)
    return db, records


@pytest.fixture(scope="module")
def app(record: tuple[Path, dict[str, DocumentResult]]) -> FastAPI:
    return create_app(record[0])


@pytest.fixture
def viewer(app: FastAPI) -> TestClient:
    return login(client(app), "viewer")


def _pages(c: TestClient, records: dict[str, DocumentResult]) -> list[str]:
    """Every page that shows the payload document's records."""
    payload = records["payload"]
    doc = c.get(f"/documents/{payload.document.id}").text
    entities = sorted(set(re.findall(r'href="(/entities/[^"#]+)"', doc)))
    incident = c.get(f"/incidents/{payload.incidents[0].id}").text
    events = sorted(set(re.findall(r'href="(/events/[^"#]+)"', incident)))
    assert entities and events
    return [
        "/", f"/documents/{payload.document.id}", f"/incidents/{payload.incidents[0].id}", *entities, *events,
        "/search?q=Haddani", "/search?q=silenced", "/search?q=Renn", "/search?kind=entity",
    ]  # fmt: skip


def test_serve_script_payloads_are_shown_as_text(
    viewer: TestClient, record: tuple[Path, dict[str, DocumentResult]]
) -> None:
    _, records = record
    seen = ""
    for url in _pages(viewer, records):
        r = viewer.get(url)
        assert r.status_code == 200, url
        _check_inert(r.text)
        assert "<script>alert" not in r.text and "onerror=" not in r.text.replace("onerror=&#34;", ""), url
        seen += r.text
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Layla Haddani" in seen
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in seen
    assert "Omar &lt;svg onload=alert(3)&gt; Renn" in seen
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Crackdown" in seen
    assert "javascript:alert" not in seen  # the scraped javascript: URL is never a link
    api = viewer.get(f"/api/documents/{records['payload'].document.id}").json()
    assert api["document"]["title"] == PAYLOAD_TITLE and api["document"]["url"] is None
    assert api["statements"][0]["content"] == PAYLOAD_QUOTE
    assert api["statements"][0]["speaker"]["name"] == PAYLOAD_SPEAKER
    assert viewer.get("/api/search", params={"q": "Haddani"}).headers["content-type"] == "application/json"
    assert PAYLOAD_NAME in viewer.get("/api/search", params={"q": "Haddani", "kind": "entity"}).text


def test_serve_document_page_highlights_and_links_every_extraction(
    viewer: TestClient, record: tuple[Path, dict[str, DocumentResult]]
) -> None:
    _, records = record
    for result in records.values():
        if result.document.ref == "secret.txt":
            continue
        r = viewer.get(f"/documents/{result.document.id}")
        tags = _check_inert(r.text)
        text = r.text
        for incident in result.incidents:
            assert f'id="incident-{incident.id}"' in text
            assert f'href="/incidents/{incident.id}"' in text
        for statement in result.statements:
            assert f'id="statement-{statement.id}"' in text and f'id="s-{statement.id}"' in text
        for entity in result.entities:
            for m in entity.mentions:
                assert f'id="at-{m.start}"' in text
        assert len(tags.ids) == len(set(tags.ids)), "duplicate element ids"
        assert text.count('class="hl ') >= len(result.entities)
        for link in sorted(set(re.findall(r'href="(/(?:entities|incidents)/[^"#]+)"', text))):
            assert viewer.get(link).status_code == 200, link
        # The text between the tags is the document's text, untouched.
        article = re.search(r'<article class="doc-text"[^>]*>(.*?)</article>', text, re.S)
        assert article
        plain = re.sub(r'<a class="marker"[^>]*>[^<]*</a>', "", article.group(1))
        plain = re.sub(r"<[^>]+>", "", plain)
        import html

        assert html.unescape(plain) == result.document.text


def test_serve_restricted_records_never_reach_other_roles(app: FastAPI, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    records = build_db(db)
    add_users(db)
    app = create_app(db)
    admin, analyst, viewer = (
        login(client(app), "admin"),
        login(client(app), "analyst"),
        login(client(app), "viewer"),
    )
    secret = records["secret"]
    before = viewer.get("/api/stats").json()
    assert before["documents"] == 3 and SECRET in viewer.get("/search", params={"q": "Quint"}).text
    r = admin.post(
        f"/api/documents/{secret.document.id}/restricted",
        json={"restricted": True, "note": "witness safety"},
        headers={"X-CSRF-Token": csrf(admin)},
    )
    assert r.status_code == 200 and r.json()["restricted"] is True
    urls = [
        f"/documents/{secret.document.id}", f"/incidents/{secret.incidents[0].id}",
        f"/api/documents/{secret.document.id}", f"/api/incidents/{secret.incidents[0].id}",
    ]  # fmt: skip
    for c in (viewer, analyst):
        for url in urls:
            assert c.get(url).status_code == 404, url
        for url in (
            "/",
            "/search?kind=entity",
            "/search?kind=incident",
            "/search?kind=statement",
            "/api/stats",
        ):
            body = c.get(url).text
            for word in (SECRET, "Kestrava", "tortured", "Witness Files"):
                assert word not in body, (url, word)
        for q in ("Quint", "tortured", "Kestrava", "detainees", "witness"):
            found = c.get("/api/search", params={"q": q}).json()["results"]
            assert [r["total"] for r in found] == [0, 0, 0, 0], q
        stats = c.get("/api/stats").json()
        assert stats["documents"] == 2 and stats["incidents"] == 2 and stats["statements"] == 2
    for url in urls:
        assert admin.get(url).status_code == 200, url
    assert SECRET in admin.get("/search", params={"q": "Quint"}).text
    assert admin.get("/api/stats").json()["documents"] == 3
    audit = admin.get("/api/audit").json()
    assert (
        audit[0]["action"] == "restrict"
        and audit[0]["user"] == "ada"
        and audit[0]["note"] == "witness safety"
    )
    assert audit[0]["before"] == {"restricted": False} and audit[0]["after"] == {"restricted": True}
    assert "witness safety" in admin.get(f"/documents/{secret.document.id}").text
    # Exports drawn through a reader's view leave the restricted document out too.
    with SQLiteStore.open(db) as store:
        out = io.StringIO()
        export_jsonl(store.view(include_restricted=False), out)
        assert SECRET not in out.getvalue() and "Olmund" in out.getvalue()
        full = io.StringIO()
        export_jsonl(store, full)
        assert SECRET in full.getvalue()
    # Released, it is back for everyone.
    admin.post(
        f"/documents/{secret.document.id}/restricted", data={"restricted": "0", "csrf_token": csrf(admin)}
    )
    assert viewer.get("/api/stats").json()["documents"] == 3


def test_serve_search_filters_and_pages(viewer: TestClient) -> None:
    def kinds(params: dict[str, str | int]) -> dict[str, list[str]]:
        r = viewer.get("/api/search", params=params)
        assert r.status_code == 200, r.text
        return {res["kind"]: [h["title"] for h in res["hits"]] for res in r.json()["results"]}

    assert kinds({"q": "Olmund"}) == {
        "document": ["Deaths in Olmund"], "statement": [], "incident": ["killing"], "entity": ["Olmund"],
    }  # fmt: skip
    assert kinds({"type": "killing"}) == {"incident": ["killing"]}
    people = kinds({"type": "person", "kind": "entity"})["entity"]
    assert people == [PAYLOAD_NAME, SECRET, PAYLOAD_SPEAKER, "Petra Salo"]  # by mentions, then name
    assert kinds({"kind": "incident", "date_from": "2020", "date_to": "2020"}) == {"incident": ["killing"]}
    assert kinds({"kind": "incident", "date_to": "2019-06"}) == {"incident": ["torture"]}
    assert kinds({"kind": "document", "outlet": "monitor"}) == {"document": ["Deaths in Olmund"]}
    assert kinds({"place": "olmund"}) == {"incident": ["killing"]}
    assert kinds({"place": "nl", "kind": "incident"}) == {"incident": ["arrest", "killing", "torture"]}
    r = viewer.get("/api/search", params={"outlet": "Monitor"}).json()
    assert r["skipped"] == ["entity"]  # no outlet to filter entities by: left out, and said so
    assert {x["kind"]: x["total"] for x in r["results"]} == {"document": 1, "statement": 1, "incident": 1}
    page1 = viewer.get("/api/search", params={"kind": "incident", "per_page": 1}).json()["results"][0]
    page2 = viewer.get("/api/search", params={"kind": "incident", "per_page": 1, "page": 2}).json()[
        "results"
    ][0]
    assert page1["total"] == page2["total"] == 3 and page1["hits"][0]["id"] != page2["hits"][0]["id"]
    html_page = viewer.get("/search", params={"kind": "incident", "per_page": 1, "page": 2}).text
    assert 'rel="next"' in html_page and 'rel="prev"' in html_page
    assert kinds({"q": "\x00Olmund\x1f", "kind": "document"}) == {"document": ["Deaths in Olmund"]}
    assert viewer.get("/api/search", params={"date_from": "March"}).status_code == 422
    assert viewer.get("/api/search", params={"type": "picnic"}).status_code == 422
    shown = viewer.get("/search", params={"date_from": "March", "q": 'AND OR NOT " * ('})
    assert shown.status_code == 200 and "is not a date" in shown.text


def test_serve_openapi_covers_the_api_only(viewer: TestClient) -> None:
    spec = viewer.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert all(p.startswith("/api/") for p in paths)
    expected = {"/api/search", "/api/stats", "/api/documents/{doc_id}", "/api/incidents/{incident_id}",
                "/api/entities/{entity_id}", "/api/events/{event_id}", "/api/me", "/api/login"}  # fmt: skip
    assert expected <= paths
    assert "SearchOut" in spec["components"]["schemas"]


def test_serve_pages_are_keyboard_reachable_and_labelled(
    viewer: TestClient, record: tuple[Path, dict[str, DocumentResult]]
) -> None:
    for url in [*_pages(viewer, record[1])[:4], "/search", "/login"]:
        text = viewer.get(url).text
        assert text.count("<h1") == 1, url
        assert 'href="#main"' in text and '<main id="main"' in text
        for input_id in re.findall(r'<(?:input|select) id="([^"]+)"', text):
            assert f'for="{input_id}"' in text, (url, input_id)
        assert 'tabindex="1' not in text  # no positive tabindex: the reading order is the tab order


@pytest.mark.seeds
def test_serve_every_page_of_the_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    from docket.build import build

    db = tmp_path / "seeds.db"
    with SQLiteStore.open(db) as store:
        build([seeds_dir], store, workers=1)
    c = client(create_app(db))  # loopback, no users: anonymous may read
    seen: set[str] = set()
    todo = ["/", "/search", "/search?kind=entity&per_page=100", "/search?kind=incident&per_page=100"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        _check_inert(r.text)
        if url.startswith(("/search", "/documents", "/incidents", "/events", "/")) and len(seen) < 400:
            todo += [
                u for u in re.findall(r'href="(/(?:documents|incidents|entities|events)/[^"#]+)"', r.text)
                if u not in seen
            ]  # fmt: skip
    assert sum(u.startswith("/documents/") for u in seen) == 5
    assert any(u.startswith("/events/") for u in seen) and any(u.startswith("/entities/") for u in seen)
    for url in sorted(seen)[:40]:
        if url.startswith(("/documents/", "/incidents/", "/entities/", "/events/")):
            assert c.get("/api" + url).status_code == 200, url
