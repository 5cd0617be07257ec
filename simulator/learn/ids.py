"""Learn's primary keys (`_<n>_1` strings, one counter per table) and random ids.

Random ids (uuid prefixes, data set reference codes, password-salt prefixes) come from a
generator seeded once per process from the system's randomness: unpredictable to a
client, unique with overwhelming probability, and no system call per id (on a busy
machine `os.urandom` costs a third of a millisecond).
"""
from __future__ import annotations

import random
import re
import secrets

PK_PATTERN = re.compile(r"^_(\d+)_1$")
_RANDOM = random.Random(secrets.randbits(256))


def random_hex(digits: int) -> str:
    """`digits` random hexadecimal digits (32 make a uuid-like id)."""
    return f"{_RANDOM.getrandbits(digits * 4):0{digits}x}"


def random_bytes(count: int) -> bytes:
    return _RANDOM.getrandbits(count * 8).to_bytes(count, "big")


class PkSequence:
    """Hands out Learn-style primary keys `_1_1`, `_2_1`, … for one table."""

    __slots__ = ("_next",)

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def take(self) -> str:
        pk = f"_{self._next}_1"
        self._next += 1
        return pk

    def take_many(self, count: int) -> list[str]:
        """The next `count` keys, in order."""
        start, self._next = self._next, self._next + count
        return list(map("_{}_1".format, range(start, start + count)))
