"""Local development and the demo site: SQLite, local media, debug pages."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DEMO_ACCOUNTS_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The certificates' signing key: a file of its own (gitignored), made on first use.
CERTIFICATE_DEV_KEY_FILE = BASE_DIR / "dev-signing-key.pem"  # noqa: F405
