"""The web app: `create_app(db_path, settings)` builds it; `docket serve` runs it with uvicorn.

Server-rendered pages (`pages.py`, Jinja2 with autoescape on every template), a JSON API under `/api`
(`api.py`, OpenAPI at `/api/openapi.json`), the review forms and their API twins (`review.py`),
static CSS and JS shipped in the package. Who may do what
is in `access.py`; headers, the Host check and the body limit in `security.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException

from docket.config import DEFAULT_SETTINGS, Settings
from docket.errors import ConfigError, UnsafeServeError
from docket.serve import api, pages, review
from docket.serve.access import ServeState, app_routes, is_api, is_loopback, rule_of
from docket.serve.auth import LoginThrottle
from docket.serve.security import Guards
from docket.serve.views import RecordCache, label
from docket.store import SQLiteStore

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def check_can_serve(db_path: str | Path, host: str) -> None:
    """UnsafeServeError when `host` is not a loopback address and the database has no admin user."""
    if is_loopback(host):
        return
    with SQLiteStore.open(db_path) as store:
        if not store.users.has_admin():
            raise UnsafeServeError(
                f"refusing to serve on {host}, which is not a loopback address, while {db_path} has no "
                "admin user: add one first with `docket user add NAME --role admin`, or serve on 127.0.0.1"
            )


def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template; their names end in .j2, which select_autoescape would miss
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = (
        label  # incident types and categories as words: "death_sentence" -> "death sentence"
    )
    return Jinja2Templates(env=env)


def create_app(
    db_path: str | Path, settings: Settings = DEFAULT_SETTINGS, *, host: str = "127.0.0.1"
) -> FastAPI:
    """The app serving the record in `db_path` (migrated if needed) as bound to `host`.

    `host` decides the access rules (anonymous read access on loopback while there are no users,
    Secure cookies off loopback, the Host header check on loopback), and off loopback the app refuses
    to exist without an admin user (UnsafeServeError)."""
    path = str(db_path)
    if path != ":memory:" and not Path(path).is_file():
        raise ConfigError(f"no database at {path}; build one first with `docket build PATH --db {path}`")
    check_can_serve(path, host)  # also creates the users tables of an older database (migration)
    state = ServeState(
        path, host, LoginThrottle(settings.login_failures, settings.login_lockout_seconds), settings
    )
    app = FastAPI(
        title="docket",
        summary="The sourced record of incidents, statements and entities, with the evidence of each.",
        version="1",
        openapi_url=None,  # served by api.openapi, under the same access rule as the rest of the API
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.docket = state
    app.state.templates = templates()
    app.state.records = RecordCache()
    app.include_router(pages.router)
    app.include_router(review.pages)
    app.include_router(api.router)
    app.include_router(review.api)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guards, state=state)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    missing = [str(getattr(r, "path", r)) for r in app_routes(app) if rule_of(r) is None]
    if missing:
        raise ConfigError(f"routes without an access rule: {', '.join(missing)}")
    return app


async def _http_error(request: Request, exc: HTTPException) -> Response:
    headers: dict[str, Any] = dict(exc.headers or {})
    if exc.status_code == 303 and "Location" in headers:
        return RedirectResponse(headers["Location"], 303)
    if is_api(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=headers)
    return pages.error_page(request, exc.status_code, str(exc.detail), headers)


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    if is_api(request):
        # FastAPI's answer, but ASCII-escaped: the errors echo the input, which may hold a lone surrogate
        # that UTF-8 cannot encode (a 500 otherwise).
        body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True, default=str)
        return Response(body, 422, media_type="application/json")
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
        for e in exc.errors()
    )
    return pages.error_page(request, 422, f"the request is not valid ({problems})", {})
