"""The camp a page is about, found and checked in one step."""

from django.shortcuts import get_object_or_404

from cms.core.permissions import require

from .models import Camp


def camp_or_404(user, pk: int, action: str = "camp.view") -> Camp:
    """Camp ``pk`` with its school, place and curriculum, if ``user`` may do ``action``
    on it: 404 when there is no such camp, the translated 403 when she may not."""
    camp = get_object_or_404(
        Camp.objects.select_related("school__district__region", "curriculum"), pk=pk)
    require(user, action, camp)
    return camp
