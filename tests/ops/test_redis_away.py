"""When Redis goes away the site keeps serving, and sign-in keeps working and counting.

Sign-in failure counts live in the database (django-axes, ``cms.core.signin``), not in Redis:
a Redis outage neither locks a camp out nor lets guesses through uncounted. The
"ratelimit" cache (the certificate check) still fails closed.

Redis "away" here is an address where nothing listens (port 1), so these tests run
everywhere, without stopping the Redis that other runs share. The fault script
deploy/load/fault_redis.py does the same with a real Redis that is stopped.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.ops.test_healthz import caches_with_redis_away


@pytest.fixture
def redis_away():
    with override_settings(CACHES=caches_with_redis_away()):
        for alias in ("default", "renditions", settings.RATELIMIT_CACHE):
            caches[alias].close()
        yield
    for alias in ("default", "renditions", settings.RATELIMIT_CACHE):
        caches[alias].close()


def test_the_page_cache_misses_instead_of_failing(redis_away):
    cache = caches["default"]
    cache.set("k", "v")
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert caches["renditions"].get("k") is None


def test_the_rate_limit_cache_raises_so_limits_fail_closed(redis_away):
    with pytest.raises(RedisConnectionError):
        caches[settings.RATELIMIT_CACHE].incr("pin-failures:girl-1")


def test_pages_still_render_and_sign_in_still_works(redis_away, client, curriculum, db):
    from cms.core.models import User

    lesson = curriculum["lessons"]["ky"][0]
    assert client.get(lesson.url).status_code == 200
    User.objects.create_user("staff-2", password="a-long-pass-123")
    assert client.login(request=HttpRequest(), username="staff-2", password="a-long-pass-123")


def test_sessions_survive_in_the_database(redis_away, client, db):
    """cached_db sessions: with Redis away the database still holds the session."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    from cms.core.models import User

    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        user = User.objects.create_user("staff-3", password="a-long-pass-123")
        client.force_login(user)
        key = client.cookies["sessionid"].value
        assert SessionStore(session_key=key).get("_auth_user_id") == str(user.pk)


def test_girls_sign_in_and_their_failures_are_counted_without_redis(redis_away, client, db):
    from django.contrib.auth.models import Group

    from cms.core.models import Role, User

    girl = User.objects.create_user("aigul-k-1234", password="482913")
    girl.groups.add(Group.objects.get(name=Role.LEARNER))
    assert client.post("/ky/pin/", {"username": "aigul-k-1234", "pin": "482913"}).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert client.post(
            "/ky/pin/", {"username": "aigul-k-1234", "pin": "000001"}
        ).status_code in (200, 429)
    response = client.post("/ky/pin/", {"username": "aigul-k-1234", "pin": "482913"})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    staff = User.objects.create_user("staff-4", password="a-long-pass-123")
    assert staff and client.post(
        "/ky/accounts/login/", {"login": "staff-4", "password": "a-long-pass-123"}
    ).status_code == 302
