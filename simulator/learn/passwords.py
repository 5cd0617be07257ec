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
from itertools import islice, repeat
from operator import add, eq, itemgetter, methodcaller
from typing import Sequence

from simulator.learn.ids import random_bytes

SCHEMES = ("MD5", "SSHA")
SALT_BYTES = 16
_sha256 = hashlib.sha256
_digest = methodcaller("digest")
_eight_bytes = methodcaller("to_bytes", 8, "big")
_salt_of = itemgetter(slice(0, SALT_BYTES))
_NEVER = bytes(SALT_BYTES)
"""Stands in for a stored password that is not a salted digest: it never matches."""


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

    def take_many(self, count: int) -> list[bytes]:
        return list(map(add, repeat(self.prefix), map(_eight_bytes, islice(self.counter, count))))


_SALTS = _Salts()


def renew_salts() -> None:
    """Start a new random salt prefix (once per feed: a fresh prefix costs one system call)."""
    _SALTS.renew()


def hash_password(clear: str) -> bytes:
    """The stored form of a clear password: salt + SHA-256(salt + password)."""
    salt = _SALTS.take()
    return salt + _sha256(salt + clear.encode()).digest()


def hash_passwords(clears: Sequence[str]) -> list[bytes]:
    """`hash_password` for many passwords at once (a feed's batch: no Python-level loop)."""
    salts = _SALTS.take_many(len(clears))
    return list(map(add, salts, map(_digest, map(_sha256, map(add, salts, map(str.encode, clears))))))


def verify_many(stored: Sequence[str | bytes], clears: Sequence[str]) -> list[bool]:
    """For each (stored, clear) pair: True when the clear password is the one a salted
    SHA-256 `stored` keeps (a pre-hashed or random stored password gives False here:
    `verify` decides those one by one). Compares stored data, not a login attempt."""
    if set(map(type, stored)) != {bytes}:
        stored = [s if type(s) is bytes else _NEVER for s in stored]
    fresh = map(_digest, map(_sha256, map(add, map(_salt_of, stored), map(str.encode, clears))))
    return list(map(bytes.endswith, stored, fresh))  # the stored form ends with the digest


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
