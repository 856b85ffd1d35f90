"""Certificate test data: a finished camp whose girls came and learned as told."""

import datetime
import uuid

from django.contrib.auth.models import Group
from django.utils import timezone

from camp.models import Attendance, Camp, Enrolment
from cms.core.models import Role, User
from courses.models import LessonPage, LessonProgress
from tests.factories import make_curriculum
from tests.shared_data import empty_cache
from tests.world import make_camp, make_user

NAMES = ["Айгүл", "Нургүл", "Бермет", "Өмүрбүбү", "Жаңыл", "Чолпон", "Үмүт", "Мээрим"]


def camp_with_core_lessons(title: str = "Күзгү лагерь", core: int = 2):
    """A six-day camp whose curriculum has ``core`` core lessons."""
    pages = make_curriculum(days=3, lessons_per_day=1, slug=f"cert-{uuid.uuid4().hex[:6]}")
    curriculum = pages["curricula"]["ky"]
    keys = [p.translation_key for p in pages["lessons"]["ky"][:core]]
    LessonPage.objects.filter(translation_key__in=keys).update(is_core=True)
    facilitator = make_user(
        f"fac-{uuid.uuid4().hex[:6]}", Role.FACILITATOR, first_name="Гүлнара", last_name="Осмонова"
    )
    camp = make_camp(title, curriculum, facilitator, datetime.date(2026, 7, 6))
    camp.status = Camp.Status.FINISHED
    camp.save()
    return camp, facilitator, keys


def add_girl(
    camp,
    first_name: str,
    last_name: str = "К",
    *,
    days: int = 6,
    lessons: list | None = None,
    late: int = 0,
) -> User:
    """A girl enrolled in ``camp`` who came on ``days`` days and finished ``lessons``."""
    girl = User.objects.create_user(
        username=f"g-{uuid.uuid4().hex[:8]}",
        first_name=first_name,
        last_name=last_name,
        birth_year=2010,
    )
    girl.groups.add(Group.objects.get(name=Role.LEARNER))
    Enrolment.objects.create(camp=camp, learner=girl)
    now = timezone.now()
    for index, day in enumerate(camp.days.order_by("number")):
        if index < days:
            status = Attendance.Status.LATE if index < late else Attendance.Status.PRESENT
        else:
            status = Attendance.Status.ABSENT
        Attendance.objects.create(
            camp_day=day, learner=girl, status=status, marked_at=now, client_id=uuid.uuid4()
        )
    for key in lessons or []:
        LessonProgress.objects.create(
            learner=girl, lesson_key=key, completed_at=now, client_id=uuid.uuid4()
        )
    return girl


def clear_rate_limit():
    empty_cache("ratelimit")
