"""The demo's accounts, on a site whose settings forbid them."""

import pytest


@pytest.mark.django_db
def test_demo_refuses_accounts_where_settings_forbid_them(settings):
    from django.contrib.auth import get_user_model

    settings.DEMO_ACCOUNTS_ALLOWED = False
    from cms.core import demo

    lines = []
    demo.load(lines.append)
    assert not get_user_model().objects.filter(username="demo-admin").exists()
    assert settings.DEMO_PASSWORD not in " ".join(lines)
