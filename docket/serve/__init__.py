"""docket's web app: browse and search the record, with access control (`docket serve`)."""

from __future__ import annotations

from docket.serve.app import check_can_serve, create_app

__all__ = ["check_can_serve", "create_app"]
