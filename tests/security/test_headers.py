"""Security headers on what girls and visitors see, and the admin's relaxed policy."""

import re

import pytest
from csp.middleware import CSPMiddleware
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import reverse

from cms.core.models import User


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def lesson_url(curriculum):
    return curriculum["lessons"]["ky"][0].url


def test_a_lesson_page_has_a_strict_policy(client, lesson_url):
    response = client.get(lesson_url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    for kind in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[kind]
        assert "'unsafe-eval'" not in policy[kind]
        assert "*" not in policy[kind]


def test_every_inline_script_and_style_carries_the_responses_nonce(client, lesson_url):
    """When a page has inline code, its nonce is in the header and on the element."""
    response = client.get(lesson_url)
    html = response.content.decode()
    policy = directives(response)
    nonces = {v[len("'nonce-"):-1] for v in policy["script-src"] + policy["style-src"]
              if v.startswith("'nonce-")}
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        if "src=" in tag or 'type="application/json"' in tag or "application/ld+json" in tag:
            continue
        found = re.search(r'nonce="([^"]+)"', tag)
        assert found and found.group(1) in nonces, f"inline code without the nonce: {tag}"


def test_nonces_differ_between_responses():
    template = engines["django"].from_string("{{ CSP_NONCE }}")
    seen = set()
    for _ in range(3):
        request = RequestFactory().get("/")
        CSPMiddleware(lambda r: None).process_request(request)
        seen.add(template.render({}, request))
    assert len(seen) == 3 and all(len(n) >= 16 for n in seen)


def test_other_protective_headers(client, lesson_url):
    response = client.get(lesson_url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_on_https(client, lesson_url):
    response = client.get(lesson_url, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_session_cookie_is_httponly_and_samesite(client, db):
    User.objects.create_user("staff-1", password="a-long-pass-123")
    login = reverse("account_login")
    page = client.get(login)
    token = page.cookies["csrftoken"].value
    client.post(login, {"login": "staff-1", "password": "a-long-pass-123",
                        "csrfmiddlewaretoken": token})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_wagtail_admin_gets_the_relaxed_policy(client, db):
    admin = User.objects.create_superuser("root", "root@example.org", "pw-123456")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # page previews in the editor
    assert policy["object-src"] == ["'none'"]


def test_the_error_page_style_passes_the_policy():
    from cms.core.security import ContentSecurityPolicyMiddleware
    from cms.core.views import server_error

    request = RequestFactory().get("/ky/broken/")
    middleware = ContentSecurityPolicyMiddleware(lambda r: None)
    middleware.process_request(request)
    response = middleware.process_response(request, server_error(request))
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["style-src"]


def test_every_page_denies_camera_microphone_and_location(client, lesson_url, db):
    for url in [lesson_url, "/ky/pin/", "/ky/accounts/login/", "/admin/login/", "/ky/verify/"]:
        header = client.get(url)["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in header, (url, feature)


def test_a_page_that_needs_the_camera_gets_it_for_itself_only():
    from django.http import HttpResponse

    from cms.core.security import PermissionsPolicyMiddleware, allow_features

    scanner = allow_features("camera")(lambda request: HttpResponse("scan"))
    response = PermissionsPolicyMiddleware(scanner)(RequestFactory().get("/"))
    header = response["Permissions-Policy"]
    assert "camera=(self)" in header and "microphone=()" in header
    assert "*" not in header
