"""Password storage and verification.

Learn never keeps a clear-text password. A password given in clear is kept as a salted
SHA-256 digest, stored compactly as 48 bytes: the 16-byte salt, then the digest. Salts
are unique without a system call per password: a random 8-byte prefix (renewed for
every feed, see `renew_salts`) followed by an 8-byte counter. A password given
pre-hashed (`pwencryptiontype` MD5 or SSHA) is kept as given, `SCHEME$value`, and
verified with its own scheme. A user created without a password gets a random
SHA-512 digest (`RANDOM$…`) that no password matches.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import itertools

from simulator.learn.ids import random_bytes

SCHEMES = ("MD5", "SSHA")
SALT_BYTES = 16
_sha256 = hashlib.sha256


class _Salts:
    """Unique salts: a random prefix and a counter."""

    __slots__ = ("prefix", "counter")

    def __init__(self) -> None:
        self.renew()

    def renew(self) -> None:
        self.prefix = random_bytes(8)
        self.counter = itertools.count(1)

    def take(self) -> bytes:
        return self.prefix + next(self.counter).to_bytes(8, "big")


_SALTS = _Salts()


def renew_salts() -> None:
    """Start a new random salt prefix (once per feed: a fresh prefix costs one system call)."""
    _SALTS.renew()


def hash_password(clear: str) -> bytes:
    """The stored form of a clear password: salt + SHA-256(salt + password)."""
    salt = _SALTS.take()
    return salt + _sha256(salt + clear.encode()).digest()


def prehashed(value: str, scheme: str) -> str:
    """Keep a feed's already-hashed password with the name of its scheme."""
    return f"{scheme.upper()}${value}"


def unusable_password() -> str:
    """Learn's random SHA-512 password for users created without one."""
    return "RANDOM$" + hashlib.sha512(random_bytes(32)).hexdigest()


def is_unusable(stored: str | bytes) -> bool:
    return isinstance(stored, str) and stored.startswith("RANDOM$")


def verify(stored: str | bytes, clear: str) -> bool:
    if isinstance(stored, bytes):
        return hmac.compare_digest(stored[SALT_BYTES:], _sha256(stored[:SALT_BYTES] + clear.encode()).digest())
    scheme, _, rest = stored.partition("$")
    if scheme == "MD5":
        return hmac.compare_digest(rest.lower(), hashlib.md5(clear.encode()).hexdigest())
    if scheme == "SSHA":
        encoded = rest[6:] if rest.upper().startswith("{SSHA}") else rest
        try:
            raw = base64.b64decode(encoded, validate=True)
        except ValueError:
            return False
        digest, salt = raw[:20], raw[20:]
        return hmac.compare_digest(digest, hashlib.sha1(clear.encode() + salt).digest())
    return False
