"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment
variables, so that one code base runs as the embedded demo (SQLite, local files,
immediate tasks) and as a scaled-out service (PostgreSQL, Redis, object storage).
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.conf import global_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # Project apps: gals -> camp -> courses -> cms (the kernel).
    "gals",
    "camp",
    "camp.certificates",
    "camp.impact",
    "camp.care",
    "courses",
    "cms.core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a request id for every log line, and the request's time for /metrics.
    "cms.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.core.security.ContentSecurityPolicyMiddleware",
    "cms.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person and her roles kept until her account changes.
    "cms.core.signed_in.AuthenticationMiddleware",
    "cms.core.sessions.GirlSessionMiddleware",
    "cms.core.security.AdminGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.core.content_cache.KeptSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.core.offline.SaveDataMiddleware",
    # Last, so that its lockout answer replaces the response of any sign-in page.
    "axes.middleware.AxesMiddleware",
]

# /metrics (Prometheus' text format) answers only with "Authorization: Bearer <token>";
# while empty it answers 403 to everyone. METRICS_DIR: where each process writes its counts
# (deploy/gunicorn.conf.py sets one), so that a scrape sees every worker's.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_DIR = os.environ.get("METRICS_DIR", "")

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "camp.context_processors.server_today",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cms.User"
# django-axes first: a locked account is refused before any password is checked, on
# every path that authenticates. allauth's backend then checks usernames (any case) and
# emails, and runs the hasher on a dummy for an unknown one; Django's ModelBackend is
# left out, since it would hash a wrong password a second time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Passwords: Django's default hasher. Girls' six-digit PINs: PBKDF2 at a tenth of its work
# (cms/core/hashers.py says why); both stay listed so every stored hash can be checked.
PASSWORD_HASHERS = [*global_settings.PASSWORD_HASHERS, "cms.core.hashers.PinHasher"]
PIN_HASHER = "pbkdf2_sha256_pin"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "cms.core.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: staff sign in with username or email; no sign-up for strangers.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "cms.core.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Failed sign-ins are limited by cms.core.signin (django-axes, in the database), not by allauth's
# limits, which live in the cache: with Redis away they refused every staff sign-in.
ACCOUNT_RATE_LIMITS = {"login_failed": False, "login": False}
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
WAGTAILADMIN_USER_LOGIN_FORM = "cms.core.forms.AdminLoginForm"
# Girls' PINs: digits.
PIN_LENGTH = 6

# The client's address for every per-address limit (cms.core.client_address): the number of
# proxies in front of the app that append to X-Forwarded-For (nginx: 1; a load balancer
# and nginx: 2). 0 believes no header: safe, but behind a proxy every user then shares
# the proxy's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Sign-in limits (cms.core.signin, django-axes): counted in the database, so they hold on
# every app server and while Redis is away.
AXES_HANDLER = "cms.core.signin.SignInLimits"
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_MAX_FAILURES", "5"))  # per account
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_COOLOFF_MINUTES", "15")))
# Per account (summed over addresses and browsers, so rotating them gains nothing); the
# pair is a part of that count and locks nothing sooner, but tells axes' system check
# that addresses are counted: cms.core.signin.SignInLimits adds the limit per address.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "cms.core.signin.login_key"
AXES_CLIENT_IP_CALLABLE = "cms.core.client_address.client_ip"
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT  # unused while the callable above is set
AXES_LOCKOUT_CALLABLE = "cms.core.signin.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Tries during a lock neither count nor push its end: "wait 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Keep no log of successful sign-ins (addresses of children), nothing typed, no names.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "login", "email", "pin", "password", "password1",
                             "password2", "ip_address", "csrfmiddlewaretoken"]
AXES_CLIENT_STR_CALLABLE = "cms.core.signin.log_label"
AXES_ENABLE_ADMIN = False
# Per address: at most this many distinct usernames may fail in the window.
SIGNIN_ADDRESS_MAX_USERNAMES = int(os.environ.get("SIGNIN_ADDRESS_MAX_USERNAMES", "20"))
SIGNIN_ADDRESS_WINDOW = timedelta(minutes=10)
# A girl's session ends when the browser closes and at the end of the camp day (local
# time), but lasts at least this long after she signed in (cms.core.sessions). Staff and
# parents: Django's SESSION_COOKIE_AGE (two weeks).
GIRL_SESSION_DAY_END = os.environ.get("GIRL_SESSION_DAY_END", "18:00")
GIRL_SESSION_MIN_MINUTES = int(os.environ.get("GIRL_SESSION_MIN_MINUTES", "120"))
# A shared phone stays in "camp sign-in" for one camp this long (seconds).
CAMP_SIGNIN_MAX_AGE = 60 * 60 * 24 * 14
# Girls are anonymised this many months after their last camp ended.
ANONYMISE_AFTER_MONTHS = 24
# The national child helpline shown on the girls' help page ("Ты не одна"): 111 in
# Kyrgyzstan, free from every phone.
CHILD_HELPLINE = os.environ.get("CHILD_HELPLINE", "111")
# A family's request for a daughter's data (a copy, or erasure) is due this many days
# after it was made (Kyrgyz law on personal information: answered in time).
DATA_REQUEST_DAYS = int(os.environ.get("DATA_REQUEST_DAYS", "7"))
# The certificates' Ed25519 signing key (docs/certificates.md, "Signatures"): a PEM
# file's path or the PEM itself, made by `manage.py make_signing_key`; never in the
# database or media. Retired keys' public halves stay published with their validity:
# a JSON list of {"public_key", "valid_from", "valid_until"}.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_KEY_VALID_FROM = os.environ.get("CERTIFICATE_KEY_VALID_FROM", "")
CERTIFICATE_RETIRED_KEYS = json.loads(os.environ.get("CERTIFICATE_RETIRED_KEYS") or "[]")
# Development only: a key file made on first use when CERTIFICATE_SIGNING_KEY is unset.
CERTIFICATE_DEV_KEY_FILE = None
# Paths (under the language prefix) the service worker never answers nor keeps, and
# the offline scripts never save: a shared phone must keep no copy of them.
NEVER_KEPT_PATHS = ["learn/help/", "care/"]

# Languages: Kyrgyz first (the default), Russian second.
LANGUAGE_CODE = "ky"
LANGUAGES = [("ky", "Кыргызча"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kyrgyz and Russian dates as their readers write them (cms/formats/__init__.py).
FORMAT_MODULE_PATH = ["cms.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Besides our own files, the certificate checker's QR decoder (jsQR, from the npm
# registry: package.json), which `make setup` copies into static-vendor/ (not in git).
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", BASE_DIR / "static-vendor")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Media on S3-compatible object storage when a bucket is named: several app servers
# then see the same uploads. Credentials come from the usual AWS_* variables.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_DEFAULT_ACL = None  # the bucket's own policy decides
    AWS_QUERYSTRING_AUTH = os.environ.get("AWS_QUERYSTRING_AUTH", "false") == "true"
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Girls' own photos: a bucket (or a prefix) without public read, fetched by the
    # app after a permission check, never linked directly (see courses/storage.py).
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_PRIVATE_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME),
            "location": os.environ.get("AWS_PRIVATE_LOCATION", "private"),
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
if os.environ.get("PRIVATE_MEDIA_ROOT"):
    PRIVATE_MEDIA_ROOT = Path(os.environ["PRIVATE_MEDIA_ROOT"])


def media_origin() -> str:
    """Where browsers fetch media from, for the Content Security Policy."""
    if AWS_S3_CUSTOM_DOMAIN:
        return f"https://{AWS_S3_CUSTOM_DOMAIN}"
    if AWS_S3_ENDPOINT_URL:
        return "/".join(AWS_S3_ENDPOINT_URL.split("/")[:3])
    return f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"

# Redis (REDIS_URL) holds the cache, sessions, the certificate check's counter and
# Wagtail's renditions; it speeds the site up but nothing depends on it. The cache
# degrades when Redis is away (IGNORE_EXCEPTIONS: a miss, not an error); the
# "ratelimit" cache raises instead, and its users count in the database then
# (cms.core.throttle). After a failure Redis is skipped for REDIS_BREAKER_SECONDS
# (cms.core.redis_breaker), so an outage costs one failed call, not one per use.
REDIS_URL = os.environ.get("REDIS_URL", "")
RATELIMIT_CACHE = "ratelimit"
REDIS_BREAKER_SECONDS = float(os.environ.get("REDIS_BREAKER_SECONDS", "5"))


def redis_caches(url: str, prefix: str = "techcamp") -> dict:
    """Cache aliases on one Redis: forgiving for pages, strict for rate limits."""
    options = {
        "CLIENT_CLASS": "cms.core.redis_breaker.BreakerClient",
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
    }
    forgiving = {**options, "IGNORE_EXCEPTIONS": True}
    backend = "django_redis.cache.RedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": prefix,
                    "OPTIONS": forgiving},
        "renditions": {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": f"{prefix}-r",
                       "OPTIONS": forgiving, "TIMEOUT": 60 * 60 * 24},
        RATELIMIT_CACHE: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": f"{prefix}-l",
                          "OPTIONS": options},
    }


def local_caches() -> dict:
    """One process, no Redis: the embedded default and the test suite."""
    backend = "django.core.cache.backends.locmem.LocMemCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": "default"},
        "renditions": {"BACKEND": backend, "LOCATION": "renditions"},
        RATELIMIT_CACHE: {"BACKEND": backend, "LOCATION": "ratelimit"},
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "techcamp"))
    # Sessions live in Redis and in the database: Redis away means slower, not signed out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = local_caches()
# One line per outage (cms.core.redis_breaker), not a traceback per ignored call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# A worker writes a heartbeat every TASK_HEARTBEAT_SECONDS; the running tasks of a
# worker silent for TASK_STALE_SECONDS are queued again, TASK_MAX_ATTEMPTS runs in all,
# then failed (cms.core.task_health). A certificate batch takes seconds, not minutes.
TASK_HEARTBEAT_SECONDS = float(os.environ.get("TASK_HEARTBEAT_SECONDS", "15"))
TASK_STALE_SECONDS = float(os.environ.get("TASK_STALE_SECONDS", "120"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))

# Background tasks: run at once unless a worker is configured (production uses the
# database backend and `manage.py db_worker`; see docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Cookies: the session cookie is never readable by scripts and never sent cross-site.
# The CSRF cookie stays readable (Django's default) so the offline queue can send it.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): strict, with a nonce per response, on every
# public and learner page. An inline <script> or <style> needs nonce="{{ CSP_NONCE }}";
# style="..." attributes and onclick="..." handlers are refused by browsers.
# The Wagtail admin gets the relaxed policy of cms.core.security (it needs inline code).
MEDIA_ORIGINS = [media_origin()] if AWS_STORAGE_BUCKET_NAME else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

WAGTAIL_SITE_NAME = "Tech Camp"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "ino", "stl", "zip", "csv"]
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.core.image_forms.ImageForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Demo accounts (with a printed password) exist only where a setting allows them.
DEMO_ACCOUNTS_ALLOWED = False
DEMO_PASSWORD = "tech-camp-demo"  # noqa: S105 (printed for the demo site only)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

