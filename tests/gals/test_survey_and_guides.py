"""The parents' survey (statements from the CMS) and the GALS tool guides."""

import uuid
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from gals import demo, services
from gals.models import AttitudeAnswer, AttitudeItem, AttitudeResponse, GalsToolPage, Tool


@pytest.fixture
def statements(db):
    demo.ensure_survey_items()
    return services.survey_items("ky")


def survey_data(items, role="mother", value="4"):
    data = {"respondent_role": role, "client_id": str(uuid.uuid4())}
    data.update({f"item_{item.translation_key}": value for item in items})
    return data


def test_statements_exist_in_both_languages_with_one_key(statements):
    assert len(statements) == 5
    ru = services.survey_items("ru")
    assert {i.translation_key for i in ru} == {i.translation_key for i in statements}
    assert all(i.locale.language_code == "ru" for i in ru)
    assert Locale.objects.filter(language_code="ru").exists()


def test_answers_are_stored_under_the_household_code_only(client, world, statements):
    client.force_login(world.guardian_a)
    url = reverse("gals:survey", args=[world.household_a.pk, "before"])
    response = client.post(url, survey_data(statements))
    assert response.status_code == 302
    answer = AttitudeResponse.objects.get()
    assert answer.household_code == world.household_a.code and answer.phase == "before"
    assert {f.name for f in AttitudeResponse._meta.get_fields()}.isdisjoint(
        {"household", "user", "member"})
    assert AttitudeAnswer.objects.filter(response=answer, value=4).count() == 5


def test_a_survey_with_a_statement_unanswered_is_refused(client, world, statements):
    client.force_login(world.guardian_a)
    data = survey_data(statements)
    data.pop(f"item_{statements[0].translation_key}")
    response = client.post(reverse("gals:survey", args=[world.household_a.pk, "after"]), data)
    assert response.status_code == 200 and not AttitudeResponse.objects.exists()
    assert list(response.context["messages"])


def test_a_survey_sent_twice_counts_once(world, statements):
    answers = {item.translation_key: 5 for item in statements}
    client_id = uuid.uuid4()
    for _ in range(2):
        services.submit_survey(world.household_a, phase="before", respondent_role="father",
                               answers=answers, client_id=client_id, by=world.guardian_a)
    assert AttitudeResponse.objects.count() == 1
    with pytest.raises(ValidationError):
        services.submit_survey(world.household_a, phase="before", respondent_role="father",
                               answers=answers, client_id=uuid.uuid4(), by=world.guardian_a)
    assert AttitudeResponse.objects.count() == 1


def test_an_unknown_phase_is_not_found(client, world, statements):
    client.force_login(world.guardian_a)
    assert client.get(reverse("gals:survey", args=[world.household_a.pk, "x"])).status_code == 404


def test_every_tool_has_a_drawing_that_is_valid_svg():
    for key in Tool.values:
        path = finders.find(f"gals/tools/{key}.svg")
        assert path, key
        root = ElementTree.parse(path).getroot()  # noqa: S314 (our own file)
        assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 640 480"
        assert not ElementTree.tostring(root, encoding="unicode").count("<text"), key
        assert Path(path).stat().st_size < 6000


@pytest.mark.django_db
def test_tool_guides_are_pages_in_both_languages(client):
    lines = []
    demo.load(lines.append)
    for code in ("ky", "ru"):
        pages = GalsToolPage.objects.live().filter(locale__language_code=code)
        assert sorted(pages.values_list("tool", flat=True)) == sorted(Tool.values)
        for page in pages:
            assert len(page.steps) >= 5 and page.materials and page.tips and page.time_needed
            html = client.get(page.url).content.decode()
            assert f'<html lang="{code}">' in html
            assert page.illustration_alt in html and f"gals/tools/{page.tool}.svg" in html
            assert page.purpose[:40] in html
    journey = GalsToolPage.objects.get(tool="vision_journey", locale__language_code="ky")
    assert journey.title == "Кыялга саякат"
    assert journey.get_parent().slug == "gals"
    assert settings.LANGUAGE_CODE == "ky"
    # Running the demo again adds nothing.
    before = GalsToolPage.objects.count(), AttitudeItem.objects.count()
    demo.load(lines.append)
    assert (GalsToolPage.objects.count(), AttitudeItem.objects.count()) == before


@pytest.mark.django_db
def test_demo_guardian_has_a_family_of_four_with_sessions_and_a_follow_up(client):
    from camp.certificates import qr
    from gals import certificates
    from gals.models import (
        Commitment,
        FamilyCertificate,
        FollowUp,
        GalsSession,
        Household,
        SessionAttendance,
    )

    demo.load(lambda line: None)
    household = Household.objects.get(members__user__username="demo-guardian")
    assert household.members.count() == 4
    assert list(household.girls.values_list("username", flat=True)) == ["demo-learner"]
    attended = SessionAttendance.objects.filter(member__household=household, present=True)
    # Three past sessions: enough for the family's GALS certificate, whose QR code checks.
    assert attended.values("session").distinct().count() == 3
    family = FamilyCertificate.objects.get(household=household)
    assert qr.check(family.code, certificates.fragment(family))[0] == "valid"
    assert Commitment.objects.filter(household=household).count() >= 2
    assert FollowUp.objects.filter(commitment__household=household).count() == 1
    sessions = GalsSession.objects.count()
    demo.load(lambda line: None)
    assert Household.objects.count() == 1 and FollowUp.objects.count() == 1
    assert FamilyCertificate.objects.count() == 1 and GalsSession.objects.count() == sessions
    client.force_login(household.members.get(user__isnull=False).user)
    assert client.get(reverse("gals:family")).status_code == 200
