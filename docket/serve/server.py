"""`docket serve`: the app under uvicorn."""

from __future__ import annotations

import click

from docket.config import Settings
from docket.serve.access import is_loopback
from docket.serve.app import create_app


def run(db: str, host: str, port: int, settings: Settings) -> None:
    """Serve `db` on host:port until interrupted. Refuses (UnsafeServeError) a non-loopback host while
    the database has no admin user."""
    import uvicorn

    app = create_app(db, settings, host=host)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {db} on http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    if not is_loopback(host):
        click.echo(
            "not on loopback: every page needs a login, and cookies are Secure, so put a TLS proxy in front",
            err=True,
        )
    uvicorn.run(
        app,
        host=host,
        port=port,
        proxy_headers=False,  # nothing here trusts X-Forwarded-*: access rules depend on the bind address
        server_header=False,
        log_level="info",
        timeout_keep_alive=5,
    )
