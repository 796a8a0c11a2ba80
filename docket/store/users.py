"""Users of the web app and their login sessions, in the same SQLite file as the record.

The store keeps what it is given: a password *hash* (`docket.serve.auth` hashes with argon2id) and a
session token's sha256, never the token itself, so a copy of the database logs nobody in.
Times are UTC ISO 8601 strings (`2024-05-01T12:00:00Z`), which sort as they compare.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, cast

from docket.errors import AccessError

Role = Literal["viewer", "analyst", "admin"]
# In rising order: each role may do everything the roles before it may.
ROLES: tuple[Role, ...] = ("viewer", "analyst", "admin")
USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

Transaction = Callable[[], AbstractContextManager[sqlite3.Connection]]


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role
    created: str


def now(offset_seconds: int = 0) -> str:
    """The current UTC time (plus an offset) as the store writes times."""
    return (datetime.now(UTC) + timedelta(seconds=offset_seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise AccessError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
    return cast(Role, role)


class Users:
    """The users table and the sessions table. Get one from `SQLiteStore.users`."""

    def __init__(self, conn: sqlite3.Connection, transaction: Transaction) -> None:
        self._conn = conn
        self._transaction = transaction

    def add(self, name: str, role: str, password_hash: str) -> User:
        """Add a user; AccessError if the name is taken or not a valid name, or the role unknown."""
        if not USER_NAME.fullmatch(name):
            raise AccessError(
                f"invalid user name {name!r}: 1 to 64 letters, digits, '.', '_', '@' or '-', "
                "starting with a letter or digit"
            )
        user = User(name, check_role(role), now())
        with self._transaction() as c:
            if c.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise AccessError(f"user {name!r} already exists; remove it first to change it")
            c.execute(
                "INSERT INTO users (name, role, password, created) VALUES (?, ?, ?, ?)",
                (user.name, user.role, password_hash, user.created),
            )
        return user

    def remove(self, name: str) -> bool:
        """Remove a user and end their sessions; False if there was no such user."""
        with self._transaction() as c:
            return c.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount > 0

    def list(self) -> list[User]:
        """Every user, by name."""
        rows = self._conn.execute("SELECT name, role, created FROM users ORDER BY name")
        return [User(n, cast(Role, r), c) for n, r, c in rows]

    def get(self, name: str) -> User | None:
        row = self._conn.execute("SELECT name, role, created FROM users WHERE name = ?", (name,)).fetchone()
        return User(row[0], cast(Role, row[1]), row[2]) if row else None

    def password_hash(self, name: str) -> str | None:
        row = self._conn.execute("SELECT password FROM users WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_password_hash(self, name: str, password_hash: str) -> None:
        with self._transaction() as c:
            c.execute("UPDATE users SET password = ? WHERE name = ?", (password_hash, name))

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM users").fetchone()[0]

    def has_admin(self) -> bool:
        return self._conn.execute("SELECT 1 FROM users WHERE role = 'admin' LIMIT 1").fetchone() is not None

    # -- sessions ------------------------------------------------------------------------------------

    def start_session(self, token_hash: str, name: str, seconds: int) -> None:
        """Record a new session of `name` for `seconds`; expired sessions are swept at the same time."""
        with self._transaction() as c:
            c.execute("DELETE FROM sessions WHERE expires <= ?", (now(),))
            c.execute(
                "INSERT INTO sessions (token, user, created, expires) VALUES (?, ?, ?, ?)",
                (token_hash, name, now(), now(seconds)),
            )

    def session_user(self, token_hash: str) -> User | None:
        """The user of an unexpired session, or None."""
        row = self._conn.execute(
            "SELECT u.name, u.role, u.created FROM sessions s JOIN users u ON u.name = s.user "
            "WHERE s.token = ? AND s.expires > ?",
            (token_hash, now()),
        ).fetchone()
        return User(row[0], cast(Role, row[1]), row[2]) if row else None

    def end_session(self, token_hash: str) -> None:
        with self._transaction() as c:
            c.execute("DELETE FROM sessions WHERE token = ?", (token_hash,))
