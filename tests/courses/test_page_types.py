"""Which page may live where: editors can only build a sensible tree."""

import pytest

from cms.core.models import HomePage, StandardPage
from courses.models import (
    CampDayPage,
    CurriculumPage,
    LessonPage,
    RoleModelPage,
    UniversityGuidePage,
    UniversityPage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "allowed_parents"),
    [
        (CurriculumPage, {HomePage}),
        (CampDayPage, {CurriculumPage}),
        (LessonPage, {CampDayPage}),
        (RoleModelPage, {StandardPage}),
        (UniversityGuidePage, {HomePage}),
        (UniversityPage, {UniversityGuidePage}),
    ],
)
def test_parent_page_types(model, allowed_parents):
    assert set(model.allowed_parent_page_models()) == allowed_parents


def test_lessons_have_no_children_and_days_hold_only_lessons():
    assert LessonPage.allowed_subpage_models() == []
    assert CampDayPage.allowed_subpage_models() == [LessonPage]
    assert CurriculumPage.allowed_subpage_models() == [CampDayPage]


def test_one_home_page_per_parent(curriculum):
    home = curriculum["homes"]["ky"]
    assert not HomePage.can_create_at(home.get_parent())
    assert not LessonPage.can_create_at(home)
