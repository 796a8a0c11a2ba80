"""ASGI middleware: security headers, the Host check, the request body limit, the pre-session cookie,
and closing each request's store.

Headers on every response: a Content-Security-Policy that allows only this origin's own files (no
inline script or style, no framing, forms post only here), X-Content-Type-Options, Referrer-Policy,
X-Frame-Options, Cross-Origin-Opener/Resource-Policy, Permissions-Policy, and Cache-Control: no-store
on everything but the static files (pages hold names of victims and witnesses).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docket.serve.access import ServeState
from docket.serve.auth import new_token

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (
        b"referrer-policy",
        b"same-origin",
    ),  # no-referrer makes chromium send Origin: null on same-origin form posts, which the CSRF check refuses
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _TooLarge(HTTPException):
    """Raised from `receive` when a body without a Content-Length grows past the limit. An HTTPException,
    so that the framework, which turns other errors while reading a body into a 400, passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


class Guards:
    """The outermost layer of the app (see the module's docstring)."""

    def __init__(self, app: ASGIApp, state: ServeState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        static = scope["path"].startswith("/static/")
        # On loopback, only loopback names: a page elsewhere cannot reach us by DNS rebinding.
        if self.state.loopback and _host_name(headers.get("host", "")).lower() not in LOOPBACK_HOSTS:
            await _plain(send, 400, "unknown host: on loopback docket answers only 127.0.0.1 or localhost")
            return
        limit = self.state.settings.max_request_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _plain(send, 413, f"request body over {limit} bytes")
            return
        cookie = f"{self.state.presession_cookie}="
        set_cookie: bytes | None = None
        if not static and cookie not in headers.get("cookie", ""):
            token = new_token()
            scope["docket_presession"] = token  # the guard derives this request's CSRF token from it
            secure = "; Secure" if self.state.secure else ""
            set_cookie = f"{cookie}{token}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge(limit)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = list(HEADERS)
                extra.append((b"cache-control", b"public, max-age=3600" if static else b"no-store"))
                if set_cookie:
                    extra.append((b"set-cookie", set_cookie))
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in extra if k not in names or k == b"set-cookie"),
                ]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _plain(send_with_headers, 413, f"request body over {limit} bytes")
        finally:
            store: Any = scope.get("state", {}).get("store")
            if store is not None:
                store.close()


async def _plain(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
