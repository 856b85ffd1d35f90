"""Admin for what programme managers write (the confidence-survey statements) and what
content editors write beside the pages (the glossary)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core import personal_data

from . import personal_data as courses_personal_data
from .models import GlossaryTerm, SurveyItem


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


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 305
    list_display = ["term", "definition", "locale"]
    list_filter = ["locale", "track"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


# Her learning record is part of what a girl's data export and anonymisation cover.
hooks.register(personal_data.SECTIONS, courses_personal_data.section)
