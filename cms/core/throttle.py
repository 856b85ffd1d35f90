"""Rate limits that hold with or without Redis.

A hit is counted in the "ratelimit" cache (Redis, shared by every app server) when it
answers, and in the database (``RateCount``) when it does not: the limit stays shared
and in force during an outage, and nobody meets a 500 or a limit that never ends.
The database count is a fixed window; its rows are deleted once their window is over.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_redis.exceptions import ConnectionInterrupted

from .redis_breaker import UNREACHABLE


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one hit under ``key``; True when there were more than ``limit`` hits in
    ``window`` seconds."""
    cache = caches[getattr(settings, "RATELIMIT_CACHE", "default")]
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout=window)
            count = 1
    except (ConnectionInterrupted, *UNREACHABLE):
        count = count_in_database(key, window)
    return count > limit


def count_in_database(key: str, window: int) -> int:
    from .models import RateCount

    now = timezone.now()
    start = datetime.fromtimestamp(int(now.timestamp()) // window * window, tz=UTC)
    digest = salted_hmac("cms.core.throttle", key).hexdigest()
    rows = RateCount.objects.filter(key=digest, window_start=start)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCount.objects.create(key=digest, window_start=start, count=1,
                                         expires_at=start + timedelta(seconds=window))
        except IntegrityError:  # another server made the row a moment ago
            rows.update(count=F("count") + 1)
        RateCount.objects.filter(expires_at__lt=now).delete()
    return rows.values_list("count", flat=True).first() or 1
