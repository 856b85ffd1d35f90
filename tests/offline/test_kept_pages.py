"""The server names the pages a facilitator needs without signal; the service worker keeps
them only for the person they were made for."""

from django.urls import reverse


def test_the_dashboard_and_roll_call_are_kept_for_her_alone(client, world):
    client.force_login(world.facilitator_a)
    for url in (reverse("camp:teach"),
                reverse("camp:roll_call", args=[world.camp_a.pk, 1])):
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Keep-Offline"] == str(world.facilitator_a.pk)
    dashboard = client.get(reverse("camp:teach")).content.decode()
    roll = reverse("camp:roll_call", args=[world.camp_a.pk, 1])
    assert f'href="{roll}" data-keep-offline' in dashboard


def test_other_pages_are_not_kept_unless_saved(client, world):
    client.force_login(world.girl_a)
    assert "X-Keep-Offline" not in client.get(reverse("camp:learn"))
    assert "X-Keep-Offline" not in client.get("/ky/")

