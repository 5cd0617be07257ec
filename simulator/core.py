"""`Simulator`: one clock, one Learn, and the surfaces that read and write it."""
from __future__ import annotations

from datetime import datetime

from simulator.clock import Clock
from simulator.connect import Connect
from simulator.connector.service import Connector
from simulator.learn import Learn
from simulator.learn.restapps import RestApps
from simulator.sis import SisFramework


class Simulator:
    """Everything a Learn server holds. Build a new one to start from nothing."""

    def __init__(self, start_time: datetime | None = None) -> None:
        """`start_time`: a fixed moment the clock starts at and keeps, except when advanced;
        None: the wall clock (see `simulator.clock`)."""
        self.clock = Clock(start_time)
        self.learn = Learn(self.clock)
        self.sis = SisFramework(self.learn, self.clock)
        self.rest = RestApps(self.clock)
        self.connect = Connect(self.learn, self.clock)
        self.connector = Connector(self.learn)
