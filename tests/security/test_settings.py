"""Production settings: complete, strict, and built from the environment alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

from camp.certificates.signing import new_private_pem

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
    "ALLOWED_HOSTS": "camp.example.org",
    "CERTIFICATE_SIGNING_KEY": new_private_pem(),
}


def run(args, extra_env=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(PRODUCTION)
    env.update(extra_env or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def settings_of(extra_env=None, drop=()) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'CACHES',"
        "'SESSION_ENGINE', 'STORAGES', 'TASKS', 'MEDIA_ORIGINS', 'EMAIL_HOST', 'EMAIL_PORT',"
        "'EMAIL_USE_TLS', 'ALLOWED_HOSTS', 'DEMO_ACCOUNTS_ALLOWED', 'SECURE_REFERRER_POLICY',"
        "'X_FRAME_OPTIONS']}, default=str))"
    )
    result = run(["-c", code], extra_env, drop)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], {"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(["manage.py", "check"], {"ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_a_certificate_signing_key():
    result = run(["manage.py", "check"], {"CERTIFICATE_SIGNING_KEY": ""})
    assert result.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY must name" in result.stderr


def test_production_refuses_a_signing_key_it_cannot_read(tmp_path):
    missing = run(["manage.py", "check"], {"CERTIFICATE_SIGNING_KEY": str(tmp_path / "none.pem")})
    assert missing.returncode != 0
    assert "certificates.E001" in missing.stderr
    rsa = subprocess.run(
        ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
        capture_output=True, text=True, check=True,
    ).stdout
    wrong = run(["manage.py", "check"], {"CERTIFICATE_SIGNING_KEY": rsa})
    assert wrong.returncode != 0
    assert "must be an Ed25519 private key" in wrong.stderr


def test_cookies_and_transport_are_locked_down():
    found = settings_of(drop=("REDIS_URL",))
    assert found["DEBUG"] is False
    assert found["DEMO_ACCOUNTS_ALLOWED"] is False
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SESSION_COOKIE_HTTPONLY"] is True
    assert found["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert found["SECURE_HSTS_SECONDS"] >= 31536000
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_REFERRER_POLICY"] == "same-origin"
    assert found["X_FRAME_OPTIONS"] == "DENY"
    assert found["ALLOWED_HOSTS"] == ["camp.example.org"]
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_redis_holds_cache_sessions_rate_limits_and_renditions():
    found = settings_of({"REDIS_URL": "redis://127.0.0.1:6379/3"})
    caches = found["CACHES"]
    assert {"default", "renditions", "ratelimit"} <= set(caches)
    for alias in ("default", "renditions", "ratelimit"):
        assert caches[alias]["BACKEND"] == "django_redis.cache.RedisCache"
        assert caches[alias]["LOCATION"] == "redis://127.0.0.1:6379/3"
    # Pages degrade when Redis is away; sign-in limits fail closed.
    assert caches["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert caches["renditions"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert not caches["ratelimit"]["OPTIONS"].get("IGNORE_EXCEPTIONS")
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_the_cache_is_local():
    found = settings_of(drop=("REDIS_URL",))
    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_media_go_to_object_storage_when_a_bucket_is_named():
    local = settings_of(drop=("AWS_STORAGE_BUCKET_NAME",))
    assert local["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    remote = settings_of({
        "AWS_STORAGE_BUCKET_NAME": "camp-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    })
    assert remote["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert remote["MEDIA_ORIGINS"] == ["https://s3.example.net"]


def test_email_comes_from_the_environment():
    found = settings_of({"EMAIL_HOST": "smtp.example.net", "EMAIL_PORT": "587",
                         "EMAIL_USE_TLS": "true"})
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "smtp.example.net", 587, True)
