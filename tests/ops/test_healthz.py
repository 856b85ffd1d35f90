"""/healthz: fast, honest about its dependencies, and reveals nothing else."""

import pytest
from django.db import OperationalError
from django.test import override_settings

from cms.core import health
from cms.settings.base import local_caches, redis_caches

# Nothing listens on port 1: a Redis that is "away", without stopping anybody's Redis.
AWAY = "redis://127.0.0.1:1/0"


def caches_with_redis_away() -> dict:
    return {**local_caches(), **redis_caches(AWAY, "away")}


@pytest.mark.django_db
def test_healthy(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert not response.cookies, "the health check must not start sessions"


@pytest.mark.django_db
def test_database_down_answers_503(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError",
                                          "ms": body["checks"]["database"]["ms"]}
    assert "connection refused" not in response.content.decode()  # no internals leak


@pytest.mark.django_db
def test_redis_away_answers_503_but_database_only_check_stays_up(client, caplog):
    with override_settings(CACHES=caches_with_redis_away()), caplog.at_level("WARNING"):
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["cache"]["ok"] is False
        assert client.get("/healthz?check=database").status_code == 200
    # An answer, not a server error: nothing logged for ADMINS' mail on every poll.
    assert not [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_only_safe_methods(client):
    assert client.get("/healthz").status_code == 200
    assert client.head("/healthz").status_code == 200
    assert client.put("/healthz").status_code == 405
