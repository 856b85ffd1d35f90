"""Rules about stored data are kept by the database, and said first by the forms.

A bad row written past the forms (a script, the shell, a bug) is refused by the
database; a person's bad input still gets the form's own words in her language; and a
migration that adds a rule over rows that already break it names them and stops.
"""

import datetime
import importlib
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from camp.models import DAY_ENDS_AFTER_IT_STARTS, NEEDS_A_PLACE, Camp, CampDay, Enrolment
from cms.core.migration_checks import RowsBreakConstraint
from courses.models import SurveyAnswer, SurveyResponse
from gals.models import DataRequest, GalsSession, Household, HouseholdMember
from tests.camp.factories import make_girl
from tests.world import make_user

pytestmark = pytest.mark.django_db


def refused(write) -> bool:
    """True when the database refuses what ``write`` stores."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def _survey_answer(**fields):
    response = SurveyResponse.objects.create(
        code=f"S{uuid.uuid4().hex[:8]}", round="pre", language="ky",
        submitted_at=timezone.now(), client_id=uuid.uuid4())
    values = {"item_key": uuid.uuid4(), "area": "stem", "value": 3} | fields
    return SurveyAnswer.objects.create(response=response, **values)


def test_the_database_refuses_rows_that_break_a_rule(camp):
    guardian = make_user("parent-1", "guardian")
    household = Household.objects.create(camp=camp)
    HouseholdMember.objects.create(household=household, family_role="mother", user=guardian)
    girl = make_girl("girl-rules")
    DataRequest.objects.create(girl=girl, kind="export", due_on=timezone.localdate())
    day = camp.days.get(number=2)

    bad_writes = {
        "a camp with no place": lambda: Camp.objects.filter(pk=camp.pk).update(capacity=0),
        "a camp day ending before it starts": lambda: Camp.objects.filter(pk=camp.pk).update(
            day_starts_at=datetime.time(16), day_ends_at=datetime.time(9)),
        "more than all the core lessons": lambda: Camp.objects.filter(pk=camp.pk).update(
            min_core_lessons_percent=101),
        "a day ending when it starts": lambda: CampDay.objects.filter(pk=day.pk).update(
            starts_at=datetime.time(12), ends_at=datetime.time(12)),
        "a place on the waiting list since no time": lambda: Enrolment.objects.create(
            camp=camp, learner=make_girl("girl-waits"), status="waiting"),
        "an answer of 6": lambda: _survey_answer(value=6),
        "a looking-back answer of 0": lambda: _survey_answer(value=4, before_value=0),
        "the same account twice in a family": lambda: HouseholdMember.objects.create(
            household=household, family_role="father", user=guardian),
        "a second open request of a kind": lambda: DataRequest.objects.create(
            girl=girl, kind="export", due_on=timezone.localdate()),
        "a session of no camp and no community": lambda: GalsSession.objects.create(
            venue="Клуб", starts_at=timezone.now()),
    }
    assert [name for name, write in bad_writes.items() if not refused(write)] == []

    # What the rules allow is still stored: a yes-or-no "no", a family member without an
    # account beside another, a new request once the first is answered.
    _survey_answer(area="role_model", value=0)
    HouseholdMember.objects.create(household=household, family_role="brother")
    HouseholdMember.objects.create(household=household, family_role="sister")
    DataRequest.objects.filter(girl=girl).update(answered_at=timezone.now())
    DataRequest.objects.create(girl=girl, kind="export", due_on=timezone.localdate())


def _camp_form(camp, **extra):
    start = camp.days.get(number=6).date + datetime.timedelta(days=3)
    return {
        "title": "Ак-Талаа лагери", "school": camp.school_id,
        "curriculum": camp.curriculum_id, "language": "ky",
        "start_date": start.isoformat(), "capacity": 30, "days_off": ["6"],
        "day_starts_at": "09:00", "day_ends_at": "16:00", **extra,
    }


def test_bad_input_gets_the_forms_words_in_kyrgyz(client, camp, facilitator):
    """The constraint is the last line: she reads the form's message in Kyrgyz, never
    the database's, and nothing is saved."""
    with translation.override("ky"):
        no_place, ends_first = str(NEEDS_A_PLACE), str(DAY_ENDS_AFTER_IT_STARTS)
        new_camp = reverse("camp:camp_new")
        day_edit = reverse("camp:day_edit", args=[camp.pk, 2])
    assert no_place != "A camp needs at least one place."
    assert ends_first != "The day must end after it starts."
    client.force_login(facilitator)
    camps_before = Camp.objects.count()

    page = client.post(new_camp, _camp_form(camp, capacity=0)).content.decode()
    assert no_place in page
    page = client.post(new_camp, _camp_form(
        camp, day_starts_at="16:00", day_ends_at="09:00")).content.decode()
    assert ends_first in page
    assert Camp.objects.count() == camps_before

    day = camp.days.get(number=2)
    page = client.post(day_edit, {"date": day.date.isoformat(), "starts_at": "14:00",
                                  "ends_at": "10:00"}).content.decode()
    assert ends_first in page
    assert "constraint" not in page.lower()
    day.refresh_from_db()
    assert (day.starts_at, day.ends_at) == (datetime.time(9), datetime.time(16))


def _lift(model, name: str) -> None:
    """Take one rule off the table for this test's transaction (rolled back after it),
    so that rows written before the rule existed can be made again."""
    table = connection.ops.quote_name(model._meta.db_table)
    is_check = any(c.name == name and not hasattr(c, "fields") for c in model._meta.constraints)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and is_check:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        elif is_check:
            # PostgreSQL alters no table with checks of this transaction still waiting.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


@pytest.fixture
def rules_lifted():
    yield _lift
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


def _run_checks(migration: str) -> None:
    """The checks of a migration, run as ``migrate`` runs them."""
    module = importlib.import_module(migration)
    editor = SimpleNamespace(connection=connection)
    for operation in module.Migration.operations:
        if hasattr(operation, "code"):
            operation.code(apps, editor)


def test_a_migration_names_the_rows_that_break_its_rules_and_stops(camp, rules_lifted):
    rules_lifted(Camp, "camp_has_a_place")
    rules_lifted(HouseholdMember, "one_membership_per_account")
    Camp.objects.filter(pk=camp.pk).update(capacity=0)
    guardian = make_user("parent-2", "guardian", first_name="Жаңылбүбү")
    household = Household.objects.create(camp=camp)
    first, second = (
        HouseholdMember.objects.create(household=household, family_role=role, user=guardian,
                                       name="Жаңылбүбү")
        for role in ("mother", "other"))

    with pytest.raises(RowsBreakConstraint) as camp_rows:
        _run_checks("camp.migrations.0006_rules_in_the_database")
    said = str(camp_rows.value)
    assert f"id {camp.pk}." in said and "camp_has_a_place" in said and "camp.Camp" in said
    assert "changed nothing" in said

    with pytest.raises(RowsBreakConstraint) as family_rows:
        _run_checks("gals.migrations.0007_rules_in_the_database")
    said = str(family_rows.value)
    assert f"id {first.pk}, {second.pk}." in said and "one_membership_per_account" in said
    assert "Жаңылбүбү" not in said and guardian.username not in said

    # Once the rows are corrected, the checks let the migration go on.
    Camp.objects.filter(pk=camp.pk).update(capacity=1)
    second.delete()
    _run_checks("camp.migrations.0006_rules_in_the_database")
    _run_checks("gals.migrations.0007_rules_in_the_database")
    _run_checks("courses.migrations.0007_rules_in_the_database")
