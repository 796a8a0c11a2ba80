"""Access control of the web app: every route declares a rule, and every route is tried against every
role; anonymous access on loopback; the refusal to serve off loopback without an admin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from serve_corpus import PASSWORD, USERS, add_users, build_db, client, csrf, form_csrf, login

from docket import cli
from docket.errors import UnsafeServeError
from docket.export.eventview import load_events
from docket.resolve.aliases import resolve_entities
from docket.serve import create_app
from docket.serve.access import RANK, app_routes, rule_of
from docket.store import SQLiteStore

ROLES = ("anonymous", "viewer", "analyst", "admin")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastAPI, dict[str, str]]:
    db = tmp_path_factory.mktemp("access") / "record.db"
    records = build_db(db)
    add_users(db)
    payload = records["payload"]
    with SQLiteStore.open(db) as store:
        entity = resolve_entities(store.entities()).global_id(payload.entities[0].id)
        event = next(
            v.event.id for v in load_events(store).events if payload.incidents[0].id in v.event.incidents
        )
    params = {
        "doc_id": payload.document.id,
        "incident_id": payload.incidents[0].id,
        "entity_id": entity or "",
        "event_id": event,
    }
    return create_app(db), params


def _routes(app: FastAPI) -> list[tuple[str, str, str]]:
    """(method, path, rule) of every route; safe methods first, logging out last."""
    out = []
    for route in app_routes(app):
        rule = rule_of(route)
        assert rule is not None, f"route {route.path} declares no access rule: add @allow(...)"
        methods = sorted(getattr(route, "methods", None) or {"GET"})
        out += [(m, route.path, rule) for m in methods if m != "HEAD"]
    return sorted(out, key=lambda r: (r[0] != "GET", "logout" in r[1], r[1].startswith("/api"), r[1]))


def _url(path: str, params: dict[str, str]) -> str:
    if path == "/static":
        return "/static/docket.css"
    for name, value in params.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"the matrix test cannot fill the parameters of {path}: add them to `served`"
    return path


def _denied(r: Any) -> bool:
    """Whether the guard refused the request (as opposed to the route answering, even with an error)."""
    if r.status_code == 303:
        return r.headers["location"].startswith("/login?next=")
    if r.status_code == 401:
        return "log in first" in r.text
    return r.status_code == 403 and "needs the" in r.text


def _call(c: TestClient, method: str, url: str, role: str) -> Any:
    name = USERS.get(role, "nobody")
    password = PASSWORD if role in USERS else "wrong password"
    token = csrf(c)
    if method == "GET":
        return c.get(url)
    if url.startswith("/api/"):
        body = {"/api/login": {"name": name, "password": password}}.get(url, {"restricted": False})
        return c.request(method, url, json=body, headers={"X-CSRF-Token": token})
    form = {"/login": {"name": name, "password": password}}.get(url, {"restricted": "0", "note": "matrix"})
    return c.request(method, url, data={**form, "csrf_token": token})


@pytest.mark.parametrize("role", ROLES)
def test_serve_role_matrix_covers_every_route(served: tuple[FastAPI, dict[str, str]], role: str) -> None:
    app, params = served
    c = client(app)
    if role != "anonymous":
        login(c, role)
    routes = _routes(app)
    assert len(routes) >= 20
    wrong = []
    for method, path, rule in routes:
        r = _call(c, method, _url(path, params), role)
        allowed = rule == "public" or (role != "anonymous" and RANK[role] >= RANK[rule])
        assert r.status_code < 500, (method, path, r.status_code, r.text[:300])
        if allowed == _denied(r) or (allowed and method == "GET" and r.status_code != 200):
            wrong.append(f"{method} {path} ({rule}) as {role}: {r.status_code} {r.text[:120]!r}")
    assert not wrong, "\n".join(wrong)


def test_serve_a_route_without_a_rule_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    build_db(db)
    add_users(db, ("admin",))
    fresh = create_app(db)
    from docket.serve import pages

    @pages.router.get("/unruled")
    def unruled() -> str:  # no @allow: the guard refuses it, whoever asks
        return "secret"

    try:
        c = login(client(fresh), "admin")
        with pytest.raises(Exception, match="without an access rule"):
            create_app(db)
        r = c.get("/unruled")
        assert r.status_code == 403 and "declares no access rule" in r.text
        assert any(rule_of(route) is None for route in app_routes(fresh))
    finally:
        pages.router.routes[:] = [r for r in pages.router.routes if getattr(r, "path", "") != "/unruled"]
    create_app(db)  # and without it, the app starts again


def test_serve_anonymous_reads_on_loopback_only_while_no_user_exists(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    records = build_db(db)
    c = client(create_app(db))
    assert c.get("/").status_code == 200
    assert c.get("/api/stats").json()["documents"] == 3
    doc = records["plain"].document.id
    # Writes always need a login, even here.
    r = c.post(
        f"/api/documents/{doc}/restricted", json={"restricted": True}, headers={"X-CSRF-Token": csrf(c)}
    )
    assert r.status_code == 401
    assert c.get("/users").status_code == 403
    add_users(db, ("viewer",))
    assert c.get("/").status_code == 303
    assert c.get("/api/stats").status_code == 401
    assert c.get("/login").status_code == 200
    assert c.get("/static/docket.css").status_code == 200


def test_serve_off_loopback_needs_an_admin_and_a_login_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    build_db(db)
    with pytest.raises(UnsafeServeError, match=r"0\.0\.0\.0.*no admin user"):
        create_app(db, host="0.0.0.0")
    add_users(db, ("viewer", "analyst"))
    with pytest.raises(UnsafeServeError):
        create_app(db, host="192.0.2.10")
    add_users(db, ("admin",))
    app = create_app(db, host="0.0.0.0")
    c = client(app, base_url="https://docket.example.org")
    first = c.get("/")
    assert first.status_code == 303
    presession = first.headers["set-cookie"]
    assert presession.startswith("__Host-docket_presession=") and "Secure" in presession
    assert c.get("/api/search?q=Olmund").status_code == 401
    page = c.get("/login")
    assert page.status_code == 200
    r = c.post("/login", data={"name": "vera", "password": PASSWORD, "csrf_token": form_csrf(page.text)})
    cookie = r.headers["set-cookie"]
    assert r.status_code == 303 and cookie.startswith("__Host-docket_session=") and "Secure" in cookie
    assert c.get("/").status_code == 200


def test_serve_cli_refuses_to_bind_off_loopback_without_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.db"
    build_db(db)
    monkeypatch.setattr(
        sys, "argv", ["docket", "serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8765"]
    )
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code not in (0, None)
    err = capsys.readouterr().err
    assert "refusing to serve on 0.0.0.0" in err and "docket user add" in err
