"""Revoking a family's GALS certificate through the site, as a girl's is revoked: by the
household's facilitator (or a programme manager), with a reason kept in the audit log;
the verification page and the published status list then say revoked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.core.models import AuditEvent
from gals import certificates
from gals.models import FamilyCertificate
from tests.gals.test_family_certificate import attend


@pytest.fixture
def issued(world):
    """Household A came to its three sessions and holds its certificate."""
    attend(world.household_a, 3, world.facilitator_a, world.camp_a)
    return certificates.issue(world.household_a, by=world.facilitator_a, language="ky")


def _state():
    return list(FamilyCertificate.objects.values_list("revoked_on", "revoked_reason"))


def _revocations():
    return AuditEvent.objects.filter(subject_type="gals.familycertificate",
                                     action=AuditEvent.Action.CHANGED)


def test_the_facilitator_revokes_it_with_a_reason_kept_in_the_audit_log(world, issued):
    certificates.revoke(issued, "Жаңылыш берилген", by=world.facilitator_a)
    issued.refresh_from_db()
    assert issued.revoked_on == timezone.localdate()
    assert issued.revoked_reason == "Жаңылыш берилген"
    event = _revocations().get()
    assert event.actor == world.facilitator_a
    assert event.detail["change"] == "revoked"
    assert event.detail["reason"] == "Жаңылыш берилген"


def test_revoking_twice_is_refused_and_keeps_the_first_day_and_reason(world, issued):
    certificates.revoke(issued, "Жаңылыш берилген", by=world.facilitator_a)
    before = _state()
    with pytest.raises(ValidationError, match="мурунтан эле жокко чыгарылган"):
        certificates.revoke(issued, "дагы бир жолу", by=world.manager)
    assert _state() == before
    assert _revocations().count() == 1


def test_a_reason_is_required(world, issued):
    with pytest.raises(ValidationError):
        certificates.revoke(issued, "   ", by=world.facilitator_a)
    assert _state() == [(None, "")]
    assert not _revocations().exists()


@pytest.mark.parametrize("who", ["facilitator_b", "guardian_a", "girl_a", "partner"])
def test_people_without_the_rule_are_refused_and_nothing_changes(world, issued, who):
    with pytest.raises(PermissionDenied):
        certificates.revoke(issued, "жаңылыш", by=getattr(world, who))
    assert _state() == [(None, "")]
    assert not _revocations().exists()


def test_a_programme_manager_may_revoke_as_for_a_girls_certificate(world, issued):
    certificates.revoke(issued, "Жаңылыш берилген", by=world.manager)
    issued.refresh_from_db()
    assert issued.is_revoked


def test_the_household_page_offers_the_form_and_a_post_revokes(client, world, issued):
    household_url = reverse("gals:household", args=[world.household_a.pk])
    url = reverse("gals:family_certificate_revoke", args=[world.household_a.pk])
    client.force_login(world.facilitator_a)
    page = client.get(household_url).content.decode()
    assert f'action="{url}"' in page and 'name="reason"' in page
    response = client.post(url, {"reason": "Жаңылыш берилген"}, follow=True)
    issued.refresh_from_db()
    assert issued.revoked_on == timezone.localdate()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == household_url
    assert "Жаңылыш берилген" in html  # the reason is shown on the household page
    assert f'action="{url}"' not in html  # no second form
    # Its PDF is no longer handed out, as for a girl's revoked certificate.
    pdf = reverse("gals:family_certificate", args=[world.household_a.pk])
    assert client.get(pdf).status_code == 404


def test_a_get_or_an_empty_reason_revokes_nothing(client, world, issued):
    url = reverse("gals:family_certificate_revoke", args=[world.household_a.pk])
    client.force_login(world.facilitator_a)
    assert client.get(url).status_code == 405
    response = client.post(url, {"reason": ""}, follow=True)
    assert "message-error" in response.content.decode()
    assert _state() == [(None, "")]


@pytest.mark.parametrize("who", ["guardian_a", "facilitator_b"])
def test_a_parent_or_another_camps_facilitator_is_refused(client, world, issued, who):
    client.force_login(getattr(world, who))
    url = reverse("gals:family_certificate_revoke", args=[world.household_a.pk])
    response = client.post(url, {"reason": "жаңылыш"})
    assert response.status_code in (403, 404)
    assert _state() == [(None, "")]
    if who == "guardian_a":  # her household page offers no such form
        page = client.get(reverse("gals:household", args=[world.household_a.pk]))
        assert url not in page.content.decode()


def test_once_revoked_the_status_list_and_the_verification_page_say_so(client, world, issued):
    client.force_login(world.facilitator_a)
    client.post(reverse("gals:family_certificate_revoke", args=[world.household_a.pk]),
                {"reason": "Жаңылыш берилген"})
    client.logout()
    body = client.get("/.well-known/techcamp-status.json").json()
    assert body["revoked"] == {issued.code: timezone.localdate().isoformat()}
    html = client.get(reverse("certificates:verify_code", kwargs={"code": issued.code}))
    html = html.content.decode()
    assert "message-error" in html and "message-success" not in html
