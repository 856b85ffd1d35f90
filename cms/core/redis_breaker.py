"""A circuit breaker in front of Redis: an outage costs one failed call, not one per use.

Redis is an accelerator here (the cache, the certificate check's counter, Wagtail's
renditions), never the only place something lives. When a call to Redis fails because
Redis cannot be reached, the breaker opens: for ``REDIS_BREAKER_SECONDS`` (default 5)
every cache call in this process fails at once, without touching the network, and the
forgiving caches answer with a miss. The next call after that tries Redis again; the
first that succeeds closes the breaker and runs the recovery hooks (version counters
whose bump was lost, ``cms.core.data_versions``). One warning is logged when Redis goes
away and one when it is back, instead of a traceback per call.

Used as django-redis' ``CLIENT_CLASS`` (``cms.settings.base.redis_caches``).
"""

from __future__ import annotations

import functools
import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("cms.redis")

#: Failures that mean "Redis cannot be reached" (a wrong command does not open the breaker).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)


class BreakerOpen(RedisConnectionError):
    """Redis was not asked: it failed a moment ago."""


def open_seconds() -> float:
    return float(getattr(settings, "REDIS_BREAKER_SECONDS", 5))


def describe(server: str) -> str:
    """The server's address for a log line, without a password."""
    parts = urlsplit(server)
    return f"{parts.hostname or server}:{parts.port or 6379}{parts.path or ''}"


class Breaker:
    """The state of one Redis server, shared by every cache alias on it in this process."""

    def __init__(self, name: str):
        self.name = name
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.down_since: float | None = None

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def allows_a_call(self) -> bool:
        return time.monotonic() >= self.open_until

    def failed(self, error: BaseException) -> None:
        with self.lock:
            first = self.down_since is None
            if first:
                self.down_since = time.monotonic()
            self.open_until = time.monotonic() + open_seconds()
        if first:
            logger.warning(
                "Redis at %s is unreachable (%s); the cache is skipped, and tried again "
                "every %g s", self.name, type(error).__name__, open_seconds())

    def succeeded(self) -> None:
        if self.down_since is None:  # the usual case: no lock taken
            return
        with self.lock:
            if self.down_since is None:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since, self.open_until = None, 0.0
        logger.warning("Redis at %s answers again, after %.0f s away", self.name, seconds)
        for hook in list(_recovery_hooks):
            try:
                hook()
            except Exception as error:  # a hook must never fail the call that found Redis
                logger.warning("after Redis came back, %s failed: %s",
                               getattr(hook, "__qualname__", hook), type(error).__name__)


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()
_recovery_hooks: list[Callable[[], None]] = []


def breaker_for(server: str) -> Breaker:
    name = describe(server)
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name)
        return _breakers[name]


def failing() -> bool:
    """Is Redis (any of the servers in use) away in this process right now?"""
    return any(breaker.down for breaker in list(_breakers.values()))


def on_recovery(hook: Callable[[], None]) -> None:
    """Run ``hook()`` each time Redis answers again after an outage."""
    if hook not in _recovery_hooks:
        _recovery_hooks.append(hook)


def reset() -> None:
    """Forget every outage (tests)."""
    for breaker in list(_breakers.values()):
        breaker.down_since, breaker.open_until = None, 0.0


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        breaker = self.breaker
        self._refuse_while_open()  # before any work (a value pickled for nothing)
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            cause = error.__cause__
            if isinstance(cause, UNREACHABLE) and not isinstance(cause, BreakerOpen):
                breaker.failed(cause)
            raise
        except UNREACHABLE as error:
            if not isinstance(error, BreakerOpen):
                breaker.failed(error)
            raise
        breaker.succeeded()
        return result

    return call


GUARDED = (
    "set", "add", "get", "delete", "delete_many", "delete_pattern", "clear", "get_many",
    "set_many", "incr", "decr", "has_key", "ttl", "pttl", "persist", "expire", "pexpire",
    "expire_at", "pexpire_at", "keys", "touch", "incr_version",
)


class BreakerClient(DefaultClient):
    """django-redis' client, skipping Redis while its breaker is open."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.breaker = breaker_for(self._server[0])

    def _refuse_while_open(self) -> None:
        if not self.breaker.allows_a_call():
            raise ConnectionInterrupted(connection=None) from BreakerOpen(
                f"Redis at {self.breaker.name} failed less than {open_seconds():g} s ago")

    def get_client(self, *args, **kwargs):
        self._refuse_while_open()
        return super().get_client(*args, **kwargs)

    def get_client_with_index(self, *args, **kwargs):
        self._refuse_while_open()
        return super().get_client_with_index(*args, **kwargs)


for _name in GUARDED:
    if hasattr(DefaultClient, _name):
        setattr(BreakerClient, _name, _guarded(getattr(DefaultClient, _name)))
