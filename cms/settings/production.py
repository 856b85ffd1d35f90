"""Production: everything from the environment; refuses to start without a secret key.

Required: SECRET_KEY, ALLOWED_HOSTS, CERTIFICATE_SIGNING_KEY. Usual: DATABASE_URL
(PostgreSQL), REDIS_URL, SITE_URL, EMAIL_*; optional: AWS_STORAGE_BUCKET_NAME and
friends (media on S3-compatible storage). docs/deploy.md lists them all.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CERTIFICATE_SIGNING_KEY,
    CONTENT_SECURITY_POLICY,
    DATABASES,
    SECRET_KEY,
)


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names in production.")
if not CERTIFICATE_SIGNING_KEY:
    raise ImproperlyConfigured(
        "CERTIFICATE_SIGNING_KEY must name the certificates' signing key file in production "
        "(`manage.py make_signing_key` makes one)."
    )

DEBUG = False
DEMO_ACCOUNTS_ALLOWED = False

# HTTPS everywhere. TLS ends at nginx or the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
# The health check is answered over plain HTTP to the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}
}

# Keep database connections between requests, but check them first: after a database
# restart or a fail-over a stale connection is replaced instead of failing a request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", 60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Background tasks go to the database and `manage.py db_worker` runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Static files: hashed names, compressed, served by WhiteNoise (or nginx in front).
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "camp@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in os.environ.get("ADMINS", "").split(",") if address]

# Logs go to stdout (journald or the container's log), one JSON object a line with the
# request id (LOG_FORMAT=plain for a person reading a terminal). Errors are also mailed
# to ADMINS when it is set (a comma-separated list of addresses).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "cms.core.observability.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                    "formatter": "plain" if LOG_FORMAT == "plain" else "json",
                    "filters": ["request_id"]},
        # No form values, cookies, query strings or frame variables in a mail
        # (cms.core.observability.PrivateExceptionReporter): children's data stays here.
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
                        "filters": ["request_id"],
                        "reporter_class": "cms.core.observability.PrivateExceptionReporter"},
    },
    "root": {"handlers": ["console", "mail_admins"],
             "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console", "mail_admins"], "level": "WARNING",
                            "propagate": False},
    },
}

# Errors also go to a Sentry-compatible service (Sentry, GlitchTip) when SENTRY_DSN is
# set, with no personal data: no user, form, cookie, query string or frame variables
# (cms.core.error_reports.scrub_event).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from cms.core.error_reports import init_sentry

    init_sentry(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
                release=os.environ.get("SENTRY_RELEASE"))
