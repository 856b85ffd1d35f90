"""The printed certificates, read back with pypdf and poppler's pdftotext."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from camp.certificates import batches, services
from camp.certificates.models import Batch
from camp.certificates.rendering import certificate_pdf, render
from tests.shared_data import built_once, fresh
from tests.system_tools import tool

from .factories import NAMES, add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run([tool("pdftotext"), "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True)
    return done.stdout.decode("utf-8")


def camp_of_eight():
    camp, facilitator, keys = camp_with_core_lessons()
    for index, name in enumerate(NAMES):
        add_girl(camp, name, last_name="ҢӨҮ"[index % 3], lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return camp, facilitator


issued_camp_built = built_once(camp_of_eight)


@pytest.fixture
def issued_camp(issued_camp_built, db):
    """A finished camp whose eight girls have certificates, and its facilitator (built
    once per module). Its batch PDFs are the tests' own: storage gives each file saved
    a name not yet taken, so none finds another test's file."""
    return fresh(issued_camp_built)


def test_camp_batch_has_a_page_per_girl_with_her_name_and_code(issued_camp):
    camp, facilitator = issued_camp
    batch = batches.request_batch(camp)
    assert batch.state == Batch.State.READY
    with batch.file.open("rb") as handle:
        pdf = handle.read()
    reader = PdfReader(io.BytesIO(pdf))
    certificates = list(camp.certificates.select_related("learner"))
    assert len(reader.pages) == len(certificates) == len(NAMES)
    for page, certificate in zip(reader.pages, batches.batch_certificates(camp), strict=True):
        text = page.extract_text()
        assert certificate.learner.display_name in text
        assert certificate.display_code in text
    # The same text through a second, independent reader: Kyrgyz letters intact.
    text = pdftotext(pdf)
    for name in NAMES:
        assert name in text
    for letter in "ңөүҢӨҮ":
        assert letter in text
    assert "Бул сертификат тапшырылды" in text


def test_fonts_are_embedded(issued_camp):
    camp, _ = issued_camp
    pdf, _pages = render(batches.batch_certificates(camp))
    fonts = subprocess.run([tool("pdffonts"), "-"], input=pdf, capture_output=True, check=True)
    lines = fonts.stdout.decode().splitlines()[2:]
    assert lines and all("DejaVu" in line for line in lines)
    assert all(" yes " in line for line in lines), "every font must be embedded"


def test_kept_batch_is_made_again_only_when_something_changed(issued_camp):
    camp, facilitator = issued_camp
    first = batches.request_batch(camp)
    name, finished = first.file.name, first.finished_at
    again = batches.request_batch(camp)
    assert (again.file.name, again.finished_at) == (name, finished)
    certificate = camp.certificates.first()
    services.revoke(certificate, "Жаңылыш берилген", by=facilitator)
    assert not batches.is_current(again, camp)
    rebuilt = batches.request_batch(camp)
    assert rebuilt.finished_at != finished
    assert rebuilt.pages == len(NAMES) - 1
    assert batches.is_current(rebuilt, camp)


def test_a_very_long_name_stays_on_one_page():
    camp, facilitator, keys = camp_with_core_lessons()
    long_name = ("Айгүлнурбүбүсаламаттыкөңүлдүүжаңылмырзабүбүкүлүнөрүңүз" * 3)[:150]
    girl = add_girl(camp, long_name, last_name="Ө", lessons=keys)
    certificate = services.issue_one(camp, girl, by=facilitator)
    pdf = certificate_pdf(certificate)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height  # landscape
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)
    text = pdftotext(pdf).replace("\n", "").replace(" ", "")
    assert long_name in text
    assert certificate.display_code in pdftotext(pdf)


def test_russian_certificate_speaks_russian(issued_camp):
    camp, facilitator = issued_camp
    certificate = camp.certificates.first()
    services.reissue(certificate, by=facilitator, language="ru")
    certificate.refresh_from_db()
    text = pdftotext(certificate_pdf(certificate))
    assert "Дата выдачи" in text
    assert certificate.display_code in text


def test_the_facts_line_reads_well_with_and_without_tracks(issued_camp):
    """Days attended read "6 күндүн ичинен 5 күн" in Kyrgyz; the tracks' line is left
    out when she finished none, rather than printed empty."""
    camp, facilitator = issued_camp
    certificate = camp.certificates.first()
    services.reissue(certificate, by=facilitator, language="ru")
    certificate.refresh_from_db()
    assert certificate.tracks
    assert "Пройденные направления:" in pdftotext(certificate_pdf(certificate))
    certificate.tracks = []
    certificate.save(update_fields=["tracks"])
    russian = pdftotext(certificate_pdf(certificate))
    assert "Посещено дней:" in russian
    assert "Пройденные направления" not in russian
    services.reissue(certificate, by=facilitator, language="ky")
    certificate.refresh_from_db()
    kyrgyz = " ".join(pdftotext(certificate_pdf(certificate)).split())
    assert f"күндүн ичинен {certificate.days_attended} күн" in kyrgyz
