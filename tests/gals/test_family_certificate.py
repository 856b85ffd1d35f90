"""A household's GALS certificate: earned by sessions, issued once, printed with ң ө ү,
downloaded by the family, checked on the public verification page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.core.models import AuditEvent
from gals import certificates
from gals.models import FamilyCertificate, GalsSession, SessionAttendance
from tests.certificates.test_pdf import pdftotext
from tests.gals.factories import make_session


def attend(household, sessions: int, facilitator, camp) -> None:
    """The household's members come to ``sessions`` past sessions."""
    member = household.members.first()
    for n in range(sessions):
        session = make_session(camp, facilitator, days_ahead=-(n + 2))
        SessionAttendance.objects.create(session=session, member=member,
                                         marked_at=timezone.now())


@pytest.fixture
def earned(world):
    """Household A has come to the three sessions the certificate needs."""
    attend(world.household_a, 3, world.facilitator_a, world.camp_a)
    return world.household_a


def test_a_family_with_too_few_sessions_is_told_how_many_and_gets_nothing(client, world):
    attend(world.household_a, 2, world.facilitator_a, world.camp_a)
    client.force_login(world.facilitator_a)
    url = reverse("gals:family_certificate_issue", args=[world.household_a.pk])
    response = client.post(url, follow=True)
    assert not FamilyCertificate.objects.exists()
    assert ("Бул үй-бүлө күбөлүк үчүн керектүү 3 жыйындын 2 жыйынына катышты."
            in response.content.decode())
    page = client.get(reverse("gals:household", args=[world.household_a.pk])).content.decode()
    assert reverse("gals:family_certificate_issue", args=[world.household_a.pk]) not in page


def test_the_facilitator_issues_it_once_and_the_audit_log_keeps_it(client, world, earned):
    client.force_login(world.facilitator_a)
    url = reverse("gals:family_certificate_issue", args=[earned.pk])
    page = client.get(reverse("gals:household", args=[earned.pk])).content.decode()
    assert url in page  # the button is offered once enough sessions are attended
    client.post(url)
    client.post(url)
    certificate = FamilyCertificate.objects.get()
    assert certificate.household == earned and certificate.sessions_attended == 3
    assert certificate.language == world.camp_a.language
    assert AuditEvent.objects.filter(subject_type="gals.familycertificate",
                                     action=AuditEvent.Action.CREATED).count() == 1


def test_the_number_of_sessions_is_set_by_the_administrator(world, earned):
    from camp.certificates.rendering import site_settings

    setting = site_settings()
    setting.family_sessions_required = 4
    setting.save()
    standing = certificates.standing_of(earned)
    assert (standing.attended, standing.required, standing.eligible) == (3, 4, False)


def test_the_pdf_carries_the_girls_name_and_code_with_kyrgyz_letters(client, world, earned):
    girl = earned.girls.first()
    girl.first_name, girl.last_name = "Үмүтгүл", "Өңкөй"
    girl.save()
    certificate = certificates.issue(earned, by=world.facilitator_a, language="ky")
    client.force_login(world.guardian_a)
    response = client.get(reverse("gals:family_certificate", args=[earned.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content)
    assert "Үмүтгүл Ө." in text
    assert certificate.display_code in text
    assert "GALS" in text
    family = client.get(reverse("gals:family")).content.decode()
    assert reverse("gals:family_certificate", args=[earned.pk]) in family


def test_no_certificate_no_pdf(client, world):
    client.force_login(world.guardian_a)
    response = client.get(reverse("gals:family_certificate", args=[world.household_a.pk]))
    assert response.status_code == 404


def test_the_verification_page_tells_a_family_certificate_valid_then_revoked(client, world,
                                                                             earned):
    certificate = certificates.issue(earned, by=world.facilitator_a, language="ru")
    url = reverse("certificates:verify_code", kwargs={"code": certificate.code})
    html = client.get(url).content.decode()
    assert "message-success" in html
    assert earned.girls.first().display_name in html
    assert str(certificate.sessions_attended) in html
    certificate.revoked_on = datetime.date(2026, 5, 4)
    certificate.save()
    html = client.get(url).content.decode()
    assert "message-error" in html and "message-success" not in html


def test_sessions_not_attended_do_not_count(world):
    session = make_session(world.camp_a, world.facilitator_a, days_ahead=-2)
    member = world.household_a.members.first()
    SessionAttendance.objects.create(session=session, member=member, present=False,
                                     marked_at=timezone.now())
    assert certificates.standing_of(world.household_a).attended == 0
    assert GalsSession.objects.count() >= 1
