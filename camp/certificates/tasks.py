"""Background work of the certificates (django-tasks)."""

from django_tasks import task


@task()
def build_batch(camp_id: int) -> int:
    """Make and keep one camp's PDF of certificates."""
    from .batches import build

    return build(camp_id)
