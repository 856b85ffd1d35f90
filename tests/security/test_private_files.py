"""No child's data in public storage: whole-camp certificate PDFs are private files.

A batch PDF holds every girl's first name, her school and village: nginx's /media/ (or
a public bucket) would hand it to anyone with the address. It is kept in the private
storage and read only through the permission-checked view; a girl's export carries her
certificates, and anonymising her deletes the kept batches that print her name.
"""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from camp.certificates import batches, services
from cms.core.personal_data import anonymise_girl, export_girl
from courses.storage import private_media_root
from tests.certificates.factories import NAMES, add_girl, camp_with_core_lessons
from tests.certificates.test_pdf import pdftotext

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued_camp():
    camp, facilitator, keys = camp_with_core_lessons()
    for index, name in enumerate(NAMES[:3]):
        add_girl(camp, name, last_name="ҢӨҮ"[index % 3], lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return camp, facilitator


def public_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_camps_batch_pdf_is_never_in_public_media(client, issued_camp):
    camp, facilitator = issued_camp
    batch = batches.request_batch(camp)
    assert batch.file
    assert not any(path.suffix == ".pdf" for path in public_files())
    assert (private_media_root() / batch.file.name).is_file()
    # The facilitator still downloads it, through the view that asks can().
    client.force_login(facilitator)
    response = client.get(reverse("certificates:batch_pdf", args=[camp.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert NAMES[0] in pdftotext(pdf)
    client.logout()
    assert client.get(reverse("certificates:batch_pdf", args=[camp.pk])).status_code in (
        302, 403)


def test_a_girls_export_carries_her_certificates(issued_camp):
    camp, facilitator = issued_camp
    girl = camp.certificates.first().learner
    archive = zipfile.ZipFile(io.BytesIO(export_girl(girl, facilitator, reason="her request")))
    data = json.loads(archive.read("data.json"))
    codes = [entry["code"] for entry in data["sections"]["certificates"]["certificates"]]
    assert codes == [camp.certificates.get(learner=girl).display_code]
    pdfs = [name for name in archive.namelist() if name.startswith("files/certificates/")]
    assert len(pdfs) == 1
    assert girl.first_name in pdftotext(archive.read(pdfs[0]))


def test_anonymising_a_girl_removes_the_kept_batch_that_prints_her_name(issued_camp):
    camp, facilitator = issued_camp
    batch = batches.request_batch(camp)
    stored = private_media_root() / batch.file.name
    girl = camp.certificates.first().learner
    name = girl.first_name
    anonymise_girl(girl, facilitator, reason="her request")
    assert not stored.exists()
    assert not hasattr(camp, "certificate_batch") or not type(batch).objects.filter(
        camp=camp).exists()
    rebuilt = batches.request_batch(camp)
    with rebuilt.file.open("rb") as handle:
        assert name not in pdftotext(handle.read())
