"""Every state-changing request needs a CSRF token: no view is left exempt.

The URLs come from the URL resolver, so a view added tomorrow is covered without
touching this file. Each URL is POSTed without a token by a signed-in administrator
(who may do everything, so a refusal can only come from the CSRF check); the CSRF
failure view is replaced by one that marks its answer, so a permission 403 or a 404
from the view itself is never mistaken for the CSRF refusal.
"""

import uuid

import pytest
from django.http import HttpResponseForbidden
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from cms.core.models import User

PROJECT_APPS = ("cms", "courses", "camp", "gals")
MARK = "X-Test-CSRF-Refused"
CANDIDATES = ("1", "x", str(uuid.UUID(int=1)), "ky", "2026-01-01", "a-b")


def csrf_refused(request, reason=""):
    response = HttpResponseForbidden(reason)
    response[MARK] = "1"
    return response


def refused_for_csrf(response) -> bool:
    """Django's CSRF check (marked), or Django REST framework's own one (the Wagtail
    admin API is exempt from the middleware and checks the token itself)."""
    if response.get(MARK) == "1":
        return True
    return response.status_code == 403 and b"CSRF Failed" in response.content


def view_module(pattern: URLPattern) -> str:
    callback = getattr(pattern.callback, "view_class", pattern.callback)
    return getattr(callback, "__module__", "")


def named_patterns():
    """(reverse name, pattern) for every named URL the project serves."""
    found = []

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, [*namespaces, pattern.namespace] if pattern.namespace
                     else namespaces)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((":".join([*namespaces, pattern.name]), pattern))

    walk(get_resolver().url_patterns, [])
    return found


def sample_kwargs(pattern: URLPattern, fallback: str) -> dict:
    """A value of the right kind for every argument of a path(): converters say which."""
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {}
    for key in pattern.pattern.regex.groupindex:
        kind = type(converters.get(key)).__name__
        kwargs[key] = SAMPLES.get(kind, fallback)
    return kwargs


SAMPLES = {
    "IntConverter": "1", "UUIDConverter": str(uuid.UUID(int=1)), "SlugConverter": "x",
    "StringConverter": "x", "PathConverter": "x",
}


def build_url(name: str, pattern: URLPattern) -> str | None:
    """An address for the pattern, with made-up arguments (the CSRF check runs before
    the view looks at them)."""
    with translation.override("ky"):
        for fallback in CANDIDATES:
            try:
                return reverse(name, kwargs=sample_kwargs(pattern, fallback))
            except NoReverseMatch:
                continue
    return None


PATTERNS = named_patterns()


def project_patterns():
    return [(name, p) for name, p in PATTERNS if view_module(p).startswith(PROJECT_APPS)]


@pytest.fixture
def admin_client(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-123456"))
    return client


def test_every_project_view_is_found_and_addressable():
    """The discovery itself works: the project's own views are among the patterns,
    and each of them can be given an address (so none escapes the test below)."""
    project = project_patterns()
    assert any(name == "healthz" for name, _ in project)
    unaddressable = [name for name, p in project if build_url(name, p) is None]
    assert not unaddressable, f"cannot build an address for {unaddressable}"


@override_settings(CSRF_FAILURE_VIEW="tests.security.test_csrf.csrf_refused")
def test_every_url_refuses_a_post_without_token(admin_client):
    """Project views, sign-in pages, Wagtail pages and the admin alike."""
    checked, not_refused = 0, []
    for name, pattern in PATTERNS:
        url = build_url(name, pattern)
        if url is None:
            continue
        response = admin_client.post(url, {"anything": "1"})
        checked += 1
        if not refused_for_csrf(response):
            not_refused.append(f"{name} {url} -> {response.status_code}")
    assert checked >= len(project_patterns()) + 20
    assert not not_refused, "POST accepted without a CSRF token:\n" + "\n".join(not_refused)


@override_settings(CSRF_FAILURE_VIEW="tests.security.test_csrf.csrf_refused")
def test_a_post_with_the_token_passes_the_check(admin_client):
    """The marker really means "refused for CSRF": with a token the same kind of
    request gets through to the view (here: signing out)."""
    with translation.override("ky"):
        admin_client.get(reverse("search"))  # a page with the sign-out form sets the cookie
        url = reverse("account_logout")
    token = admin_client.cookies["csrftoken"].value
    response = admin_client.post(url, {"csrfmiddlewaretoken": token})
    assert response.get(MARK) is None
    assert response.status_code == 302
