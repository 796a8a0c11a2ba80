"""Passwords, session tokens, CSRF tokens and the login throttle.

- Passwords are hashed with argon2id (argon2-cffi's `PasswordHasher`, its RFC 9106 defaults); a hash
  made with older parameters is replaced on the next successful login. A login for an unknown name
  still verifies a hash, so the time taken does not tell which names exist.
- A session is a random token (256 bits) in an HttpOnly, SameSite=Strict cookie; the database keeps
  only its sha256, so a copy of the database logs nobody in.
- The CSRF token of a client is derived from its cookie (the session's, or before login a random
  "pre-session" cookie): HMAC-SHA256(cookie, "docket csrf"). A page from another site can neither
  read the cookie nor compute the token, and nothing extra is stored.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
import threading
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from docket.config import Settings
from docket.errors import AccessError
from docket.store import User, Users

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def check_password(password: str, settings: Settings) -> None:
    """AccessError unless the password's length is within the configured bounds."""
    if len(password) < settings.min_password_chars:
        raise AccessError(f"the password is too short: at least {settings.min_password_chars} characters")
    if len(password) > settings.max_password_chars:
        raise AccessError(f"the password is too long: at most {settings.max_password_chars} characters")


def hash_password(password: str, settings: Settings) -> str:
    check_password(password, settings)
    return _hasher.hash(password)


def authenticate(users: Users, name: str, password: str, settings: Settings) -> User | None:
    """The user whose name and password these are, or None (same work either way)."""
    stored = users.password_hash(name) if len(password) <= settings.max_password_chars else None
    try:
        _hasher.verify(stored or _dummy_hash(), password[: settings.max_password_chars])
    except (VerificationError, InvalidHashError):
        return None
    if stored is None:
        return None
    if _hasher.check_needs_rehash(stored):
        users.set_password_hash(name, _hasher.hash(password))
    return users.get(name)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_for(cookie_token: str) -> str:
    return hmac.new(cookie_token.encode("utf-8"), b"docket csrf", hashlib.sha256).hexdigest()


def csrf_ok(cookie_token: str | None, sent: str | None) -> bool:
    if not cookie_token or not sent:
        return False
    return hmac.compare_digest(csrf_for(cookie_token).encode(), sent.encode("utf-8", "replace"))


class LoginThrottle:
    """After `failures` failed logins for one name within `seconds`, refuse that name for `seconds`
    (in this process's memory: a restart forgets, which is fine for slowing down guessing)."""

    def __init__(self, failures: int, seconds: int) -> None:
        self._failures = failures
        self._seconds = seconds
        self._seen: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        times = [t for t in self._seen.get(key, []) if now - t < self._seconds]
        if times:
            self._seen[key] = times
        else:
            self._seen.pop(key, None)
        return times

    def locked(self, name: str) -> bool:
        with self._lock:
            return len(self._recent(name.casefold(), time.monotonic())) >= self._failures

    def failed(self, name: str) -> None:
        with self._lock:
            key, now = name.casefold(), time.monotonic()
            self._seen[key] = [*self._recent(key, now), now][-self._failures :]
            if len(self._seen) > 10_000:  # names are chosen by whoever knocks: bound the memory
                self._seen.pop(next(iter(self._seen)))

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._seen.pop(name.casefold(), None)
