"""GALS test data: sessions, records, commitments and photos on top of tests/world.py."""

import datetime
import uuid
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from cms.core.models import Consent
from gals.models import (
    Commitment,
    DrawingPhoto,
    GalsSession,
    Household,
    HouseholdMember,
    SessionRecord,
    Tool,
)


def jpeg_bytes(size=(40, 30), exif_gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # camera make
        exif[0x8825] = {1: "N", 2: (42.0, 30.0, 0.0)}  # GPS IFD
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return buffer.getvalue()


def make_session(camp, facilitator, days_ahead: int = 1, **fields) -> GalsSession:
    starts = timezone.now() + datetime.timedelta(days=days_ahead)
    return GalsSession.objects.create(
        camp=camp, starts_at=starts, venue=fields.pop("venue", "Мектептин залы"),
        facilitator=facilitator, tools=fields.pop("tools", [Tool.VISION_JOURNEY]), **fields,
    )


def give_photo_consent(girl, by=None) -> None:
    for kind in (Consent.Kind.GUARDIAN, Consent.Kind.ASSENT):
        Consent.objects.create(
            learner=girl, scope=Consent.Scope.PHOTOS, kind=kind,
            given_on=timezone.localdate() - datetime.timedelta(days=1), recorded_by=by,
        )


@dataclass
class GalsWorld:
    session_a: GalsSession
    session_b: GalsSession
    household_b: Household
    mother_a: HouseholdMember
    father_a: HouseholdMember
    member_b: HouseholdMember
    record_a: SessionRecord
    commitment_a: Commitment
    photo_a: DrawingPhoto


SECRET_NOTE = "Атасы ичимдик ичет"  # a sensitive note no manager may ever see


def gals_world(world) -> GalsWorld:
    """GALS objects for the two camps of ``world``, made once per world."""
    cached = getattr(world, "_gals", None)
    if cached is not None:
        return cached
    household_a = world.household_a
    mother_a = household_a.members.get(user=world.guardian_a)
    father_a = HouseholdMember.objects.create(
        household=household_a, family_role=HouseholdMember.FamilyRole.FATHER, name="Бакыт",
        age_band=HouseholdMember.AgeBand.MIDDLE,
    )
    household_b = Household.objects.create(camp=world.camp_b)
    household_b.girls.add(world.girl_b)
    member_b = HouseholdMember.objects.create(
        household=household_b, family_role=HouseholdMember.FamilyRole.MOTHER
    )
    session_a = make_session(world.camp_a, world.facilitator_a)
    session_b = make_session(world.camp_b, world.facilitator_b)
    record_a = SessionRecord.objects.create(
        household=household_a, session=session_a, held_on=timezone.localdate(),
        vision="Кызыбыз инженер болот", concerns=SECRET_NOTE, recorded_by=world.facilitator_a,
    )
    commitment_a = Commitment.objects.create(
        household=household_a, session=session_a, what="Идиш-аякты атасы жууйт",
        who=father_a, due_on=timezone.localdate() + datetime.timedelta(days=30),
        made_on=timezone.localdate(), client_id=uuid.uuid4(),
    )
    photo_a = DrawingPhoto(record=record_a, client_id=uuid.uuid4())
    photo_a.image.save("x.jpg", ContentFile(jpeg_bytes()), save=False)
    photo_a.save()
    world._gals = GalsWorld(
        session_a=session_a, session_b=session_b, household_b=household_b, mother_a=mother_a,
        father_a=father_a, member_b=member_b, record_a=record_a, commitment_a=commitment_a,
        photo_a=photo_a,
    )
    return world._gals
