"""``/healthz``: is this app server able to serve? For load balancers and monitoring.

It checks what every request needs, the database and the cache, and answers in
milliseconds with JSON: 200 when both answer, 503 (and which one failed) when not.
``?check=database`` limits the check to the database, for a load balancer that
should keep routing to app servers while Redis is away (the site then runs with
a degraded cache). No session, no cookie, no language prefix, nothing stored.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """Write and read a key through the strict cache alias (the forgiving default
    cache hides a Redis outage by design, so it cannot tell us about one)."""
    cache = caches[getattr(settings, "RATELIMIT_CACHE", "default")]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_safe
def healthz(request):
    wanted = request.GET.get("check")
    names = [wanted] if wanted in CHECKS else list(CHECKS)
    results, healthy = {}, True
    for name in names:
        started = time.perf_counter()
        try:
            CHECKS[name]()
        except Exception as error:  # any failure of a dependency means "not ready"
            healthy = False
            results[name] = {"ok": False, "error": type(error).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
    # A 503 here is an answer, not an error of the site: not logged as one (a monitor
    # polling every few seconds would send ADMINS a mail each time). The outage itself
    # is logged once by whatever met it (cms.core.redis_breaker, the database's errors).
    response._has_been_logged = True
    return response
