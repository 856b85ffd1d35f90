"""A facilitator creates girls one by one or from a list; a bad line imports nothing."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from camp.models import Enrolment
from cms.core.models import AuditEvent, Role, User


def accounts_url(world, name="accounts_bulk"):
    return reverse(f"camp:{name}", args=[world.camp_a.pk])


def test_a_pasted_list_creates_enrolled_girls_with_pins_shown_once(client, world):
    client.force_login(world.facilitator_a)
    before = User.objects.count()
    response = client.post(
        accounts_url(world),
        {
            "lines": "Имя, Фамилия, Год, Класс\nАйгүл, К., 2010, 9\n"
            "Айгүл; К; 2010; 9\n\nЖаңыл\tТ\t2011\t8",
        },
    )
    assert response.status_code == 302
    girls = (
        User.objects.filter(groups__name=Role.LEARNER)
        .exclude(pk=world.girl_a.pk)
        .exclude(pk=world.girl_b.pk)
    )
    assert User.objects.count() == before + 3 and girls.count() == 3
    usernames = sorted(girls.values_list("username", flat=True))
    assert len(set(usernames)) == 3
    assert usernames[0].startswith("aigul-k-") and usernames[2].startswith("janyl-t-")
    assert set(girls.values_list("last_name", flat=True)) == {"К", "Т"}
    assert Enrolment.objects.filter(camp=world.camp_a, learner__in=girls).count() == 3
    page = client.get(response["Location"]).content.decode()
    for girl in girls:
        assert girl.username in page
        # The PIN on the page is the password: nothing else knows it.
    pins = [cell for cell in page.split("<strong>")[1:]]
    assert len(pins) == 3
    assert AuditEvent.objects.filter(action="created", subject_type="cms.user").count() == 3


def test_a_malformed_line_names_its_number_and_imports_nothing(client, world):
    client.force_login(world.facilitator_a)
    before = (User.objects.count(), Enrolment.objects.count())
    response = client.post(
        accounts_url(world),
        {
            "lines": "Айгүл, К, 2010, 9\nБермет, Токтогулова, 2010, 9\n"
            "Нурай, С, 1950, 9\nЖибек, А, 2010",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "2-сап" in html and "3-сап" in html and "4-сап" in html
    assert "фамилиянын бир гана тамгасын" in html
    assert (User.objects.count(), Enrolment.objects.count()) == before


def test_a_csv_file_from_russian_excel_is_read(client, world):
    client.force_login(world.facilitator_a)
    data = "Имя;Буква;Год;Класс\nАсель;Б;2010;9\n".encode("cp1251")
    upload = SimpleUploadedFile("girls.csv", data, content_type="text/csv")
    response = client.post(accounts_url(world), {"lines": "", "file": upload})
    assert response.status_code == 302
    assert User.objects.filter(first_name="Асель", last_name="Б").exists()


def test_one_girl_with_a_surname_is_refused_in_russian(client, world):
    client.force_login(world.facilitator_a)
    before = User.objects.count()
    response = client.post(
        reverse("camp:account_new", args=[world.camp_a.pk]).replace("/ky/", "/ru/"),
        {"first_name": "Айгүл", "initial": "Касымова", "birth_year": 2010, "school_grade": 9},
    )
    assert response.status_code == 400
    assert "напишите одну букву фамилии, а не всю фамилию" in response.content.decode()
    assert User.objects.count() == before


def test_login_cards_carry_name_username_and_pin_in_the_camps_language(client, world):
    client.force_login(world.facilitator_a)
    client.post(accounts_url(world), {"lines": "Айгүл, К, 2010, 9\nҮмүт, Ө, 2011, 8"})
    page = client.get(reverse("camp:new_pins", args=[world.camp_a.pk])).content.decode()
    response = client.get(reverse("camp:login_cards", args=[world.camp_a.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.pages[0].mediabox.height > 800  # A4 portrait, in points
    for girl in User.objects.filter(first_name__in=["Айгүл", "Үмүт"]).exclude(pk=world.girl_a.pk):
        assert girl.username in text and girl.display_name in text
        assert girl.username in page
    assert "Бул карточканы сактаңыз" in text  # Kyrgyz, the camp's language
    assert "Keep this card" not in text
    # The PIN printed is the one that signs her in.
    pin = text.split("PIN")[1].split()[0]
    assert pin.isdigit() and len(pin) == 6


def test_cards_without_fresh_pins_send_the_facilitator_back(client, world):
    client.force_login(world.facilitator_a)
    response = client.get(reverse("camp:login_cards", args=[world.camp_a.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("camp:accounts", args=[world.camp_a.pk]))
