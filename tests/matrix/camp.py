from django.urls import reverse

from camp.models import Attendance, CalendarFeed, Camp

from . import PUBLIC, Row

FACILITATORS = {"facilitator", "other_facilitator", "admin"}
OURS = {"facilitator", "manager", "admin"}
ROLL = {"facilitator", "admin"}


def camp_url(name, **extra):
    return lambda w: reverse(f"camp:{name}", kwargs={"pk": w.camp_a.pk, **extra})


def enrolment_of_girl_a(w):
    return w.camp_a.enrolments.get(learner=w.girl_a).pk


def feed_token(w):
    return CalendarFeed.objects.get_or_create(user=w.facilitator_a)[0].token


ROWS = [
    Row("camp:teach", lambda w: reverse("camp:teach"), FACILITATORS | {"manager"}),
    Row("camp:camp_new", lambda w: reverse("camp:camp_new"), FACILITATORS | {"manager"}),
    Row("camp:camp_detail", camp_url("camp_detail"), OURS),
    Row("camp:camp_edit", camp_url("camp_edit"), OURS),
    Row(
        "camp:enrol", camp_url("enrol"), OURS, method="post", ok=(302,),
        data=lambda w: {"usernames": "girl-b"},
        unchanged=lambda w: list(w.camp_a.enrolments.values_list("learner_id", "status")),
    ),
    Row(
        "camp:withdraw",
        lambda w: reverse("camp:withdraw", kwargs={
            "pk": w.camp_a.pk, "enrolment_id": enrolment_of_girl_a(w)}),
        OURS,
    ),
    Row(
        "camp:withdraw",
        lambda w: reverse("camp:withdraw", kwargs={
            "pk": w.camp_a.pk, "enrolment_id": enrolment_of_girl_a(w)}),
        OURS, method="post", ok=(302,), data=lambda w: {"reason": "көчүп кетти"},
        unchanged=lambda w: list(w.camp_a.enrolments.values_list("status", flat=True)),
    ),
    Row("camp:day_edit", camp_url("day_edit", number=2), OURS),
    Row("camp:roll_call", camp_url("roll_call", number=1), ROLL),
    Row(
        "camp:roll_call", camp_url("roll_call", number=1), ROLL, method="post", ok=(302,),
        data=lambda w: {
            f"status-{w.girl_a.pk}": "present",
            f"client-{w.girl_a.pk}": "6f1c1d1e-0000-4000-8000-000000000001",
        },
        unchanged=lambda w: Attendance.objects.count(),
    ),
    Row("camp:day_plan", camp_url("day_plan", number=1), OURS),
    Row("camp:day_plan_pdf", camp_url("day_plan_pdf", number=1), OURS),
    Row("camp:attendance", camp_url("attendance"), OURS),
    Row(
        "camp:renew_my_calendar", lambda w: reverse("camp:renew_my_calendar"), FACILITATORS,
        method="post", ok=(302,),
        unchanged=lambda w: list(CalendarFeed.objects.values_list("token", flat=True)),
    ),
    Row(
        "camp:renew_camp_calendar", camp_url("renew_camp_calendar"), OURS,
        method="post", ok=(302,),
        unchanged=lambda w: Camp.objects.get(pk=w.camp_a.pk).calendar_token,
    ),
    Row(
        "camp:camp_calendar",
        lambda w: reverse("camp:camp_calendar", kwargs={"token": w.camp_a.calendar_token}),
        PUBLIC,
    ),
    Row(
        "camp:facilitator_calendar",
        lambda w: reverse("camp:facilitator_calendar", kwargs={"token": feed_token(w)}),
        PUBLIC,
    ),
    Row("camp:upcoming", lambda w: reverse("camp:upcoming"), PUBLIC),
]


def _girl_a_photo_page(w):
    """Her roll-call photo page, with the photo consent it needs (so a refusal is the
    role's, not the consent's)."""
    from tests.courses.helpers import give_consent

    give_consent(w.girl_a)
    return reverse("camp:roll_call_photo", kwargs={"pk": w.camp_a.pk, "learner_id": w.girl_a.pk})


def _face_upload(w):
    import uuid

    from tests.courses.helpers import jpeg_with_gps, upload

    return {"client_id": str(uuid.uuid4()), "photo": upload(jpeg_with_gps(120, 120))}


def _photos(w):
    from courses.models import ProjectPhoto

    return list(ProjectPhoto.objects.values_list("pk", flat=True))


# A girl's photos are seen by her own facilitators only: not a manager, not an admin.
ROWS += [
    Row("camp:gallery", camp_url("gallery"), {"facilitator"}),
    Row("camp:roll_call_photo", _girl_a_photo_page, {"facilitator"}),
    Row("camp:roll_call_photo", _girl_a_photo_page, {"facilitator"}, method="post",
        ok=(302,), data=_face_upload, unchanged=_photos),
]
