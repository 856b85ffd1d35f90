"""Version counters in the shared cache: what was cached under an older version is
no longer read, so one increment forgets it on every app server at once.

A counter moves on when the data changes, and again when the transaction commits:
something cached in between, counted from the old rows, is not kept as current.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

#: The versions read during the current request, per thread (None outside requests).
_request = threading.local()


class DataVersion:
    """One counter, stored under ``key`` with no expiry."""

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        """Read once per request: a page asks several times while it is drawn."""
        seen = getattr(_request, "versions", None)
        if seen is not None and self.key in seen:
            return seen[self.key]
        value = cache.get(self.key)
        if value is None:
            # A fresh start (or an evicted key) never meets an entry of an older version.
            cache.add(self.key, time.time_ns(), None)
            value = cache.get(self.key) or time.time_ns()
        if seen is not None:
            seen[self.key] = value
        return value

    def bump(self) -> None:
        seen = getattr(_request, "versions", None)
        if seen is not None:
            seen.pop(self.key, None)
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns(), None)

    def kept(self, key: str, build, timeout: int):
        """``build()``, kept in the cache under ``key`` for the current version.
        Nothing is kept when ``build`` finds nothing (None): it is asked again."""
        versioned = f"{key}:{self.current()}"
        value = cache.get(versioned)
        if value is None:
            value = build()
            if value is not None:
                cache.set(versioned, value, timeout)
        return value

    def changed(self) -> None:
        """Call when the data changes, inside or outside a transaction."""
        self.bump()
        transaction.on_commit(self.bump)


def _start_request(**kwargs) -> None:
    _request.versions = {}


def _end_request(**kwargs) -> None:
    _request.versions = None


request_started.connect(_start_request, dispatch_uid="data-versions-start")
request_finished.connect(_end_request, dispatch_uid="data-versions-end")
