"""Admin for what programme managers write: the confidence-survey statements."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import personal_data

from . import personal_data as courses_personal_data
from .models import SurveyItem


class SurveyItemViewSet(SnippetViewSet):
    model = SurveyItem
    icon = "list-ol"
    menu_label = _("Survey statements")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["text", "area", "reverse_scored", "in_retrospective", "sort_order"]
    list_filter = ["area", "locale"]
    ordering = ["sort_order"]


register_snippet(SurveyItemViewSet)


# Her learning record is part of what a girl's data export and anonymisation cover.
hooks.register(personal_data.SECTIONS, courses_personal_data.section)
