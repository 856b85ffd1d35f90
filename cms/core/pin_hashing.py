"""Hashing a class's PINs on every core of the server.

A new class of 30 needs 30 hashes with the PIN hasher (``cms.core.hashers``: about 25 ms
of CPU each): in one process the facilitator waits for all of them in a row. Here
they are spread over a pool of this server's own processes, kept warm for the life of
the web worker. A plain PIN goes to them through the pool's pipe and lives only in
their memory while it is hashed: never a task queue, a file or the database.

The processes are started by a fork server (as the PDF parts are, ``cms.core.pdf``), never
forked from the web worker, whose threads a fork would leave half-copied. They need no
Django set-up: the hasher object travels with the work.
"""

from __future__ import annotations

import os

_pool = None
_pool_size = 0


def encode(hasher, pin: str, salt: str) -> str:
    """One PIN's hash (in a pool process)."""
    return hasher.encode(pin, salt)


def processes() -> int:
    from django.conf import settings

    configured = getattr(settings, "PIN_HASH_PROCESSES", None)
    return max(1, configured if configured else (os.cpu_count() or 1))


def pool(size: int):
    global _pool, _pool_size
    import atexit
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _pool is not None and _pool_size == size:
        return _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cms.core.pin_hashing", "django.contrib.auth.hashers"])
    _pool, _pool_size = ProcessPoolExecutor(max_workers=size, mp_context=context), size
    atexit.register(_pool.shutdown, wait=False, cancel_futures=True)
    return _pool


def hash_pins(pins: list[str], workers: int | None = None) -> list[str]:
    """The hashes of ``pins``, in order, with the PIN hasher (``cms.core.hashers``); on
    every core when there are several PINs. A pool that lost a process is replaced once."""
    global _pool
    from concurrent.futures.process import BrokenProcessPool

    from .hashers import hash_pin, pin_hasher

    size = min(workers or processes(), len(pins))
    if size < 2:
        return [hash_pin(pin) for pin in pins]
    hasher = pin_hasher()
    salts = [hasher.salt() for _pin in pins]
    hashers = [hasher] * len(pins)
    try:
        return list(pool(size).map(encode, hashers, pins, salts))
    except BrokenProcessPool:
        _pool = None
        return list(pool(size).map(encode, hashers, pins, salts))


def warm() -> None:
    """Start the pool's processes (a web worker's start, or a benchmark's warm-up)."""
    size = processes()
    if size >= 2:
        list(pool(size).map(int, range(size)))
