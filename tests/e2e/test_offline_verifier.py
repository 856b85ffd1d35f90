"""Checking a certificate's QR code on a phone without signal.

A reader opens the checker once with signal (the footer's link); later, with the network
off, the QR code's address opens the kept checker, which checks the paper's signature
against the kept keys and says whether the code was revoked as of the last sync: valid,
tampered, garbage, and revoked after a sync, for a girl's certificate and a household's
GALS one. A browser without BarcodeDetector reads a photo of the printed QR code with the
decoder the site serves (jsQR), also offline.
"""

import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from camp.certificates import qr, services
from camp.certificates.models import Certificate
from camp.certificates.rendering import QR_MAX_VERSION, certificate_pdf
from cms.core import pdf
from tests.certificates.factories import add_girl, camp_with_core_lessons
from tests.certificates.test_qr_proof import CHANGED
from tests.e2e.test_offline import controlled, phone  # noqa: F401 (fixtures)

VALID = "Жарактуу: Tech Camp программасы"
TAMPERED = "Жараксыз: бул QR-коддогу маалыматтар кол коюлгандан кийин өзгөртүлгөн."
NOT_OURS = "Бул ушул программанын сертификаты эмес."
UNKNOWN = "Жараксыз: бул сайт билбеген ачкыч менен кол коюлган"
PHOTO = "Же QR-коддун сүрөтүн тандаңыз"
NO_CODE = "Бул сүрөттөн QR-код табылган жок."


@pytest.fixture
def certificate(world):
    camp, facilitator, keys = camp_with_core_lessons(title="Жайкы лагерь")
    girl = add_girl(camp, "Өмүрбүбү", last_name="Ңурбекова", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return Certificate.objects.get(learner=girl)


def kept(page, seconds: float = 15) -> None:
    """Wait until the worker kept the checker page and both lists."""
    deadline = timezone.now().timestamp() + seconds
    script = "() => caches.open('verifier').then(c => c.keys()).then(k => k.length)"
    while page.evaluate(script) < 3:
        if timezone.now().timestamp() > deadline:
            raise AssertionError("the checker was never kept on the phone")
        page.wait_for_timeout(100)


def sync(page, server) -> None:
    """The reader opens the site with signal, then the checker by the footer's link.

    The worker installs while the home page is open: on a busy machine a worker whose
    install was still running when the page that registered it was left sometimes never
    took control within 40 s, which a reader would not notice (her next page is
    controlled) but the check below would."""
    page.goto(server + "/ky/")
    controlled(page, 40)  # a shared, busy machine: the worker may take a while
    page.get_by_role("link", name="Сертификатты текшерүү").click()  # the footer's link
    expect(page.get_by_role("heading", level=1)).to_have_text("Сертификаттын QR-кодун текшерүү")
    controlled(page, 40)
    page.reload()  # through the worker, which keeps the page and the lists
    kept(page)


def test_the_checker_works_with_the_network_off_valid_tampered_garbage_revoked(
    phone, certificate  # noqa: F811
):
    server = phone.server
    proof = qr.fragment(certificate)
    address = f"{server}/ky/verify/{certificate.code}/"
    compact = qr.unpack(certificate.code, proof)
    forged = qr.pack(compact.key_id, compact.signature,
                     {**compact.facts, "first_name": CHANGED["first_name"]})
    page = phone.open()
    sync(page, server)

    phone.context.set_offline(True)
    # The QR code's address, as a phone's camera opens it: the kept checker answers.
    page.goto(address + "#" + proof)
    result = page.locator("[data-result]")
    expect(result).to_contain_text(VALID)
    expect(result).to_contain_text(certificate.key_id)
    expect(result).to_contain_text("абалы боюнча жокко чыгарылган эмес")
    expect(result).to_contain_text("Өмүрбүбү Ң.")
    expect(result).to_contain_text("Жайкы лагерь")
    expect(result).not_to_contain_text("Ңурбекова")

    page.goto(address + "#" + forged)
    expect(result).to_contain_text(TAMPERED)
    expect(result).not_to_contain_text(VALID)

    page.goto(address + "#NOT-A-CERTIFICATE")
    expect(result).to_contain_text(NOT_OURS)

    # The same link pasted into the checker's box.
    page.goto(server + "/ky/verify/scan/")
    page.get_by_label("Код же QR-коддун шилтемеси").fill(address + "#" + proof)
    page.get_by_role("button", name="Текшерүү").click()
    expect(result).to_contain_text(VALID)

    # Revoked on the server; the phone syncs once with signal, then checks without it.
    services.revoke(certificate, "ката менен берилген", by=None)
    phone.context.set_offline(False)
    sync(page, server)
    phone.context.set_offline(True)
    page.goto(address + "#" + proof)
    expect(result).to_contain_text(VALID)
    expect(result).to_contain_text("жокко чыгарылган. Ал мындан ары жарактуу эмес.")
    assert phone.errors == []


@pytest.fixture
def family(world):
    """Household A's GALS certificate; its girl is Үмүтгүл Ө."""
    from gals import certificates as family_certificates
    from tests.gals.test_family_certificate import attend

    girl = world.household_a.girls.first()
    girl.first_name, girl.last_name = "Үмүтгүл", "Өңкөй"
    girl.save()
    attend(world.household_a, 3, world.facilitator_a, world.camp_a)
    return family_certificates.issue(world.household_a, by=world.facilitator_a,
                                     language="ky")


def test_the_checker_checks_a_family_certificate_with_the_network_off(
    phone, family  # noqa: F811
):
    from gals import certificates as family_certificates
    from gals.models import FamilyCertificate

    server = phone.server
    proof = family_certificates.fragment(family)
    address = f"{server}/ky/verify/{family.code}/"
    compact = qr.unpack(family.code, proof)
    forged = qr.pack(compact.key_id, compact.signature,
                     {**compact.facts, "sessions_attended": 9}, compact.layout)
    page = phone.open()
    sync(page, server)

    phone.context.set_offline(True)
    page.goto(address + "#" + proof)
    result = page.locator("[data-result]")
    expect(result).to_contain_text(VALID)
    expect(result).to_contain_text(family.key_id)
    expect(result).to_contain_text("абалы боюнча жокко чыгарылган эмес")
    expect(result).to_contain_text("Үй-бүлө: Үмүтгүл Ө.")
    expect(result).to_contain_text("STEM лагеринин GALS үй-бүлөлүк жыйындары")
    expect(result).to_contain_text("Катышкан жыйындар")
    expect(result).not_to_contain_text("Өңкөй")

    page.goto(address + "#" + forged)
    expect(result).to_contain_text(TAMPERED)
    expect(result).not_to_contain_text(VALID)
    expect(result).not_to_contain_text("Үмүтгүл")

    page.goto(address + "#" + proof[:-3])
    expect(result).to_contain_text(NOT_OURS)

    # Revoked on the server (no page revokes a family certificate yet: the database);
    # the phone syncs once with signal, then checks without it.
    FamilyCertificate.objects.filter(pk=family.pk).update(revoked_on=timezone.localdate())
    phone.context.set_offline(False)
    sync(page, server)
    phone.context.set_offline(True)
    page.goto(server + "/ky/verify/scan/")
    page.get_by_label("Код же QR-коддун шилтемеси").fill(address + "#" + proof)
    page.get_by_role("button", name="Текшерүү").click()
    expect(result).to_contain_text(VALID)
    expect(result).to_contain_text("жокко чыгарылган. Ал мындан ары жарактуу эмес.")
    assert phone.errors == []


def test_the_verification_page_checks_a_family_papers_qr_code(phone, family):  # noqa: F811
    from gals import certificates as family_certificates

    page = phone.open()
    page.goto(f"{phone.server}/ky/verify/{family.code}/#{family_certificates.fragment(family)}")
    result = page.locator("#paper-check [data-result]")
    expect(result).to_contain_text("Бул кагаздагы QR-код чыныгы")
    expect(result).to_contain_text("Үй-бүлө: Үмүтгүл Ө.")
    expect(result).to_contain_text("Бул кагаз сертификатты бүгүнкүдөй көрсөтөт.")
    # The server's own check, above it.
    expect(page.get_by_text("Бул сертификат жарактуу.")).to_be_visible()
    assert phone.errors == []


def test_the_verification_page_checks_the_papers_qr_code_and_names_what_changed(
    phone, certificate  # noqa: F811
):
    server = phone.server
    paper = qr.fragment(certificate)
    page = phone.open()
    page.goto(f"{server}/ky/verify/{certificate.code}/#{paper}")
    result = page.locator("#paper-check [data-result]")
    expect(result).to_contain_text("Бул кагаздагы QR-код чыныгы")
    expect(result).to_contain_text("Бул кагаз сертификатты бүгүнкүдөй көрсөтөт.")

    # Reissued in Russian: the old paper is still genuine, and the page says what differs.
    services.reissue(certificate, by=None, language="ru")
    page.reload()
    expect(result).to_contain_text("Бул кагаздагы QR-код чыныгы")
    expect(result).to_contain_text("бүгүнкү (кайра берилген) нускасынан айырмаланат")
    expect(result).to_contain_text("Нускасы")

    page.goto(f"{server}/ky/verify/{certificate.code}/#%%%garbage")
    expect(result).to_contain_text(NOT_OURS)
    # The server's own check, unchanged, above it.
    expect(page.get_by_text("Бул сертификат жарактуу.")).to_be_visible()
    assert phone.errors == []


def decoder_kept(page, seconds: float = 15) -> None:
    """Wait until the worker kept the QR decoder the page loaded."""
    deadline = timezone.now().timestamp() + seconds
    script = ("() => caches.match(document.getElementById('paper-check').dataset.decoder)"
              ".then(hit => Boolean(hit))")
    while not page.evaluate(script):
        if timezone.now().timestamp() > deadline:
            raise AssertionError("the QR decoder was never kept on the phone")
        page.wait_for_timeout(100)


def test_the_checker_reads_a_picture_of_the_printed_qr_code_offline(
    phone, certificate, tmp_path  # noqa: F811
):
    server = phone.server
    page = phone.open()
    # As on desktop Chromium on Linux and many cheap phones' browsers.
    phone.context.add_init_script("delete self.BarcodeDetector;")
    page.goto(server + "/ky/")  # the worker is installed from the first page
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.goto(server + "/ky/verify/scan/")  # with signal, through the worker
    controlled(page, 40)
    kept(page)
    assert page.evaluate("() => 'BarcodeDetector' in self") is False
    assert page.evaluate("() => typeof self.jsQR") == "function"  # loaded on this page only
    decoder_kept(page)

    # A picture of the printed certificate: the whole A4 page at 200 dpi.
    paper = tmp_path / "certificate.pdf"
    paper.write_bytes(certificate_pdf(certificate))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(paper),
                    str(tmp_path / "photo")], check=True)
    # A code whose name was changed after signing, printed large.
    compact = qr.unpack(certificate.code, qr.fragment(certificate))
    forged = qr.pack(compact.key_id, compact.signature,
                     {**compact.facts, "first_name": CHANGED["first_name"]})
    pdf.qr_code(f"{server}/ky/verify/{certificate.code}/", forged,
                max_version=QR_MAX_VERSION).save(str(tmp_path / "forged.png"), scale=8, border=4)
    # A photo with no QR code in it.
    pdf.qr_code("x").save(str(tmp_path / "blank.png"), scale=8, border=4, dark="#fff")

    phone.context.set_offline(True)
    page.goto(server + "/ky/verify/scan/")  # the kept checker, its decoder from the phone
    result = page.locator("[data-result]")
    choose = page.get_by_label(PHOTO)
    choose.set_input_files(str(tmp_path / "photo.png"))
    expect(result).to_contain_text(VALID, timeout=20_000)
    expect(result).to_contain_text(certificate.key_id)
    expect(result).to_contain_text("Өмүрбүбү Ң.")
    value = page.get_by_label("Код же QR-коддун шилтемеси").input_value()
    assert value.endswith(f"/ky/verify/{certificate.code}/#{qr.fragment(certificate)}")

    choose.set_input_files(str(tmp_path / "forged.png"))
    expect(result).to_contain_text(TAMPERED, timeout=20_000)
    expect(result).not_to_contain_text(VALID)

    choose.set_input_files(str(tmp_path / "blank.png"))
    expect(result).to_contain_text(NO_CODE, timeout=20_000)
    assert phone.errors == []


def test_the_decoder_is_downloaded_only_by_the_checker_without_barcode_detector(
    phone, certificate  # noqa: F811
):
    page = phone.open()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # Another page, in a browser without BarcodeDetector: no decoder.
    page.goto(phone.server + "/ky/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "jsqr" in url.lower()]
    # The checker, where the browser has its own reader (a stand-in here): no decoder.
    phone.context.add_init_script(
        "self.BarcodeDetector = function () {};"
        "self.BarcodeDetector.prototype.detect = function () { return Promise.resolve([]); };")
    page.goto(phone.server + "/ky/verify/scan/")
    expect(page.get_by_label(PHOTO)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof self.jsQR") == "undefined"
    assert not [url for url in requested if "jsqr" in url.lower()]
    assert phone.errors == []


def static_caches(page) -> list[str]:
    return page.evaluate(
        "() => caches.keys().then(names => names.filter(n => n.startsWith('static-')))")


def test_an_update_of_the_worker_keeps_the_checker_and_its_decoder_for_use_offline(
    phone, certificate, settings  # noqa: F811
):
    """An update empties the old worker's static cache; the checker kept before, its
    scripts and the decoder must still be there without signal afterwards."""
    server = phone.server
    page = phone.open()
    phone.context.add_init_script("delete self.BarcodeDetector;")  # the decoder is needed
    page.goto(server + "/ky/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.goto(server + "/ky/verify/scan/")
    controlled(page, 40)
    kept(page)
    decoder_kept(page)
    before = static_caches(page)

    # A new release: the worker's text changes, the phone fetches it with signal.
    settings.NEVER_KEPT_PATHS = [*settings.NEVER_KEPT_PATHS, "release-2/"]
    page.goto(server + "/ky/")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
    deadline = timezone.now().timestamp() + 40
    while (caches := static_caches(page)) == before or len(caches) != 1:
        if timezone.now().timestamp() > deadline:
            raise AssertionError(f"the new worker never replaced the old one: {caches}")
        page.wait_for_timeout(200)

    # The browser's own HTTP cache is not the worker's to keep: a phone empties it when
    # short of space, and it would hide a checker the worker lost.
    phone.context.new_cdp_session(page).send("Network.clearBrowserCache")
    phone.context.set_offline(True)
    page.goto(server + "/ky/verify/scan/")  # the kept checker, its scripts from the phone
    address = f"{server}/ky/verify/{certificate.code}/#{qr.fragment(certificate)}"
    page.get_by_label("Код же QR-коддун шилтемеси").fill(address)
    page.get_by_role("button", name="Текшерүү").click()
    result = page.locator("[data-result]")
    expect(result).to_contain_text(VALID)
    expect(result).to_contain_text("Өмүрбүбү Ң.")
    # The decoder too: a photo can still be read without signal.
    deadline = timezone.now().timestamp() + 15
    while page.evaluate("() => typeof self.jsQR") != "function":
        if timezone.now().timestamp() > deadline:
            raise AssertionError("the QR decoder was not kept through the update")
        page.wait_for_timeout(100)
