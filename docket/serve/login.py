"""Logging in and out, shared by the login page and `/api/login`."""

from __future__ import annotations

from fastapi import HTTPException, Request, Response

from docket.serve.access import Principal, state_of
from docket.serve.auth import authenticate, new_token, token_hash
from docket.store import SQLiteStore, User


def log_in(request: Request, store: SQLiteStore, name: str, password: str) -> tuple[User, str]:
    """Check the name and password; start a new session (a new token: no session fixation) and end
    the one the client had. HTTPException 429 while the name is locked out, 401 when they are wrong."""
    state = state_of(request)
    if state.throttle.locked(name):
        raise HTTPException(429, "too many failed logins for this name; wait a few minutes")
    user = authenticate(store.users, name, password, state.settings)
    if user is None:
        state.throttle.failed(name)
        raise HTTPException(401, "wrong name or password")
    state.throttle.succeeded(name)
    old = request.cookies.get(state.session_cookie)
    if old:
        store.users.end_session(token_hash(old))
    token = new_token()
    store.users.start_session(token_hash(token), user.name, state.settings.session_seconds)
    return user, token


def log_out(request: Request, store: SQLiteStore) -> None:
    token = request.cookies.get(state_of(request).session_cookie)
    if token:
        store.users.end_session(token_hash(token))


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    state = state_of(request)
    response.set_cookie(
        state.session_cookie, token, max_age=state.settings.session_seconds, path="/", secure=state.secure,
        httponly=True, samesite="strict",
    )  # fmt: skip


def clear_session_cookie(request: Request, response: Response) -> None:
    state = state_of(request)
    response.delete_cookie(
        state.session_cookie, path="/", secure=state.secure, httponly=True, samesite="strict"
    )


def principal(request: Request) -> Principal:
    return request.state.principal


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (never `//host` or `https://...`)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
