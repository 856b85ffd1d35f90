"""Everything the platform holds about one girl: export it, anonymise it, retire it.

The kernel knows only the user and its own records; the apps know the rest
(enrolments, progress, uploads, GALS records). Each app answers for its own data
with a *section*, given by a function registered for the Wagtail hook ``SECTIONS`` in
the app's ``wagtail_hooks.py`` (the section's functions live in its
``personal_data.py``)::

    # courses/personal_data.py
    def section() -> Section:
        return Section(
            "courses",
            export=lambda girl: {"progress": [...]},              # JSON-ready data
            files=lambda girl: [("project-1.webp", upload.file)],  # her uploads
            anonymise=lambda girl: {"uploads_removed": 3},         # what it did
        )

    # courses/wagtail_hooks.py
    hooks.register(cms.core.personal_data.SECTIONS, courses.personal_data.section)

``export`` returns JSON-ready data (dicts, lists, strings, numbers; dates as ISO
strings). ``files`` yields ``(name, file)`` pairs (a FieldFile or anything with
``open``/``read``), put into the ZIP under ``files/<section>/``. ``anonymise``
removes or blanks personal data but keeps rows that counts need (a lesson done
stays done; attendance stays, without a name), and returns a small dict of what
it changed, for the audit log and the command's report.

The retention job asks the functions registered for the hook ``RETENTION``:
``finder(cutoff)`` returns the ids of girls whose last camp ended before ``cutoff``
and who have no later one. Only apps that know when camps end register a finder.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from .audit import clean_reason, record
from .models import AuditEvent, Consent


@dataclass
class Section:
    name: str
    export: Callable[[Any], Any] | None = None
    files: Callable[[Any], Iterable[tuple[str, Any]]] | None = None
    anonymise: Callable[[Any], dict] | None = None


SECTIONS = "personal_data_sections"
RETENTION = "personal_data_retention"


def sections() -> list[Section]:
    """The kernel's section first, then the apps' (in the order of INSTALLED_APPS)."""
    return [ACCOUNT, *(section() for section in hooks.get_hooks(SECTIONS))]


# --- The kernel's own section: the account, consents and the audit trail ----------------


ANONYMOUS_NAME = "—"


def _export_account(girl) -> dict:
    return {
        "username": girl.username,
        "first_name": girl.first_name,
        "last_name_initial": girl.last_name,
        "birth_year": girl.birth_year,
        "school_grade": girl.school_grade,
        "email": girl.email,
        "phone": girl.phone,
        "preferred_language": girl.preferred_language,
        "date_joined": girl.date_joined,
        "last_login": girl.last_login,
        "roles": sorted(girl.roles),
        "consents": [
            {
                "scope": consent.scope,
                "kind": consent.kind,
                "given_on": consent.given_on,
                "withdrawn_on": consent.withdrawn_on,
            }
            for consent in Consent.objects.filter(learner=girl).order_by("scope", "kind")
        ],
        "access_log": [
            {"action": event.action, "when": event.created_at}
            for event in AuditEvent.objects.filter(
                subject_type=girl._meta.label_lower, subject_id=str(girl.pk)
            ).order_by("created_at")
        ],
    }


def _anonymise_account(girl) -> dict:
    """Blank every personal field; keep the row (and its role) so counts stay right."""
    girl.username = f"anonymised-{girl.pk}"
    girl.first_name = ANONYMOUS_NAME
    girl.last_name = ""
    girl.email = ""
    girl.phone = ""
    girl.birth_year = None
    girl.school_grade = None
    girl.is_active = False
    girl.anonymised_at = timezone.now()
    girl.set_unusable_password()
    girl.save()
    if hasattr(girl, "emailaddress_set"):
        girl.emailaddress_set.all().delete()
    # The audit trail stays; any detail that could name her goes.
    scrubbed = 0
    for event in AuditEvent.objects.filter(
        subject_type=girl._meta.label_lower, subject_id=str(girl.pk)
    ):
        detail = {k: v for k, v in event.detail.items() if k not in PERSONAL_DETAIL_KEYS}
        if detail != event.detail:
            event.detail = detail
            event.save(update_fields=["detail"])
            scrubbed += 1
    return {"account": 1, "audit_details_scrubbed": scrubbed}


#: Keys that must never survive in an anonymised girl's audit details.
PERSONAL_DETAIL_KEYS = {"name", "first_name", "last_name", "username", "email", "phone"}

ACCOUNT = Section("account", export=_export_account, anonymise=_anonymise_account)


# --- Export and anonymise -------------------------------------------------------------


def export_girl(girl, by, *, reason: str) -> bytes:
    """A ZIP of everything about ``girl``: ``data.json`` and her uploads in ``files/``.

    A person's request for her data must be answered within a week (Kyrgyz law on
    personal information); this answers it in one step. The export is audited with
    its written reason (whose request); without one it is refused (ValidationError).
    """
    reason = clean_reason(reason)
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "girl_id": girl.pk,
        "sections": {},
    }
    buffer = io.BytesIO()
    names: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in sections():
            if section.export:
                data["sections"][section.name] = section.export(girl)
            for name, file in section.files(girl) if section.files else []:
                arcname = f"files/{section.name}/{name}"
                file.open("rb")
                try:
                    archive.writestr(arcname, file.read())
                finally:
                    file.close()
                names.append(arcname)
        data["files"] = names
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    record(by, AuditEvent.Action.EXPORTED, girl, sections=sorted(data["sections"]),
           files=len(names), reason=reason)
    return buffer.getvalue()


@transaction.atomic
def anonymise_girl(girl, by, *, reason: str) -> dict:
    """Remove everything that names ``girl``; keep what counts need. Audited with its
    written reason (a request, or the retention period); refused without one.

    Each app's section runs before the kernel's account section is blanked, so an
    app can still find her rows by her account. Returns what each section did.
    """
    reason = clean_reason(reason)
    if girl.anonymised_at:
        return {}
    report: dict[str, dict] = {}
    for section in reversed(sections()):  # the kernel's own account last
        if section.anonymise:
            report[section.name] = section.anonymise(girl) or {}
    record(by, AuditEvent.Action.ANONYMISED, girl, sections=sorted(report), reason=reason)
    return report


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


#: A girl's family and her facilitators are told this many days before her data is
#: anonymised, so that the family can keep her certificate and photos.
ANONYMISE_NOTICE_DAYS = 30


def retention_months() -> int:
    """Months after her last camp until a girl is anonymised (ANONYMISE_AFTER_MONTHS)."""
    return getattr(settings, "ANONYMISE_AFTER_MONTHS", 24)


def retention_cutoff(today: datetime.date, months: int) -> datetime.date:
    """On ``today``, the retention job anonymises girls whose last camp ended before this."""
    return months_before(today, months)


def anonymised_on(last_camp_day: datetime.date, months: int | None = None) -> datetime.date:
    """The first day on which the retention job (``expired_girls``) takes a girl whose
    last camp ended on ``last_camp_day``: the first day whose cutoff is after it."""
    months = retention_months() if months is None else months
    day = months_before(last_camp_day, -months) - datetime.timedelta(days=4)
    while retention_cutoff(day, months) <= last_camp_day:
        day += datetime.timedelta(days=1)
    return day


def notice_due(anonymise_day: datetime.date, today: datetime.date | None = None) -> bool:
    """Whether her family and facilitators are told now (the last ANONYMISE_NOTICE_DAYS)."""
    today = today or timezone.localdate()
    return today >= anonymise_day - datetime.timedelta(days=ANONYMISE_NOTICE_DAYS)


def expired_girls(months: int, today: datetime.date | None = None):
    """Girls whose last camp ended more than ``months`` months ago, not yet anonymised."""
    cutoff = retention_cutoff(today or timezone.localdate(), months)
    ids: set[int] = set()
    for finder in hooks.get_hooks(RETENTION):
        ids |= set(finder(cutoff))
    return get_user_model().objects.filter(pk__in=ids, anonymised_at__isnull=True).order_by("pk")
