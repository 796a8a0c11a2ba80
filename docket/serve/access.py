"""Who may do what: every route declares a rule, and one guard enforces it on every request.

Rules, in rising order: `public` (anyone: the login page, static files), `viewer` (read the record),
`analyst` (change the record: review), `admin` (users, restricted documents, the audit log). A user's
role grants its own rule and every rule below it. A route declares its rule with `@allow(rule)`; the
guard (a dependency of every router) refuses a route with no rule, `create_app` refuses to start with
one, and `tests/test_serve_access.py` walks every route against every role.

Who is anonymous may read as a `viewer` only when the app is bound to a loopback address and no user
exists yet (one person on their own machine); everywhere else every page but `public` ones needs a
login. Writes (any method but GET, HEAD, OPTIONS) always need a login, whatever the address, and a
CSRF token (`X-CSRF-Token` header, or a `csrf_token` form field). Only `admin` reads restricted
documents and the facts drawn from them (`RESTRICTED_READERS`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import HTTPException, Request
from starlette.routing import Mount

from docket.serve.auth import LoginThrottle, csrf_for, csrf_ok, token_hash
from docket.store import ROLES, Role, SQLiteStore, Store, User

Rule = Literal["public", "viewer", "analyst", "admin"]
RULES: tuple[Rule, ...] = ("public", "viewer", "analyst", "admin")
RANK: dict[str, int] = {"public": 0, "viewer": 1, "analyst": 2, "admin": 3}
RESTRICTED_READERS: frozenset[Role] = frozenset({"admin"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Mounted apps (not routes) and the rule each declares.
MOUNT_RULES: dict[str, Rule] = {"/static": "public"}
ANON_ROLE: Role = "viewer"  # what anonymous may do on loopback while no user exists

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
assert tuple(r for r in RULES if r != "public") == ROLES


def allow(rule: Rule) -> Callable[[F], F]:
    """Declare who may call a route: `@router.get(...)` above, `@allow("viewer")` below it."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}")

    def mark(endpoint: F) -> F:
        endpoint.__docket_rule__ = rule  # type: ignore[attr-defined]
        return endpoint

    return mark


def rule_of(route: Any) -> Rule | None:
    """The rule a route (or FastAPI's context of an included route) declares, or None."""
    original = getattr(route, "original_route", route)
    if isinstance(original, Mount):
        return MOUNT_RULES.get(original.path)
    endpoint = getattr(route, "endpoint", None)
    return getattr(endpoint, "__docket_rule__", None) if endpoint is not None else None


def app_routes(app: Any) -> list[Any]:
    """Every route of the app, routers' routes included, each with `path`, `methods` and `endpoint`.
    (FastAPI 0.16x keeps included routers as such; older versions copied their routes into the app.)"""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # pragma: no cover - older FastAPI
        return list(app.routes)
    return list(iter_route_contexts(app.routes))


def is_loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServeState:
    """What the app knows beyond one request (on `app.state.docket`)."""

    db_path: str
    host: str
    throttle: LoginThrottle
    settings: Any  # docket.config.Settings

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def secure(self) -> bool:
        """Cookies carry Secure (and the __Host- prefix) off loopback, where a TLS proxy must front us."""
        return not self.loopback

    @property
    def session_cookie(self) -> str:
        return "__Host-docket_session" if self.secure else "docket_session"

    @property
    def presession_cookie(self) -> str:
        return "__Host-docket_presession" if self.secure else "docket_presession"


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user, or anonymous (`user` None) with the role anonymous has here, if any."""

    user: User | None
    role: Role | None
    cookie: str | None  # the session token, else the pre-session token (for the CSRF token)

    @property
    def csrf(self) -> str:
        return csrf_for(self.cookie) if self.cookie else ""

    @property
    def reads_restricted(self) -> bool:
        return self.role in RESTRICTED_READERS

    def may(self, rule: Rule) -> bool:
        return rule == "public" or (self.role is not None and RANK[self.role] >= RANK[rule])


def state_of(request: Request) -> ServeState:
    return request.app.state.docket


def principal_of(request: Request, store: SQLiteStore) -> Principal:
    state = state_of(request)
    token = request.cookies.get(state.session_cookie)
    if token:
        user = store.users.session_user(token_hash(token))
        if user is not None:
            return Principal(user, user.role, token)
    presession = request.cookies.get(state.presession_cookie) or request.scope.get("docket_presession")
    anonymous_role = ANON_ROLE if state.loopback and store.users.count() == 0 else None
    return Principal(None, anonymous_role, presession)


def is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def login_url(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target, safe="")


async def guard(request: Request) -> None:
    """Enforce the route's rule, the login for writes, and the CSRF token (a dependency of every router)."""
    route = request.scope.get("route")
    rule = rule_of(route) if route is not None else None
    if rule is None:
        raise HTTPException(403, "this route declares no access rule")
    store: SQLiteStore = await request_store(request)
    who = principal_of(request, store)
    request.state.principal = who
    unsafe = request.method not in SAFE_METHODS
    if unsafe:
        await _check_csrf(request, who)
    if rule == "public":
        return
    if who.role is None or (unsafe and who.user is None):
        if is_api(request) or unsafe:
            raise HTTPException(401, "log in first", headers={"WWW-Authenticate": 'Cookie realm="docket"'})
        raise HTTPException(303, "log in first", headers={"Location": login_url(request)})
    if not who.may(rule):
        raise HTTPException(403, f"this needs the {rule} role; you are {who.role}")


async def _check_csrf(request: Request, who: Principal) -> None:
    origin = request.headers.get("origin")
    # The host only: behind a TLS proxy the browser says https while this app sees http.
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "cross-origin request refused")
    sent = request.headers.get("x-csrf-token")
    content_type = request.headers.get("content-type", "")
    if sent is None and content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not csrf_ok(who.cookie, sent):
        raise HTTPException(403, "the CSRF token is missing or wrong; reload the page and try again")


async def request_store(request: Request) -> SQLiteStore:
    """The request's store: opened on first use, closed by the app when the response is done."""
    store = getattr(request.state, "store", None)
    if store is None:
        store = SQLiteStore.open(state_of(request).db_path)
        request.state.store = store
    return store


def reader(request: Request) -> Store:
    """The store as the request's principal may read it (after `guard` ran)."""
    who: Principal = request.state.principal
    return request.state.store.view(who.reads_restricted)


def derived(request: Request) -> Any:
    """What is derived from the record the principal may read (`views.Derived`), cached per state."""
    return request.app.state.records.get(reader(request))


def resolution_of(request: Request) -> Any:
    """The entities and events resolved across the documents the principal may read."""
    return derived(request).resolution


def found(record: T | None, what: str) -> T:
    """The record, or a 404 "no such {what}" (a record the principal may not read is not found)."""
    if record is None:
        raise HTTPException(404, f"no such {what}")
    return record
