"""Version counters in the shared cache: what was cached under an older version is
no longer read, so one increment forgets it on every app server at once.

A counter moves on when the data changes, and again when the transaction commits:
something cached in between, counted from the old rows, is not kept as current.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction


class DataVersion:
    """One counter, stored under ``key`` with no expiry."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # A fresh start (or an evicted key) never meets an entry of an older version.
            cache.add(self.key, time.time_ns(), None)
            value = cache.get(self.key) or time.time_ns()
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns(), None)

    def changed(self) -> None:
        """Call when the data changes, inside or outside a transaction."""
        self.bump()
        transaction.on_commit(self.bump)
