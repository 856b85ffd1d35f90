"""Version counters in the shared cache: what was cached under an older version is
no longer read, so one increment forgets it on every app server at once.

A counter moves on when the data changes, and again when the transaction commits:
something cached in between, counted from the old rows, is not kept as current.

A bump that cannot reach Redis is not lost: it is remembered in this process, the
counter's cached values are bypassed (built afresh, never read) while it waits, and
it is written as soon as Redis answers again (``cms.core.redis_breaker.on_recovery``).
A bump lost on another server is not known here, and that server writes it only when
it next asks Redis: so every process that saw the outage moves every counter on when
Redis is back, and nothing cached before the outage is read again on any server.
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

from . import redis_breaker

logger = logging.getLogger(__name__)

#: The versions read during the current request, per thread (None outside requests).
_request = threading.local()
#: Counters whose bump could not be written to Redis yet.
_unwritten: set[str] = set()
_unwritten_lock = threading.Lock()
#: Every counter this process uses: all are moved on after an outage.
_known: set[str] = set()
#: Per thread: counters whose data its open transaction changed since it last read them.
_changed_here = threading.local()


def _changed_in_this_transaction() -> set[str]:
    if not hasattr(_changed_here, "keys"):
        _changed_here.keys = set()
    return _changed_here.keys


class _Recent:
    """The entries this process read last, by versioned key, as pickled bytes.

    What is kept under ``<key>:<version>`` never changes (a change makes a new version,
    so a new key): a copy here is as good as Redis's, without a round trip. Under load a
    round trip is a wait for the CPU, and a lesson page made twenty. Each read unpickles
    its own copy, so no request sees another's changes to an object. Bounded in entries
    and bytes; an entry also ends at its own timeout, as in Redis. A camp morning of 50
    camps reads, in every worker, about 1,500 girls' accounts, 4,500 records of a lesson
    and their camps: at 4,096 entries they pushed each other out before they were read
    again. The bytes bound the memory.
    """

    def __init__(self, max_entries: int = 16384, max_bytes: int = 16 * 1024 * 1024):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
        return pickle.loads(found[1])  # noqa: S301 - bytes this process pickled itself

    def put(self, key: str, value, timeout: float) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(data) > self.max_bytes // 16:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (time.monotonic() + timeout, data)
            self._bytes += len(data)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old[1])


#: Shared by every counter of this process.
recent = _Recent()


def _breaker():
    return getattr(getattr(cache, "client", None), "breaker", None)


class DataVersion:
    """One counter, stored under ``key`` with no expiry."""

    def __init__(self, key: str):
        self.key = key
        _known.add(key)

    def current(self) -> int:
        """Read once per request: a page asks several times while it is drawn."""
        self._moved_for_this_transaction()
        seen = getattr(_request, "versions", None)
        if seen is not None and self.key in seen:
            return seen[self.key]
        if self.still_unwritten():  # what is kept under the stored version may be stale
            return time.time_ns()
        breaker = _breaker()
        was_down = bool(breaker and breaker.down)
        value = cache.get(self.key)
        if was_down and not breaker.down:  # this call found Redis back: counters moved on
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
            written = cache.incr(self.key) is not None
        except ValueError:
            written = cache.set(self.key, time.time_ns(), None) is not False
        breaker = _breaker()
        with _unwritten_lock:
            if written and not (breaker and breaker.down):
                _unwritten.discard(self.key)
            else:
                _unwritten.add(self.key)

    @property
    def unwritten(self) -> bool:
        """A bump is waiting for Redis: what is cached for this counter may be stale."""
        return self.key in _unwritten

    def still_unwritten(self) -> bool:
        """Try the waiting bump again (at no cost while the breaker skips Redis)."""
        if self.key in _unwritten:
            self.bump()
        return self.unwritten

    def kept(self, key: str, build, timeout: int, shared: bool = True):
        """``build()``, kept in the cache under ``key`` for the current version.
        Nothing is kept when ``build`` finds nothing (None): it is asked again.
        ``shared=False``: kept in this process only, never written to Redis (only the
        counter is read there)."""
        if self.still_unwritten():
            return build()
        versioned = f"{key}:{self.current()}"
        value = recent.get(versioned)
        if value is not None:
            return value
        value = read_kept(versioned) if shared else None
        if value is None:
            value = build()
            if value is not None and shared:
                cache.set(versioned, value, timeout)
        breaker = _breaker()
        if value is not None and not self.unwritten and not (breaker and breaker.down):
            recent.put(versioned, value, timeout)  # not a stand-in version made while away
        return value

    def changed(self) -> None:
        """Call when the data changes, inside or outside a transaction.

        Outside one, the counter moves on now. Inside one, it moves on when the
        transaction commits, and before that if this thread reads the counter again
        (``current``): what it reads then may hold the transaction's own changes."""
        if not transaction.get_connection().in_atomic_block:
            self.bump()
            return
        _changed_in_this_transaction().add(self.key)
        transaction.on_commit(self._committed)

    def _committed(self) -> None:
        _changed_in_this_transaction().discard(self.key)
        self.bump()

    def _moved_for_this_transaction(self) -> None:
        changed_here = _changed_in_this_transaction()
        if self.key in changed_here:
            changed_here.discard(self.key)
            self.bump()


def read_together(versions) -> None:
    """Read several counters in one round trip (one MGET) into this request's memo, for
    counters that nearly every request reads one after the other. A counter not found,
    or one whose bump still waits, is left to ``current``; nothing is read outside a
    request or while Redis is away (``current`` finds it back)."""
    seen = getattr(_request, "versions", None)
    breaker = _breaker()
    if seen is None or (breaker and breaker.down):
        return
    changed_here = _changed_in_this_transaction()
    wanted = [version.key for version in versions
              if version.key not in seen and version.key not in _unwritten
              and version.key not in changed_here]
    if len(wanted) < 2:
        return
    found = cache.get_many(wanted)
    if breaker and breaker.down:  # the read failed: nothing was found
        return
    for key, value in found.items():
        if value is not None:
            seen[key] = value


def write_unwritten_bumps() -> None:
    """Redis is back: write every bump that was lost while it was away, and move every
    other counter on too (a bump lost on another server cannot be known here)."""
    with _unwritten_lock:
        keys = sorted(_unwritten | _known)
    for key in keys:
        DataVersion(key).bump()


def forget_unwritten() -> None:
    """Tests: no bump is waiting."""
    with _unwritten_lock:
        _unwritten.clear()


redis_breaker.on_recovery(write_unwritten_bumps)


def _start_request(**kwargs) -> None:
    _request.versions = {}
    if not transaction.get_connection().in_atomic_block:
        # Left by a transaction rolled back after a change: nothing of it can be read.
        _changed_in_this_transaction().clear()


def _end_request(**kwargs) -> None:
    _request.versions = None


request_started.connect(_start_request, dispatch_uid="data-versions-start")
request_finished.connect(_end_request, dispatch_uid="data-versions-end")


def read_kept(key: str):
    """What the cache holds under ``key``, or None when it cannot be read back: a
    release that moved or renamed a class meets the pickles the one before it wrote
    (pages kept before the kernel moved to cms/core), and those count as not kept, not as an
    error on every page until they expire."""
    try:
        return cache.get(key)
    except (ImportError, AttributeError, pickle.UnpicklingError) as error:
        logger.warning("kept entry %s unreadable (%s): built again", key, type(error).__name__)
        return None
