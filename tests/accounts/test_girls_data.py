"""Consent, export, anonymisation, the retention command and the audit log."""

import datetime
import io
import json
import zipfile
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from camp.models import Attendance, CampDay, Enrolment
from cms.core.consent import has_consent
from cms.core.models import AuditEvent, Consent, User


def girl_url(world, name):
    return reverse(f"camp:{name}", args=[world.camp_a.pk, world.girl_a.pk])


def test_consent_and_assent_are_recorded_with_date_and_who(client, world):
    client.force_login(world.facilitator_a)
    today = timezone.localdate().isoformat()
    for kind in ("guardian", "assent"):
        response = client.post(
            girl_url(world, "consent"), {"scope": "photos", "kind": kind, "given_on": today}
        )
        assert response.status_code == 302
    assert has_consent(world.girl_a, Consent.Scope.PHOTOS)
    assert Consent.objects.filter(recorded_by=world.facilitator_a).count() == 2
    page = client.get(girl_url(world, "girl")).content.decode()
    assert "жок" in page  # participation and surveys are still missing
    client.post(girl_url(world, "consent"), {"withdraw": "photos:assent"})
    assert not has_consent(world.girl_a, Consent.Scope.PHOTOS)
    assert AuditEvent.objects.filter(action="consent").count() == 3


def test_a_consent_dated_in_the_future_is_refused_and_nothing_changes(client, world):
    client.force_login(world.facilitator_a)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        girl_url(world, "consent"), {"scope": "photos", "kind": "guardian", "given_on": tomorrow}
    )
    assert response.status_code == 400
    assert "Күн келечекте боло албайт" in response.content.decode()
    assert not Consent.objects.exists()


def test_viewing_a_girls_record_is_audited_without_her_name(client, world):
    client.force_login(world.facilitator_a)
    client.get(girl_url(world, "girl"))
    event = AuditEvent.objects.get(action="viewed")
    assert event.actor == world.facilitator_a and event.subject_id == str(world.girl_a.pk)
    assert world.girl_a.first_name not in event.subject_label


def test_export_is_a_zip_of_everything_about_her_and_is_audited(client, world):
    client.force_login(world.facilitator_a)
    day = CampDay.objects.get(camp=world.camp_a, number=1)
    Attendance.objects.create(
        camp_day=day,
        learner=world.girl_a,
        status="present",
        marked_at=timezone.now(),
        client_id="9b2d3a0e-1111-4a5b-8c9d-0e1f2a3b4c5d",
    )
    response = client.post(girl_url(world, "export_girl"),
                           {"export-reason": "Апасы 3-майда сурады."})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    account = data["sections"]["account"]
    assert account["first_name"] == "Айгүл" and account["birth_year"] == 2010
    assert data["sections"]["camp"]["enrolments"][0]["camp"] == world.camp_a.title
    assert data["sections"]["camp"]["attendance"][0]["status"] == "present"
    event = AuditEvent.objects.get(action="exported", actor=world.facilitator_a)
    assert event.detail["reason"] == "Апасы 3-майда сурады."


def test_anonymising_removes_her_name_keeps_counts_and_the_audit_trail(client, world):
    client.force_login(world.facilitator_a)
    client.get(girl_url(world, "girl"))
    refused = client.post(girl_url(world, "anonymise_girl"), {})
    assert refused.status_code == 400
    assert User.objects.get(pk=world.girl_a.pk).first_name == "Айгүл"
    response = client.post(girl_url(world, "anonymise_girl"),
                           {"anonymise-reason": "Үй-бүлөсү сурады.", "anonymise-confirm": "on"})
    assert response.status_code == 302
    girl = User.objects.get(pk=world.girl_a.pk)
    assert girl.first_name == "—" and girl.last_name == "" and girl.birth_year is None
    assert girl.username == f"anonymised-{girl.pk}" and not girl.is_active
    assert not girl.has_usable_password()
    assert Enrolment.objects.filter(camp=world.camp_a, learner=girl).count() == 1
    events = AuditEvent.objects.filter(subject_id=str(girl.pk), subject_type="cms.user")
    assert {"viewed", "anonymised"} <= set(events.values_list("action", flat=True))
    assert not any(
        "Айгүл" in json.dumps(e.detail, ensure_ascii=False) + e.subject_label
        for e in AuditEvent.objects.all()
    )
    # She is gone from the shared phone and her PIN page.
    assert (
        client.post("/ky/pin/", {"username": "girl-a", "pin": "test-pass-123"}).status_code == 200
    )


def test_the_retention_command_anonymises_only_girls_whose_camp_ended_long_ago(world):
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    world.camp_b.start_date = long_ago
    world.camp_b.save()
    for day in CampDay.objects.filter(camp=world.camp_b):
        day.date = long_ago + datetime.timedelta(days=day.number - 1)
        day.save()
    out = StringIO()
    call_command("anonymise_expired", "--dry-run", stdout=out)
    assert f"#{world.girl_b.pk}" in out.getvalue()
    assert User.objects.get(pk=world.girl_b.pk).anonymised_at is None
    out = StringIO()
    call_command("anonymise_expired", stdout=out)
    assert f"Anonymised 1 girl(s): #{world.girl_b.pk}" in out.getvalue()
    assert "camp.enrolments_kept: 1" in out.getvalue()
    assert User.objects.get(pk=world.girl_b.pk).anonymised_at is not None
    assert User.objects.get(pk=world.girl_a.pk).anonymised_at is None
    again = StringIO()
    call_command("anonymise_expired", stdout=again)
    assert "Nobody to anonymise" in again.getvalue()


def test_the_audit_log_is_shown_to_administrators_in_their_language(client, world):
    client.force_login(world.facilitator_a)
    client.get(girl_url(world, "girl"))
    client.force_login(world.admin)
    html = client.get("/ru/audit/").content.decode()
    assert "Журнал действий" in html and "facilitator-a" in html
    assert world.girl_a.first_name not in html
    client.force_login(world.facilitator_a)
    assert client.get("/ru/audit/").status_code == 403


# --- One rule for a child's record (camp/accounts/rules.py) ------------------------------


def test_export_and_anonymising_need_a_written_reason_kept_in_the_audit_log(client, world):
    client.force_login(world.facilitator_a)
    refused = client.post(girl_url(world, "export_girl"), {"export-reason": "  "})
    assert refused.status_code == 400
    assert "Себебин жазыңыз" in refused.content.decode()  # "Write the reason", in Kyrgyz
    assert not AuditEvent.objects.filter(action="exported").exists()
    refused = client.post(girl_url(world, "anonymise_girl"), {"anonymise-confirm": "on"})
    assert refused.status_code == 400
    assert User.objects.get(pk=world.girl_a.pk).anonymised_at is None
    client.post(girl_url(world, "anonymise_girl"),
                {"anonymise-reason": "Өзү сурады, 3-май.", "anonymise-confirm": "on"})
    event = AuditEvent.objects.get(action="anonymised")
    assert event.actor == world.facilitator_a and event.detail["reason"] == "Өзү сурады, 3-май."


def test_the_administrator_answers_data_requests_of_any_camp(client, world):
    client.force_login(world.admin)
    url = reverse("camp:export_girl", args=[world.camp_b.pk, world.girl_b.pk])
    response = client.post(url, {"export-reason": "Request by letter of 3 May."})
    assert response["Content-Type"] == "application/zip"
    assert AuditEvent.objects.get(action="exported").detail["reason"] == \
        "Request by letter of 3 May."


def test_the_retention_command_records_its_reason(world):
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    world.camp_b.start_date = long_ago
    world.camp_b.save()
    CampDay.objects.filter(camp=world.camp_b).update(date=long_ago)
    call_command("anonymise_expired", stdout=StringIO())
    event = AuditEvent.objects.get(action="anonymised")
    assert event.actor is None and "retention" in event.detail["reason"]


def test_a_manager_sees_names_and_attendance_but_never_a_girls_record(client, world):
    """Managers see girls' names and attendance in every camp, and no record, note,
    PIN, export or anonymisation of a girl, in any camp."""
    from camp.enrolment import withdraw

    withdraw(world.camp_b.enrolments.get(learner=world.girl_b), "Үй-бүлөлүк себеп: көчүштү",
             by=world.facilitator_b)
    client.force_login(world.manager)
    for camp, girl in ((world.camp_a, world.girl_a), (world.camp_b, world.girl_b)):
        page = client.get(reverse("camp:camp_detail", args=[camp.pk])).content.decode()
        assert girl.first_name in page  # her name ...
        assert client.get(reverse("camp:attendance", args=[camp.pk])).status_code == 200
        assert reverse("camp:accounts", args=[camp.pk]) not in page  # ... no accounts link
        assert "көчүштү" not in page  # ... and no note about her
        assert str(girl.birth_year) not in page  # nor her birth year
        password = User.objects.get(pk=girl.pk).password

        def her(name, camp=camp, girl=girl):
            return reverse(f"camp:{name}", args=[camp.pk, girl.pk])

        assert client.get(her("girl")).status_code == 403
        assert client.get(reverse("camp:accounts", args=[camp.pk])).status_code == 403
        assert client.post(her("reset_pin")).status_code == 403
        assert client.post(her("export_girl"),
                           {"export-reason": "I want it"}).status_code == 403
        assert client.post(her("anonymise_girl"), {
            "anonymise-reason": "I want it", "anonymise-confirm": "on"}).status_code == 403
        after = User.objects.get(pk=girl.pk)
        assert after.password == password and after.anonymised_at is None
    assert not AuditEvent.objects.filter(action__in=["exported", "anonymised"]).exists()


def test_her_facilitator_still_reads_why_she_was_withdrawn(client, world):
    from camp.enrolment import withdraw

    withdraw(world.camp_b.enrolments.get(learner=world.girl_b), "Үй-бүлөлүк себеп: көчүштү",
             by=world.facilitator_b)
    client.force_login(world.facilitator_b)
    page = client.get(reverse("camp:camp_detail", args=[world.camp_b.pk])).content.decode()
    assert "көчүштү" in page
