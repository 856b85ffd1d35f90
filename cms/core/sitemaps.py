"""A sitemap of every language's pages, not only the default site root's."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        language_roots = Page.objects.filter(translation_key=root.translation_key)
        under_any_root = Q()
        for language_root in language_roots:
            under_any_root |= Q(path__startswith=language_root.path)
        return (
            Page.objects.filter(under_any_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
