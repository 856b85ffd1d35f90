"""Operations views: the health check is public and reveals nothing but "up" or "down"."""

from django.urls import reverse

from . import PUBLIC, Row

ROWS = [
    Row("healthz", lambda w: reverse("healthz"), PUBLIC),
    Row("robots_txt", lambda w: reverse("robots_txt"), PUBLIC),
]
