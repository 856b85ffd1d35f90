from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import health, observability, views
from cms.core.offline import views as offline_views
from cms.core.sitemaps import AllLanguagesSitemap

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("metrics", observability.metrics, name="metrics"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
    # The certificates' public keys and revocations (camp.certificates.published).
    path(".well-known/", include("camp.certificates.published_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": AllLanguagesSitemap}},
        name="sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", views.search, name="search"),
    path("", include("gals.urls")),
    path("", include("camp.certificates.urls")),
    path("", include("camp.care.urls")),
    path("impact/", include("camp.impact.urls")),
    path("", include("camp.urls")),
    path("", include("courses.urls")),
    # Sign-in with a PIN, the audit log, and placeholders for role homes not built yet.
    path("", include("cms.core.accounts.urls")),
    path("", include("cms.core.offline.urls")),
    # Wagtail's catch-all page serving comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"
