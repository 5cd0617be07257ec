"""What one scenario remembers between its steps."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import requests

from steps.client import FeedCredentials


@dataclass
class World:
    integrations: dict[str, FeedCredentials] = field(default_factory=dict)
    current: str | None = None
    response: requests.Response | None = None
    dataset_uid: str | None = None
    dataset_owner: str | None = None

    def integration(self, bbid: str | None = None) -> FeedCredentials:
        name = bbid or self.current
        assert name in self.integrations, f"no integration {name!r} was set up in this scenario"
        return self.integrations[name]


@pytest.fixture
def world() -> World:
    return World()
