"""GALS views: families see only their own, facilitators only their camps' families,
programme managers only numbers."""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from gals.models import (
    BalanceReading,
    Commitment,
    DrawingPhoto,
    FamilyCertificate,
    FollowUp,
    GalsSession,
    GuardianInvite,
    HouseholdMember,
    SessionAttendance,
    SessionRecord,
    SessionReply,
)
from tests.gals.factories import gals_world, jpeg_bytes

from . import Row

FAMILY = {"guardian", "facilitator"}
FACILITATORS = {"facilitator", "other_facilitator", "admin"}
OWN_FACILITATOR = {"facilitator"}


def g(w):
    return gals_world(w)


def photo_url(w):
    """The drawing's address; its file is put back if an earlier test deleted it (files
    on disk are not rolled back with the database)."""
    photo = g(w).photo_a
    if not photo.image.storage.exists(photo.image.name):
        photo.image.storage.save(photo.image.name, ContentFile(jpeg_bytes()))
    return reverse("gals:photo", args=[photo.pk])


def session_household(name):
    return lambda w: reverse(name, args=[g(w).session_a.pk, w.household_a.pk])


ROWS = [
    Row("gals:family", lambda w: reverse("gals:family"), {"guardian"}),
    Row("gals:family_sheet", lambda w: reverse("gals:family_sheet", args=[w.household_a.pk]),
        FAMILY),
    Row("gals:camp_sheets", lambda w: reverse("gals:camp_sheets", args=[w.camp_a.pk]),
        OWN_FACILITATOR, unchanged=lambda w: GuardianInvite.objects.count()),
    Row("gals:family_certificate",
        lambda w: reverse("gals:family_certificate", args=[w.household_a.pk]), FAMILY),
    Row("gals:family_certificate_issue",
        lambda w: reverse("gals:family_certificate_issue", args=[w.household_a.pk]),
        OWN_FACILITATOR, method="post", ok=(302,),
        unchanged=lambda w: list(FamilyCertificate.objects.values_list("pk", "household_id"))),
    Row("gals:family_certificate_revoke",
        lambda w: reverse("gals:family_certificate_revoke", args=[w.household_a.pk]),
        {"facilitator", "manager", "admin"}, method="post", ok=(302,),
        data=lambda w: {"reason": "жаңылыш берилген"},
        unchanged=lambda w: list(FamilyCertificate.objects.values_list(
            "revoked_on", "revoked_reason"))),
    Row("gals:survey", lambda w: reverse("gals:survey", args=[w.household_a.pk, "before"]),
        FAMILY),
    Row("gals:reply", session_household("gals:reply"), FAMILY),
    Row("gals:reply", session_household("gals:reply"), FAMILY, method="post",
        data=lambda w: {"coming": "yes", "members": [g(w).mother_a.pk],
                        "client_id": str(uuid.uuid4())},
        ok=(302,), unchanged=lambda w: SessionReply.objects.count()),
    Row("gals:facilitator", lambda w: reverse("gals:facilitator"), FACILITATORS),
    Row("gals:numbers", lambda w: reverse("gals:numbers"), {"manager", "admin"}),
    Row("gals:session_new", lambda w: reverse("gals:session_new"), FACILITATORS),
    Row("gals:session", lambda w: reverse("gals:session", args=[g(w).session_a.pk]),
        OWN_FACILITATOR),
    Row("gals:roll_call", lambda w: reverse("gals:roll_call", args=[g(w).session_a.pk]),
        OWN_FACILITATOR),
    Row("gals:roll_call", lambda w: reverse("gals:roll_call", args=[g(w).session_a.pk]),
        OWN_FACILITATOR, method="post",
        data=lambda w: {"household": w.household_a.pk, "present": [g(w).mother_a.pk],
                        "client_id": str(uuid.uuid4())},
        ok=(302,), unchanged=lambda w: SessionAttendance.objects.count()),
    Row("gals:session_delete",
        lambda w: reverse("gals:session_delete", args=[g(w).session_a.pk]),
        OWN_FACILITATOR, method="post", ok=(302,),
        unchanged=lambda w: GalsSession.objects.count()),
    Row("gals:record", session_household("gals:record"), OWN_FACILITATOR),
    Row("gals:commitment_add", session_household("gals:commitment_add"), OWN_FACILITATOR,
        method="post", ok=(302,),
        data=lambda w: {"what": "Китеп сатып алабыз", "client_id": str(uuid.uuid4())},
        unchanged=lambda w: Commitment.objects.count()),
    Row("gals:balance", session_household("gals:balance"), OWN_FACILITATOR, method="post",
        ok=(302,),
        data=lambda w: {"housework": "shared", "money": "shared", "education": "parents",
                        "client_id": str(uuid.uuid4())},
        unchanged=lambda w: BalanceReading.objects.count()),
    Row("gals:photo_add", session_household("gals:photo_add"), OWN_FACILITATOR,
        method="post", ok=(302,), data=lambda w: {"client_id": str(uuid.uuid4())},
        unchanged=lambda w: DrawingPhoto.objects.count()),
    Row("gals:household_new", lambda w: reverse("gals:household_new"), FACILITATORS),
    Row("gals:household", lambda w: reverse("gals:household", args=[w.household_a.pk]),
        FAMILY),
    Row("gals:member_add", lambda w: reverse("gals:member_add", args=[w.household_a.pk]),
        OWN_FACILITATOR, method="post", ok=(302,),
        data=lambda w: {"family_role": "brother", "client_id": str(uuid.uuid4())},
        unchanged=lambda w: HouseholdMember.objects.count()),
    Row("gals:follow_up",
        lambda w: reverse("gals:follow_up", args=[g(w).commitment_a.pk]), OWN_FACILITATOR),
    Row("gals:follow_up",
        lambda w: reverse("gals:follow_up", args=[g(w).commitment_a.pk]), OWN_FACILITATOR,
        method="post", ok=(302,),
        data=lambda w: {"status": "partly", "reason": "", "client_id": str(uuid.uuid4())},
        unchanged=lambda w: FollowUp.objects.count()),
    Row("gals:photo", lambda w: photo_url(w), FAMILY),
]

# Kept for readers: the record a refused request must never reveal.
PRIVATE_MODELS = (SessionRecord, DrawingPhoto)


def prepare(world):
    """Make the GALS objects once, before the matrix runs; household A has earned and
    received its GALS certificate."""
    from gals import certificates

    gals_world(world)
    household = world.household_a
    member = household.members.first()
    for n in range(3):
        session = GalsSession.objects.create(
            camp=world.camp_a, starts_at=timezone.now() - datetime.timedelta(days=n + 2),
            venue="Клуб", facilitator=world.facilitator_a, tools=[])
        SessionAttendance.objects.create(session=session, member=member,
                                         marked_at=timezone.now())
    certificates.issue(household, by=world.facilitator_a, language="ky")


def _photo_consent(w):
    from cms.core.models import Consent

    return list(Consent.objects.filter(learner=w.girl_a).values_list("scope", "withdrawn_on"))


ROWS += [
    # Only a guardian of the girl's household withdraws a consent from the family page.
    Row("gals:withdraw_consent",
        lambda w: reverse("gals:withdraw_consent", args=[w.girl_a.pk]),
        {"guardian"}, method="post", data=lambda w: {"scope": "photos"}, ok=(302,),
        unchanged=_photo_consent),
]
