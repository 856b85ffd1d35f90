"""camp/scheduling.py's services as the site runs them: each request in autocommit, with
no test transaction around it. Apart from tests/camp/test_scheduling.py, whose tests share
data built once in one transaction per module (tests/shared_data.py)."""

import pytest
from django.urls import reverse

from camp.models import CalendarFeed
from tests.camp.factories import make_facilitator


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_facilitator_asks_for_a_calendar_address_on_her_page(client):
    """Outside any test transaction, as on the site: the first address, then a new one."""
    facilitator = make_facilitator("fac-feed")
    client.force_login(facilitator)
    assert client.post(reverse("camp:renew_my_calendar")).status_code == 302
    first = CalendarFeed.objects.get(user=facilitator).token
    assert client.post(reverse("camp:renew_my_calendar")).status_code == 302
    assert CalendarFeed.objects.get(user=facilitator).token != first
