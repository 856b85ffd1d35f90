"""Fast, isolated settings for the test suite."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
# The hosts the suite really uses, named: the test client's ("testserver", which
# Django's test set-up adds as well), the live server's for the browser tests
# ("localhost"), and the acceptance suite's site behind nginx ("camp.localhost").
ALLOWED_HOSTS = ["testserver", "localhost", "camp.localhost"]
# Secure cookies as in production: the test client keeps them, and Chromium accepts
# them from http://localhost, which it counts as a secure context.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
DEMO_ACCOUNTS_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PIN_HASHER = "md5"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="techcamp-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Local memory, or Redis when REDIS_URL is set (CI runs the suite against both); each
# run uses its own key prefix so that runs sharing one Redis never see each other's keys.
if REDIS_URL:  # noqa: F405
    CACHES = redis_caches(REDIS_URL, f"test-{os.getpid()}")  # noqa: F405
else:
    CACHES = local_caches()  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A fixed Ed25519 key for the suite (unless the environment names one): test data only.
CERTIFICATE_SIGNING_KEY = CERTIFICATE_SIGNING_KEY or (  # noqa: F405
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n"
    "-----END PRIVATE KEY-----\n"
)
