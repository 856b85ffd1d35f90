"""The pages people see: verification, issuing in one action, the girl's own PDF."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from camp.certificates import codes, services
from camp.certificates.models import Certificate
from cms.core.models import Role
from tests.shared_data import built_once, fresh
from tests.world import make_user

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db


def camp_issued():
    camp, facilitator, keys = camp_with_core_lessons()
    girl = add_girl(camp, "Өмүрбүбү", last_name="Ң", lessons=keys)
    other = add_girl(camp, "Жаңыл", last_name="Т", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return camp, facilitator, girl, other


issued_built = built_once(camp_issued)


@pytest.fixture
def issued(issued_built, db):
    """A finished camp, its facilitator and two girls with certificates (built once per
    module)."""
    return fresh(issued_built)


def verify(client, typed, lang="ky"):
    with translation.override(lang):
        return client.get(reverse("certificates:verify"), {"code": typed})


def test_a_valid_certificate_shows_first_name_initial_camp_place_and_dates(client, issued):
    camp, _, girl, _ = issued
    certificate = Certificate.objects.get(learner=girl)
    with translation.override("ky"):
        url = reverse("certificates:verify_code", kwargs={"code": certificate.code})
    page = client.get(url).content.decode()
    assert "Бул сертификат жарактуу." in page
    assert "Өмүрбүбү Ң." in page
    assert camp.title in page and camp.school.village in page
    assert "2026-жылдын 6-июлу" in page  # dates as Kyrgyz writes them
    assert girl.username not in page


def test_verify_tells_valid_revoked_unknown_malformed_and_typo_apart(client, issued):
    camp, facilitator, girl, other = issued
    valid = Certificate.objects.get(learner=girl)
    revoked = services.revoke(Certificate.objects.get(learner=other), "жаңылыш", by=facilitator)
    typed = valid.display_code.lower().replace("-", " ")
    assert "Бул сертификат жарактуу." in verify(client, typed).content.decode()
    page = verify(client, revoked.code).content.decode()
    assert "жокко чыгарылган" in page and "жарактуу." not in page.replace("жарактуу эмес", "")
    assert "Жаңыл Т." in page
    # A well-formed code nobody was given: "not found", the same for any such code.
    unknown = [body + codes.check_character(body) for body in ("0000000000", "ZZZZZZZZZZ")]
    texts = [verify(client, code).content.decode() for code in unknown]
    for text in texts:
        assert "Мындай коду бар сертификат табылган жок." in text
    assert texts[0].replace(unknown[0], "") == texts[1].replace(unknown[1], "")
    typo = valid.code[:3] + ("A" if valid.code[3] != "A" else "B") + valid.code[4:]
    assert "Бул коддо ката бар" in verify(client, typo).content.decode()
    assert "Бул сертификаттын коду эмес" in verify(client, "12345").content.decode()
    russian = verify(client, valid.code, lang="ru").content.decode()
    assert "Этот сертификат действителен." in russian


@override_settings()
def test_verification_is_rate_limited_with_a_translated_message(client, issued, monkeypatch):
    from camp.certificates import views

    monkeypatch.setattr(views, "VERIFY_LIMIT", 3)
    for _ in range(3):
        assert verify(client, "12345").status_code == 200
    response = verify(client, "12345")
    assert response.status_code == 429
    assert "Бул туташуудан өтө көп текшерүү болду." in response.content.decode()


def test_issue_in_one_action_from_the_page(client, issued):
    camp, facilitator, _, _ = issued
    late = add_girl(camp, "Нургүл", days=6, lessons=list(
        camp.curriculum.get_descendants().live().type(
            __import__("courses.models", fromlist=["LessonPage"]).LessonPage
        ).specific().values_list("translation_key", flat=True)
    ))
    client.force_login(facilitator)
    with translation.override("ky"):
        page = client.get(reverse("certificates:camp", kwargs={"pk": camp.pk}))
        assert "Сертификат күткөндөр: 1." in page.content.decode()
        response = client.post(reverse("certificates:issue", kwargs={"pk": camp.pk}),
                               {"language": "ru"})
    assert response.status_code == 302
    assert Certificate.objects.get(learner=late).language == "ru"
    assert Certificate.objects.filter(camp=camp).count() == 3


def test_a_girl_and_her_guardian_download_her_pdf_but_not_a_revoked_one(client, issued):
    camp, facilitator, girl, other = issued
    certificate = Certificate.objects.get(learner=girl)
    client.force_login(girl)
    with translation.override("ky"):
        mine = client.get(reverse("certificates:mine")).content.decode()
        assert certificate.display_code in mine
        response = client.get(certificate.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    stranger = make_user("stranger", Role.LEARNER, first_name="Асель")
    client.force_login(stranger)
    assert client.get(certificate.get_absolute_url()).status_code == 403
    services.revoke(certificate, "жаңылыш", by=facilitator)
    client.force_login(girl)
    assert client.get(certificate.get_absolute_url()).status_code == 404


def test_the_override_screen_grants_and_issues_now(client, issued):
    camp, facilitator, _, _ = issued
    absent = add_girl(camp, "Бермет", days=1)
    client.force_login(facilitator)
    url = reverse("certificates:override", args=[camp.pk, absent.pk])
    assert 'name="issue" value="now"' in client.get(url).content.decode()
    # No reason: nothing granted, nothing issued.
    client.post(url, {"reason": "", "issue": "now"})
    assert not Certificate.objects.filter(learner=absent).exists()
    response = client.post(url, {"reason": "Ооруп калды, үйдөн окуду", "issue": "now"},
                           follow=True)
    certificate = Certificate.objects.get(learner=absent)
    assert certificate.overridden
    assert "Анын сертификаты берилди." in response.content.decode()


def test_the_checker_names_its_qr_decoder_and_still_opens_without_it(client, monkeypatch, caplog):
    from camp.certificates import views

    page = client.get("/ky/verify/scan/").content.decode()
    assert 'data-decoder="/static/vendor/jsqr/jsQR.js"' in page
    assert "Же QR-коддун сүрөтүн тандаңыз" in page

    # Static files collected without it (a server that skipped make setup): the page
    # opens, reads typed codes, and the log says what to do.
    def not_collected(name):
        raise ValueError(f"Missing staticfiles manifest entry for '{name}'")

    monkeypatch.setattr(views, "static", not_collected)
    response = client.get("/ky/verify/scan/")
    assert response.status_code == 200
    assert 'data-decoder=""' in response.content.decode()
    assert "make setup" in caplog.text
