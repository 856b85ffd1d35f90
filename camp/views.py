"""Camp pages: the facilitator's day, planning, enrolment, roll call, calendars.

Thin: parse the request, ask ``can``, call a service, render.
"""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.core.audit import record
from cms.core.models import AuditEvent
from cms.core.offline import keep_offline, sender_checked
from cms.core.permissions import can, require
from courses.guides import lesson_guide
from courses.services import (
    LearningError,
    parse_client_id,
    photo_consent_ids,
    photos_with_consent,
    roll_call_photos,
    set_roll_call_photo,
)

from . import attendance as roll_call
from . import calendar_sources, day_plan, enrolment, ical, scheduling, shared_phone
from .dashboard import camp_today, my_camps
from .forms import CampForm, DayForm, EnrolForm, WithdrawForm
from .models import CalendarFeed, Camp, CampDay, Enrolment, Region
from .personal_data import anonymisation_notices
from .shortcuts import camp_or_404


def _form_gets_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def teach(request):
    """The facilitator's dashboard: her camps, and today in each running one."""
    require(request.user, "camp.teach")
    camps = my_camps(request.user)
    every_camp = can(request.user, "camp.see_every_camp")
    # Today's plan and roll call are for the facilitators who run the day.
    todays = [] if every_camp else [
        t for t in (camp_today(camp) for camp in camps["running"]) if t
    ]
    for today in todays:
        # The lessons' guides are for the camp's own facilitators (camp.day_plan).
        today.can_plan = can(request.user, "camp.day_plan", today.camp)
        for lesson in today.lessons:
            lesson.guide = lesson_guide(lesson) if today.can_plan else None
    # The evening before: the plan of each of her camps' next day, to print.
    tomorrows = [] if every_camp else [
        (camp, day) for camp in camps["running"] + camps["upcoming"]
        if (day := day_plan.next_day(camp)) is not None
        and day.date == scheduling.today() + datetime.timedelta(days=1)
        and can(request.user, "camp.day_plan", camp)
    ]
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return keep_offline(render(request, "camp/teach.html", {
        "camps": camps, "todays": todays, "tomorrows": tomorrows, "feed": feed,
        "every_camp": every_camp,
    }), request.user)


@login_required
def camp_new(request):
    require(request.user, "camp.create")
    choose = can(request.user, "camp.choose_facilitators")
    form = CampForm(request.POST or None, choose_facilitators=choose, user=request.user,
                    add_school=can(request.user, "camp.add_school"))
    if request.method == "POST" and form.is_valid():
        facilitators = list(form.cleaned_data.get("facilitators") or [])
        if not choose:
            facilitators = [request.user]
        try:
            camp = scheduling.create_camp(form.save(commit=False), facilitators, request.user,
                                          new_school=form.new_school())
        except ValidationError as error:
            _form_gets_errors(form, error)
        else:
            messages.success(request, _("The camp is planned."))
            return redirect("camp:camp_detail", pk=camp.pk)
    return render(request, "camp/camp_form.html", {
        "form": form,
    })


@login_required
def camp_detail(request, pk: int):
    camp = camp_or_404(request.user, pk)
    days = list(camp.days.select_related("day_page").order_by("number"))
    enrolments = list(
        camp.enrolments.select_related("learner").order_by("status", "waiting_since", "pk")
    )
    by_day = roll_call.totals_by_day(camp)
    for day in days:
        day.totals = by_day.get(day.pk, {})
    notices = anonymisation_notices([e.learner for e in enrolments])
    for place in enrolments:
        place.anonymise_on = notices.get(place.learner_id)
    return render(request, "camp/camp_detail.html", {
        "camp": camp,
        "days": days,
        "enrolled": [e for e in enrolments if e.status == Enrolment.Status.ENROLLED],
        "waiting": [e for e in enrolments if e.status == Enrolment.Status.WAITING],
        "withdrawn": [e for e in enrolments if e.status == Enrolment.Status.WITHDRAWN],
        "enrol_form": EnrolForm(),
        "can_manage": can(request.user, "camp.manage", camp),
        "can_take_roll": can(request.user, "camp.take_roll", camp),
        "can_plan": can(request.user, "camp.day_plan", camp),
        "can_manage_accounts": can(request.user, "camp.manage_accounts", camp),
        # Her birth year and why she was withdrawn are her record: not for managers.
        "can_see_records": can(request.user, "camp.girls_records", camp),
        "can_see_certificates": can(request.user, "certificates.view_camp", camp),
        "can_print_family_sheets": can(request.user, "gals.print_camp_sheets", camp),
        "can_see_gallery": can(request.user, "camp.gallery", camp),
        "unconfirmed": shared_phone.listed(camp)
        if can(request.user, "camp.unconfirmed_writes", camp) else None,
    })


@login_required
def camp_edit(request, pk: int):
    camp = camp_or_404(request.user, pk, "camp.manage")
    choose = can(request.user, "camp.choose_facilitators")
    form = CampForm(request.POST or None, instance=camp, choose_facilitators=choose,
                    user=request.user, add_school=can(request.user, "camp.add_school"))
    if request.method == "POST" and form.is_valid():
        facilitators = (
            list(form.cleaned_data["facilitators"]) if choose
            else list(Camp.objects.get(pk=camp.pk).facilitators.all())
        )
        try:
            scheduling.update_camp(form.save(commit=False), facilitators, request.user,
                                   new_school=form.new_school())
        except ValidationError as error:
            _form_gets_errors(form, error)
        else:
            messages.success(request, _("The camp is saved."))
            return redirect("camp:camp_detail", pk=camp.pk)
    return render(request, "camp/camp_form.html", {
        "form": form, "camp": camp,
    })


@login_required
def day_edit(request, pk: int, number: int):
    camp = camp_or_404(request.user, pk, "camp.manage")
    day = get_object_or_404(CampDay, camp=camp, number=number)
    original = CampDay.objects.get(pk=day.pk)
    form = DayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheduling.move_day(
                original, data["date"], data["starts_at"], data["ends_at"], request.user
            )
        except ValidationError as error:
            _form_gets_errors(form, error)
        else:
            messages.success(request, _("The day is saved."))
            return redirect("camp:camp_detail", pk=camp.pk)
    return render(request, "camp/day_form.html", {
        "form": form, "camp": camp, "day": original,
    })


@login_required
def day_plan_view(request, pk: int, number: int):
    """One day's plan with every lesson's facilitator's guide, in her language."""
    camp = camp_or_404(request.user, pk, "camp.day_plan")
    day = get_object_or_404(CampDay.objects.select_related("day_page"), camp=camp,
                            number=number)
    plan = day_plan.day_plan(camp, day, translation.get_language() or camp.language)
    return render(request, "camp/day_plan.html", {"plan": plan, "camp": camp})


@login_required
def day_plan_pdf(request, pk: int, number: int):
    """The same plan as an A4 PDF in the camp's language, to print the evening before."""
    camp = camp_or_404(request.user, pk, "camp.day_plan")
    day = get_object_or_404(CampDay.objects.select_related("day_page"), camp=camp,
                            number=number)
    response = HttpResponse(day_plan.day_plan_pdf(camp, day), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="day-plan-{camp.pk}-{number}.pdf"'
    return response


@login_required
@require_POST
def enrol(request, pk: int):
    """Enrol girls by username: all of them, or - on a bad line - none."""
    camp = camp_or_404(request.user, pk, "camp.manage")
    form = EnrolForm(request.POST)
    if form.is_valid():
        try:
            results = enrolment.enrol_all(camp, form.cleaned_data["usernames"], request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            waiting = sum(1 for e in results if e.status == Enrolment.Status.WAITING)
            enrolled = len(results) - waiting
            messages.success(request, _("Enrolled: %(count)d.") % {"count": enrolled})
            if waiting:
                messages.warning(
                    request,
                    _("The camp is full: %(count)d on the waiting list.") % {"count": waiting},
                )
    else:
        for error in form.errors.get("usernames", []):
            messages.error(request, error)
    return redirect("camp:camp_detail", pk=camp.pk)


@login_required
def withdraw(request, pk: int, enrolment_id: int):
    camp = camp_or_404(request.user, pk, "camp.manage")
    place = get_object_or_404(
        Enrolment.objects.select_related("learner"), pk=enrolment_id, camp=camp
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment.withdraw(place, form.cleaned_data["reason"], request.user)
        except ValidationError as error:
            _form_gets_errors(form, error)
        else:
            messages.success(request, _("The girl is withdrawn."))
            return redirect("camp:camp_detail", pk=camp.pk)
    return render(request, "camp/withdraw.html", {
        "form": form, "camp": camp, "enrolment": place,
    })


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@sender_checked
def roll_call_view(request, pk: int, number: int):
    """One day's roll: one tap per girl with JavaScript, the whole form without."""
    camp = camp_or_404(request.user, pk, "camp.take_roll")
    day = get_object_or_404(CampDay.objects.select_related("camp"), camp=camp, number=number)
    confirmed = request.POST.get("confirm") == "1" or request.GET.get("confirm") == "1"
    if request.method == "POST":
        if _wants_json(request):
            return _one_tap(request, day, confirmed)
        marks = _form_marks(request.POST)
        try:
            if request.POST.get("everyone") == "present":
                changed = roll_call.mark_everyone_present(day, request.user,
                                                          other_day_confirmed=confirmed)
            else:
                changed = roll_call.mark_many(day, marks, request.user,
                                              other_day_confirmed=confirmed)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The roll is saved (%(count)d changed).")
                             % {"count": changed})
        url = request.path + ("?confirm=1" if confirmed else "")
        return redirect(url)
    roll = roll_call.roll(day)
    learners = [e.learner for e, _m in roll]
    faces, consent = roll_call_photos(learners), photo_consent_ids(learners)
    for place, _mark in roll:
        place.face = faces.get(place.learner_id)
        place.photo_allowed = place.learner_id in consent
    rows = [(e, m, uuid.uuid4()) for e, m in roll]
    return keep_offline(render(request, "camp/roll_call.html", {
        "camp": camp, "day": day, "rows": rows,
        "marked": sum(1 for _e, m, _id in rows if m is not None),
        "needs_confirmation": roll_call.needs_confirmation(day) and not confirmed,
        "confirmed": confirmed,
        "statuses": roll_call.Attendance.Status.choices,
    }), request.user)


@login_required
@require_GET
def camp_gallery(request, pk: int):
    """Every girl's build photos in one camp, for the showcase on the last day: only the
    girls whose photo consent stands (withdrawn consent hides her photos at once)."""
    camp = camp_or_404(request.user, pk, "camp.gallery")
    learners = [e.learner for e in camp.enrolments.enrolled().select_related("learner").order_by(
        "learner__first_name", "learner__username")]
    photos = photos_with_consent(learners)
    girls = [(learner, photos[learner.pk]) for learner in learners if learner.pk in photos]
    record(request.user, AuditEvent.Action.VIEWED, camp, what="camp gallery")
    return render(request, "camp/gallery.html", {"camp": camp, "girls": girls})


@login_required
def roll_call_photo(request, pk: int, learner_id: int):
    """Take (or replace) a girl's photo for the roll call, with her photo consent."""
    camp = camp_or_404(request.user, pk, "camp.take_roll")
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner", "camp"), camp=camp, learner_id=learner_id)
    require(request.user, "camp.roll_call_photo", enrolment)
    error = None
    if request.method == "POST":
        try:
            set_roll_call_photo(
                enrolment.learner, request.FILES.get("photo"),
                parse_client_id(request.POST.get("client_id")), by=request.user)
        except LearningError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("Her photo for the roll call is saved."))
            return redirect(request.path)
    return render(request, "camp/roll_call_photo.html", {
        "camp": camp, "learner": enrolment.learner, "error": error,
        "photo": roll_call_photos([enrolment.learner]).get(enrolment.learner.pk),
        "client_id": uuid.uuid4(),
    }, status=400 if error else 200)


def _form_marks(post) -> list[tuple[int, str, str]]:
    """(girl, status, client id) for each row whose choice differs from what the page showed."""
    marks = []
    for key, status in post.items():
        if not key.startswith("status-"):
            continue
        try:
            learner_id = int(key.removeprefix("status-"))
        except ValueError:
            continue
        if status == post.get(f"was-{learner_id}"):
            continue
        marks.append((learner_id, status, post.get(f"client-{learner_id}", "")))
    return marks


def _one_tap(request, day: CampDay, confirmed: bool):
    try:
        learner_id = int(request.POST.get("learner", ""))
    except ValueError:
        return JsonResponse({"error": _("This girl is not enrolled in this camp.")}, status=400)
    try:
        result = roll_call.mark(
            day, learner_id, request.POST.get("status", ""), request.user,
            request.POST.get("client_id"), other_day_confirmed=confirmed,
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    attendance = result.attendance
    return JsonResponse({
        "status": attendance.status if attendance else None,
        "changed": result.changed,
    })


@login_required
def attendance_totals(request, pk: int):
    camp = camp_or_404(request.user, pk)
    days = list(camp.days.order_by("number"))
    by_girl = roll_call.totals_by_girl(camp)
    by_day = roll_call.totals_by_day(camp)
    girls = [
        (e, by_girl.get(e.learner_id, {}))
        for e in camp.enrolments.enrolled()
        .select_related("learner").order_by("learner__first_name", "learner_id")
    ]
    return render(request, "camp/attendance.html", {
        "camp": camp, "girls": girls,
        "days": [(d, by_day.get(d.pk, {})) for d in days],
    })


def _ics(name: str, days, request, others=()) -> HttpResponse:
    body = ical.calendar(name, days, request.get_host().split(":")[0], others)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="camp.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _days_for_calendar():
    return CampDay.objects.select_related("camp__school", "day_page").exclude(
        camp__status=Camp.Status.CANCELLED
    ).order_by("date", "starts_at")


def camp_calendar(request, token):
    """A camp's days; the private address is the only key (no sign-in in calendar apps)."""
    camp = Camp.objects.filter(calendar_token=token).first()
    if camp is None:
        raise Http404
    return _ics(camp.title, _days_for_calendar().filter(camp=camp), request,
                calendar_sources.events(camp=camp))


def facilitator_calendar(request, token):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return _ics(
        _("Camps of %(name)s") % {"name": feed.user.display_name},
        _days_for_calendar().filter(camp__in=Camp.objects.run_by(feed.user)),
        request,
        calendar_sources.events(facilitator=feed.user),
    )


@login_required
@require_POST
def renew_my_calendar(request):
    """A new private address for her calendar; the old one stops working."""
    require(request.user, "camp.keep_calendar")
    scheduling.renew_personal_calendar(by=request.user)
    messages.success(request, _("Your calendar has a new address: the old one no longer works."))
    return redirect("camp:teach")


@login_required
@require_POST
def renew_camp_calendar(request, pk: int):
    camp = camp_or_404(request.user, pk, "camp.manage")
    scheduling.renew_camp_calendar(camp, by=request.user)
    messages.success(
        request, _("The camp's calendar has a new address: the old one no longer works.")
    )
    return redirect("camp:camp_detail", pk=camp.pk)


def upcoming_camps(request):
    """Public: camps that are coming or running, by region. No girl's data."""
    on = scheduling.today()
    camps = (
        Camp.objects.filter(
            status__in=[Camp.Status.PUBLISHED, Camp.Status.RUNNING],
            days__date__gte=on,
        )
        .distinct()
        .select_related("school__district__region")
        .prefetch_related("days")
        .order_by("start_date", "pk")
    )
    regions: dict[Region, list[Camp]] = {}
    for camp in camps:
        dates = [d.date for d in camp.days.all()]
        camp.first_day, camp.last_day = min(dates), max(dates)
        regions.setdefault(camp.school.district.region, []).append(camp)
    return render(request, "camp/upcoming.html", {
        "regions": sorted(regions.items(), key=lambda item: item[0].name),
    })
