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
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend

from camp.models import Camp
from cms.core import task_health

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
        on_its_way(batch) or (batch.state == Batch.State.READY and batch.file)
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


def on_its_way(batch: Batch) -> bool:
    """Queued or being made by a worker that is alive. A batch whose worker died (its
    task failed, is gone, or its worker stopped beating) is not: asking again makes it.
    Without a task worker (tasks run at once) a batch is never left waiting, unless the
    process making it died: one older than the stale limit is not on its way."""
    if batch.state not in (Batch.State.QUEUED, Batch.State.RUNNING):
        return False
    if isinstance(task_backends["default"], DatabaseBackend):
        return bool(batch.task_id) and task_health.is_alive(batch.task_id)
    return bool(batch.requested_at) and (
        batch.requested_at >= timezone.now() - task_health.stale_after())


def on_task_finished(sender, task_result, **kwargs) -> None:
    """A build that failed without saying so (its worker died): the batch failed."""
    from .tasks import build_batch

    if task_result.task.func is not build_batch.func:
        return
    if task_result.status == TaskResultStatus.FAILED:
        Batch.objects.filter(
            task_id=str(task_result.id)[:64],
            state__in=(Batch.State.QUEUED, Batch.State.RUNNING),
        ).update(state=Batch.State.FAILED, finished_at=timezone.now())


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
