"""A long certificate batch is laid out in parts on every core and joined into one file.

The joined file must read exactly like a file laid out in one piece: every girl's
page, in order, with her name and code, fonts embedded, titled with the camp.
"""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from camp.certificates import batches, services
from camp.certificates.rendering import ASSETS, DESIGN, render
from cms.core import pdf
from tests.system_tools import tool

from .factories import add_girl, camp_with_core_lessons
from .test_pdf import pdftotext

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "certificates"


@given(count=st.integers(min_value=0, max_value=2000), processes=st.integers(1, 8))
def test_parts_cover_every_page_once_in_order(count, processes):
    parts = pdf.split(count, processes)
    assert parts[0][0] == 0 and parts[-1][1] == count
    assert all(end == start for (_s, end), (start, _e) in zip(parts, parts[1:], strict=False))
    if len(parts) > 1:
        assert all(pdf.SMALLEST_PART <= end - start <= pdf.PART_PAGES for start, end in parts)
        assert len(parts) >= processes or count < processes * pdf.SMALLEST_PART * 2


def test_a_short_document_or_a_single_process_is_not_split():
    assert pdf.split(19, 4) == [(0, 19)]
    assert pdf.split(300, 1) == [(0, 300)]
    assert len(pdf.split(300, 2)) == 8


def _camp_of_24():
    camp, facilitator, keys = camp_with_core_lessons(title="Көктөмкү лагерь")
    for number in range(24):
        add_girl(camp, f"Гүлнур{number:02d}", last_name="ҢӨҮ"[number % 3], lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return camp, list(batches.batch_certificates(camp).select_related("learner"))


@pytest.mark.django_db
def test_a_camp_laid_out_in_parts_reads_like_one_document(settings):
    settings.PDF_PROCESSES = 2
    camp, certificates = _camp_of_24()

    stats = pdf.PartStats()
    document, pages = render(certificates, title=camp.title, stats=stats)

    assert stats.parts == 2 and len(stats.peak_mb) == 2
    reader = PdfReader(io.BytesIO(document))
    assert pages == len(reader.pages) == 24
    assert reader.metadata.title == camp.title
    for page, certificate in zip(reader.pages, certificates, strict=True):
        text = page.extract_text()
        assert certificate.learner.display_name in text
        assert certificate.display_code in text
    text = pdftotext(document)
    assert [f"Гүлнур{n:02d}" for n in range(24)] == sorted(re.findall(r"Гүлнур\d\d", text))
    fonts = subprocess.run([tool("pdffonts"), "-"], input=document, capture_output=True, check=True)
    lines = fonts.stdout.decode().splitlines()[2:]
    assert lines and all("DejaVu" in line and " yes " in line for line in lines)
    # Each part drew its pages' QR codes: every page's code scans to its own proof (a code
    # the part could not draw would be left out of the page without an error).
    assert_every_qr_code_scans(document, certificates)


@pytest.mark.django_db
def test_a_part_process_killed_while_the_worker_waits_is_replaced(settings):
    """The kernel may kill a part process for memory between two batches: the next
    camp's PDF still comes whole, every girl's page in it, from new processes."""
    settings.PDF_PROCESSES = 2
    camp, certificates = _camp_of_24()
    pool = pdf.part_pool(2)
    pdf.warm_part_pool(DESIGN)
    victim = next(iter(pool._processes.values()))  # the executor's own table of processes
    victim.kill()
    victim.join()

    stats = pdf.PartStats()
    document, pages = render(certificates, title=camp.title, stats=stats)

    assert stats.parts == 2
    assert pdf.part_pool(2) is not pool
    assert pages == len(PdfReader(io.BytesIO(document)).pages) == 24
    text = pdftotext(document)
    assert [f"Гүлнур{n:02d}" for n in range(24)] == sorted(re.findall(r"Гүлнур\d\d", text))


def assert_every_qr_code_scans(document: bytes, certificates) -> None:
    import zxingcpp
    from PIL import Image

    from camp.certificates import qr

    found = []
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "batch.pdf").write_bytes(document)
        subprocess.run([tool("pdftoppm"), "-r", "150", "-gray", "-png", "batch.pdf", "page"],
                       cwd=folder, check=True)
        for picture in sorted(Path(folder).glob("page-*.png")):
            with Image.open(picture) as image:
                found.append([r.text for r in zxingcpp.read_barcodes(image)
                              if r.format == zxingcpp.BarcodeFormat.QRCode])
    assert len(found) == len(certificates)
    for texts, certificate in zip(found, certificates, strict=True):
        assert len(texts) == 1
        assert texts[0].endswith(f"/verify/{certificate.code}/#{qr.fragment(certificate)}")


def test_the_lean_browser_defaults_cover_every_element_a_certificate_uses():
    """The certificate replaces WeasyPrint's HTML defaults by a short list of its own:
    an element missing from that list would print as plain inline text."""
    markup = "".join(path.read_text() for path in TEMPLATES.glob("*pdf*.html"))
    used = set(re.findall(r"<([a-z][a-z0-9]*)\b", markup))
    defaults = (ASSETS / "user-agent.css").read_text()
    styled = set(re.findall(r"(?<![\w.#:-])([a-z][a-z0-9]*)(?=[\s,{:])", defaults))
    assert used, "the certificate templates were not found"
    assert used <= styled, f"add to user-agent.css: {sorted(used - styled)}"
