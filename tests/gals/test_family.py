"""The parents' view and the printed family sheet."""

import subprocess
import uuid
from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from gals import services
from gals.models import Commitment
from tests.system_tools import tool


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_family_page_has_schedule_next_session_and_commitments(client, world, gw):
    client.force_login(world.guardian_a)
    response = client.get(reverse("gals:family"))
    page = response.content.decode()
    assert world.camp_a.title in page
    assert page.count("<tr>") >= 7  # header and six camp days
    assert gw.session_a.venue in page
    assert gw.commitment_a.what in page
    assert reverse("gals:reply", args=[gw.session_a.pk, world.household_a.pk]) in page
    family = response.context["families"][0]["view"]
    assert family.girls[0].camps[0].progress.total == 6


def test_family_sheet_prints_in_the_camp_language_with_kyrgyz_letters(client, world, gw):
    Commitment.objects.create(
        household=world.household_a, what="Өмүр жана Үмүт ңң", due_on=gw.commitment_a.due_on,
        made_on=gw.commitment_a.made_on, client_id=uuid.uuid4(),
    )
    client.force_login(world.facilitator_a)
    response = client.get(reverse("gals:family_sheet", args=[world.household_a.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = pdf_text(response.content)
    assert "Айгүл К." in text and "Өмүр жана Үмүт ңң" in text
    assert world.household_a.code in text
    fonts = str(reader.pages[0]["/Resources"]["/Font"].get_object())
    assert "DejaVu" in str([f.get_object()["/BaseFont"] for f in
                            reader.pages[0]["/Resources"]["/Font"].get_object().values()]), fonts


def test_family_sheet_is_in_the_language_asked_for_whatever_the_camp_teaches_in(
        client, world, gw):
    client.force_login(world.facilitator_a)
    household = client.get(reverse("gals:household", args=[world.household_a.pk]))
    links = {f"/{code}/family/households/{world.household_a.pk}/sheet.pdf"
             for code in ("ky", "ru")}
    assert all(f'href="{link}"' in household.content.decode() for link in links)
    for language in ("ky", "ru"):  # a Kyrgyz camp, then a Russian one
        world.camp_a.language = language
        world.camp_a.save()
        ky = pdf_text(client.get(f"/ky/family/households/{world.household_a.pk}/sheet.pdf")
                      .content)
        ru = pdf_text(client.get(f"/ru/family/households/{world.household_a.pk}/sheet.pdf")
                      .content)
        assert "Үй-бүлө баракчасы" in ky and "Лист семьи" not in ky
        assert "Лист семьи" in ru and "Үй-бүлө баракчасы" not in ru


def test_the_sheet_counts_her_lessons_once_not_again_for_each_camp(client, world, gw):
    from camp.models import Camp, Enrolment
    from tests.world import make_camp

    for year in (1, 2):  # two earlier camps of the same curriculum
        earlier = make_camp(f"Мурунку {year}", world.curriculum["curricula"]["ky"],
                            world.facilitator_a,
                            world.camp_a.start_date.replace(year=world.camp_a.start_date.year
                                                            - year))
        earlier.status = Camp.Status.FINISHED
        earlier.save()
        Enrolment.objects.create(camp=earlier, learner=world.girl_a)
    client.force_login(world.facilitator_a)
    text = pdf_text(client.get(reverse("gals:family_sheet", args=[world.household_a.pk]))
                    .content)
    assert text.count("Бүткөн сабактар:") == 1
    client.force_login(world.guardian_a)
    page = client.get(reverse("gals:family")).content.decode()
    assert page.count("Бүткөн сабактар:") == 1


def test_pdftotext_reads_the_sheet_too(client, world, gw, tmp_path):
    client.force_login(world.guardian_a)
    data = client.get(reverse("gals:family_sheet", args=[world.household_a.pk])).content
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    text = subprocess.run([tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Айгүл К." in text


def test_sessions_attended_counts_sessions_not_people(world, gw):
    services.mark_roll(gw.session_a, world.household_a,
                       present_ids=[gw.mother_a.pk, gw.father_a.pk], by=world.facilitator_a,
                       client_id=uuid.uuid4())
    assert services.sessions_attended(world.household_a) == 1
    assert services.sessions_attended(gw.household_b) == 0


def test_calendar_events_carry_sessions_without_family_data(world, gw):
    from camp import calendar_sources

    events = calendar_sources.events(camp=world.camp_a)
    ours = [e for e in events if e.uid == f"gals-session-{gw.session_a.pk}"]
    assert len(ours) == 1 and ours[0].location == gw.session_a.venue
    assert ours[0].ends_at > ours[0].starts_at
    assert world.girl_a.display_name not in ours[0].summary + ours[0].description
    mine = calendar_sources.events(facilitator=world.facilitator_b)
    assert [e.uid for e in mine if e.uid.startswith("gals-")] == [
        f"gals-session-{gw.session_b.pk}"]


def test_personal_data_export_leaves_out_notes_and_anonymise_keeps_counts(world, gw):
    from cms.core import personal_data
    from gals.models import Commitment, HouseholdMember

    section = next(s for s in personal_data.sections() if s.name == "gals")
    exported = section.export(world.girl_a)
    assert exported["households"][0]["code"] == world.household_a.code
    assert "Атасы ичимдик ичет" not in str(exported)
    report = section.anonymise(world.girl_a)
    assert report["photos_removed"] == 1
    assert not HouseholdMember.objects.exclude(name="").filter(
        household=world.household_a).exists()
    assert Commitment.objects.filter(household=world.household_a).count() == 1


def test_the_family_page_shows_her_certificate_once_issued(client, world, gw):
    from django.utils import timezone

    from camp.certificates.models import Certificate

    client.force_login(world.guardian_a)
    assert not client.get(reverse("gals:family")).context["families"][0]["view"].girls[0] \
        .certificates
    certificate = Certificate.objects.create(
        camp=world.camp_a, learner=world.girl_a, language="ky",
        issued_on=timezone.localdate(), days_attended=6,
    )
    page = client.get(reverse("gals:family")).content.decode()
    assert certificate.get_absolute_url() in page
    certificate.revoked_on = timezone.localdate()
    certificate.save()
    assert certificate.get_absolute_url() not in client.get(reverse("gals:family")).content.decode()
