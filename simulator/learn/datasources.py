"""Data sources: the labels (data source keys) that group records by where they came from."""
from __future__ import annotations

from dataclasses import dataclass

SYSTEM_DATA_SOURCE = "SYSTEM"


@dataclass(slots=True)
class DataSource:
    pk: str
    external_id: str
    description: str = ""
