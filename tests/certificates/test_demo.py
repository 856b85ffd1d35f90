"""The certificates' demo data: issued in the finished camp, one revoked, idempotent."""

import pytest

from camp.certificates import demo, services
from camp.certificates.models import Certificate

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db


def test_no_finished_camp_means_nothing_is_made():
    lines = []
    demo.load(lines.append)
    assert Certificate.objects.count() == 0
    assert "no finished camp" in lines[0]


def test_the_finished_camp_gets_certificates_one_revoked_and_a_valid_code_is_printed():
    camp, _, keys = camp_with_core_lessons()
    for name in ["Айгүл", "Нургүл", "Бермет"]:
        add_girl(camp, name, lessons=keys)
    lines = []
    demo.load(lines.append)
    assert Certificate.objects.filter(camp=camp).count() == 3
    revoked = Certificate.objects.filter(revoked_on__isnull=False)
    assert revoked.count() == 1
    valid = Certificate.objects.filter(revoked_on__isnull=True).order_by("pk").first()
    assert valid.display_code in lines[-1]
    # Signed, so the code printed checks as valid on the verification page.
    assert services.verify(valid.code).outcome is services.Outcome.VALID
    assert all(c.signature for c in Certificate.objects.all())
    before = list(Certificate.objects.values_list("code", "revoked_on", "version"))
    demo.load([].append)
    assert list(Certificate.objects.values_list("code", "revoked_on", "version")) == before
