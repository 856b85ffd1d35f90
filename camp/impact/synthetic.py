"""Synthetic data at programme scale, for measuring the impact pages.

``make_programme(girls=10000, camps=400, households=5000)`` writes schools, camps,
their days, girls, enrolments, roll calls, lesson progress, confidence surveys and
certificates with ``bulk_create``; apps that depend on camp (gals) add their records
through ``register(extension)``: ``extension(programme, rng, households=...)``.

Everything it makes is marked: usernames start with ``PREFIX``, camps' titles with
``CAMP_TITLE`` and schools' villages end with ``VILLAGE_MARK`` ("үлгү": a sample),
so ``remove_programme()`` finds them again.
Never run it on a production database: the command refuses unless asked.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from camp.certificates import codes, signing
from camp.certificates.models import Certificate
from camp.models import Attendance, Camp, CampDay, District, Enrolment, School
from cms.core.models import Role, User
from courses import knowledge, surveys
from courses.models import (
    CurriculumPage,
    KnowledgeResponse,
    LessonPage,
    LessonProgress,
    SurveyAnswer,
    SurveyArea,
    SurveyCode,
    SurveyResponse,
    SurveyRound,
    Track,
)

from .cache import changed

PREFIX = "synthetic-"
CAMP_TITLE = "Үлгү лагери"
VILLAGE_MARK = "(үлгү)"
BATCH = 5000
RETURNING = 0.03  # the share of girls enrolled in a second camp
FIRST_NAMES = [
    "Айгүл", "Нургүл", "Бермет", "Өмүрбүбү", "Жаңыл", "Чолпон", "Үмүт", "Мээрим", "Асель",
    "Жибек", "Айпери", "Нуриза", "Сезим", "Алтынай", "Каныкей", "Элнура", "Айжан", "Гүлзат",
]
INITIALS = "АБДЖКМНОӨРСТҮЧШЫ"
VILLAGES = [
    "Көк-Сай", "Кара-Суу", "Ак-Терек", "Жаңы-Жол", "Сары-Булак", "Таш-Көмүр", "Чолпон",
    "Кызыл-Жылдыз", "Ортоёк", "Бакай-Ата", "Ак-Талаа", "Түп",
]

#: Wagtail hooks of the apps that add their own records to the made programme:
#: ``MAKE``: ``make(programme, rng, households=...) -> counts``; ``REMOVE``: ``remove()``
#: deletes them again (gals/wagtail_hooks.py).
MAKE = "camp_synthetic_make"
REMOVE = "camp_synthetic_remove"


@dataclass
class Programme:
    camps: list[Camp]
    girls_by_camp: dict[int, list[int]]
    facilitators: list[User]
    counts: dict[str, int] = field(default_factory=dict)


def _bulk(model, objects, counts: dict, key: str | None = None) -> list:
    made = model.objects.bulk_create(objects, batch_size=BATCH)
    counts[key or model._meta.verbose_name_plural] = counts.get(
        key or model._meta.verbose_name_plural, 0) + len(made)
    return made


def _sign(made: list[Certificate]) -> None:
    """Signed as issuing signs them, so that every made certificate checks as valid."""
    certificates = list(Certificate.objects.filter(pk__in=[c.pk for c in made])
                        .select_related("learner", "camp__school__district__region"))
    for certificate in certificates:
        signing.sign(certificate, today=certificate.issued_on)
    Certificate.objects.bulk_update(certificates, signing.SIGNATURE_FIELDS, batch_size=BATCH)


def _users(names: list[tuple[str, str, str]], role: str, counts: dict, **fields) -> list[User]:
    password = make_password(None)  # unusable: nobody signs in as a synthetic person
    users = _bulk(User, [
        User(username=username, first_name=first, last_name=initial, password=password,
             **fields)
        for username, first, initial in names
    ], counts, f"users ({role})")
    if not all(user.pk for user in users):  # a backend that returns no ids
        users = list(User.objects.filter(username__in=[n[0] for n in names]).order_by("pk"))
    group = Group.objects.get(name=role)
    through = User.groups.through
    _bulk(through, [through(user_id=user.pk, group_id=group.pk) for user in users], counts,
          "role memberships")
    return users


def remove_programme() -> int:
    """Delete what an earlier run made (its camps, girls and facilitators)."""
    with transaction.atomic():
        for remove in hooks.get_hooks(REMOVE):
            remove()
        KnowledgeResponse.objects.filter(code__in=SurveyCode.objects.filter(
            learner__username__startswith=PREFIX).values("code")).delete()
        camps = Camp.objects.filter(title__startswith=CAMP_TITLE)
        Certificate.objects.filter(camp__in=camps).delete()  # protected: kept for life
        camps.delete()
        School.objects.filter(village__endswith=VILLAGE_MARK).delete()
        deleted, _ = User.objects.filter(username__startswith=PREFIX).delete()
    changed()
    return deleted


def _curriculum() -> CurriculumPage:
    curriculum = CurriculumPage.objects.live().order_by("path").first()
    if curriculum is None:
        raise LookupError("no curriculum")
    return curriculum


@transaction.atomic
def make_programme(*, girls: int = 10000, camps: int = 400, households: int = 5000,
                   seed: int = 2026, today: datetime.date | None = None,
                   out=print) -> Programme:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    curriculum = _curriculum()
    lessons = list(LessonPage.objects.descendant_of(curriculum).live().values_list(
        "translation_key", flat=True))
    day_pages = list(curriculum.get_children().specific().live().order_by("path"))

    districts = list(District.objects.all())
    schools = _bulk(School, [
        School(district=rng.choice(districts), name=f"Мектеп №{number}",
               village=f"{rng.choice(VILLAGES)} {VILLAGE_MARK}")
        for number in range(1, max(camps // 2, 1) + 1)
    ], counts)
    facilitators = _users(
        [(f"{PREFIX}facilitator-{n:04d}", rng.choice(FIRST_NAMES), rng.choice(INITIALS))
         for n in range(max(camps // 3, 1))],
        Role.FACILITATOR, counts,
    )
    out(f"  {len(schools)} schools, {len(facilitators)} facilitators")

    # Camps over two years up to a month from now; those that started a week ago or
    # earlier are finished.
    first = today - datetime.timedelta(days=600)
    camp_objects = []
    for number in range(camps):
        start = first + datetime.timedelta(days=rng.randrange(0, 630))
        status = Camp.Status.FINISHED if start <= today - datetime.timedelta(days=7) else (
            Camp.Status.RUNNING if start <= today else Camp.Status.PUBLISHED)
        camp_objects.append(Camp(
            title=f"{CAMP_TITLE} {number + 1:04d}", school=rng.choice(schools),
            curriculum=curriculum, language="ky" if rng.random() < 0.7 else "ru",
            start_date=start, capacity=40, status=status,
        ))
    camp_list = _bulk(Camp, camp_objects, counts)
    through = Camp.facilitators.through
    _bulk(through, [through(camp_id=camp.pk, user_id=rng.choice(facilitators).pk)
                    for camp in camp_list], counts, "camp facilitators")
    days = _bulk(CampDay, [
        CampDay(camp=camp, number=number,
                day_page=day_pages[number - 1] if number <= len(day_pages) else None,
                date=camp.start_date + datetime.timedelta(days=number - 1))
        for camp in camp_list for number in range(1, 7)
    ], counts)
    days_by_camp: dict[int, list[CampDay]] = {}
    for day in days:
        days_by_camp.setdefault(day.camp_id, []).append(day)
    out(f"  {len(camp_list)} camps, {len(days)} camp days")

    girl_users = _users(
        [(f"{PREFIX}girl-{n:05d}", rng.choice(FIRST_NAMES), rng.choice(INITIALS))
         for n in range(girls)],
        Role.LEARNER, counts, birth_year=2010,
    )
    now = timezone.now()
    enrolments, girls_by_camp = [], {}
    for girl in girl_users:
        camp = rng.choice(camp_list)
        withdrawn = rng.random() < 0.04
        enrolments.append(Enrolment(
            camp=camp, learner=girl,
            status=Enrolment.Status.WITHDRAWN if withdrawn else Enrolment.Status.ENROLLED,
        ))
        if not withdrawn:
            girls_by_camp.setdefault(camp.pk, []).append(girl.pk)
            # A few girls come back for a second camp: each counts once in the totals.
            if len(camp_list) > 1 and rng.random() < RETURNING:
                again = rng.choice([other for other in camp_list if other.pk != camp.pk])
                enrolments.append(Enrolment(camp=again, learner=girl))
                girls_by_camp.setdefault(again.pk, []).append(girl.pk)
    _bulk(Enrolment, enrolments, counts)
    out(f"  {len(girl_users)} girls enrolled")

    attendance, progress, completed = [], [], []
    camps_by_pk = {camp.pk: camp for camp in camp_list}
    done: set[tuple[int, str]] = set()
    for camp_pk, girl_ids in girls_by_camp.items():
        camp = camps_by_pk[camp_pk]
        for girl_id in girl_ids:
            keen = rng.random()
            came = 0
            for day in days_by_camp[camp_pk]:
                if day.date > today:
                    continue
                roll = rng.random()
                status = (Attendance.Status.PRESENT if roll < 0.55 + keen * 0.4 else
                          Attendance.Status.LATE if roll < 0.62 + keen * 0.35 else
                          Attendance.Status.ABSENT)
                came += status != Attendance.Status.ABSENT
                attendance.append(Attendance(
                    camp_day=day, learner_id=girl_id, status=status, marked_at=now,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                ))
            held = sum(1 for day in days_by_camp[camp_pk] if day.date <= today)
            share = min(1.0, keen * 1.2) * held / 6
            for key in lessons[: round(len(lessons) * share)]:
                if (girl_id, key) in done:
                    continue  # she finished it at her first camp: kept once, by its key
                done.add((girl_id, key))
                progress.append(LessonProgress(
                    learner_id=girl_id, lesson_key=key, completed_at=now,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                ))
            if camp.status == Camp.Status.FINISHED and came >= camp.min_days_for_certificate:
                completed.append((camp, girl_id, came))
    _bulk(Attendance, attendance, counts)
    _bulk(LessonProgress, progress, counts)
    _sign(_bulk(Certificate, [
        Certificate(code=codes.new_code(), camp=camp, learner_id=girl_id,
                    language=camp.language, issued_on=camp.start_date + datetime.timedelta(
                        days=5), days_attended=came)
        for camp, girl_id, came in completed
    ], counts))
    out(f"  {len(attendance)} roll-call marks, {len(progress)} lessons done, "
        f"{len(completed)} certificates")

    _surveys(rng, girls_by_camp, camps_by_pk, today, now, counts)
    add_knowledge_tests(rng, counts)
    programme = Programme(camp_list, girls_by_camp, facilitators, counts)
    for extension in hooks.get_hooks(MAKE):
        counts.update(extension(programme, rng, households=households))
    changed()  # bulk_create sends no signal: kept reports are out of date
    return programme


def _surveys(rng, girls_by_camp, camps_by_pk, today, now, counts) -> None:
    """Most girls answer before; those of finished camps after too, a little surer."""
    areas = [area for area in SurveyArea.values]
    codes_made, responses, plans = [], [], []
    answered: set[int] = set()
    for camp_pk, girl_ids in girls_by_camp.items():
        finished = camps_by_pk[camp_pk].status == Camp.Status.FINISHED
        for girl_id in girl_ids:
            if girl_id in answered or rng.random() > 0.85:
                continue  # a girl of two camps answers once: she has one survey code
            answered.add(girl_id)
            code = f"S{girl_id:07d}"
            codes_made.append(SurveyCode(learner_id=girl_id, code=code))
            base = {area: rng.randint(1, 4) for area in areas}
            plans.append((code, SurveyRound.PRE, base))
            responses.append(SurveyResponse(
                code=code, round=SurveyRound.PRE, language="ky", submitted_at=now,
                client_id=uuid.UUID(int=rng.getrandbits(128), version=4)))
            if finished and rng.random() < 0.85:
                after = {area: min(5, value + rng.choice([0, 0, 1, 1, 1, 2]))
                         for area, value in base.items()}
                plans.append((code, SurveyRound.POST, after))
                responses.append(SurveyResponse(
                    code=code, round=SurveyRound.POST, language="ky", submitted_at=now,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4)))
    _bulk(SurveyCode, codes_made, counts)
    made = _bulk(SurveyResponse, responses, counts)
    answers = []
    keys = {area: uuid.uuid5(uuid.NAMESPACE_URL, f"synthetic-{area}") for area in areas}
    reverse_key = uuid.uuid5(uuid.NAMESPACE_URL, "synthetic-maths-reverse")
    for response, (_code, round_, values) in zip(made, plans, strict=True):
        for area, value in values.items():
            if area == SurveyArea.ROLE_MODEL:
                value = 1 if value >= 3 else 0
            looking_back = None
            if round_ == SurveyRound.POST and area != SurveyArea.ROLE_MODEL:
                looking_back = max(1, value - rng.choice([0, 1, 1, 2]))
            answers.append(SurveyAnswer(response=response, item_key=keys[area], area=area,
                                        value=value, before_value=looking_back))
        answers.append(SurveyAnswer(response=response, item_key=reverse_key,
                                    area=SurveyArea.MATHS, reverse_scored=True,
                                    value=6 - values[SurveyArea.MATHS]))
    _bulk(SurveyAnswer, answers, counts)
    surveys.score_girls(SurveyCode.objects.filter(learner__username__startswith=PREFIX)
                        .values("code"))


KNOWLEDGE_ITEMS = 5


def add_knowledge_tests(rng=None, counts: dict | None = None) -> int:
    """Each track's knowledge test for the programme's girls who answered the confidence
    survey, in the same rounds: before the camp a few questions right, after it a few
    more. Only the tests taken (scores), not each answer. Adds nothing a second time."""
    rng = rng or random.Random(20)
    counts = counts if counts is not None else {}
    rounds = SurveyResponse.objects.filter(code__in=SurveyCode.objects.filter(
        learner__username__startswith=PREFIX).values("code"))
    if KnowledgeResponse.objects.filter(code__in=rounds.values("code")).exists():
        return 0
    plans: dict[str, set] = {}
    for code, round_ in rounds.values_list("code", "round"):
        plans.setdefault(code, set()).add(round_)
    now = timezone.now()
    made = []
    for code in sorted(plans):
        for track in Track.values:
            before = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
            scores = {SurveyRound.PRE: before,
                      SurveyRound.POST: min(KNOWLEDGE_ITEMS,
                                            before + rng.choice([0, 1, 1, 2, 2, 3]))}
            for round_ in sorted(plans[code]):
                score = scores[round_]
                made.append(KnowledgeResponse(
                    code=code, track=track, round=round_, form=knowledge.form_for(code, round_),
                    language="ky", score=score, items=KNOWLEDGE_ITEMS,
                    percent=knowledge.round_percent(score, KNOWLEDGE_ITEMS), submitted_at=now,
                    client_id=uuid.UUID(int=rng.getrandbits(128), version=4)))
    _bulk(KnowledgeResponse, made, counts, "knowledge tests")
    return len(made)
