import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from camp.models import District, Region, School
from cms.models import Role, User


@pytest.mark.django_db
def test_regions_are_seeded_in_kyrgyz_and_russian():
    names = dict(Region.objects.values_list("name_ru", "name_ky"))
    assert len(names) == 9
    assert names["Иссык-Кульская область"] == "Ысык-Көл облусу"
    assert names["Чуйская область"] == "Чүй облусу"
    assert names["город Бишкек"] == "Бишкек шаары"
    assert names["город Ош"] == "Ош шаары" and names["Ошская область"] == "Ош облусу"
    for region in Region.objects.all():
        assert region.districts.exists(), region.name_ru
    assert District.objects.get(name_ru="Джети-Огузский район").name_ky == "Жети-Өгүз району"


@pytest.mark.django_db
def test_programme_manager_keeps_schools_in_the_admin(client):
    manager = User.objects.create_user("manager", password="test-pass-123")
    manager.groups.add(Group.objects.get(name=Role.MANAGER))
    client.force_login(manager)
    listing = reverse("wagtailsnippets_camp_school:list")
    assert client.get(listing).status_code == 200
    district = District.objects.get(name_ru="Кочкорский район")
    response = client.post(reverse("wagtailsnippets_camp_school:add"), {
        "district": district.pk, "name": "Кочкор орто мектеби", "village": "Кочкор",
        "contact_name": "", "contact_phone": "",
    })
    assert response.status_code == 302
    assert School.objects.get(name="Кочкор орто мектеби").district == district


@pytest.mark.django_db
def test_facilitator_cannot_reach_the_places_admin(client):
    facilitator = User.objects.create_user("fac", password="test-pass-123")
    facilitator.groups.add(Group.objects.get(name=Role.FACILITATOR))
    client.force_login(facilitator)
    response = client.get(reverse("wagtailsnippets_camp_school:list"))
    assert response.status_code in (302, 403)
