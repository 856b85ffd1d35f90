"""A small programme whose figures are worked out by hand in the tests.

Three camps, two regions, one curriculum of three lessons (two soldering, one
programming), all held in the past (2025 and 2026):

| camp | region | language | start      | girls | came 6 days | came fewer       |
|------|--------|----------|------------|-------|-------------|------------------|
| A    | Talas  | ky       | 2026-07-06 | 6     | 5           | 1 (2 days)       |
| B    | Talas  | ru       | 2025-07-07 | 3     | 3           | 0                |
| C    | Naryn  | ky       | 2026-08-03 | 10    | 5           | 5 (3 days)       |

Every camp asks 5 days for a certificate, so 5 + 3 + 5 = 13 girls completed.
Certificates: five in camp A (one revoked), five in camp C.
Lessons: camp A's first five girls finished both soldering lessons and its sixth
the first one; camp C's five who came every day finished the programming lesson.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from camp.certificates.models import Certificate
from camp.models import Camp, District, Region, School
from cms.core.models import Role
from courses import surveys
from courses.models import (
    LessonPage,
    SurveyAnswer,
    SurveyArea,
    SurveyCode,
    SurveyResponse,
    SurveyRound,
)
from tests.certificates.factories import add_girl
from tests.factories import make_curriculum
from tests.world import make_camp, make_user


@dataclass
class Programme:
    camp_a: Camp
    camp_b: Camp
    camp_c: Camp
    girls: dict
    talas: Region
    naryn: Region
    facilitator_a: object
    facilitator_c: object
    soldering: list
    programming: list


def _school(region_code: str, name: str) -> School:
    region = Region.objects.get(code=region_code)
    district = District.objects.filter(region=region).order_by("pk").first()
    if district is None:
        district = District.objects.create(region=region, name_ky="Район", name_ru="Район")
    return School.objects.create(district=district, name=name, village="Айыл")


def _camp(title, curriculum, facilitator, start, region_code, language) -> Camp:
    camp = make_camp(title, curriculum, facilitator, start,
                     school=_school(region_code, f"{title} мектеби"))
    camp.language = language
    camp.status = Camp.Status.FINISHED
    camp.min_days_for_certificate = 5
    camp.save()
    return camp


def certify(camp, girls, revoked: int = 0) -> None:
    today = datetime.date(2026, 8, 10)
    for index, girl in enumerate(girls):
        Certificate.objects.create(
            camp=camp, learner=girl, language=camp.language, issued_on=today, days_attended=6,
            revoked_on=today if index < revoked else None,
        )


def answer(girl, round_: str, answers: list[tuple[str, bool, int, int | None]]) -> str:
    """Her survey: (area, reverse-scored, value, looking back) per statement."""
    code = SurveyCode.objects.get_or_create(
        learner=girl, defaults={"code": uuid.uuid4().hex[:8].upper()})[0].code
    response = SurveyResponse.objects.create(
        code=code, round=round_, language="ky", submitted_at=timezone.now(),
        client_id=uuid.uuid4(),
    )
    for area, reverse, value, before in answers:
        SurveyAnswer.objects.create(
            response=response, item_key=uuid.uuid5(uuid.NAMESPACE_URL, f"{area}-{reverse}"),
            area=area, reverse_scored=reverse, value=value, before_value=before,
        )
    surveys.score_girls([code])  # as surveys.submit() does
    return code


def make_programme() -> Programme:
    pages = make_curriculum(days=3, lessons_per_day=1, slug="impact")
    curriculum = pages["curricula"]["ky"]
    keys = [page.translation_key for page in pages["lessons"]["ky"]]
    LessonPage.objects.filter(translation_key=keys[2]).update(track="programming")
    facilitator_a = make_user("impact-fac-a", Role.FACILITATOR, first_name="Гүлнара")
    facilitator_c = make_user("impact-fac-c", Role.FACILITATOR, first_name="Айнура")
    camp_a = _camp("Лагерь A", curriculum, facilitator_a, datetime.date(2026, 7, 6), "talas",
                   "ky")
    camp_b = _camp("Лагерь B", curriculum, facilitator_a, datetime.date(2025, 7, 7), "talas",
                   "ru")
    camp_c = _camp("Лагерь C", curriculum, facilitator_c, datetime.date(2026, 8, 3), "naryn",
                   "ky")
    girls = {"a": [], "b": [], "c": []}
    for index in range(6):
        lessons = keys[:2] if index < 5 else keys[:1]
        girls["a"].append(add_girl(camp_a, f"Айгүл{index}", days=6 if index < 5 else 2,
                                   lessons=lessons))
    for index in range(3):
        girls["b"].append(add_girl(camp_b, f"Бермет{index}", days=6))
    for index in range(10):
        full = index < 5
        girls["c"].append(add_girl(camp_c, f"Чолпон{index}", days=6 if full else 3,
                                   lessons=keys[2:] if full else []))
    certify(camp_a, girls["a"][:5], revoked=1)
    certify(camp_c, girls["c"][:5])
    return Programme(
        camp_a=camp_a, camp_b=camp_b, camp_c=camp_c, girls=girls,
        talas=Region.objects.get(code="talas"), naryn=Region.objects.get(code="naryn"),
        facilitator_a=facilitator_a, facilitator_c=facilitator_c,
        soldering=keys[:2], programming=keys[2:],
    )


#: Camp C's first five girls: maths (one plain, one reverse-scored statement) before
#: and after, with a "looking back" rating on the plain one; girls 5-7 answer science.
MATHS_PRE = [2, 2, 3, 3, 2]
MATHS_POST = [4, 4, 4, 5, 3]
LOOKING_BACK = [1, 2, 2, 2, 1]


def add_surveys(programme: Programme) -> None:
    maths = SurveyArea.MATHS
    for index, girl in enumerate(programme.girls["c"][:5]):
        # The reverse-scored statement: 4 before (score 2), 2 after (score 4).
        answer(girl, SurveyRound.PRE, [(maths, False, MATHS_PRE[index], None),
                                       (maths, True, 4, None)])
        answer(girl, SurveyRound.POST, [(maths, False, MATHS_POST[index], LOOKING_BACK[index]),
                                        (maths, True, 2, None)])
    for girl in programme.girls["c"][5:8]:
        answer(girl, SurveyRound.PRE, [(SurveyArea.SCIENCE, False, 2, None)])
        answer(girl, SurveyRound.POST, [(SurveyArea.SCIENCE, False, 4, 3)])
    # Only before: she does not count in the change.
    answer(programme.girls["a"][0], SurveyRound.PRE, [(maths, False, 5, None)])
