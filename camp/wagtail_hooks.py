"""Places in the Wagtail admin, for programme managers: regions, districts, schools.

Camps are not edited here: they are planned on the camp pages (/teach/), where the
scheduling rules are checked and the days are planned from the curriculum.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.core import personal_data
from courses import access

from . import learner_links
from . import personal_data as camp_personal_data
from .models import District, Region, School


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name_ru", "name_ky", "code"]
    search_fields = ["name_ru", "name_ky"]
    panels = [FieldPanel("name_ru"), FieldPanel("name_ky"), FieldPanel("code")]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "list-ul"
    list_display = ["name_ru", "name_ky", "region"]
    list_filter = ["region"]
    search_fields = ["name_ru", "name_ky"]
    panels = [FieldPanel("region"), FieldPanel("name_ru"), FieldPanel("name_ky")]


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "village", "district", "approved"]
    list_filter = ["approved", "district__region"]
    search_fields = ["name", "village"]
    panels = [
        FieldPanel("approved"),
        FieldPanel("district"),
        FieldPanel("name"),
        FieldPanel("village"),
        FieldPanel("contact_name"),
        FieldPanel("contact_phone"),
    ]


class PlacesGroup(SnippetViewSetGroup):
    menu_label = _("Places")
    menu_icon = "site"
    menu_order = 300
    items = (RegionViewSet, DistrictViewSet, SchoolViewSet)


register_snippet(PlacesGroup)


# What camp answers for the apps it may not be imported by (Wagtail hooks are the one
# extension point; each hook's name and contract is defined where it is asked).
hooks.register(access.CURRICULA, learner_links.curricula_of)
hooks.register(access.CARER, learner_links.facilitates)
hooks.register(access.TODAY, learner_links.camp_day_today)
hooks.register(personal_data.SECTIONS, camp_personal_data.section)
hooks.register(personal_data.RETENTION, camp_personal_data.girls_whose_last_camp_ended_before)
