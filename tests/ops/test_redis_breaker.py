"""Redis is an accelerator, not a dependency.

With Redis away every page answers (the girls' PIN page and the certificate check
included), the certificate check's limit keeps counting in the database, Redis is asked
once per outage window rather than once per use, one line is logged per outage, a
version bump made meanwhile is written when Redis is back, and ``clear_caches`` deletes
only the site's own keys.

"Away" is an address where nothing listens (port 1), or, for the tests that need Redis
to come back, the real Redis of ``REDIS_URL`` with its connections refused for a while.
"""

import logging
import os
import time
from io import StringIO

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from camp.certificates import services
from camp.certificates.models import Certificate
from cms.core import redis_breaker
from cms.core.models import RateCount
from cms.settings.base import local_caches, redis_caches
from tests.certificates.factories import add_girl, camp_with_core_lessons
from tests.ops.test_healthz import caches_with_redis_away

ALIASES = ("default", "renditions", "ratelimit")


def close_caches():
    for alias in ALIASES:
        caches[alias].close()
        caches[alias]._client = None


@pytest.fixture
def redis_away():
    redis_breaker.reset()
    with override_settings(CACHES=caches_with_redis_away()):
        close_caches()
        yield
    close_caches()
    redis_breaker.reset()


@pytest.fixture
def issued(db):
    camp, facilitator, keys = camp_with_core_lessons()
    girl = add_girl(camp, "Айпери", last_name="К", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return Certificate.objects.get(learner=girl)


def verify_url(certificate) -> str:
    with translation.override("ky"):
        return reverse("certificates:verify_code", kwargs={"code": certificate.code})


def test_the_certificate_check_answers_without_redis(redis_away, client, issued):
    response = client.get(verify_url(issued))
    assert response.status_code == 200
    assert "Бул сертификат жарактуу." in response.content.decode()


def test_the_check_limit_counts_in_the_database_while_redis_is_away(
        redis_away, client, issued, monkeypatch):
    from camp.certificates import views

    monkeypatch.setattr(views, "VERIFY_LIMIT", 3)
    for _ in range(3):
        assert client.get(verify_url(issued)).status_code == 200
    refused = client.get(verify_url(issued))
    assert refused.status_code == 429
    assert "Бул туташуудан өтө көп текшерүү болду." in refused.content.decode()
    row = RateCount.objects.get()
    assert row.count == 4
    assert "127.0.0.1" not in row.key and "verify" not in row.key  # a keyed hash only


def test_the_pin_page_answers_and_signs_a_girl_in_without_redis(redis_away, client, db):
    from django.contrib.auth.models import Group

    from cms.core.models import Role, User

    assert client.get("/ky/pin/").status_code == 200
    girl = User.objects.create_user("nazira-t-5521", password="730412")
    girl.groups.add(Group.objects.get(name=Role.LEARNER))
    response = client.post("/ky/pin/", {"username": "nazira-t-5521", "pin": "730412"})
    assert response.status_code == 302


def test_redis_is_asked_once_per_outage_window_not_once_per_use(redis_away, monkeypatch):
    attempts = []
    connect = redis.connection.AbstractConnection.connect

    def counting(self, *args, **kwargs):
        attempts.append(1)
        return connect(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counting)
    started = time.perf_counter()
    for number in range(50):
        assert caches["default"].get(f"k{number}") is None
        caches["default"].set(f"k{number}", 1)
    with pytest.raises(redis.exceptions.ConnectionError):
        caches["ratelimit"].incr("x")
    assert len(attempts) == 1
    assert time.perf_counter() - started < 0.5


def test_an_outage_is_logged_once_without_tracebacks(redis_away, client, curriculum, caplog):
    lesson = curriculum["lessons"]["ky"][0]
    redis_breaker.reset()  # building the curriculum met the outage first
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            assert client.get(lesson.url).status_code == 200
    about_redis = [r for r in caplog.records if "redis" in r.name.lower()
                   or "Redis" in r.getMessage()]
    assert len(about_redis) == 1, [r.getMessage() for r in about_redis]
    assert "unreachable" in about_redis[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


# --- With a real Redis that goes away and comes back ---------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (a Redis to use)")


@pytest.fixture
def real_redis():
    prefix = f"breaker-test-{os.getpid()}"
    redis_breaker.reset()
    with override_settings(CACHES={**local_caches(), **redis_caches(REDIS_URL, prefix)},
                           REDIS_BREAKER_SECONDS=0.2):
        close_caches()
        yield prefix
        for alias in ALIASES:
            caches[alias].delete_pattern("*")
    close_caches()
    redis_breaker.reset()


class Outage:
    """Every new connection to Redis is refused until ``end()``."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def begin(self):
        def refuse(connection, *args, **kwargs):
            raise redis.exceptions.ConnectionError("refused (test)")

        for alias in ALIASES:
            caches[alias].client.get_client().connection_pool.disconnect()
        self.monkeypatch.setattr(redis.connection.AbstractConnection, "connect", refuse)

    def end(self):
        self.monkeypatch.undo()
        time.sleep(0.25)  # the breaker's window


@needs_redis
def test_a_bump_made_while_redis_is_away_is_written_when_it_is_back(real_redis, monkeypatch):
    from cms.core.content_cache import CONTENT

    assert CONTENT.kept("menu", lambda: "old menu", 60) == "old menu"
    assert CONTENT.kept("menu", lambda: "not asked", 60) == "old menu"
    outage = Outage(monkeypatch)
    outage.begin()
    CONTENT.bump()  # an editor publishes during the outage
    assert redis_breaker.failing()
    assert CONTENT.kept("menu", lambda: "new menu", 60) == "new menu"
    outage.end()
    # Redis is back with the old entries still in it: they are never shown again.
    assert CONTENT.kept("menu", lambda: "new menu", 60) == "new menu"
    assert not redis_breaker.failing() and not CONTENT.unwritten
    assert CONTENT.kept("menu", lambda: "not asked", 60) == "new menu"


@needs_redis
def test_a_bump_lost_on_another_server_does_not_bring_old_pages_back(real_redis, monkeypatch):
    """An editor publishes on server A while Redis is away: A keeps the bump until it next
    asks Redis. This server saw the outage too, and must not show what it had cached."""
    from cms.core.content_cache import CONTENT

    assert CONTENT.kept("menu", lambda: "old menu", 60) == "old menu"
    outage = Outage(monkeypatch)
    outage.begin()
    # Here, with Redis away: built afresh. The bump is in another server's memory.
    assert CONTENT.kept("menu", lambda: "new menu", 60) == "new menu"
    outage.end()
    # Redis is back with the old entry still in it: never shown again, from the first read.
    assert CONTENT.kept("menu", lambda: "new menu", 60) == "new menu"
    assert CONTENT.kept("menu", lambda: "not asked", 60) == "new menu"


@needs_redis
def test_clear_caches_deletes_only_the_sites_keys(real_redis):
    prefix = real_redis
    other = redis.Redis.from_url(REDIS_URL)
    other.set(f"{prefix}-another-app:key", "theirs")
    caches["default"].set("page", "ours")
    caches["renditions"].set("picture", "ours")
    caches["ratelimit"].set("lockout", 3)
    try:
        call_command("clear_caches", stdout=StringIO())
        assert other.get(f"{prefix}-another-app:key") == b"theirs"
        assert caches["default"].get("page") is None
        assert caches["renditions"].get("picture") is None
        assert caches["ratelimit"].get("lockout") == 3
    finally:
        other.delete(f"{prefix}-another-app:key")


def test_settings_use_the_breaker_and_log_no_traceback_per_call():
    options = redis_caches("redis://127.0.0.1:6379/0")["default"]["OPTIONS"]
    assert options["CLIENT_CLASS"] == "cms.core.redis_breaker.BreakerClient"
    assert settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS is False
