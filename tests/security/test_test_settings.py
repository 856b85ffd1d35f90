"""The suite tests the product people get: its settings loosen nothing production
enforces, except the differences named below, each with its reason.

A new difference (a looser host list, a DEBUG-only behaviour, a middleware moved, a
cookie flag, a CSP directive) fails here until it is added with its reason; a listed
difference that has gone fails too, so the list says what is true.
"""

import json

from tests.security.test_settings import run

#: setting -> why the tests may differ from production there.
TESTS_DIFFER_FROM_PRODUCTION = {
    "SETTINGS_MODULE": "the module's own name",
    "SECRET_KEY": "production reads its secret from the environment",
    "ALLOWED_HOSTS": "production names its site's host from the environment; the suite "
                     "names the hosts it uses (never '*')",
    "DEMO_ACCOUNTS_ALLOWED": "tests and the acceptance suite build the demo site; "
                             "production refuses demo accounts (tests/security check it)",
    "PASSWORD_HASHERS": "a fast hasher keeps thousands of sign-ins quick; the lockouts "
                        "and the hashing of unknown users do not depend on the hasher",
    "PIN_HASHER": "the same fast hasher for PINs; tests/security/test_pin_hasher.py checks "
                  "production's PIN hasher",
    "EMAIL_BACKEND": "mail is kept in memory for tests to read, never sent",
    "EMAIL_TIMEOUT": "no mail server in tests",
    "DEFAULT_FROM_EMAIL": "production reads it from the environment",
    "SERVER_EMAIL": "production reads it from the environment",
    "MEDIA_ROOT": "each run writes its uploads to its own temporary folder",
    "STORAGES": "hashed static names need collectstatic; the acceptance suite's "
                "production pass serves them as shipped",
    "TASKS": "tasks run at once in tests; the acceptance suite's production pass runs "
             "them in db_worker",
    "DATABASES": "production keeps connections (CONN_MAX_AGE, health checks) and reads "
                 "DATABASE_URL",
    "LOGGING": "production writes JSON lines with the request id to stdout and mails "
               "errors to ADMINS (tests/ops/test_observability.py checks it)",
    "SENTRY_DSN": "errors go to a reporting service from production only; tests send "
                  "nothing out (tests/ops/test_observability.py checks what it would send)",
    "LOG_FORMAT": "goes with LOGGING: JSON or plain lines in production only",
    "SECURE_SSL_REDIRECT": "TLS ends at nginx: the test client speaks plain HTTP; the "
                           "acceptance suite's production pass runs behind HTTPS",
    "SECURE_PROXY_SSL_HEADER": "no proxy in front of the test client",
    "SECURE_REDIRECT_EXEMPT": "goes with SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS": "HSTS is sent over HTTPS only; tests/security checks it on "
                           "production settings",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "goes with SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD": "goes with SECURE_HSTS_SECONDS",
    "CONTENT_SECURITY_POLICY": "production adds upgrade-insecure-requests, which would "
                               "send the plain-HTTP live server's requests to HTTPS",
}

DUMP = """
import django, json
django.setup()
from django.conf import settings

def plain(value):
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)

print(json.dumps({k: plain(getattr(settings, k)) for k in dir(settings) if k.isupper()}))
"""


def settings_under(module: str) -> dict:
    result = run(
        ["-c", DUMP], {"DJANGO_SETTINGS_MODULE": module}, drop=("DATABASE_URL", "REDIS_URL")
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_test_settings_differ_from_production_only_where_listed_with_a_reason():
    tests, production = settings_under("cms.settings.test"), settings_under(
        "cms.settings.production"
    )
    differing = {
        name for name in set(tests) | set(production)
        if tests.get(name, "<unset>") != production.get(name, "<unset>")
    }
    unlisted = {
        name: (tests.get(name, "<unset>"), production.get(name, "<unset>"))
        for name in differing - set(TESTS_DIFFER_FROM_PRODUCTION)
    }
    assert unlisted == {}, "a new difference from production: list it with its reason"
    stale = set(TESTS_DIFFER_FROM_PRODUCTION) - differing
    assert stale == set(), "listed as different but no longer is: take it off the list"


def test_the_suite_names_its_hosts():
    hosts = settings_under("cms.settings.test")["ALLOWED_HOSTS"]
    assert hosts and all("*" not in host and not host.startswith(".") for host in hosts)
