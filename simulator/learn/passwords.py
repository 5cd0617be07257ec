"""Password storage and verification.

Learn never keeps a clear-text password. A password given in clear is kept as a salted
SHA-256 digest; one given pre-hashed (`pwencryptiontype` MD5 or SSHA) is kept as
given and verified with its own scheme. A user created without a password gets a
random SHA-512 digest that no password matches.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

SCHEMES = ("MD5", "SSHA")


def hash_password(clear: str) -> str:
    salt = os.urandom(8).hex()
    return f"SHA256${salt}${hashlib.sha256((salt + clear).encode()).hexdigest()}"


def prehashed(value: str, scheme: str) -> str:
    """Keep a feed's already-hashed password with the name of its scheme."""
    return f"{scheme.upper()}${value}"


def unusable_password() -> str:
    """Learn's random SHA-512 password for users created without one."""
    return "RANDOM$" + hashlib.sha512(secrets.token_bytes(32)).hexdigest()


def verify(stored: str, clear: str) -> bool:
    scheme, _, rest = stored.partition("$")
    if scheme == "SHA256":
        salt, _, digest = rest.partition("$")
        return hmac.compare_digest(digest, hashlib.sha256((salt + clear).encode()).hexdigest())
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
