"""Content editors, with the group the migrations make: they edit, translate, publish
and unpublish pages in both languages and keep images and documents; they reach no
users, camps or children's data."""

import pytest
from wagtail.models import Locale, Page

from courses.models import LessonPage
from tests.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("redaktor", "editor")
    client.force_login(user)
    return user


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_an_editor_opens_publishes_and_unpublishes_a_lesson_in_each_language(
        client, editor, curriculum, language):
    lesson = curriculum["lessons"][language][0]
    edit = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="action-publish"' in edit.content.decode()
    add = client.get(f"/admin/pages/{lesson.get_parent().pk}/add_subpage/", follow=True)
    assert add.status_code == 200 and "/admin/pages/add/" in add.redirect_chain[-1][0]
    rights = lesson.permissions_for_user(editor)
    assert rights.can_edit() and rights.can_publish() and rights.can_unpublish()
    response = client.post(f"/admin/pages/{lesson.pk}/unpublish/")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert not lesson.live


def test_an_editor_translates_a_new_kyrgyz_lesson_into_russian(client, editor, curriculum):
    day = curriculum["lessons"]["ky"][0].get_parent()
    lesson = day.add_child(instance=LessonPage(
        title="Жаңы сабак: ң ө ү", slug="new-lesson", track="soldering",
        duration_minutes=30, locale=day.locale,
    ))
    russian = Locale.objects.get(language_code="ru")
    response = client.post(f"/admin/translation/submit/page/{lesson.pk}/",
                           {"locales": [russian.pk]})
    assert response.status_code == 302
    translated = Page.objects.get(translation_key=lesson.translation_key, locale=russian)
    assert translated.get_parent().specific.translation_key == day.translation_key


def test_an_editor_keeps_images_and_documents(client, editor):
    for address in ("/admin/images/", "/admin/images/multiple/add/",
                    "/admin/documents/", "/admin/documents/multiple/add/"):
        assert client.get(address).status_code == 200, address


def test_an_editor_reaches_no_people_camps_or_places(client, editor, world):
    for address in ("/admin/users/", "/admin/groups/", "/admin/snippets/camp/school/",
                    "/admin/snippets/camp/region/", "/ky/teach/", "/ky/impact/",
                    f"/ky/teach/camps/{world.camp_a.pk}/"):
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert not (response.status_code == 302 and response["Location"] == address)


@pytest.mark.parametrize("language, refusal", [
    ("ky", "Бул сүрөт форматы колдоого алынбайт"),
    ("ru", "формат изображения"),
])
def test_an_editor_reads_an_upload_refusal_in_her_language(client, editor, language, refusal):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    from tests.factories import png_bytes

    client.cookies["django_language"] = language
    response = client.post("/admin/images/add/", {  # a picture under a name that is not
        "title": "Схема", "file": SimpleUploadedFile("scheme.txt", png_bytes()),
    }, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert refusal in html and "Not a supported image format" not in html
    assert not get_image_model().objects.filter(title="Схема").exists()
