from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The curriculum (pages) and each girl's learning record."""

    name = "courses"
    verbose_name = _("Curriculum")

    def ready(self):
        # A girl's record of a lesson is kept until one of her rows changes.
        from cms.models import Consent

        from . import her_state
        from .models import LessonProgress, ProjectPhoto, QuizAttempt, StepProgress

        her_state.connect([LessonProgress, StepProgress, QuizAttempt, ProjectPhoto, Consent])
