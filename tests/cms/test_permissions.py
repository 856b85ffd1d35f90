"""The one permission module: what it answers for people and actions it does not know."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from cms.core import permissions
from cms.core.models import User


@pytest.fixture
def temporary_rules(monkeypatch):
    """Rules registered by a test disappear with it."""
    monkeypatch.setattr(permissions, "_rules", dict(permissions._rules))
    return permissions._rules


def _person(active=True):
    return User(username="aigul", is_active=active)


def test_a_registered_rule_decides_and_its_answer_is_a_plain_bool(temporary_rules):
    @permissions.rule("test.open_door")
    def open_door(user, door):
        return door == "ours" and "yes"

    assert permissions.can(_person(), "test.open_door", "ours") is True
    assert permissions.can(_person(), "test.open_door", "theirs") is False
    assert "test.open_door" in permissions.registered_actions()


def test_an_action_without_a_rule_is_refused(temporary_rules):
    assert permissions.can(_person(), "test.nobody_wrote_this") is False
    with pytest.raises(PermissionDenied):
        permissions.require(_person(), "test.nobody_wrote_this")


@pytest.mark.parametrize("user", [None, _person(active=False), AnonymousUser(), object()],
                         ids=["nobody", "switched-off account", "not signed in",
                              "something that is not an account"])
def test_no_rule_is_even_asked_for_someone_without_an_active_account(temporary_rules, user):
    asked = []

    @permissions.rule("test.always")
    def always(who, obj):
        asked.append(who)
        return True

    assert permissions.can(user, "test.always") is False
    assert asked == []


def test_require_lets_an_allowed_action_through(temporary_rules):
    permissions.rule("test.always")(lambda user, obj: True)
    assert permissions.require(_person(), "test.always") is None


def test_a_second_rule_for_one_action_is_refused_at_start_up(temporary_rules):
    def first(user, obj):
        return True

    def second(user, obj):
        return False

    permissions.rule("test.twice")(first)
    permissions.rule("test.twice")(first)  # the same function again: a re-import, allowed
    with pytest.raises(ValueError, match="test.twice"):
        permissions.rule("test.twice")(second)
    assert permissions.can(_person(), "test.twice") is True


def test_registered_actions_come_sorted_and_include_every_app(temporary_rules):
    actions = permissions.registered_actions()
    assert actions == sorted(actions)
    assert {a.split(".")[0] for a in actions} >= {"camp", "cms", "courses", "gals"}
