"""schemathesis over the JSON API: every operation of `/api/openapi.json`, called with data that fits the
schema and data that does not, as an anonymous reader (loopback, no users yet) and as a logged-in admin.
No response may be a server error (>= 500).

The cases are drawn by Hypothesis, derandomized so that a run is repeatable, and few per operation so
the whole runs in well under a minute: `DOCKET_SCHEMATHESIS_EXAMPLES=200` draws more. Path parameters
are random strings half the time and ids of real records the other half, so the handlers run past
their 404. The calls go to the ASGI app in process, through schemathesis's own transport.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from serve_corpus import PASSWORD, USERS, add_users, build_db, client, csrf

from docket.serve import create_app

EXAMPLES = int(os.environ.get("DOCKET_SCHEMATHESIS_EXAMPLES", "12"))
BASE_URL = "http://localhost"  # a loopback Host: the app bound to 127.0.0.1 answers no other


def _schemathesis() -> Any:
    """The package, imported here so that its absence fails these tests and not the whole collection."""
    try:
        import schemathesis
    except ImportError as e:  # a dev dependency: requirements-dev.lock installs it
        pytest.fail(f"schemathesis is missing ({e}): `.venv/bin/pip install -r requirements-dev.lock`")
    return schemathesis


@dataclass
class Caller:
    """How one role calls the API: its cookies and CSRF header, and the operations it leaves out."""

    role: str
    app: FastAPI
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    skip: tuple[tuple[str, str], ...] = ()  # (method, path)
    ids: dict[str, list[str]] = field(default_factory=dict)  # path parameter -> ids of real records


def _real_ids(app: FastAPI, cookies: dict[str, str]) -> dict[str, list[str]]:
    """Ids of records that exist, read through the API as the caller."""
    c = client(app, BASE_URL)
    c.cookies.update(cookies)
    hits = {
        r["kind"]: [h["id"] for h in r["hits"]]
        for r in c.get("/api/search", params={"per_page": 100}).json()["results"]
    }
    events: list[str] = []
    for incident in hits.get("incident", []):
        page = c.get(f"/incidents/{incident}").text
        events += [part.split('"', 1)[0] for part in page.split('href="/events/')[1:]]
    ids = {
        "doc_id": hits.get("document", []),
        "incident_id": hits.get("incident", []),
        "entity_id": hits.get("entity", []),
        "event_id": sorted(set(events)),
    }
    assert all(ids.values()), ids
    return ids


@pytest.fixture(scope="module")
def anonymous(tmp_path_factory: pytest.TempPathFactory) -> Caller:
    """Loopback, no users: anyone may read, nobody may write."""
    db = tmp_path_factory.mktemp("st-anon") / "record.db"
    build_db(db)
    app = create_app(db)
    return Caller("anonymous", app, ids=_real_ids(app, {}))


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Caller:
    """Logged in as admin through `POST /api/login`; logging out would end the session the run uses."""
    db = tmp_path_factory.mktemp("st-admin") / "record.db"
    build_db(db)
    add_users(db)
    app = create_app(db)
    c = client(app, BASE_URL)
    r = c.post(
        "/api/login", json={"name": USERS["admin"], "password": PASSWORD}, headers={"X-CSRF-Token": csrf(c)}
    )
    assert r.status_code == 200, r.text
    cookies = dict(c.cookies.items())
    return Caller(
        "admin",
        app,
        cookies,
        {"X-CSRF-Token": r.json()["csrf_token"]},
        skip=(("POST", "/api/logout"),),
        ids=_real_ids(app, cookies),
    )


def _strategies(operation: Any, caller: Caller) -> st.SearchStrategy[Any]:
    mode_of = _schemathesis().GenerationMode
    modes = (mode_of.POSITIVE, mode_of.NEGATIVE)  # data that fits the schema, and data that does not
    names = [p.name for p in operation.path_parameters]
    options = [operation.as_strategy(generation_mode=mode) for mode in modes]
    if names:  # the same operation on records that exist
        options += [
            st.fixed_dictionaries({n: st.sampled_from(caller.ids[n]) for n in names}).flatmap(
                lambda fixed, mode=mode: operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            )
            for mode in modes
        ]
    return st.one_of(options)


def _caller_of(label: str, caller: Caller, seen: Counter[str], errors: list[str]) -> Callable[[Any], None]:
    not_a_server_error = _schemathesis().checks.not_a_server_error

    def call(case: Any) -> None:
        try:
            response = case.call(
                base_url=BASE_URL, headers=dict(caller.headers), cookies=dict(caller.cookies)
            )
        except Exception as e:  # in process the app's exception reaches the caller; uvicorn would answer 500
            seen[f"{label} raised"] += 1
            errors.append(f"{label} -> raised {e!r} (a 500 under uvicorn)\n{case.as_curl_command()}")
            raise
        seen[f"{label} {response.status_code}"] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as e:  # schemathesis's FailureGroup: keep going, report them all at the end
            errors.append(f"{label} -> {response.status_code}\n{case.as_curl_command()}\n{e}")
            raise

    return call


def _fuzz(caller: Caller) -> tuple[Counter[str], list[str]]:
    """Every operation of the schema, `EXAMPLES` cases each per kind of case; returns the statuses seen per
    operation and the server errors found (with a curl command to reproduce each)."""
    schema = _schemathesis().openapi.from_dict(caller.app.openapi())
    schema.app = caller.app
    seen: Counter[str] = Counter()
    errors: list[str] = []
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 10, [o.label for o in operations]
    for operation in operations:
        if (operation.method.upper(), operation.path) in caller.skip:
            continue

        call = _caller_of(operation.label, caller, seen, errors)
        run: Callable[[], None] = settings(
            max_examples=EXAMPLES * 2 * (2 if operation.path_parameters else 1),
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported as is
            suppress_health_check=list(HealthCheck),
        )(given(case=_strategies(operation, caller))(call))
        before = len(errors)
        try:
            run()
        except Exception:  # a server error is already in `errors`; anything else is the test's own
            if len(errors) == before:
                raise
    return seen, errors


def _report(caller: Caller, seen: Counter[str], errors: list[str]) -> str:
    statuses = "\n".join(f"  {k}: {n}" for k, n in sorted(seen.items()))
    return (
        f"{len(errors)} server error(s) as {caller.role}:\n\n"
        + "\n\n".join(errors)
        + f"\n\nstatuses:\n{statuses}"
    )


def test_api_schemathesis_anonymous_gets_no_server_error(anonymous: Caller) -> None:
    seen, errors = _fuzz(anonymous)
    assert not errors, _report(anonymous, seen, errors)
    # Anonymous reads (no users yet, loopback) and may not write.
    assert seen["GET /api/stats 200"] > 0 and seen["GET /api/documents/{doc_id} 200"] > 0, seen
    assert not [k for k in seen if k.startswith("POST /api/documents/{doc_id}/restricted 2")], seen


def test_api_schemathesis_admin_gets_no_server_error(admin: Caller) -> None:
    seen, errors = _fuzz(admin)
    assert not errors, _report(admin, seen, errors)
    # The run was logged in throughout: admin-only reads answered, and the session still stands.
    assert seen["GET /api/users 200"] > 0 and seen["GET /api/audit 200"] > 0, seen
    assert seen["POST /api/documents/{doc_id}/restricted 200"] > 0, seen
    c = client(admin.app, BASE_URL)
    c.cookies.update(admin.cookies)
    assert c.get("/api/me").json()["role"] == "admin"
