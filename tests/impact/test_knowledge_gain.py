"""Knowledge gain per track on the impact page: over the girls who took a track's test
before and after the camp, hidden under the same small-number rule as confidence, and
shown for the demo programme."""

import uuid

import pytest
from django.utils import timezone

from camp.impact import cache, demo, services, synthetic
from cms.core.models import Role, User
from courses.knowledge import form_for, round_percent
from courses.models import KnowledgeResponse, SurveyCode, SurveyRound
from tests.world import make_user

pytestmark = pytest.mark.django_db

#: Camp C's first five girls took the soldering test, 5 questions, before and after.
SOLDERING_PRE = [1, 2, 2, 3, 1]
SOLDERING_POST = [3, 4, 3, 5, 2]


def took(girl, track, round_, score, items=5):
    code = SurveyCode.objects.get_or_create(
        learner=girl, defaults={"code": uuid.uuid4().hex[:8].upper()})[0].code
    KnowledgeResponse.objects.create(
        code=code, track=track, round=round_, form=form_for(code, round_), language="ky",
        score=score, items=items, percent=round_percent(score, items),
        submitted_at=timezone.now(), client_id=uuid.uuid4())


@pytest.fixture
def tested(programme):
    for index, girl in enumerate(programme.girls["c"][:5]):
        took(girl, "soldering", SurveyRound.PRE, SOLDERING_PRE[index])
        took(girl, "soldering", SurveyRound.POST, SOLDERING_POST[index])
    for girl in programme.girls["c"][5:8]:  # three girls: a figure of three
        took(girl, "programming", SurveyRound.PRE, 2)
        took(girl, "programming", SurveyRound.POST, 4)
    # Only before: she does not count in the gain.
    took(programme.girls["a"][0], "soldering", SurveyRound.PRE, 5)
    cache.changed()
    return programme


def everything():
    return services.visible_camps(User(is_superuser=True))


def test_knowledge_gain_per_track_counts_girls_with_both_tests(tested):
    rows = {row.key: row for row in services.build_report(
        everything(), suppress=False).knowledge.rows}
    soldering = {key: cell.value for key, cell in rows["soldering"].cells.items()}
    # Per cent right: before 20, 40, 40, 60, 20; after 60, 80, 60, 100, 40.
    assert soldering["n"] == 5
    assert soldering["pre"] == 36.0
    assert soldering["post"] == 68.0
    assert soldering["gain"] == 32.0
    assert soldering["spread"] == 11.0  # sample SD of 40, 40, 20, 40, 20
    assert rows["programming"].cells["n"].value == 3
    assert "modelling" not in rows  # nobody took it


def test_a_track_of_fewer_than_five_girls_is_hidden_for_partners(tested):
    report = services.build_report(everything(), suppress=True)
    rows = {row.key: row for row in report.knowledge.rows}
    assert all(cell.hidden and str(cell) == "<5" for cell in rows["programming"].cells.values())
    assert not any(cell.hidden for cell in rows["soldering"].cells.values())
    # The exports carry the same table, suppressed.
    assert any(table.key == "knowledge" for table in report.all_tables())


def test_the_dashboard_shows_the_knowledge_gain(client, tested):
    client.force_login(make_user("impact-partner-k", Role.PARTNER))
    page = client.get("/ky/impact/").content.decode()
    table = page.split('id="table-knowledge"')[1].split("</table>")[0]
    assert "Билимдин өсүшү" in page
    assert "Кепшерлөө" in table and "32" in table
    assert "&lt;5" in table  # programming: three girls


def test_the_demo_programme_shows_knowledge_gain(programme):
    demo.load(lambda text: None)
    report = services.build_report(everything(), suppress=True)
    rows = report.knowledge.rows
    assert {row.key for row in rows} == {"soldering", "modelling", "programming",
                                         "university", "softskills"}
    for row in rows:
        assert row.cells["n"].value >= 5 and not row.cells["gain"].hidden
        assert row.cells["gain"].value > 0
    # A demo database made before the test existed gets the tests on the next load.
    KnowledgeResponse.objects.all().delete()
    lines = []
    demo.load(lines.append)
    assert "knowledge tests added" in lines[-1]
    assert KnowledgeResponse.objects.filter(code__in=SurveyCode.objects.filter(
        learner__username__startswith=synthetic.PREFIX).values("code")).exists()
