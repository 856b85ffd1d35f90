"""The installable layer seen from the server: service worker, web app manifest,
the app's start page, the "saved on this phone" page and the list of what saving a
day downloads."""

import json
import re
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image

from cms.core.models import Role
from tests.world import make_user

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_at_the_root_and_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert "__VERSION__" not in body
    config = json.loads(body.split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["offlinePages"] == {"ky": "/ky/offline/", "ru": "/ru/offline/"}
    for url in config["shell"]:
        assert finders.find(url.removeprefix("/static/")), url


@pytest.mark.parametrize(("language", "name"), [("ky", "Техно-лагерь"), ("ru", "Техно-лагерь")])
def test_web_manifest_is_named_in_each_language_and_opens_at_home(client, language, name):
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["lang"] == language
    assert data["name"] != "Tech Camp" and data["short_name"]
    assert data["start_url"] == f"/{language}/start/"
    assert data["display"] == "standalone"
    sizes = set()
    for icon in data["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
                sizes.add(image.width)
    assert sizes == {192, 512}


def test_the_two_manifests_differ_by_language(client):
    ky = json.loads(client.get("/ky/manifest.webmanifest").content)
    ru = json.loads(client.get("/ru/manifest.webmanifest").content)
    assert ky["description"] != ru["description"]


def test_every_page_links_the_manifest_and_names_the_signed_in_person(client, curriculum):
    lesson = curriculum["lessons"]["ru"][0]
    html = client.get(lesson.url).content.decode()
    assert '<link rel="manifest" href="/ru/manifest.webmanifest">' in html
    assert 'name="user-id"' not in html
    girl = make_user("aigul", Role.LEARNER, first_name="Айгүл", last_name="К")
    client.force_login(girl)
    html = client.get(lesson.url).content.decode()
    assert f'<meta name="user-id" content="{girl.pk}">' in html
    assert '<meta name="user-name" content="Айгүл К.">' in html
    assert "js/offline.js" in html and "js/offline-queue.js" in html


def test_the_app_opens_at_her_own_home(client):
    assert client.get("/ky/start/").url == "/ky/"
    girl = make_user("aigul", Role.LEARNER)
    client.force_login(girl)
    assert client.get("/ru/start/").url == "/ru/learn/"
    client.force_login(make_user("gulnara", Role.FACILITATOR))
    assert client.get("/ky/start/").url == "/ky/teach/"


@pytest.mark.parametrize(("language", "heading"), [
    ("ky", "Бул телефондо сакталган"), ("ru", "Сохранено на этом телефоне"),
])
def test_offline_page_is_translated(client, language, heading):
    response = client.get(f"/{language}/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'name="offline-fallback"' not in html
    fallback = client.get(f"/{language}/offline/?fallback=1").content.decode()
    assert 'name="offline-fallback"' in fallback


def _bundle(client, day):
    response = client.get(f"/{day.locale.language_code}/offline/days/{day.pk}/")
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


def test_a_day_is_saved_on_the_site_s_own_host(client, curriculum, settings):
    """As on a real site, only the site's own name is allowed: the pages saved with the
    day are rendered for that host (not the test client's "testserver")."""
    settings.ALLOWED_HOSTS = ["camp.localhost"]
    day = curriculum["lessons"]["ky"][0].get_parent().specific
    response = client.get(f"/ky/offline/days/{day.pk}/", HTTP_HOST="camp.localhost")
    assert response.status_code == 200
    bundle = json.loads(response.content)
    assert [p["url"] for p in bundle["pages"]][0] == day.url and len(bundle["pages"]) == 3


def test_a_day_lists_its_lessons_pictures_styles_and_scripts_with_sizes(client, curriculum):
    day = curriculum["lessons"]["ky"][0].get_parent().specific
    bundle = _bundle(client, day)
    lessons = [lesson for lesson in curriculum["lessons"]["ky"][:2]]
    assert [p["url"] for p in bundle["pages"]] == [day.url] + [lesson.url for lesson in lessons]
    assert all(p["bytes"] > 500 for p in bundle["pages"])
    static = {s["url"]: s["bytes"] for s in bundle["static"]}
    assert "/static/css/site.css" in static and static["/static/css/site.css"] > 1000
    assert "/static/js/offline.js" in static
    assert bundle["images"], "the lessons have pictures"
    for image in bundle["images"]:
        kinds = [choice["type"] for choice in image["choices"]]
        assert kinds == ["image/avif", "image/webp", "image/png"]
        for choice in image["choices"]:
            assert "width-360" in choice["url"], "phone size: the smallest of the srcset"
            name = choice["url"].removeprefix("/media/")
            assert choice["bytes"] == default_storage.size(name)
        assert {c["url"] for c in image["choices"]} <= set(image["aliases"])
    first = sum(i["choices"][0]["bytes"] for i in bundle["images"])
    assert bundle["bytes"] == (
        sum(p["bytes"] for p in bundle["pages"]) + first + sum(static.values())
    )


def test_a_new_version_of_a_lesson_changes_the_day_version(client, curriculum):
    lesson = curriculum["lessons"]["ru"][1]
    day = lesson.get_parent().specific
    before = _bundle(client, day)["version"]
    lesson.title = "Урок 1.2, исправленный"
    lesson.save_revision().publish()
    after = _bundle(client, day)
    assert after["version"] > before
    assert "Урок 1.2, исправленный" in [p["title"] for p in after["pages"]]


def test_only_live_pages_with_lessons_in_their_own_language_can_be_saved(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    day = lesson.get_parent()
    assert client.get(f"/ky/offline/days/{lesson.pk}/").status_code == 404  # no lessons below
    assert client.get(f"/ru/offline/days/{day.pk}/").status_code == 404  # a Kyrgyz day
    day.unpublish()
    assert client.get(f"/ky/offline/days/{day.pk}/").status_code == 404


def test_unpublished_lessons_are_not_saved(client, curriculum):
    lessons = curriculum["lessons"]["ky"]
    lessons[1].unpublish()
    bundle = _bundle(client, lessons[0].get_parent().specific)
    assert lessons[1].url not in [p["url"] for p in bundle["pages"]]


def test_day_page_offers_to_save_it(client, curriculum):
    day = curriculum["lessons"]["ru"][0].get_parent().specific
    html = client.get(day.url).content.decode()
    assert f'data-bundle="/ru/offline/days/{day.pk}/"' in html
    assert "Сохранить этот день для офлайн" in html


def test_save_data_switch_holds_pictures_until_tapped(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    normal = client.get(lesson.url).content.decode()
    assert 'srcset="/media/' in normal
    response = client.post("/ky/offline/save-data/", {"save_data": "1", "next": lesson.url})
    assert response.status_code == 302 and response.url == lesson.url
    assert client.cookies["save_data"].value == "1"
    held = client.get(lesson.url).content.decode()
    assert not re.search(r'(?<!data-)(srcset|src)="/media/', held)
    assert 'data-srcset="/media/' in held and 'data-src="/media/' in held
    client.post("/ky/offline/save-data/", {"save_data": "0"})
    assert 'srcset="/media/' in client.get(lesson.url).content.decode()


def test_save_data_switch_never_sends_elsewhere(client):
    response = client.post("/ru/offline/save-data/",
                           {"save_data": "1", "next": "https://example.org/"})
    assert response.url == "/ru/offline/"


def test_pictures_of_the_bundle_are_real_images(client, curriculum):
    day = curriculum["lessons"]["ky"][0].get_parent().specific
    image = _bundle(client, day)["images"][0]
    png = image["choices"][-1]["url"].removeprefix("/media/")
    with default_storage.open(png) as f, Image.open(BytesIO(f.read())) as picture:
        assert picture.width == 360 or picture.width < 360


def test_an_unchanged_service_worker_is_not_downloaded_again(client):
    first = client.get("/sw.js")
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
