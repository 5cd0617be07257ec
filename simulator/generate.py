"""Synthetic person feeds for demos and benchmarks.

Names come from Faker (seeded, so a given seed always gives the same file); keys and
user ids are numbered so that any size stays unique and refresh files can be made as
subsets of a store file.
"""
from __future__ import annotations

from typing import Iterator

HEADER = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|EMAIL|M_PHONE|AVAILABLE_IND|DATA_SOURCE_KEY"


def person_rows(count: int, seed: int = 1, data_source: str = "SIS.PERSONS", start: int = 0,
                pool: int = 1000) -> Iterator[str]:
    """`count` person rows numbered from `start`. Faker draws a pool of names once;
    rows cycle through it, so a million rows cost a million string joins, not a
    million Faker calls."""
    from faker import Faker

    fake = Faker()
    Faker.seed(seed)
    firsts = [fake.first_name() for _ in range(pool)]
    lasts = [fake.last_name() for _ in range(pool)]
    phones = [fake.numerify("+1 202 555 ####") for _ in range(pool)]
    for n in range(start, start + count):
        first, last = firsts[n % pool], lasts[(n * 7) % pool]
        user = f"{first[0].lower()}{last.lower()}{n}"
        available = "N" if n % 50 == 0 else "Y"
        yield f"p{n:08d}|{user}|pw{n}|{first}|{last}|{user}@example.edu|{phones[n % pool]}|{available}|{data_source}"


def person_feed(count: int, **kwargs) -> str:
    return "\n".join([HEADER, *person_rows(count, **kwargs)]) + "\n"
