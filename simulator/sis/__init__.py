"""Snapshot Flat File: integrations, the feed reader, feed objects, operations, data sets."""
from simulator.sis.framework import FeedRefused, SisFramework

__all__ = ["SisFramework", "FeedRefused"]
