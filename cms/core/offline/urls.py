"""Offline pages under the language prefix (no namespace: short, stable names)."""

from django.urls import path

from cms.core.offline import views as offline_views

urlpatterns = [
    path("manifest.webmanifest", offline_views.web_manifest, name="web_manifest"),
    path("start/", offline_views.app_start, name="app_start"),
    path("offline/", offline_views.offline_page, name="offline"),
    path("offline/days/<int:page_id>/", offline_views.day_bundle, name="offline_day"),
    path("offline/save-data/", offline_views.save_data, name="save_data"),
]
