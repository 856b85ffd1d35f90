"""Printable worksheets of the soldering and circuit lessons: PDFs in Kyrgyz and Russian
for facilitators, linked from the lessons that use them, and never for a girl's phone."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses import worksheets
from courses.models import LessonPage
from tests.certificates.test_pdf import pdftotext

pytestmark = pytest.mark.django_db


def sheet_url(key, language):
    with translation.override(language):
        return reverse("courses:worksheet", args=[key])


@pytest.mark.parametrize("key", sorted(worksheets.SHEETS))
def test_each_worksheet_prints_in_kyrgyz_and_russian(client, world, key):
    client.force_login(world.facilitator_a)
    texts = {}
    for language in ("ky", "ru"):
        response = client.get(sheet_url(key, language))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        texts[language] = " ".join(pdftotext(response.content).split())
    sheet = worksheets.SHEETS[key]
    for language, text in texts.items():
        with translation.override(language):
            assert " ".join(str(sheet.title).split()) in text
            # Every numbered part of the drawing is explained in the reader's language.
            for line in sheet.legend:
                assert " ".join(str(line).split())[:30] in text
    assert texts["ky"] != texts["ru"]


def test_the_kyrgyz_card_says_what_a_good_joint_looks_like(client, world):
    client.force_login(world.facilitator_a)
    text = " ".join(pdftotext(client.get(sheet_url("joints", "ky")).content).split())
    assert "Жакшы" in text
    assert all(letter in text for letter in "өү")  # Kyrgyz letters print as text


def test_a_girl_cannot_print_them(client, world):
    client.force_login(world.girl_a)
    assert client.get(sheet_url("circuit", "ky")).status_code == 403


def test_an_unknown_sheet_is_not_found(client, world):
    client.force_login(world.facilitator_a)
    assert client.get(sheet_url("soldering-iron", "ky")).status_code == 404


def test_the_lessons_link_their_sheets_for_facilitators_only(client, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    LessonPage.objects.filter(pk=lesson.pk).update(slug="day1-how-a-circuit-works")
    lesson.refresh_from_db()
    client.force_login(world.facilitator_a)
    page = client.get(lesson.url).content.decode()
    assert sheet_url("circuit", "ky") in page and sheet_url("breadboard", "ky") in page
    client.force_login(world.girl_a)
    page = client.get(lesson.url).content.decode()
    assert sheet_url("circuit", "ky") not in page
