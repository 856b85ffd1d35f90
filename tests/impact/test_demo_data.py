"""The sample programme of the demo and the programme-scale command."""

import pytest
from django.core.management import CommandError, call_command

from camp.impact import demo, synthetic
from camp.models import Camp
from gals.models import Household

pytestmark = pytest.mark.django_db


def test_the_demo_adds_a_sample_programme_once(programme):
    lines = []
    demo.load(lines.append)
    camps = Camp.objects.filter(title__startswith=synthetic.CAMP_TITLE).count()
    assert camps == 24
    assert Household.objects.filter(camp__title__startswith=synthetic.CAMP_TITLE).exists()
    demo.load(lines.append)
    assert Camp.objects.filter(title__startswith=synthetic.CAMP_TITLE).count() == camps
    assert "already there" in lines[-1]


def test_the_command_makes_removes_and_refuses_a_second_run(programme, settings):
    settings.DEBUG = True
    call_command("make_programme_data", girls=120, camps=6, households=30, stdout=None)
    assert synthetic.User.objects.filter(username__startswith=synthetic.PREFIX).count() > 120
    with pytest.raises(CommandError):
        call_command("make_programme_data", girls=10, camps=2, households=5)
    call_command("make_programme_data", remove=True)
    assert not Camp.objects.filter(title__startswith=synthetic.CAMP_TITLE).exists()
    assert not Household.objects.filter(code__startswith="SYN").exists()
    assert Camp.objects.count() == 3  # the hand-counted programme stays


def test_the_command_refuses_without_debug(programme, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("make_programme_data", girls=10, camps=2, households=5)
