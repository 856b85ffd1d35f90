"""Who may do what with learning records: lessons, answers, photos, surveys, path.

A girl works on her own record, in the curricula of her camps. Her photos are seen
by her, her facilitators and her guardians (``courses.access.cares_for``), and
only while the photo consent stands. Nobody else - not a manager, not an
administrator browsing the site - sees a girl's photo.
"""

from cms.core import content_cache
from cms.core.models import Role
from cms.core.permissions import rule

from . import access
from .models import CurriculumPage, LessonPage, ProjectPhoto
from .services import has_photo_consent


def _learner(user) -> bool:
    return user.has_role(Role.LEARNER)


@rule("courses.learn")
def learn(user, obj=None) -> bool:
    """Her own pages: what to learn next, her photos, her surveys, her path."""
    return _learner(user)


def curriculum_key(lesson: LessonPage):
    """The translation key of the lesson's curriculum (kept until the content changes)."""
    path = lesson.path[: -2 * lesson.steplen]
    return content_cache.kept(
        f"curriculum-at:{path}",
        lambda: CurriculumPage.objects.filter(path=path)
        .values_list("translation_key", flat=True).first(),
    )


@rule("courses.print_worksheets")
def print_worksheets(user, obj=None) -> bool:
    """The lessons' printable worksheets (no child's data): for the people who run and
    write the lessons - facilitators, content editors, administrators."""
    return user.is_superuser or user.has_role(Role.FACILITATOR) or user.has_role(Role.EDITOR)


@rule("courses.take_lesson")
def take_lesson(user, lesson) -> bool:
    """Mark done, answer, upload on a lesson: only a lesson of her own camp's curriculum."""
    if not isinstance(lesson, LessonPage) or not _learner(user):
        return False
    return curriculum_key(lesson) in access.curricula_of(user)


@rule("courses.view_learner_photos")
def view_learner_photos(user, learner) -> bool:
    """The gallery of one girl's photos."""
    if learner is None or not has_photo_consent(learner):
        return False
    return user.pk == learner.pk or access.cares_for(user, learner)


@rule("courses.view_photo")
def view_photo(user, photo) -> bool:
    if not isinstance(photo, ProjectPhoto):
        return False
    return view_learner_photos(user, photo.learner)


@rule("courses.delete_photo")
def delete_photo(user, photo) -> bool:
    """Her own photo: she may take it down at any time, consent or not."""
    return isinstance(photo, ProjectPhoto) and photo.learner_id == user.pk


@rule("courses.read_guide")
def read_guide(user, lesson=None) -> bool:
    """A lesson's facilitator's guide in the Wagtail editor: content editors and
    administrators, who keep the curriculum. Facilitators read it on their camp's day
    (``camp.day_plan``); girls, guardians, partners and visitors never."""
    return user.is_superuser or user.has_role(Role.EDITOR)
