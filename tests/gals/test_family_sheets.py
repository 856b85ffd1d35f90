"""The family sheet for families without data: next session, commitments with their
follow-up, a printed invitation code; and one PDF of every household of a camp."""

import datetime
import subprocess
import time
import uuid
from io import BytesIO

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from cms.core.models import AuditEvent
from gals import invites, services
from gals.models import FollowUp, GuardianInvite, Household, HouseholdMember
from tests.system_tools import tool


def pdf_text(data: bytes) -> str:
    """The text of every page, with line breaks of table cells read as spaces."""
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(BytesIO(data)).pages)


def kyrgyz(day) -> str:
    with translation.override("ky"):
        return date_format(day, "DATE_FORMAT")


def test_the_sheet_prints_the_next_session_and_the_follow_up_in_kyrgyz(client, world, gw):
    gw.session_a.venue = "Үй-бүлө борбору, Төлөк айылы"
    gw.session_a.save()
    services.record_follow_up(gw.commitment_a, status=FollowUp.Status.PARTLY, reason="",
                              by=world.facilitator_a, client_id=uuid.uuid4())
    client.force_login(world.facilitator_a)
    text = pdf_text(client.get(
        f"/ky/family/households/{world.household_a.pk}/sheet.pdf").content)
    session_day = timezone.localtime(gw.session_a.starts_at).date()
    assert kyrgyz(session_day) in text and "-жылдын " in kyrgyz(session_day)
    assert "Үй-бүлө борбору, Төлөк айылы" in text
    assert gw.commitment_a.what in text
    with translation.override("ky"):
        partly = str(FollowUp.Status.PARTLY.label)
    assert f"{partly} ({kyrgyz(timezone.localdate())})" in text


def test_a_facilitator_prints_an_invitation_code_made_by_the_invitation_service(
        client, world, gw):
    client.force_login(world.facilitator_a)
    assert not GuardianInvite.objects.filter(household=world.household_a).exists()
    first = pdf_text(client.get(
        f"/ky/family/households/{world.household_a.pk}/sheet.pdf").content)
    invite = GuardianInvite.objects.get(household=world.household_a)
    assert invite.code in first
    assert invite.girl == world.girl_a
    # The father is written down without an account: the code is for him.
    assert invite.family_role == HouseholdMember.FamilyRole.FATHER
    assert kyrgyz(timezone.localtime(invite.expires_at).date()) in first
    assert "/ky/family/join/" in first
    # Printed again: the same code, not a second one.
    again = pdf_text(client.get(
        f"/ru/family/households/{world.household_a.pk}/sheet.pdf").content)
    assert invite.code in again
    assert GuardianInvite.objects.filter(household=world.household_a).count() == 1
    # The printed code works where a parent types it.
    assert invites.find_invite(invite.code.lower()) == invite


def test_a_code_about_to_expire_is_replaced_and_a_used_one_never_printed(client, world, gw):
    old = invites.create_invite(world.household_a, world.girl_a, "father", world.facilitator_a)
    old.expires_at = timezone.now() + datetime.timedelta(days=2)
    old.save()
    used = invites.create_invite(world.household_a, world.girl_a, "father", world.facilitator_a)
    used.used_at = timezone.now()
    used.save()
    client.force_login(world.facilitator_a)
    text = pdf_text(client.get(reverse("gals:family_sheet", args=[world.household_a.pk]))
                    .content)
    assert old.code not in text and used.code not in text
    fresh = GuardianInvite.objects.filter(household=world.household_a).latest("pk")
    assert fresh.code in text and fresh.expires_at > timezone.now() + datetime.timedelta(
        days=invites.SHEET_INVITE_MIN_DAYS)


def test_a_guardian_printing_her_own_sheet_gets_no_new_code(client, world, gw):
    client.force_login(world.guardian_a)
    response = client.get(reverse("gals:family_sheet", args=[world.household_a.pk]))
    assert response.status_code == 200
    assert not GuardianInvite.objects.exists()


def test_the_camp_sheets_are_one_pdf_one_household_after_another(client, world, gw):
    second = Household.objects.create(camp=world.camp_a)
    second.girls.add(world.girl_a)
    elsewhere = gw.household_b  # camp B's family: never on camp A's sheets
    client.force_login(world.facilitator_a)
    camp_page = client.get(reverse("camp:camp_detail", args=[world.camp_a.pk])).content.decode()
    link = f"/ky/teach/camps/{world.camp_a.pk}/family-sheets.pdf"
    assert f'href="{link}"' in camp_page
    assert f'href="/ru/teach/camps/{world.camp_a.pk}/family-sheets.pdf"' in camp_page
    started = time.monotonic()
    response = client.get(link)
    seconds = time.monotonic() - started
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    starts = [i for i, page in enumerate(pages) if "Үй-бүлө баракчасы" in page]
    assert len(starts) == 2  # each household's sheet from a new page
    text = " ".join(" ".join(page.split()) for page in pages)
    assert world.household_a.code in text and second.code in text
    assert elsewhere.code not in text
    codes = GuardianInvite.objects.filter(household__in=[world.household_a, second])
    assert codes.count() == 2 and all(invite.code in text for invite in codes)
    assert not GuardianInvite.objects.filter(household=elsewhere).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED,
                                     detail__page="camp_family_sheets").count() == 2
    assert seconds < 30


def test_the_camp_sheets_in_russian_read_with_pdftotext(client, world, gw, tmp_path):
    client.force_login(world.facilitator_a)
    data = client.get(f"/ru/teach/camps/{world.camp_a.pk}/family-sheets.pdf").content
    path = tmp_path / "sheets.pdf"
    path.write_bytes(data)
    text = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Лист семьи" in text and "Айгүл К." in text
    assert "г." in text  # dates as Russian writes them


def test_another_camps_facilitator_gets_no_sheets_and_no_code_is_made(client, world, gw):
    client.force_login(world.facilitator_b)
    response = client.get(reverse("gals:camp_sheets", args=[world.camp_a.pk]))
    assert response.status_code == 403
    assert not GuardianInvite.objects.exists()
    assert client.get(reverse("gals:camp_sheets", args=[999999])).status_code == 404


def test_a_camp_without_households_and_a_household_without_a_girl_print_without_error(
        client, world, gw):
    client.force_login(world.facilitator_b)
    gw.household_b.girls.clear()  # camp B's only family, its girl not yet linked
    text = pdf_text(client.get(f"/ky/teach/camps/{world.camp_b.pk}/family-sheets.pdf").content)
    assert gw.household_b.code in text
    assert not GuardianInvite.objects.exists()  # no girl: no invitation to print
    Household.objects.filter(camp=world.camp_b).delete()
    response = client.get(f"/ru/teach/camps/{world.camp_b.pk}/family-sheets.pdf")
    assert response.status_code == 200
    assert "В этом лагере пока нет семей." in pdf_text(response.content)
