"""Mounted at /.well-known/ without a language prefix: verifiers read JSON, not words."""

from django.urls import path

from . import views

urlpatterns = [
    path("techcamp-keys.json", views.published_keys, name="certificate_keys"),
    path("techcamp-status.json", views.published_status, name="certificate_status"),
]
