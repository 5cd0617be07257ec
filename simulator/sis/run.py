"""`FeedRun`: everything one row's processing needs (Learn, the integration, the data set)."""
from __future__ import annotations

from dataclasses import dataclass

from simulator.learn import Learn
from simulator.sis.dataset import DataSet
from simulator.sis.integration import Integration


@dataclass(slots=True)
class FeedRun:
    learn: Learn
    integration: Integration
    dataset: DataSet
    line: int | None = None

    def warning(self, message: str, field: str | None = None) -> None:
        self.dataset.warning(message, self.line, field)

    def info(self, message: str) -> None:
        self.dataset.info(message, self.line)
