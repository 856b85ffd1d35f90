"""Places in the Wagtail admin, for programme managers: regions, districts, schools.

Camps are not edited here: they are planned on the camp pages (/teach/), where the
scheduling rules are checked and the days are planned from the curriculum.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
