"""One exception tree for docket. Per-document problems become `Rejection` records, not crashes.

    DocketError            base of every error docket raises on purpose
    ├── InputError         a file or record cannot be read (becomes a Rejection during a build)
    ├── StoreError         the database cannot be opened, migrated or written
    ├── ConfigError        a setting or a command-line value is wrong
    ├── AccessError        a user, role or password is wrong, or serving would be unsafe
    │   └── UnsafeServeError   `docket serve` off loopback while no admin user exists
    └── ReviewError        a review decision cannot be made (an edit's value is wrong, no such record)

The CLI maps each class to an exit status (`EXIT_CODES`), so scripts can tell them apart.
"""

from __future__ import annotations


class DocketError(Exception):
    """Base class of every error docket raises on purpose."""


class InputError(DocketError):
    """A file or record cannot be read; the message names the reason in plain words."""

    def __init__(self, ref: str, reason: str) -> None:
        super().__init__(f"{ref}: {reason}")
        self.ref = ref
        self.reason = reason


class StoreError(DocketError):
    """The database cannot be opened, migrated or written."""


class ConfigError(DocketError):
    """A setting or command-line value is wrong."""


class AccessError(DocketError):
    """A user, role or password is wrong (unknown user, duplicate name, weak password, ...)."""


class UnsafeServeError(AccessError):
    """The web app would serve the record on a non-loopback address while no admin user exists."""


class ReviewError(DocketError):
    """A review decision cannot be made: an edited value is not valid, or the record does not exist."""


# Exit statuses of the `docket` command. 1 means "finished, but some input was rejected".
EXIT_CODES: dict[type[DocketError], int] = {
    InputError: 1,
    ConfigError: 2,
    StoreError: 3,
    DocketError: 4,
    AccessError: 5,
}


def exit_code(error: DocketError) -> int:
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 4
