"""A family's record at a session: notes, commitments, follow-ups, indicators, drawings."""

import datetime
import uuid
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gals import services
from gals.models import BalanceReading, Commitment, DrawingPhoto, FollowUp, SessionRecord
from tests.gals.factories import give_photo_consent, jpeg_bytes


def record_url(gw, world, name="gals:record"):
    return reverse(name, args=[gw.session_a.pk, world.household_a.pk])


def test_facilitator_writes_notes_and_vision_on_her_phone(client, world, gw):
    client.force_login(world.facilitator_a)
    response = client.post(record_url(gw, world), {
        "tool": "balance_tree", "vision": "Айгүл инженер болот", "discussion": "Үй жумушу",
        "concerns": "", "shared_with": "Кошунасы",
    })
    assert response.status_code == 302
    record = SessionRecord.objects.get(household=world.household_a, session=gw.session_a)
    assert record.vision == "Айгүл инженер болот" and record.tool == "balance_tree"


def test_the_first_commitment_is_due_about_a_month_after_the_session(client, world, gw):
    client.force_login(world.facilitator_a)
    client.post(record_url(gw, world, "gals:commitment_add"), {
        "what": "Атасы суу ташыйт", "who": gw.father_a.pk, "client_id": str(uuid.uuid4()),
    })
    commitment = Commitment.objects.get(what="Атасы суу ташыйт")
    made = timezone.localdate(gw.session_a.starts_at)
    assert commitment.due_on == made + datetime.timedelta(days=30)
    assert commitment.who == gw.father_a and commitment.session == gw.session_a


def test_a_commitment_for_a_member_of_another_family_is_refused(client, world, gw):
    client.force_login(world.facilitator_a)
    before = Commitment.objects.count()
    response = client.post(record_url(gw, world, "gals:commitment_add"), {
        "what": "Бир нерсе", "who": gw.member_b.pk, "client_id": str(uuid.uuid4()),
    }, follow=True)
    assert Commitment.objects.count() == before
    assert list(response.context["messages"])


def test_a_follow_up_without_a_status_is_refused_and_changes_nothing(client, world, gw):
    client.force_login(world.facilitator_a)
    url = reverse("gals:follow_up", args=[gw.commitment_a.pk])
    response = client.post(url, {"status": "", "reason": "Убакыт жок",
                                 "client_id": str(uuid.uuid4())})
    assert response.status_code == 200
    assert not FollowUp.objects.exists()
    text = " ".join(str(m) for m in response.context["messages"])
    assert "аткарылды, жарым-жартылай же азырынча жок" in text


def test_a_follow_up_records_status_and_reason_once(client, world, gw):
    client.force_login(world.facilitator_a)
    url = reverse("gals:follow_up", args=[gw.commitment_a.pk])
    data = {"status": "partly", "reason": "Бир жолу гана жууду", "client_id": str(uuid.uuid4())}
    client.post(url, data)
    client.post(url, data)
    follow_up = FollowUp.objects.get()
    assert (follow_up.status, follow_up.reason) == ("partly", "Бир жолу гана жууду")
    state = services.commitment_states(Commitment.objects.filter(pk=gw.commitment_a.pk))[0]
    assert state.status == "partly" and state.open


def test_balance_tree_indicators_baseline_then_review(client, world, gw):
    client.force_login(world.facilitator_a)
    url = record_url(gw, world, "gals:balance")
    client.post(url, {"housework": "women", "money": "men", "education": "father",
                      "client_id": str(uuid.uuid4())})
    client.post(url, {"housework": "shared", "money": "shared", "education": "with_girl",
                      "client_id": str(uuid.uuid4())})
    history = services.balance_history(world.household_a)
    assert [row["reading"].housework for row in history] == ["women", "shared"]
    assert history[0]["label"] != history[1]["label"]
    page = client.get(reverse("gals:household", args=[world.household_a.pk])).content.decode()
    assert page.count("<tr>") >= 3


def test_indicators_with_an_answer_missing_are_refused(client, world, gw):
    client.force_login(world.facilitator_a)
    client.post(record_url(gw, world, "gals:balance"),
                {"housework": "women", "client_id": str(uuid.uuid4())})
    assert not BalanceReading.objects.exists()


def upload(data: bytes, name="drawing.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_a_photo_without_consent_is_refused_naming_the_missing_consent(client, world, gw):
    client.force_login(world.facilitator_a)
    before = DrawingPhoto.objects.count()
    response = client.post(record_url(gw, world, "gals:photo_add"), {
        "photo": upload(jpeg_bytes()), "client_id": str(uuid.uuid4()),
    }, follow=True)
    assert DrawingPhoto.objects.count() == before
    text = " ".join(str(m) for m in response.context["messages"])
    assert world.girl_a.display_name in text and "Сүрөткө макулдук" in text
    with pytest.raises(ValidationError) as refused:
        services.add_photo(gw.record_a, upload(jpeg_bytes()), caption="", by=None,
                           client_id=uuid.uuid4())
    assert world.girl_a.display_name in refused.value.messages[0]


def test_a_photo_with_consent_is_stored_without_exif_and_resized(client, world, gw):
    give_photo_consent(world.girl_a)
    client.force_login(world.facilitator_a)
    big = jpeg_bytes(size=(3000, 2000), exif_gps=True)
    assert Image.open(BytesIO(big)).getexif()
    client.post(record_url(gw, world, "gals:photo_add"), {
        "photo": upload(big, "aigul_home.jpg"), "caption": "Дарак", "client_id": str(uuid.uuid4()),
    })
    photo = DrawingPhoto.objects.exclude(pk=gw.photo_a.pk).get()
    stored = Image.open(photo.image.open("rb"))
    assert max(stored.size) == services.DRAWING_MAX_SIDE
    assert not stored.getexif() and "exif" not in stored.info
    assert "aigul" not in photo.image.name
    # Kept outside the public media folder: only the checked, audited view serves it.
    from django.conf import settings

    assert not photo.image.path.startswith(str(settings.MEDIA_ROOT) + "/")


def test_a_file_that_is_not_a_picture_is_refused(client, world, gw):
    give_photo_consent(world.girl_a)
    client.force_login(world.facilitator_a)
    before = DrawingPhoto.objects.count()
    response = client.post(record_url(gw, world, "gals:photo_add"), {
        "photo": upload(b"not a picture at all", "notes.jpg"), "client_id": str(uuid.uuid4()),
    }, follow=True)
    assert DrawingPhoto.objects.count() == before
    assert list(response.context["messages"])


def test_the_facilitator_page_shows_due_and_overdue_commitments(client, world, gw):
    gw.commitment_a.due_on = timezone.localdate() - datetime.timedelta(days=2)
    gw.commitment_a.save()
    Commitment.objects.create(
        household=world.household_a, what="Китеп алабыз", made_on=timezone.localdate(),
        due_on=timezone.localdate() + datetime.timedelta(days=3), client_id=uuid.uuid4(),
    )
    client.force_login(world.facilitator_a)
    response = client.get(reverse("gals:facilitator"))
    assert [s.commitment.what for s in response.context["overdue"]] == [gw.commitment_a.what]
    assert [s.commitment.what for s in response.context["due"]] == ["Китеп алабыз"]
    assert response.context["next_follow_up"].commitment == gw.commitment_a
    page = response.content.decode()
    assert world.girl_a.display_name in page and world.girl_b.display_name not in page
