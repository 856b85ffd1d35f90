"""A facilitator invites a parent; the parent joins with a phone or an email."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cms.core.models import Role, User
from gals import invites
from gals.models import GuardianInvite, HouseholdMember

FORM = {"first_name": "Жаңыл", "phone": "0700 123 456", "email": "",
        "password1": "Тоо-Суу-2026!", "password2": "Тоо-Суу-2026!"}


def make_invite(world, **fields):
    return invites.create_invite(world.household_a, world.girl_a, "father", world.facilitator_a)


def test_a_facilitator_invites_and_sees_the_code_and_link(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("gals:invite_new", args=[world.household_a.pk]),
                           {"girl": world.girl_a.pk, "family_role": "father"})
    invite = GuardianInvite.objects.get()
    assert response["Location"] == reverse("gals:invite", args=[invite.pk])
    page = client.get(response["Location"]).content.decode()
    assert invite.code in page and f"/ky/family/join/{invite.code}/" in page


def test_a_parent_joins_with_a_phone_number_and_signs_in_with_it(client, world):
    invite = make_invite(world)
    response = client.post(reverse("gals:join_code", args=[invite.code.lower()]), FORM)
    assert response.status_code == 302 and response["Location"] == "/ky/family/"
    parent = User.objects.get(phone="+996700123456")
    assert parent.username == "+996700123456" and parent.has_role(Role.GUARDIAN)
    assert HouseholdMember.objects.filter(household=world.household_a, user=parent,
                                          family_role="father").exists()
    invite.refresh_from_db()
    assert invite.used_by == parent
    # He is signed in from the moment his account exists: his family page opens.
    family = client.get(response["Location"])
    assert family.status_code == 200 and family.wsgi_request.user == parent
    client.logout()
    signed_in = client.post("/ky/accounts/login/",
                            {"login": "+996 (700) 12-34-56", "password": FORM["password1"]})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/ky/family/"
    # He sees his own daughter only.
    page = client.get("/ky/family/").content.decode()
    assert world.girl_a.display_name in page and world.girl_b.display_name not in page


def test_a_parent_joins_with_an_email(client, world):
    invite = make_invite(world)
    client.post(reverse("gals:join_code", args=[invite.code]),
                {**FORM, "phone": "", "email": "Mother@Example.org"})
    parent = User.objects.get(email="mother@example.org")
    assert parent.phone == "" and parent.has_role(Role.GUARDIAN)


def test_a_wrong_phone_number_is_refused_and_nothing_is_made(client, world):
    invite = make_invite(world)
    before = User.objects.count()
    response = client.post(reverse("gals:join_code", args=[invite.code]),
                           {**FORM, "phone": "12345"})
    assert "0700 123 456" in response.content.decode()
    assert User.objects.count() == before
    invite.refresh_from_db()
    assert invite.used_at is None


def test_expired_and_used_codes_say_so_and_show_nothing_of_the_family(client, world):
    expired = make_invite(world)
    GuardianInvite.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))
    html = client.get(reverse("gals:join_code", args=[expired.code])).content.decode()
    assert "мөөнөтү бүттү" in html
    used = make_invite(world)
    client.post(reverse("gals:join_code", args=[used.code]), FORM)
    client.logout()
    before = User.objects.count()
    response = client.post(reverse("gals:join_code", args=[used.code]),
                           {**FORM, "phone": "0555 987 654"})
    html = response.content.decode()
    assert "колдонулуп бүткөн" in html
    assert User.objects.count() == before
    for private in (world.girl_a.first_name, world.household_a.code):
        assert private not in html
    unknown = client.get(reverse("gals:join_code", args=["ZZZZ2222"])).content.decode()
    assert "Бул код жараксыз" in unknown


def test_another_familys_guardian_following_a_used_link_sees_nothing(client, world):
    invite = make_invite(world)
    client.post(reverse("gals:join_code", args=[invite.code]), FORM)
    client.force_login(world.guardian_a)
    html = client.get(reverse("gals:join_code", args=[invite.code])).content.decode()
    assert "колдонулуп бүткөн" in html and world.girl_a.first_name not in html


def test_another_camps_facilitator_cannot_invite_into_this_household(client, world):
    client.force_login(world.facilitator_b)
    response = client.post(reverse("gals:invite_new", args=[world.household_a.pk]),
                           {"girl": world.girl_a.pk, "family_role": "father"})
    assert response.status_code == 403 and not GuardianInvite.objects.exists()


def test_a_parent_written_down_before_joins_that_line_and_is_listed_once(client, world):
    father = HouseholdMember.objects.create(household=world.household_a, family_role="father",
                                            name="Бакыт")
    invite = make_invite(world)  # an invitation for the father
    response = client.post(reverse("gals:join_code", args=[invite.code]), FORM)
    assert response.status_code == 302
    father.refresh_from_db()
    assert father.user == User.objects.get(phone="+996700123456")
    assert HouseholdMember.objects.filter(household=world.household_a,
                                          family_role="father").count() == 1
    client.force_login(world.facilitator_a)
    page = client.get(reverse("gals:household", args=[world.household_a.pk])).content.decode()
    assert page.count("Бакыт") == 1
