"""Operations views: the health check is public and reveals nothing but "up" or "down";
the metrics are for a scraper holding a token, never for a role."""

from django.urls import reverse

from . import PUBLIC, Row

ROWS = [
    Row("healthz", lambda w: reverse("healthz"), PUBLIC),
    # Only a scraper with METRICS_TOKEN: no role, signed in or not, reads it.
    Row("metrics", lambda w: reverse("metrics"), set()),
    Row("robots_txt", lambda w: reverse("robots_txt"), PUBLIC),
]
