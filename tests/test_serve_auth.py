"""Logging in and out, sessions, CSRF, security headers, limits, and `docket user`."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from serve_corpus import PASSWORD, USERS, add_users, build_db, client, csrf, form_csrf, login

from docket import cli
from docket.config import DEFAULT_SETTINGS
from docket.serve import create_app
from docket.store import SQLiteStore


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("auth") / "record.db"
    build_db(path)
    add_users(path)
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> FastAPI:
    return create_app(db)


def _session_cookie(headers: list[str]) -> str:
    return next(h for h in headers if h.startswith("docket_session="))


def test_serve_login_and_logout(app: FastAPI, db: Path) -> None:
    c = client(app)
    page = c.get("/login?next=/search%3Fq%3DOlmund")
    wrong = c.post("/login", data={"name": "vera", "password": "not it", "csrf_token": form_csrf(page.text)})
    assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    assert "docket_session" not in c.cookies
    r = c.post(
        "/login",
        data={
            "name": "vera",
            "password": PASSWORD,
            "csrf_token": form_csrf(page.text),
            "next": "/search?q=Olmund",
        },
    )
    assert r.status_code == 303 and r.headers["location"] == "/search?q=Olmund"
    cookie = _session_cookie(r.headers.get_list("set-cookie"))
    assert (
        "HttpOnly" in cookie
        and "SameSite=strict" in cookie.replace("Strict", "strict")
        and "Path=/" in cookie
    )
    assert "Secure" not in cookie  # loopback over plain HTTP
    token = c.cookies["docket_session"]
    stored = sqlite3.connect(db).execute("SELECT token FROM sessions WHERE user = 'vera'").fetchall()
    assert (hashlib.sha256(token.encode()).hexdigest(),) in stored and (token,) not in stored
    assert c.get("/api/me").json()["name"] == "vera"
    home = c.get("/")
    assert home.status_code == 200 and "vera" in home.text
    out = c.post("/logout", data={"csrf_token": form_csrf(home.text)})
    assert out.status_code == 303
    assert c.get("/").status_code == 303
    c.cookies.set("docket_session", token)  # a stolen cookie of an ended session is worth nothing
    assert c.get("/").status_code == 303


def test_serve_login_redirects_only_within_the_site(app: FastAPI) -> None:
    c = client(app)
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        page = c.get("/login")
        r = c.post(
            "/login",
            data={"name": "vera", "password": PASSWORD, "csrf_token": form_csrf(page.text), "next": target},
        )
        assert r.headers["location"] == "/"


def test_serve_api_login_and_logout(app: FastAPI) -> None:
    c = client(app)
    me = c.get("/api/me").json()
    assert me["name"] is None and me["role"] is None  # users exist: anonymous may do nothing
    r = c.post(
        "/api/login", json={"name": "anton", "password": PASSWORD}, headers={"X-CSRF-Token": me["csrf_token"]}
    )
    assert r.status_code == 200 and r.json()["role"] == "analyst"
    assert c.get("/api/stats").status_code == 200
    odd = c.post(
        "/api/login",
        content=b'{"name": "\\ud800", "password": "x"}',
        headers={"X-CSRF-Token": r.json()["csrf_token"], "Content-Type": "application/json"},
    )
    assert odd.status_code == 422  # a lone surrogate is refused, not a crash
    assert c.post("/api/logout", headers={"X-CSRF-Token": r.json()["csrf_token"]}).status_code == 204
    assert c.get("/api/stats").status_code == 401


def test_serve_sessions_expire_and_end_with_their_user(app: FastAPI, db: Path) -> None:
    c = login(client(app), "viewer")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sessions SET expires = '2000-01-01T00:00:00Z' WHERE user = 'vera'")
    assert c.get("/").status_code == 303
    login(c, "analyst")
    with SQLiteStore.open(db) as store:
        store.users.remove("anton")
    assert c.get("/").status_code == 303
    add_users(db, ("analyst",))


def test_serve_csrf_token_is_required_on_every_unsafe_method(app: FastAPI) -> None:
    c = login(client(app), "admin")
    token = csrf(c)
    doc = c.get("/api/search?kind=document").json()["results"][0]["hits"][0]["id"]
    api = f"/api/documents/{doc}/restricted"
    assert c.post(api, json={"restricted": False}).status_code == 403
    assert c.post(api, json={"restricted": False}, headers={"X-CSRF-Token": "0" * 64}).status_code == 403
    r = c.post(
        api, json={"restricted": False}, headers={"X-CSRF-Token": token, "Origin": "https://evil.example"}
    )
    assert r.status_code == 403
    assert c.post(api, json={"restricted": False}, headers={"X-CSRF-Token": token}).status_code == 200
    form = f"/documents/{doc}/restricted"
    assert c.post(form, data={"restricted": "0"}).status_code == 403
    assert c.post(form, data={"restricted": "0", "csrf_token": "x"}).status_code == 403
    assert c.post(form, data={"restricted": "0", "csrf_token": token}).status_code == 303
    assert c.post("/logout", data={}).status_code == 403
    assert c.get("/api/me").json()["name"] == "ada"  # still logged in: the forged logout did nothing
    # Logging in needs the token too (no login CSRF), tied to the pre-session cookie.
    anonymous = client(app)
    assert anonymous.post("/login", data={"name": "ada", "password": PASSWORD}).status_code == 403
    other = client(app)
    stolen = csrf(other)
    r = anonymous.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": stolen})
    assert r.status_code == 403


HEADERS = {
    "content-security-policy": "default-src 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.mark.parametrize(
    "url", ["/login", "/", "/api/me", "/api/stats", "/no/such/page", "/static/docket.css"]
)
def test_serve_security_headers_on_every_response(app: FastAPI, url: str) -> None:
    r = client(app).get(url)
    for name, value in HEADERS.items():
        assert value in r.headers.get(name, ""), (url, name)
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert r.headers["cache-control"] == ("public, max-age=3600" if url.startswith("/static") else "no-store")


def test_serve_pages_hold_no_inline_script_or_style(app: FastAPI) -> None:
    c = login(client(app), "admin")
    for url in ("/", "/search?q=Olmund", "/login", "/users", "/audit"):
        text = c.get(url).text
        assert "<style" not in text and " style=" not in text, url
        assert text.count("<script") == 1 and '<script src="/static/docket.js" defer></script>' in text, url


def test_serve_refuses_a_foreign_host_header_on_loopback(app: FastAPI) -> None:
    r = client(app, base_url="http://attacker.example").get("/api/me")
    assert r.status_code == 400
    assert client(app, base_url="http://127.0.0.1:8000").get("/login").status_code == 200


def test_serve_request_body_limit(db: Path) -> None:
    app = create_app(db, DEFAULT_SETTINGS.with_(max_request_bytes=1000))
    c = login(client(app), "admin")
    headers = {"X-CSRF-Token": csrf(c), "Content-Type": "application/json"}
    big = b'{"restricted": false, "note": "' + b"x" * 2000 + b'"}'
    assert c.post("/api/documents/x/restricted", content=big, headers=headers).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield big[:600]
        yield big[600:]

    assert c.post("/api/documents/x/restricted", content=chunks(), headers=headers).status_code == 413
    small = b'{"restricted": false}'
    assert c.post("/api/documents/x/restricted", content=small, headers=headers).status_code == 404


def test_serve_page_size_is_capped(app: FastAPI) -> None:
    c = login(client(app), "viewer")
    r = c.get("/api/search", params={"kind": "incident", "per_page": 5000})
    assert r.status_code == 200 and r.json()["per_page"] == DEFAULT_SETTINGS.max_page_size
    assert c.get("/api/search", params={"page": 10**30}).status_code == 422
    assert c.get("/search", params={"page": 10**30}).status_code == 200


def test_serve_login_throttle(db: Path) -> None:
    app = create_app(db, DEFAULT_SETTINGS.with_(login_failures=2))
    c = client(app)
    for _ in range(2):
        token = csrf(c)
        r = c.post("/api/login", json={"name": "vera", "password": "guess"}, headers={"X-CSRF-Token": token})
        assert r.status_code == 401
    r = c.post("/api/login", json={"name": "vera", "password": PASSWORD}, headers={"X-CSRF-Token": csrf(c)})
    assert r.status_code == 429
    ok = c.post("/api/login", json={"name": "ada", "password": PASSWORD}, headers={"X-CSRF-Token": csrf(c)})
    assert ok.status_code == 200  # only the name guessed at is locked


def _docket(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "argv", ["docket", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        cli.main()
    except SystemExit as e:
        return int(e.code or 0)
    return 0


def test_serve_user_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "users.db")
    build_db(Path(db))
    assert _docket(monkeypatch, "user", "add", "ada", "--role", "admin", "--password-stdin", "--db", db,
                   stdin=PASSWORD + "\n") == 0  # fmt: skip
    assert _docket(monkeypatch, "user", "add", "ada", "--role", "viewer", "--password-stdin", "--db", db,
                   stdin=PASSWORD + "\n") == 5  # fmt: skip
    assert "already exists" in capsys.readouterr().err
    assert _docket(monkeypatch, "user", "add", "bob", "--role", "viewer", "--password-stdin", "--db", db,
                   stdin="short\n") == 5  # fmt: skip
    assert "too short" in capsys.readouterr().err
    assert _docket(monkeypatch, "user", "add", "<b>", "--role", "viewer", "--password-stdin", "--db", db,
                   stdin=PASSWORD + "\n") == 5  # fmt: skip
    assert _docket(monkeypatch, "user", "add", "bob", "--role", "boss", "--password-stdin", "--db", db) == 2
    capsys.readouterr()
    assert _docket(monkeypatch, "user", "list", "--db", db) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("ada\tadmin\t") and "bob" not in listed
    stored = sqlite3.connect(db).execute("SELECT password FROM users WHERE name = 'ada'").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    c = client(create_app(db))
    r = c.post("/api/login", json={"name": "ada", "password": PASSWORD}, headers={"X-CSRF-Token": csrf(c)})
    assert r.status_code == 200
    assert _docket(monkeypatch, "user", "remove", "ada", "--db", db) == 0
    assert _docket(monkeypatch, "user", "remove", "ada", "--db", db) == 5
    assert c.get("/api/me").json()["name"] is None
    assert USERS  # the shared users are untouched by this test's database
