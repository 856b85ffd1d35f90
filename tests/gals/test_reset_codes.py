"""A way back in without email: a facilitator of the daughter's camp gives a parent a
one-time password code; the parent types it (or opens its link) and chooses a new
password. Wrong, used and expired codes are refused in her language; tries are
limited; every step is in the audit log."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from cms.core.models import AuditEvent, Role
from gals import reset_codes
from gals.code_tries import CODE_LIMIT
from gals.models import HouseholdMember, PasswordResetCode
from tests.shared_data import empty_cache
from tests.world import make_user

User = get_user_model()

NEW = "Жаңы-сырсөз-2026"


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    alias = getattr(settings, "RATELIMIT_CACHE", "default")
    empty_cache(alias)
    yield
    empty_cache(alias)


def password_works(world, password) -> bool:
    world.guardian_a.refresh_from_db()
    return world.guardian_a.check_password(password)


def parent_line(world):
    return world.household_a.members.get(user=world.guardian_a)


def give(client, world):
    client.force_login(world.facilitator_a)
    household = reverse("gals:household", args=[world.household_a.pk])
    action = reverse("gals:reset_code_new", args=[world.household_a.pk, parent_line(world).pk])
    assert action in client.get(household).content.decode()  # the button is there
    response = client.post(action, follow=True)
    client.logout()
    return PasswordResetCode.objects.get(), response.content.decode()


def test_the_facilitator_gives_a_code_and_the_parent_sets_a_new_password(client, world):
    code, page = give(client, world)
    assert code.code in page
    assert reverse("gals:reset_password", args=[code.code]) in page
    assert AuditEvent.objects.filter(
        actor=world.facilitator_a, subject_id=str(code.pk), subject_type="gals.passwordresetcode"
    ).exists()
    # The parent finds the page from the sign-in page and types the code as written.
    assert reverse("gals:reset") in client.get(reverse("account_login")).content.decode()
    typed = client.post(
        reverse("gals:reset"), {"code": f" {code.code[:4].lower()}-{code.code[4:]} "}
    )
    assert typed["Location"] == reverse("gals:reset_password", args=[code.code])
    response = client.post(typed["Location"], {"password1": NEW, "password2": NEW})
    assert response.status_code == 302
    assert response["Location"] == "/ky/family/"
    assert client.get("/ky/family/").status_code == 200  # signed in
    assert password_works(world, NEW)
    assert not password_works(world, "test-pass-123")
    code.refresh_from_db()
    assert code.used_at is not None
    assert AuditEvent.objects.filter(
        actor=world.guardian_a, subject_id=str(code.pk), detail__password_set=True
    ).exists()


def test_a_used_code_is_refused_in_russian_too(client, world):
    code = reset_codes.give_code(parent_line(world), world.facilitator_a)
    reset_codes.set_password(code.code, NEW)
    page = client.get(f"/ru/family/password/{code.code}/")
    assert page.status_code == 400
    assert "Этот код уже использован" in page.content.decode()
    again = client.post(
        f"/ky/family/password/{code.code}/",
        {"password1": "Башка-сырсөз-77", "password2": "Башка-сырсөз-77"},
    )
    assert again.status_code == 400
    assert "Бул код буга чейин колдонулган" in again.content.decode()
    assert password_works(world, NEW)


def test_an_expired_or_wrong_code_is_refused_and_changes_nothing(client, world):
    code = reset_codes.give_code(parent_line(world), world.facilitator_a)
    code.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    code.save()
    expired = client.post(
        reverse("gals:reset_password", args=[code.code]), {"password1": NEW, "password2": NEW}
    )
    assert expired.status_code == 400
    assert "Бул коддун мөөнөтү бүттү" in expired.content.decode()
    wrong = client.get(reverse("gals:reset_password", args=["ZZZZ2222"]))
    assert wrong.status_code == 400
    assert "Бул код жараксыз" in wrong.content.decode()
    assert password_works(world, "test-pass-123")


def test_a_new_code_stops_the_older_one(world):
    first = reset_codes.give_code(parent_line(world), world.facilitator_a)
    reset_codes.give_code(parent_line(world), world.facilitator_a)
    with pytest.raises(reset_codes.InviteError):
        reset_codes.find_code(first.code)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password1": NEW, "password2": NEW + "x"}, "Эки сырсөз бирдей эмес"),
        ({"password1": "123", "password2": "123"}, "errorlist"),
        ({}, "errorlist"),
    ],
)
def test_a_bad_new_password_is_refused_and_the_code_still_works(client, world, data, message):
    code = reset_codes.give_code(parent_line(world), world.facilitator_a)
    response = client.post(reverse("gals:reset_password", args=[code.code]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    code.refresh_from_db()
    assert code.used_at is None
    assert password_works(world, "test-pass-123")


def test_someone_signed_in_cannot_use_a_code(client, world):
    code = reset_codes.give_code(parent_line(world), world.facilitator_a)
    client.force_login(world.girl_a)
    response = client.post(
        reverse("gals:reset_password", args=[code.code]), {"password1": NEW, "password2": NEW}
    )
    assert response.status_code == 403
    code.refresh_from_db()
    assert code.used_at is None


def test_tries_are_limited_per_address(client, world):
    for _ in range(CODE_LIMIT):
        assert client.get(reverse("gals:reset_password", args=["ZZZZ2222"])).status_code == 400
    limited = client.get(reverse("gals:reset_password", args=["ZZZZ2222"]))
    assert limited.status_code == 429
    assert "Он мүнөт күтүп" in limited.content.decode()  # "wait ten minutes"


def test_invitation_and_password_codes_share_one_budget_per_address(client, world):
    """Whoever guesses codes may try either page: both count against one limit."""
    for _ in range(CODE_LIMIT // 2):
        client.get(reverse("gals:reset_password", args=["ZZZZ2222"]))
    for _ in range(CODE_LIMIT - CODE_LIMIT // 2):
        assert client.get(reverse("gals:join_code", args=["ZZZZ3333"])).status_code == 200
    with translation.override("ru"):
        limited = client.get(reverse("gals:join_code", args=["ZZZZ3333"]))
    assert limited.status_code == 429
    assert "Подождите десять минут" in limited.content.decode()
    assert (
        not User.objects.filter(groups__name=Role.GUARDIAN).exclude(pk=world.guardian_a.pk).exists()
    )


def test_no_code_for_an_account_that_is_not_only_a_parents(client, world):
    """A facilitator must not take over a colleague's (or an admin's) account by
    writing it into a family she runs."""
    colleague = make_user("colleague", Role.FACILITATOR)
    line = HouseholdMember.objects.create(
        household=world.household_a, user=colleague, family_role=HouseholdMember.FamilyRole.FATHER
    )
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("gals:reset_code_new", args=[world.household_a.pk, line.pk]), follow=True
    )
    assert "Сырсөз кодун ата-эненин аккаунту гана ала алат" in response.content.decode()
    assert not PasswordResetCode.objects.exists()


def test_a_facilitator_of_another_camp_cannot_give_a_code(client, world):
    client.force_login(world.facilitator_b)
    response = client.post(
        reverse("gals:reset_code_new", args=[world.household_a.pk, parent_line(world).pk])
    )
    assert response.status_code == 403
    assert not PasswordResetCode.objects.exists()


def test_girls_pin_resets_are_unchanged(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("camp:reset_pin", args=[world.camp_a.pk, world.girl_a.pk]))
    assert response.status_code == 302
    assert not PasswordResetCode.objects.exists()
