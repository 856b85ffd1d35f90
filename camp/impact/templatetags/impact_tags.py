from django import template
from django.urls import reverse
from django.utils import translation

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def report_url(kind: str, row, language: str, query: str = "") -> str:
    """The printed report of a camp or region line, in ``language``."""
    with translation.override(language):
        if kind == "camp":
            return reverse("impact:camp_report", kwargs={"pk": row.key})
        url = reverse("impact:region_report", kwargs={"code": row.extra["region_code"]})
    return f"{url}?{query}" if query else url
