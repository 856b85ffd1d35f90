"""The demo's programme shows one number for each figure on the page, in the downloads
and on paper (the checks of test_totals_agree.py, on the demo built once per test
process: tests/demo_data.py)."""

import pytest

from camp.impact import services
from cms.core.models import User
from tests.impact.test_totals_agree import (
    assert_one_number_each,
    figures_everywhere,
    girls_in_two_camps,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_the_demo_programme_has_one_number_for_each_figure(client):
    assert girls_in_two_camps() > 0
    client.force_login(User.objects.get(username="demo-manager"))
    assert_one_number_each(client)
    # The top of the page counts each girl once.
    top = figures_everywhere(client)["top of the page"]
    camps = services.visible_camps(User.objects.get(username="demo-manager"))
    assert top["girls"] == services.girls_of(camps).values("learner_id").distinct().count()
