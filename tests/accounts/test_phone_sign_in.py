"""A parent signs in with her phone number written any way, in both languages, even
when her username is not her number (the demo parent's is "demo-guardian")."""

import pytest

from tests.world import make_user

pytestmark = pytest.mark.django_db

WAYS_TO_WRITE_IT = ["+996700123456", "+996 700 123 456", "0700123456", "996700123456",
                    "0 (700) 12-34-56"]


@pytest.fixture
def parent(db):
    return make_user("demo-style-parent", "guardian", first_name="Жаңыл", phone="+996700123456")


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("typed", WAYS_TO_WRITE_IT)
def test_a_parent_signs_in_with_her_phone_number(client, parent, language, typed):
    response = client.post(f"/{language}/accounts/login/",
                           {"login": typed, "password": "test-pass-123"})
    assert response.status_code == 302 and response["Location"] == f"/{language}/family/"
    assert client.get(f"/{language}/family/").wsgi_request.user == parent


def test_a_wrong_number_signs_no_one_in_and_says_so_in_kyrgyz(client, parent):
    response = client.post("/ky/accounts/login/",
                           {"login": "0700123457", "password": "test-pass-123"})
    assert response.status_code == 200
    assert "туура эмес" in response.content.decode().lower()
    assert not response.wsgi_request.user.is_authenticated


def test_two_accounts_with_one_number_sign_neither_in(client, parent):
    make_user("other-parent", "guardian", phone="+996700123456")
    response = client.post("/ky/accounts/login/",
                           {"login": "0700123456", "password": "test-pass-123"})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
