"""Who earns a certificate, issuing to a whole camp, overrides, revoking and reissuing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from camp.certificates import services
from camp.certificates.eligibility import standings
from camp.certificates.models import Certificate
from cms.core.models import AuditEvent

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db


@pytest.fixture
def camp_of_four():
    camp, facilitator, keys = camp_with_core_lessons(core=2)
    girls = {
        "full": add_girl(camp, "Айгүл", lessons=keys),
        "late": add_girl(camp, "Бермет", days=5, late=2, lessons=keys),
        "absent": add_girl(camp, "Чолпон", days=3, lessons=keys),
        "lessons": add_girl(camp, "Үмүт", days=6, lessons=keys[:1]),
    }
    return camp, facilitator, girls


def test_the_facilitator_sees_who_is_eligible_and_why_not(camp_of_four):
    camp, _, girls = camp_of_four
    rows = {row.learner.pk: row for row in standings(camp)}
    assert rows[girls["full"].pk].meets_rules
    assert rows[girls["late"].pk].meets_rules  # late counts as there
    with translation.override("ru"):
        rows = {row.learner.pk: row for row in standings(camp)}
    assert rows[girls["absent"].pk].reasons == ["Была 3 дн. из 5 нужных."]
    assert rows[girls["lessons"].pk].reasons == [
        "Пройдено основных уроков: 1 из 2 (50%; нужно 100%)."
    ]


def test_issuing_twice_makes_no_duplicates_and_skips_the_non_eligible(camp_of_four):
    camp, facilitator, girls = camp_of_four
    made = services.issue_for_camp(camp, by=facilitator)
    assert {c.learner_id for c in made} == {girls["full"].pk, girls["late"].pk}
    assert services.issue_for_camp(camp, by=facilitator) == []
    assert Certificate.objects.filter(camp=camp).count() == 2
    certificate = Certificate.objects.get(learner=girls["late"])
    assert certificate.days_attended == 5
    assert certificate.language == camp.language
    assert certificate.tracks == ["soldering"]
    with pytest.raises(ValidationError):
        services.issue_one(camp, girls["absent"], by=facilitator)
    assert not Certificate.objects.filter(learner=girls["absent"]).exists()


def test_an_override_needs_a_reason_and_is_audited(camp_of_four):
    camp, facilitator, girls = camp_of_four
    with pytest.raises(ValidationError):
        services.grant_override(camp, girls["absent"], "   ", by=facilitator)
    with pytest.raises(ValidationError):
        services.grant_override(camp, girls["full"], "ооруп калды", by=facilitator)
    services.grant_override(camp, girls["absent"], "Ооруп калды, үйдөн окуду", by=facilitator)
    event = AuditEvent.objects.get(action=AuditEvent.Action.OVERRIDE)
    assert event.actor == facilitator
    assert event.detail["reason"] == "Ооруп калды, үйдөн окуду"
    made = services.issue_for_camp(camp, by=facilitator, language="ru")
    overridden = [c for c in made if c.learner_id == girls["absent"].pk]
    assert overridden and overridden[0].overridden and overridden[0].language == "ru"
    assert not Certificate.objects.filter(learner=girls["lessons"]).exists()


def test_revoking_is_final_and_a_reissue_keeps_the_code(camp_of_four):
    camp, facilitator, girls = camp_of_four
    services.issue_for_camp(camp, by=facilitator)
    certificate = Certificate.objects.get(learner=girls["full"])
    reissued = services.reissue(certificate, by=facilitator, language="ru")
    assert (reissued.code, reissued.version, reissued.language) == (certificate.code, 2, "ru")
    with pytest.raises(ValidationError):
        services.revoke(certificate, "", by=facilitator)
    services.revoke(certificate, "Жаңылыш берилген", by=facilitator)
    with pytest.raises(ValidationError):
        services.revoke(certificate, "дагы", by=facilitator)
    with pytest.raises(ValidationError):
        services.reissue(certificate, by=facilitator)
    changes = AuditEvent.objects.filter(
        subject_type="certificates.certificate", action=AuditEvent.Action.CHANGED
    ).values_list("detail__change", flat=True)
    assert sorted(changes) == ["reissued", "revoked"]
