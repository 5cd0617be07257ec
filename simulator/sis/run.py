"""`FeedRun`: everything one row's processing needs (Learn, the integration, the data set,
and the feed's moment: the clock is read once per feed, and every record the feed
creates or changes is stamped with that time)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from simulator.learn import Learn
from simulator.sis.dataset import DataSet
from simulator.sis.integration import Integration


@dataclass(slots=True)
class FeedRun:
    learn: Learn
    integration: Integration
    dataset: DataSet
    line: int | None = None
    moment: datetime = field(default=None)  # type: ignore[assignment]
    columns: tuple[str, ...] | None = None
    """The columns every row has (the header's), or None when a field mapping reshapes rows."""
    shared: dict[str, str] = field(default_factory=dict)
    """One object per distinct value of the columns many rows repeat (first and last names)."""

    def __post_init__(self) -> None:
        if self.moment is None:
            self.moment = self.learn.now()

    def warning(self, message: str, field: str | None = None) -> None:
        self.dataset.warning(message, self.line, field)

    def info(self, message: str) -> None:
        self.dataset.info(message, self.line)
