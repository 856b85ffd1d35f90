"""The girl's own page, /<lang>/learn/: her camp's days and lessons, done or not,
and the one button she needs - the next lesson.

It lives in camp because only camp knows which camp she is in; the progress comes
from ``courses.progress`` and the surveys from ``courses.surveys``.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cms.core.permissions import require
from courses import access, knowledge, progress, surveys
from courses.models import SurveyRound

from .learner_links import enrolments_of
from .models import Camp
from .personal_data import anonymisation_days

STATUS_ORDER = {Camp.Status.RUNNING: 0, Camp.Status.PUBLISHED: 1, Camp.Status.FINISHED: 2}


def current_camp(learner) -> Camp | None:
    """The running camp she is in; else the next one; else the last one she took part in."""
    camps = [
        enrolment.camp
        for enrolment in enrolments_of(learner).select_related("camp__curriculum")
    ]
    if not camps:
        return None
    camps.sort(key=lambda camp: (STATUS_ORDER.get(camp.status, 9), -camp.start_date.toordinal()))
    return camps[0]


@login_required
def learn(request):
    require(request.user, "courses.learn")
    camp = current_camp(request.user)
    context = {"camp": camp, "today": timezone.localdate(),
               "family_sees": access.family_sees(request.user)}
    if camp is not None:
        curriculum = camp.curriculum.localized
        days = progress.outline(curriculum)
        completed = progress.completed_lesson_keys(request.user)
        dates = {day.number: day for day in camp.days.all()}
        today_number = next(
            (number for number, day in dates.items() if day.date == context["today"]), None
        )
        last_day = max(dates.values(), key=lambda day: day.number, default=None)
        after_camp = camp.status == Camp.Status.FINISHED or (
            last_day is not None and context["today"] >= last_day.date
        )
        first_day = min(dates.values(), key=lambda day: day.number, default=None)
        # The knowledge test: "before" until the end of day 1, "after" from day 6 on.
        before_camp = camp.status != Camp.Status.FINISHED and (
            first_day is None or context["today"] <= first_day.date
        )
        tested = knowledge.taken(request.user)
        test_tracks = knowledge.tracks_with_tests()
        total = sum(len(day.lessons) for day in days)
        done = sum(1 for day in days for lesson in day.lessons if lesson.key in completed)
        shown = [
            {
                "outline": day,
                "camp_day": dates.get(day.number),
                "is_today": day.number == today_number,
                "lessons": [(lesson, lesson.key in completed) for lesson in day.lessons],
                "left": [lesson for lesson in day.lessons if lesson.key not in completed],
            }
            for day in progress.in_camp_order(days, today_number)
        ]
        if today_number is None:
            today_days, earlier, later = [], [], shown
        else:
            today_days = [day for day in shown if day["is_today"]]
            earlier = [day for day in shown if day["outline"].number < today_number]
            later = [day for day in shown if day["outline"].number > today_number]
        context.update(
            days=shown,
            today_days=today_days,
            earlier_left=[day for day in earlier if day["left"]],
            earlier_done=[day for day in earlier if not day["left"]],
            later_days=later,
            camp_day_today=today_number,
            next_lesson=progress.next_lesson(days, completed, today_number),
            done=done,
            total=total,
            percent=round(100 * done / total) if total else 0,
            pre_done=surveys.response_of(request.user, SurveyRound.PRE) is not None,
            post_done=surveys.response_of(request.user, SurveyRound.POST) is not None,
            after_camp=after_camp,
            test_pre_open=before_camp and any(
                (track, SurveyRound.PRE) not in tested for track in test_tracks),
            test_post_open=after_camp and any(
                (track, SurveyRound.POST) not in tested for track in test_tracks),
            kept_until=(anonymisation_days([request.user]).get(request.user.pk)
                        if after_camp else None),
        )
    return render(request, "camp/learn.html", context)
