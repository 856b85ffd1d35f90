"""The signed-in person is read from the database once, then kept in the process until
her account or her groups change: every change still counts at her next request."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.core import data_versions
from cms.core.models import Role


@pytest.fixture
def lesson(world):
    return world.curriculum["lessons"]["ky"][0]


@pytest.fixture
def girl(world):
    client = Client()
    client.force_login(world.girl_a)
    return client


def account_queries(client, url) -> list[str]:
    """The queries a request makes for the person: her row and her groups."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries
            if 'FROM "cms_user" WHERE "cms_user"."id"' in q["sql"]
            or 'FROM "auth_group" INNER JOIN "cms_user_groups"' in q["sql"]]


def test_her_account_and_roles_are_read_once_then_kept(girl, lesson):
    assert len(account_queries(girl, lesson.url)) == 2  # her row, her groups
    assert account_queries(girl, lesson.url) == []
    assert account_queries(girl, reverse("camp:learn")) == []


def test_the_kept_copy_never_goes_to_the_shared_cache(girl, lesson, world):
    girl.get(lesson.url)
    girl.get(lesson.url)
    for alias in caches:
        stored = getattr(caches[alias], "_cache", {})
        assert not [key for key in stored if "signed-in" in key]
    assert any("signed-in:" in key and f":{world.girl_a.pk}:" in key
               for key in data_versions.recent._entries)


def test_a_deactivated_account_is_signed_out_at_its_next_request(girl, lesson, world):
    girl.get(lesson.url)  # kept now
    world.girl_a.is_active = False
    world.girl_a.save()
    response = girl.get(lesson.url)
    assert response.status_code == 200
    assert response.context["user"].is_anonymous


def test_a_new_password_ends_her_other_sessions(girl, lesson, world):
    girl.get(lesson.url)
    world.girl_a.set_password("a-new-secret-9713")
    world.girl_a.save()
    assert girl.get(lesson.url).context["user"].is_anonymous
    assert "sessionid" not in girl.cookies or not girl.cookies["sessionid"].value


@pytest.mark.parametrize("side", ["user", "group"])
def test_taken_out_of_her_role_she_loses_its_pages_at_once(girl, world, side):
    learn = reverse("camp:learn")
    assert girl.get(learn).status_code == 200  # kept with her roles
    learners = Group.objects.get(name=Role.LEARNER)
    if side == "user":
        world.girl_a.groups.remove(learners)
    else:
        learners.user_set.remove(world.girl_a)
    assert girl.get(learn).status_code in (302, 403, 404)


def test_a_renamed_group_changes_her_roles_at_once(girl, world):
    learn = reverse("camp:learn")
    assert girl.get(learn).status_code == 200
    learners = Group.objects.get(name=Role.LEARNER)
    learners.name = "former learners"
    learners.save()
    assert girl.get(learn).status_code in (302, 403, 404)


def test_another_server_s_change_counts_here_too(girl, lesson, world):
    """The counter lives in the shared cache: a change made elsewhere moves it on."""
    girl.get(lesson.url)
    from cms.core.signed_in import version_of

    type(world.girl_a).objects.filter(pk=world.girl_a.pk).update(is_active=False)
    version_of(world.girl_a.pk).bump()  # what that server's signal did
    assert girl.get(lesson.url).context["user"].is_anonymous


@pytest.mark.parametrize("side", ["group", "permission"])
def test_a_permission_taken_from_her_group_counts_at_her_next_request(world, lesson, side):
    """The editors' rights are Django permissions of their group: taking one away (from
    either side) counts at once, though her account was kept with its roles."""
    from django.contrib.auth.models import Permission

    editor = world.user("editor")
    client = Client()
    client.force_login(editor)
    first = client.get(lesson.url)
    assert first.wsgi_request.user.has_perm("wagtailadmin.access_admin")
    access = Permission.objects.get(content_type__app_label="wagtailadmin",
                                    codename="access_admin")
    editors = Group.objects.get(name=Role.EDITOR)
    if side == "group":
        editors.permissions.remove(access)
    else:
        access.group_set.remove(editors)
    after = client.get(lesson.url)
    assert not after.wsgi_request.user.has_perm("wagtailadmin.access_admin")


def test_what_a_request_notes_on_her_account_stays_with_that_request(girl, lesson):
    """The kept copy is unpickled for each request: nothing one request sets on it
    (Django's permission cache, an attribute a view sets) reaches the next."""
    first = girl.get(lesson.url).wsgi_request.user
    first.noted_by_a_view = "only this request"
    second = girl.get(lesson.url).wsgi_request.user
    assert second.pk == first.pk and not hasattr(second, "noted_by_a_view")
