from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The curriculum (pages) and each girl's learning record."""

    name = "courses"
    verbose_name = _("Curriculum")

    def ready(self):
        # A girl's record of a lesson is kept until one of her rows changes.
        from cms.core.models import Consent

        from . import her_state
        from .models import LessonProgress, ProjectPhoto, QuizAttempt, StepProgress

        her_state.connect([LessonProgress, StepProgress, QuizAttempt], [ProjectPhoto, Consent])
        # Her lesson pages read her record's counters: with her account's, in one trip.
        from cms.core import signed_in

        signed_in.read_with_account(her_state.progress_version_of)
        signed_in.read_with_account(her_state.photos_version_of)

        # Lessons link glossary words: an entry saved or deleted is a change of content.
        from .models import GlossaryTerm

        for signal in (post_save, post_delete):
            signal.connect(_glossary_changed, sender=GlossaryTerm,
                           dispatch_uid=f"glossary-content-{id(signal)}")


def _glossary_changed(sender, **kwargs) -> None:
    from cms.core import content_cache

    content_cache.CONTENT.changed()
