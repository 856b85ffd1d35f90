"""Demo camps: one finished (six days of roll calls), one running today, one coming.

demo-facilitator runs all three; a class of girls including demo-learner is in
them. Camps are found by title, so a second run adds only what is missing.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.core.demo import ensure_demo_user
from cms.core.models import Role
from courses.demo_learning import give_demo_consents
from courses.models import CurriculumPage

from .attendance import mark
from .enrolment import enrol
from .learner_links import ENROLMENTS
from .models import Attendance, Camp, CampDay, District, School
from .scheduling import plan

FACILITATOR = ("demo-facilitator", {"first_name": "Гүлнара", "last_name": "А"})
GIRLS = [
    ("demo-learner", {"first_name": "Айгүл", "last_name": "К", "birth_year": 2010}),
    ("demo-girl-2", {"first_name": "Нурзат", "last_name": "Ө", "birth_year": 2009}),
    ("demo-girl-3", {"first_name": "Бермет", "last_name": "Т", "birth_year": 2010}),
    ("demo-girl-4", {"first_name": "Үмүт", "last_name": "С", "birth_year": 2011}),
    ("demo-girl-5", {"first_name": "Жибек", "last_name": "М", "birth_year": 2010}),
    ("demo-girl-6", {"first_name": "Мээрим", "last_name": "Д", "birth_year": 2009}),
    ("demo-girl-7", {"first_name": "Асель", "last_name": "Ж", "birth_year": 2011}),
    ("demo-girl-8", {"first_name": "Чолпон", "last_name": "Н", "birth_year": 2010}),
]

#: A girl enrolled only in the camp that has not begun: what a girl sees before day 1
#: (the survey and the knowledge test of before the camp).
NEWCOMER = ("demo-girl-9", {"first_name": "Айпери", "last_name": "Б", "birth_year": 2011})

STATUSES = ["present", "present", "present", "late", "present", "absent", "present"]


def _person(username: str, role: str, fields: dict):
    """The demo account made by cms/core/demo.py, or ours if the kernel has none."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = ensure_demo_user(username, **fields)
    group = Group.objects.get(name=role)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    return user


def _school() -> School:
    district = District.objects.filter(name_ky="Бакай-Ата району").first()
    school, _created = School.objects.get_or_create(
        name="Көк-Сай орто мектеби",
        defaults={"district": district, "village": "Көк-Сай", "contact_name": "Марат Ж."},
    )
    return school


def _camp(title, curriculum, school, facilitator, start, days_off) -> tuple[Camp, bool]:
    camp = Camp.objects.filter(title=title).first()
    if camp is not None:
        return camp, False
    camp = Camp(
        title=title, school=school, curriculum=curriculum, language="ky", start_date=start,
        capacity=30, status=Camp.Status.RUNNING, days_off=days_off,
    )
    days = plan(camp, start)
    camp.save()
    camp.facilitators.add(facilitator)
    CampDay.objects.bulk_create(
        CampDay(camp=camp, number=d.number, date=d.date, day_page=d.page) for d in days
    )
    ENROLMENTS.changed()  # a bulk write sends no signal: girls' kept camp days are out of date
    return camp, True


def _take_rolls(camp: Camp, girls, facilitator, before: datetime.date) -> None:
    for day in camp.days.filter(date__lt=before).order_by("number"):
        if Attendance.objects.filter(camp_day=day).exists():
            continue
        for index, girl in enumerate(girls):
            status = STATUSES[(index + day.number) % len(STATUSES)]
            mark(day, girl.pk, status, facilitator, uuid.uuid4(), other_day_confirmed=True)


def load(out) -> None:
    if not settings.DEMO_ACCOUNTS_ALLOWED:
        out("Demo camps need the demo accounts: not created with these settings.")
        return
    curriculum = (
        CurriculumPage.objects.live().filter(locale__language_code="ky").order_by("path").first()
    )
    if curriculum is None:
        out("Demo camps need a curriculum: none found.")
        return
    facilitator = _person(FACILITATOR[0], Role.FACILITATOR, FACILITATOR[1])
    girls = [_person(username, Role.LEARNER, fields) for username, fields in GIRLS]
    school = _school()
    today = timezone.localdate()
    plans = [
        ("Көк-Сай: күзгү лагерь", today - datetime.timedelta(days=35), [6], Camp.Status.FINISHED),
        ("Көк-Сай: кышкы лагерь", today - datetime.timedelta(days=2), [], Camp.Status.RUNNING),
        ("Көк-Сай: жазгы лагерь", today + datetime.timedelta(days=28), [6],
         Camp.Status.PUBLISHED),
    ]
    for title, start, days_off, status in plans:
        camp, created = _camp(title, curriculum, school, facilitator, start, days_off)
        if not created:
            continue
        for girl in girls:
            enrol(camp, girl, facilitator)
        _take_rolls(camp, girls, facilitator, before=today)
        if status == Camp.Status.PUBLISHED:
            newcomer = _person(NEWCOMER[0], Role.LEARNER, NEWCOMER[1])
            enrol(camp, newcomer, facilitator)
            # Her family signed the forms, so the test before the camp is hers to take.
            give_demo_consents(newcomer)
        camp.status = status
        camp.save(update_fields=["status"])
        out(f"Demo camp: {title} ({camp.get_status_display()})")
