"""What a girl's certificate costs: the file her phone downloads, the database reads
behind it, and that the cheaper page still shows its frame, corners and darker names."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from camp.certificates import services
from camp.certificates.rendering import certificate_pdf, render, site_settings
from tests.system_tools import tool

from .factories import NAMES, add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    camp, facilitator, keys = camp_with_core_lessons()
    for index, name in enumerate(NAMES):
        add_girl(camp, name, last_name="ҢӨҮ"[index % 3], lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    site_settings()  # the settings row exists from the first certificate on
    return list(camp.certificates.order_by("pk"))


def test_a_girls_certificate_is_a_small_download(issued):
    """Over a slow rural connection: the emblem is drawn for its printed size (it was
    two thirds of a 65 KB file)."""
    assert len(certificate_pdf(issued[0])) <= 45_000


def test_the_facts_are_read_in_four_queries_for_one_certificate_or_a_camp(
        issued, django_assert_num_queries):
    with django_assert_num_queries(4):
        certificate_pdf(issued[0])
    with django_assert_num_queries(4):
        render(issued)


def _picture(pdf: bytes, dpi: int = 50) -> Image.Image:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "one.pdf").write_bytes(pdf)
        subprocess.run([tool("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", "one.pdf",
                        "page"], cwd=folder, check=True)
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("RGB")


def _near(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_the_page_keeps_its_frame_corners_and_signature_lines(issued):
    """The frame is one drawing behind the page now: its purple edge and the four gold
    corners are where the design puts them, and a signature's name prints darker than
    the grey role under it."""
    dpi = 100
    picture = _picture(certificate_pdf(issued[0]), dpi)

    def at(x_mm, y_mm):
        return picture.getpixel((round(x_mm / 25.4 * dpi), round(y_mm / 25.4 * dpi)))

    purple, gold = (0x5B, 0x2A, 0x86), (0xC8, 0x96, 0x2E)
    assert _near(at(6, 105), purple) and _near(at(291, 105), purple)
    for x, y in ((14, 14), (283, 14), (14, 195), (283, 195)):
        assert _near(at(x, y), gold), (x, y)
    # The facilitator's name (first line) and her role (second) under the line at 158 mm.
    name_row = picture.crop((round(24 / 25.4 * dpi), round(160 / 25.4 * dpi),
                             round(99 / 25.4 * dpi), round(164 / 25.4 * dpi)))
    role_row = picture.crop((round(24 / 25.4 * dpi), round(164 / 25.4 * dpi),
                             round(99 / 25.4 * dpi), round(168 / 25.4 * dpi)))
    darkest_name = min(sum(pixel) for pixel in name_row.get_flattened_data())
    darkest_role = min(sum(pixel) for pixel in role_row.get_flattened_data())
    assert darkest_name < darkest_role


def test_a_process_keeps_the_designs_pictures_and_not_every_girls_qr_code(issued):
    """A worker prints certificates for as long as it lives: what it keeps between
    documents is the emblem and the frame, the same after one certificate as after a
    camp's, while each certificate still prints its own QR code."""
    from cms.core import pdf

    certificate_pdf(issued[0])
    kept_after_one = set(pdf._kept_images)
    for certificate in issued[1:]:
        assert b"/Subtype /Image" in certificate_pdf(certificate)
    assert set(pdf._kept_images) == kept_after_one
    kept_files = {key.rsplit("/", 1)[-1] for key in kept_after_one if key.startswith("file:")}
    assert {"emblem.jpg", "frame.svg"} <= kept_files
