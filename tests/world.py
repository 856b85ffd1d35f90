"""A small world of two camps, for permission tests: every role, and a neighbour.

Camp A is "ours": facilitator_a runs it, girl_a is in it, guardian_a is her parent.
Camp B belongs to facilitator_b and girl_b: what A's people must never reach.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone

from camp.models import Camp, CampDay, District, Enrolment, Region, School
from cms.core.models import Role, User
from gals.models import Household, HouseholdMember
from tests.factories import make_curriculum


@dataclass
class World:
    curriculum: object
    camp_a: Camp
    camp_b: Camp
    facilitator_a: User
    facilitator_b: User
    girl_a: User
    girl_b: User
    guardian_a: User
    household_a: Household
    manager: User
    partner: User
    editor: User
    admin: User
    lead: User

    def user(self, role: str) -> User | None:
        """The user who plays ``role`` in the matrix; None for anonymous."""
        return {
            "anonymous": None,
            "girl": self.girl_a,
            "other_girl": self.girl_b,
            "guardian": self.guardian_a,
            "facilitator": self.facilitator_a,
            "other_facilitator": self.facilitator_b,
            "manager": self.manager,
            "partner": self.partner,
            "editor": self.editor,
            "admin": self.admin,
            "lead": self.lead,
        }[role]


ROLES = [
    "anonymous", "girl", "other_girl", "guardian", "facilitator", "other_facilitator",
    "manager", "partner", "editor", "admin", "lead",
]


def make_user(username: str, role: str | None = None, **fields) -> User:
    user = User.objects.create_user(username=username, password="test-pass-123", **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_camp(title: str, curriculum, facilitator, start: datetime.date, school=None) -> Camp:
    if school is None:
        region, _ = Region.objects.get_or_create(
            code="talas", defaults={"name_ky": "Талас облусу", "name_ru": "Таласская область"}
        )
        district, _ = District.objects.get_or_create(
            region=region, name_ky="Бакай-Ата району", name_ru="Бакай-Атинский район"
        )
        school = School.objects.create(
            district=district, name=f"{title} мектеби", village="Көк-Сай"
        )
    camp = Camp.objects.create(
        title=title, school=school, curriculum=curriculum, start_date=start,
        status=Camp.Status.RUNNING,
    )
    camp.facilitators.add(facilitator)
    day_pages = list(curriculum.days())
    for number in range(1, 7):
        CampDay.objects.create(
            camp=camp, number=number, date=start + datetime.timedelta(days=number - 1),
            day_page=day_pages[number - 1] if number <= len(day_pages) else None,
        )
    return camp


def build_world() -> World:
    pages = make_curriculum(days=6, lessons_per_day=1, slug="world")
    curriculum = pages["curricula"]["ky"]
    today = timezone.localdate()
    facilitator_a = make_user("facilitator-a", Role.FACILITATOR, first_name="Гүлнара")
    facilitator_b = make_user("facilitator-b", Role.FACILITATOR, first_name="Айнура")
    camp_a = make_camp("Лагерь A", curriculum, facilitator_a, today)
    camp_b = make_camp("Лагерь B", curriculum, facilitator_b, today)
    girl_a = make_user("girl-a", Role.LEARNER, first_name="Айгүл", last_name="К", birth_year=2010)
    girl_b = make_user("girl-b", Role.LEARNER, first_name="Нурзат", last_name="Ө", birth_year=2009)
    Enrolment.objects.create(camp=camp_a, learner=girl_a)
    Enrolment.objects.create(camp=camp_b, learner=girl_b)
    guardian_a = make_user("guardian-a", Role.GUARDIAN, first_name="Жаңыл")
    household_a = Household.objects.create(camp=camp_a)
    household_a.girls.add(girl_a)
    HouseholdMember.objects.create(
        household=household_a, family_role=HouseholdMember.FamilyRole.MOTHER, user=guardian_a
    )
    return World(
        curriculum=pages,
        camp_a=camp_a,
        camp_b=camp_b,
        facilitator_a=facilitator_a,
        facilitator_b=facilitator_b,
        girl_a=girl_a,
        girl_b=girl_b,
        guardian_a=guardian_a,
        household_a=household_a,
        manager=make_user("manager", Role.MANAGER),
        partner=make_user("partner", Role.PARTNER),
        editor=make_user("editor", Role.EDITOR),
        admin=User.objects.create_superuser("admin", "admin@example.org", "test-pass-123"),
        lead=make_user("lead", Role.SAFEGUARDING_LEAD, first_name="Чолпон"),
    )
