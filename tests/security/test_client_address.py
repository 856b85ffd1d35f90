"""Every per-address limit reads one address, from one setting (``TRUSTED_PROXY_COUNT``).

Behind nginx every request comes from 127.0.0.1; behind a unix socket from no address
at all. The client is then the entry of X-Forwarded-For that the trusted proxies wrote;
anything further left was written by the client and is never believed.
"""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from cms.core.client_address import client_ip
from tests.world import make_user

NGINX = "127.0.0.1"


def request(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_by_default_no_header_is_believed():
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_ip(request(forwarded="198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_nginx_the_address_nginx_saw_is_the_client():
    assert client_ip(request(NGINX, "198.51.100.20")) == "198.51.100.20"
    # A client that forges the header only adds entries to the left of the real one.
    assert client_ip(request(NGINX, "10.0.0.1, 198.51.100.20")) == "198.51.100.20"
    assert client_ip(request(NGINX)) == NGINX


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_a_balancer_and_nginx_the_second_entry_from_the_right():
    chain = "10.9.9.9, 198.51.100.20, 192.0.2.10"  # forged, client, balancer
    assert client_ip(request(NGINX, chain)) == "198.51.100.20"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_unix_socket_the_header_gives_the_client():
    assert client_ip(request("", "198.51.100.20")) == "198.51.100.20"


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_an_unknown_address_is_none_not_an_error():
    assert client_ip(request("")) is None
    assert client_ip(request("not-an-address")) is None


def test_allauth_and_axes_take_the_same_setting():
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
    assert settings.AXES_IPWARE_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
    assert settings.AXES_CLIENT_IP_CALLABLE == "cms.core.client_address.client_ip"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=0)
def test_staff_sign_in_behind_a_unix_socket_is_not_refused(client):
    """gunicorn on a unix socket gives no REMOTE_ADDR: that is no reason for a 403."""
    make_user("gulnara-staff", "facilitator")
    response = client.post(
        "/ky/accounts/login/", {"login": "gulnara-staff", "password": "test-pass-123"},
        REMOTE_ADDR="",
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_certificate_check_limit_counts_each_client_behind_the_proxy(client, monkeypatch):
    from camp.certificates import views

    monkeypatch.setattr(views, "VERIFY_LIMIT", 3)

    def check(address):
        return client.get("/ky/verify/12345/", REMOTE_ADDR=NGINX,
                          HTTP_X_FORWARDED_FOR=address).status_code

    assert [check("198.51.100.1") for _ in range(4)] == [200, 200, 200, 429]
    # Another girl behind the same proxy is not refused for the first one's look-ups.
    assert check("198.51.100.2") == 200


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_sign_in_address_limit_counts_each_client_behind_the_proxy(client):
    for number in range(settings.SIGNIN_ADDRESS_MAX_USERNAMES):
        client.post("/ky/pin/", {"username": f"guess-{number}", "pin": "123457"},
                    REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.1")
    make_user("aigul-k-1234", "learner")
    response = client.post("/ky/pin/", {"username": "aigul-k-1234", "pin": "test-pass-123"},
                           REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 302
