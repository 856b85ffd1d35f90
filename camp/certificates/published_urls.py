"""Mounted at /.well-known/ without a language prefix: verifiers read JSON, not words."""

from django.urls import path

from . import credential_views, views

urlpatterns = [
    path("techcamp-keys.json", views.published_keys, name="certificate_keys"),
    path("techcamp-status.json", views.published_status, name="certificate_status"),
    # Open Badges 3.0: the issuer profile, the achievement and the signed revocation list.
    path("techcamp-issuer.json", credential_views.issuer_profile, name="certificate_issuer"),
    path("techcamp-achievement-<str:language>.json", credential_views.achievement,
         name="certificate_achievement"),
    path("techcamp-status-list.json", credential_views.status_list,
         name="certificate_status_list"),
]
