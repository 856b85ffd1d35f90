"""The parents' survey statements, written and translated by programme staff."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AttitudeItem


class AttitudeItemViewSet(SnippetViewSet):
    model = AttitudeItem
    icon = "group"
    menu_label = _("Parents' survey")
    list_display = ["text", "reverse_scored", "sort_order", "active"]
    list_filter = ["locale", "active"]


register_snippet(AttitudeItemViewSet)
