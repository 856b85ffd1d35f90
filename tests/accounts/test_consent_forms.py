"""The paper consent forms a facilitator prints from the camp's consent sheet: one page a
girl, in the family's language (Kyrgyz or Russian, whatever the camp teaches in), read
back from the real PDF with poppler's pdftotext."""

import io
import re
import subprocess

import pypdf
import pytest

from camp.models import Enrolment
from cms.core.models import AuditEvent, Role
from tests.system_tools import tool
from tests.world import make_user

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "forms.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool("pdftotext"), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def links_on_the_sheet(client, world) -> dict[str, str]:
    html = client.get(f"/ky/teach/camps/{world.camp_a.pk}/accounts/consent/").content.decode()
    return {lang: href for href, lang in
            re.findall(r'href="([^"]+\.pdf)" hreflang="(ky|ru)"', html)}


def test_a_page_a_girl_in_the_familys_language(client, world, tmp_path):
    second = make_user("girl-a2", Role.LEARNER, first_name="Үмүт")
    Enrolment.objects.create(camp=world.camp_a, learner=second,
                             status=Enrolment.Status.ENROLLED)
    client.force_login(world.facilitator_a)
    links = links_on_the_sheet(client, world)
    assert set(links) == {"ky", "ru"}

    kyrgyz = client.get(links["ky"])
    assert kyrgyz.status_code == 200 and kyrgyz["Content-Type"] == "application/pdf"
    girls = Enrolment.objects.enrolled().filter(camp=world.camp_a).count()
    assert len(pypdf.PdfReader(io.BytesIO(kyrgyz.content)).pages) == girls == 2
    text = text_of(kyrgyz.content, tmp_path)
    assert "Макулдук баракчасы" in text and "Кайтып келген күнү" in text
    assert world.girl_a.display_name in text and second.display_name in text  # ү survives
    assert "Ооба" in text and "ден соолугу" in text

    russian = text_of(client.get(links["ru"]).content, tmp_path)
    assert "Бланк согласия" in russian and "Дата возврата" in russian
    assert "Макулдук" not in russian
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED,
                                     detail__what="consent forms").count() == 2


def test_another_language_is_not_a_form(client, world):
    client.force_login(world.facilitator_a)
    response = client.get(f"/ky/teach/camps/{world.camp_a.pk}/accounts/consent/forms-en.pdf")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(detail__what="consent forms").exists()
