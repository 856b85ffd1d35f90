"""Nothing of a concern (and, below, of a help request or a health note) appears in
any export, figure, printed sheet, family or girl's page, the audit log, or a log line.

The test writes the restricted records through the pages people use, then walks
every path that carries a girl's data out of the platform and reads each answer:
HTML, CSV, the XLSX's sheets, the PDFs' text, the girl's export ZIP entry by entry."""

import io
import logging
import zipfile

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

#: Words that appear only in the restricted records written below.
SECRETS = {
    "concern": "КАРАКУШ-КАБАР көгала так",
    "follow_up": "КАРАКУШ-АРАКЕТ апасы",
    "told": "КАРАКУШ-ДИРЕКТОР",
    "help_request": "КАРАКУШ-ЖАРДАМ үйдө",
    "health_note": "КАРАКУШ-ДЕН-СООЛУК ингалятор",
}


def readable(response) -> str:
    """The text a reader of ``response`` would see, whatever its format."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "zip" in kind or "spreadsheetml" in kind:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def write_records(client, w):
    client.force_login(w.facilitator_a)
    response = client.post(
        reverse("care:concern_new", args=[w.camp_a.pk, w.girl_a.pk]),
        {"what": SECRETS["concern"], "happened_on": timezone.localdate().isoformat(),
         "told": SECRETS["told"], "action_taken": ""})
    assert response.status_code == 302
    client.force_login(w.lead)
    response = client.post(response["Location"], {"text": SECRETS["follow_up"]})
    assert response.status_code == 302
    from cms.core import consent
    from cms.core.models import Consent

    consent.record_consent(w.girl_a, Consent.Scope.HEALTH, Consent.Kind.GUARDIAN,
                           timezone.localdate(), w.facilitator_a)
    client.force_login(w.facilitator_a)
    response = client.post(reverse("care:card", args=[w.camp_a.pk, w.girl_a.pk]),
                           {"contact_name": "Жаңыл", "contact_phone": "0700123456",
                            "health": ["asthma"], "health_note": SECRETS["health_note"]})
    assert response.status_code == 302
    client.force_login(w.girl_a)
    response = client.post(reverse("care:help"), {"message": SECRETS["help_request"],
                                                  "share_with_facilitator": "on"})
    assert response.status_code == 302


def paths(w):
    """(user, method, url, data) of every way a girl's data leaves the platform."""
    camp, girl, household = w.camp_a, w.girl_a, w.household_a
    return [
        (w.facilitator_a, "post", reverse("camp:export_girl", args=[camp.pk, girl.pk]),
         {"export-reason": "Her mother asked on 3 May."}),
        (w.admin, "post", reverse("camp:export_girl", args=[camp.pk, girl.pk]),
         {"export-reason": "Her mother asked on 3 May."}),
        (w.manager, "get", reverse("impact:dashboard"), None),
        (w.manager, "get", reverse("impact:export_csv"), None),
        (w.manager, "get", reverse("impact:export_xlsx"), None),
        (w.manager, "get", reverse("impact:export_rows"), None),
        (w.manager, "get", reverse("impact:camp_report", args=[camp.pk]), None),
        (w.partner, "get", reverse("impact:dashboard"), None),
        (w.facilitator_a, "get", reverse("impact:dashboard"), None),
        (w.manager, "get", reverse("gals:numbers"), None),
        (w.guardian_a, "get", reverse("gals:family"), None),
        (w.guardian_a, "get", reverse("gals:family_sheet", args=[household.pk]), None),
        (w.facilitator_a, "get", reverse("gals:household", args=[household.pk]), None),
        (w.girl_a, "get", reverse("camp:learn"), None),
        (w.girl_a, "get", reverse("courses:path"), None),
        (w.facilitator_a, "get", reverse("camp:teach"), None),
        (w.facilitator_a, "get", reverse("camp:camp_detail", args=[camp.pk]), None),
        (w.facilitator_a, "get", reverse("camp:girl", args=[camp.pk, girl.pk]), None),
        (w.facilitator_a, "get", reverse("camp:attendance", args=[camp.pk]), None),
        (w.admin, "get", reverse("cms:audit_log"), None),
    ]


def test_no_restricted_text_leaves_the_platform(client, world, caplog):
    caplog.set_level(logging.DEBUG)
    write_records(client, world)
    seen = {}
    for user, method, url, data in paths(world):
        client.force_login(user)
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        text = readable(response)
        seen[url] = [name for name, secret in SECRETS.items() if secret in text]
    assert all(not found for found in seen.values()), seen
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [name for name, secret in SECRETS.items() if secret in logged]


def test_the_walk_would_see_the_text_if_it_leaked(client, world):
    """The reader is honest: the concern's own page shows the words it looks for."""
    write_records(client, world)
    from camp.care.models import Concern, HelpRequest

    client.force_login(world.lead)
    text = readable(client.get(reverse("care:concern", args=[Concern.objects.get().pk])))
    text += readable(client.get(reverse("care:help_request",
                                        args=[HelpRequest.objects.get().pk])))
    text += readable(client.get(reverse("care:card",
                                        args=[world.camp_a.pk, world.girl_a.pk])))
    assert all(secret in text for secret in SECRETS.values())
