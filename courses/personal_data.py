"""A girl's learning record in her data export, and what anonymising her does to it.

Lessons done, steps and answers stay (without a name they are counts); her photos
and her path choices go; the link between her and her survey code is cut, so her
survey answers and knowledge tests stay in the programme's figures but can never be
traced back to her.
"""

from cms.core.personal_data import Section

from .models import (
    KnowledgeResponse,
    LessonProgress,
    PathChoice,
    ProjectPhoto,
    QuizAttempt,
    StepProgress,
    SurveyAnswer,
    SurveyCode,
    SurveyResponse,
)
from .services import delete_photo


def export(girl) -> dict:
    code = SurveyCode.objects.filter(learner=girl).values_list("code", flat=True).first()
    responses = SurveyResponse.objects.filter(code=code) if code else SurveyResponse.objects.none()
    answers = SurveyAnswer.objects.filter(response__in=responses).select_related("response")
    return {
        "lessons_done": [
            {"lesson": str(row.lesson_key), "completed_at": row.completed_at.isoformat()}
            for row in LessonProgress.objects.filter(learner=girl).order_by("completed_at")
        ],
        "steps_done": [
            {"lesson": str(row.lesson_key), "step": row.step,
             "completed_at": row.completed_at.isoformat()}
            for row in StepProgress.objects.filter(learner=girl).order_by("completed_at")
        ],
        "answers": [
            {"lesson": str(row.lesson_key), "question": row.quiz_number, "answer": row.answer,
             "right": row.is_correct, "answered_at": row.answered_at.isoformat()}
            for row in QuizAttempt.objects.filter(learner=girl)
        ],
        "photos": [
            {"file": _photo_name(photo), "caption": photo.caption,
             "lesson": str(photo.lesson_key) if photo.lesson_key else None,
             "uploaded_at": photo.created_at.isoformat()}
            for photo in ProjectPhoto.objects.filter(learner=girl)
        ],
        "survey_code": code,
        "survey_answers": [
            {"round": answer.response.round, "area": answer.area, "statement": str(answer.item_key),
             "answer": answer.value, "looking_back_before": answer.before_value}
            for answer in answers
        ],
        "knowledge_tests": [
            {"track": test.track, "round": test.round, "form": test.form,
             "right": test.score, "questions": test.items,
             "answers": [{"question": answer.number, "choice": answer.choice}
                         for answer in test.answers.all()]}
            for test in (KnowledgeResponse.objects.filter(code=code).prefetch_related("answers")
                         if code else [])
        ],
        "path": [
            str(key) for key in PathChoice.objects.filter(learner=girl).values_list(
                "university_key", flat=True
            )
        ],
    }


def _photo_name(photo) -> str:
    return f"photo-{photo.pk}.{photo.image.name.rsplit('.', 1)[-1]}"


def files(girl):
    for photo in ProjectPhoto.objects.filter(learner=girl):
        yield _photo_name(photo), photo.image


def anonymise(girl) -> dict:
    photos = list(ProjectPhoto.objects.filter(learner=girl))
    for photo in photos:
        delete_photo(photo)
    codes, _by_type = SurveyCode.objects.filter(learner=girl).delete()
    paths, _by_type = PathChoice.objects.filter(learner=girl).delete()
    return {"photos_removed": len(photos), "survey_code_removed": codes, "path_removed": paths}


def section() -> Section:
    return Section("courses", export=export, files=files, anonymise=anonymise)
