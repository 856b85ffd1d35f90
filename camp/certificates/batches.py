"""A whole camp's certificates in one PDF, made in the background and kept.

The kept file is made again only when something printed on it changed: its
content hash covers every page's facts, the partner settings and the design.
In development and tests the task runs at once; in production a worker
(``manage.py db_worker``) runs it and the page shows its state meanwhile.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from camp.models import Camp

from .models import Batch, Certificate
from .rendering import content_hash


def batch_certificates(camp: Camp) -> QuerySet[Certificate]:
    """What is printed: every valid certificate of the camp, by name."""
    return Certificate.objects.filter(camp=camp, revoked_on__isnull=True).order_by(
        "learner__first_name", "learner__last_name", "pk"
    )


def is_current(batch: Batch | None, camp: Camp) -> bool:
    """The kept file shows exactly what the certificates say now."""
    if batch is None or batch.state != Batch.State.READY or not batch.file:
        return False
    return batch.content_hash == content_hash(batch_certificates(camp))


def request_batch(camp: Camp) -> Batch:
    """Make the camp's PDF unless the kept one is current or one is on its way."""
    certificates = list(batch_certificates(camp))
    if not certificates:
        raise ValidationError(_("No certificates are issued in this camp yet."))
    digest = content_hash(certificates)
    batch, _created = Batch.objects.get_or_create(camp=camp, defaults={"state": Batch.State.QUEUED})
    if batch.content_hash == digest and (
        batch.state in (Batch.State.QUEUED, Batch.State.RUNNING)
        or (batch.state == Batch.State.READY and batch.file)
    ) and not _created:
        return batch
    batch.state = Batch.State.QUEUED
    batch.content_hash = digest
    batch.requested_at = timezone.now()
    batch.finished_at = None
    batch.save()
    from .tasks import build_batch

    result = build_batch.enqueue(camp.pk)
    Batch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])
    batch.refresh_from_db()
    return batch


def build(camp_id: int) -> int:
    """Render and keep the camp's PDF; the task calls this. Returns the page count."""
    from .rendering import render

    batch = Batch.objects.select_related("camp").get(camp_id=camp_id)
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.RUNNING)
    certificates = list(batch_certificates(batch.camp))
    digest = content_hash(certificates)
    try:
        pdf, pages = render(certificates, title=batch.camp.title)
    except Exception:
        Batch.objects.filter(pk=batch.pk).update(state=Batch.State.FAILED)
        raise
    old = batch.file.name if batch.file else None
    batch.file.save(f"camp-{camp_id}-{digest[:12]}.pdf", ContentFile(pdf), save=False)
    if old and old != batch.file.name:
        batch.file.storage.delete(old)
    batch.state = Batch.State.READY
    batch.content_hash = digest
    batch.pages = pages
    batch.finished_at = timezone.now()
    batch.save()
    return pages
