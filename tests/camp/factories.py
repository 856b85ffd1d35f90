"""Camp test data: a camp of any size, girls, and a clock set to a chosen day."""

import datetime

from django.contrib.auth.models import Group

from camp.models import Camp, CampDay, Enrolment
from cms.core.models import Role, User
from tests.world import make_camp


def make_girl(username: str, first_name: str = "Айгүл", **fields) -> User:
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name=first_name,
        last_name=fields.pop("last_name", "К"), birth_year=fields.pop("birth_year", 2010),
        **fields,
    )
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


def make_facilitator(username: str, first_name: str = "Гүлнара") -> User:
    user = User.objects.create_user(username=username, password="test-pass-123",
                                     first_name=first_name)
    user.groups.add(Group.objects.get(name=Role.FACILITATOR))
    return user


def make_class(camp: Camp, size: int, prefix: str = "girl") -> list[User]:
    """``size`` girls enrolled in ``camp`` (created in bulk: fast for 300)."""
    group = Group.objects.get(name=Role.LEARNER)
    users = User.objects.bulk_create([
        User(username=f"{prefix}-{camp.pk}-{n}", first_name=f"Кыз{n}", last_name="Б",
             birth_year=2010)
        for n in range(size)
    ])
    group.user_set.add(*users)
    Enrolment.objects.bulk_create([Enrolment(camp=camp, learner=u) for u in users])
    return users


def camp_starting(curriculum_page, facilitator, start: datetime.date, title="Лагерь") -> Camp:
    return make_camp(title, curriculum_page, facilitator, start)


def day_of(camp: Camp, number: int) -> CampDay:
    return camp.days.get(number=number)
