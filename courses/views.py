"""A girl's learning record: thin views that parse, ask ``can``, call a service, answer.

Every form works as a plain POST (the page comes back with the result); a small
script (static/js/learning.js) sends the same forms with fetch and asks for JSON.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale

from cms.core.audit import record
from cms.core.models import AuditEvent
from cms.core.offline import sender_checked
from cms.core.permissions import require

from . import glossary as glossary_entries
from . import knowledge, pathway, progress, services, surveys, worksheets
from .models import ProjectPhoto, SurveyRound, Track
from .services import LearningError


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _lesson_or_404(request, lesson_key):
    lesson = services.lesson_by_key(lesson_key)
    if lesson is None:
        raise Http404
    require(request.user, "courses.take_lesson", lesson)
    return lesson


def _lesson_or_refusal(request, lesson_key):
    """(lesson, None), or (None, a JSON answer saying why) for a script's request.

    A write kept on her phone without signal may arrive after the lesson was taken off
    the site or her camp was cancelled; the phone shows her the server's reason, so it
    must be words in her language, not an error page. A plain form post still gets the
    404 or 403 page.
    """
    try:
        return _lesson_or_404(request, lesson_key), None
    except (Http404, PermissionDenied) as error:
        if not wants_json(request):
            raise
        if isinstance(error, Http404):
            message, status = _("This lesson has been taken off the site."), 404
        else:
            message, status = _("This lesson is not in the programme of your camp."), 403
        return None, JsonResponse({"ok": False, "message": message}, status=status)


def _back_to(lesson, anchor: str):
    """Where a plain form post goes back to; asked only then (the script's JSON reply
    needs no address, and finding one asks the cache for the site's roots)."""
    return lazy(lambda: lesson.url + anchor, str)()


def _refused(request, error: LearningError, back: str):
    message = error.messages[0]
    if wants_json(request):
        return JsonResponse({"ok": False, "message": message}, status=400)
    messages.error(request, message)
    return redirect(back)


@login_required
@sender_checked
@require_POST
def lesson_done(request, lesson_key):
    """Mark a lesson, or one of its steps, done. Same UUID again: nothing changes."""
    lesson, refusal = _lesson_or_refusal(request, lesson_key)
    if refusal is not None:
        return refusal
    step = request.POST.get("step", "").strip()
    back = _back_to(lesson, f"#step-{step}" if step else "#lesson-done")
    try:
        client_id = services.parse_client_id(request.POST.get("client_id"))
        if step:
            services.mark_step_done(request.user, lesson, step, client_id)
            message = _("Step done.")
        else:
            finished = services.finish_lesson(request.user, lesson, client_id)
            message = _("Well done! The lesson is marked as done.")
    except LearningError as error:
        return _refused(request, error, back)
    if wants_json(request):
        next_lesson = None if step else progress.her_next_lesson(
            request.user, lesson, finished.completed)
        return JsonResponse({
            "ok": True,
            "message": message,
            "next_url": next_lesson.url if next_lesson else None,
        })
    if not step:
        messages.success(request, message)
    return redirect(back)


@login_required
@sender_checked
@require_POST
def quiz_answer(request, lesson_key, number: int):
    """Score an answer on the server, keep the attempt, show right or wrong at once."""
    lesson, refusal = _lesson_or_refusal(request, lesson_key)
    if refusal is not None:
        return refusal
    back = _back_to(lesson, f"#quiz-{number}")
    try:
        client_id = services.parse_client_id(request.POST.get("client_id"))
        result = services.answer_quiz(
            request.user, lesson, number, request.POST.get("answer"), client_id
        )
    except LearningError as error:
        return _refused(request, error, back)
    verdict = _("Right!") if result.is_correct else _("Not quite.")
    if wants_json(request):
        return JsonResponse({
            "ok": True,
            "correct": result.is_correct,
            "verdict": verdict,
            "right_answer": result.correct_choice,
            "explanation": result.explanation,
        })
    return redirect(back)


@login_required
def photos(request):
    """Her photos of what she built, and the form to add one."""
    require(request.user, "courses.learn")
    consent = services.has_photo_consent(request.user)
    if request.method == "POST":
        lesson = None
        lesson_key = request.POST.get("lesson", "").strip()
        if lesson_key:
            try:
                lesson = services.lesson_by_key(uuid.UUID(lesson_key))
            except ValueError:
                lesson = None
            if lesson is None:
                raise Http404
            require(request.user, "courses.take_lesson", lesson)
        back = (lesson.url + "#photos") if lesson else request.path
        try:
            client_id = services.parse_client_id(request.POST.get("client_id"))
            services.add_photo(
                request.user,
                request.FILES.get("photo"),
                request.POST.get("caption", ""),
                client_id,
                lesson=lesson,
                by=request.user,
            )
        except LearningError as error:
            if lesson is None:
                return render(
                    request,
                    "courses/photos.html",
                    _photos_context(request, request.user, consent, error=error.messages[0]),
                    status=400,
                )
            return _refused(request, error, back)
        messages.success(request, _("Your photo is saved."))
        return redirect(back)
    return render(request, "courses/photos.html", _photos_context(request, request.user, consent))


def _photos_context(request, learner, consent: bool, **extra) -> dict:
    return {
        "learner": learner,
        "is_own": learner.pk == request.user.pk,
        "consent": consent,
        "photos": ProjectPhoto.objects.filter(learner=learner) if consent else [],
        "client_id": uuid.uuid4(),
        **extra,
    }


@login_required
@require_GET
def learner_photos(request, user_id: int):
    """A facilitator's or a guardian's view of one girl's photos."""
    learner = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    require(request.user, "courses.view_learner_photos", learner)
    if learner.pk != request.user.pk:
        record(request.user, AuditEvent.Action.VIEWED, learner, what="project photos")
    return render(
        request, "courses/photos.html", _photos_context(request, learner, consent=True)
    )


@login_required
@require_GET
def photo_file(request, pk: int):
    """The photo itself, only for those who may see it: never a public file URL."""
    photo = get_object_or_404(ProjectPhoto.objects.select_related("learner"), pk=pk)
    require(request.user, "courses.view_photo", photo)
    content_type = "image/webp" if photo.image.name.endswith(".webp") else "image/jpeg"
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def photo_delete(request, pk: int):
    photo = get_object_or_404(ProjectPhoto, pk=pk)
    require(request.user, "courses.delete_photo", photo)
    services.delete_photo(photo, by=request.user)
    messages.success(request, _("The photo is deleted."))
    return redirect("courses:photos")


@login_required
@sender_checked
def survey(request, round: str):
    """The confidence survey, before (day 1) or after (day 6) the camp; then her results."""
    require(request.user, "courses.learn")
    if round not in SurveyRound.values:
        raise Http404
    items = surveys.survey_items()
    consent = surveys.has_survey_consent(request.user)
    error = None
    if request.method == "POST":
        try:
            client_id = services.parse_client_id(request.POST.get("client_id"))
            _response, created = surveys.submit(
                request.user, round, request.POST, client_id, items=items
            )
        except LearningError as exc:
            error = exc.messages[0]
        else:
            if created:
                messages.success(request, _("Thank you! Your answers are saved."))
            else:
                messages.info(request, _("You have already answered this survey."))
            return redirect("courses:survey", round=round)
    done = surveys.response_of(request.user, round) is not None
    return render(
        request,
        "courses/survey.html",
        {
            "round": round,
            "round_label": SurveyRound(round).label,
            "items": items,
            "consent": consent,
            "done": done,
            "results": surveys.results_for(request.user) if done else [],
            "looking_back": round == SurveyRound.POST,
            "scale": range(1, 6),
            "posted": request.POST if error else {},
            "error": error,
            "client_id": request.POST.get("client_id") if error else uuid.uuid4(),
        },
        status=400 if error else 200,
    )


@login_required
@require_GET
def knowledge_test(request, round: str):
    """The knowledge test of every track, before (day 1) or after (day 6) the camp: one
    form per track, each saved on its own. No right answer is on this page."""
    require(request.user, "courses.learn")
    if round not in SurveyRound.values:
        raise Http404
    consent = surveys.has_survey_consent(request.user)
    language = get_language() or "ky"
    done = knowledge.taken(request.user)
    code = surveys.code_for(request.user) if consent else None
    labels = dict(Track.choices)
    tests = []
    for track in knowledge.tracks_with_tests():
        finished = (track, round) in done
        items = [] if finished or code is None else knowledge.test_for(
            track, knowledge.form_for(code, round))
        tests.append({
            "track": track,
            "label": labels[track],
            "done": finished,
            "questions": [
                {"number": item.number, "text": item.question(language),
                 "choices": list(enumerate(item.choices(language), start=1))}
                for item in items
            ],
            "client_id": uuid.uuid4(),
        })
    return render(request, "courses/knowledge_test.html", {
        "round": round,
        "round_label": SurveyRound(round).label,
        "consent": consent,
        "tests": tests,
        "all_done": bool(tests) and all(test["done"] for test in tests),
    })


@login_required
@sender_checked
@require_POST
def knowledge_answer(request, round: str, track: str):
    """Keep one track's answers and score them here; she is told only that they are
    saved (no right or wrong), so the test says nothing about its answers."""
    require(request.user, "courses.learn")
    if round not in SurveyRound.values or track not in Track.values:
        raise Http404
    back = reverse("courses:knowledge_test", kwargs={"round": round}) + f"#test-{track}"
    try:
        client_id = services.parse_client_id(request.POST.get("client_id"))
        _response, created = knowledge.submit(
            request.user, track, round, request.POST, client_id, language=get_language()
        )
    except LearningError as error:
        return _refused(request, error, back)
    message = _("Your answers are saved.") if created else _(
        "Your answers to this test were already saved.")
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return redirect(back)


@login_required
def path(request):
    """My path to university: the programmes she chose, their ORT tests, the dates."""
    require(request.user, "courses.learn")
    if request.method == "POST":
        try:
            pathway.choose(
                request.user,
                request.POST.get("university", ""),
                keep=request.POST.get("action") != "remove",
            )
        except LearningError as error:
            messages.error(request, error.messages[0])
        return redirect("courses:path")
    return render(request, "courses/path.html", {"plan": pathway.plan_for(request.user)})


@require_GET
def glossary(request):
    """The camp's words and what they mean, in the page's language: open to everyone,
    as the lessons that link to it are."""
    return render(request, "courses/glossary.html", {
        "terms": glossary_entries.entries(Locale.get_active()),
    })


@login_required
@require_GET
def worksheet(request, key: str):
    """A printable worksheet of the soldering and circuit lessons, in the page's language."""
    require(request.user, "courses.print_worksheets")
    if key not in worksheets.SHEETS:
        raise Http404
    language = get_language() or "ky"
    response = HttpResponse(worksheets.sheet_pdf(key, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="worksheet-{key}-{language}.pdf"'
    response["Cache-Control"] = "private, max-age=3600"
    return response
