import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from camp.models import District, Region, School
from cms.core.models import Role, User


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
    assert response["Location"] == listing
    assert School.objects.get(name="Кочкор орто мектеби").district == district
    assert "Кочкор орто мектеби" in client.get(listing).content.decode()


@pytest.mark.django_db
def test_facilitator_cannot_reach_the_places_admin(client):
    """A facilitator meets the site's own refusal in her language: no list of schools,
    and a school posted anyway is not added."""
    school = School.objects.create(
        district=District.objects.get(name_ru="Кочкорский район"), name="Семиз-Бел мектеби",
        village="Семиз-Бел")
    facilitator = User.objects.create_user("fac", password="test-pass-123")
    facilitator.groups.add(Group.objects.get(name=Role.FACILITATOR))
    client.force_login(facilitator)
    listing = client.get("/admin/snippets/camp/school/", HTTP_ACCEPT_LANGUAGE="ky")
    assert listing.status_code == 403
    page = listing.content.decode()
    assert "Уруксат жок" in page and school.name not in page
    added = client.post(reverse("wagtailsnippets_camp_school:add"), {
        "district": school.district.pk, "name": "Жаңы мектеп", "village": "Кочкор",
        "contact_name": "", "contact_phone": "",
    })
    assert added.status_code == 403
    assert not School.objects.filter(name="Жаңы мектеп").exists()
