"""The floor a page's cost is measured against (``bench_lessons``): the site's base
template for a signed-in person, through the same middleware and context processors,
and nothing else. Mounted only by the benchmark, never by the site's own URLs."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


@login_required
def floor(request):
    return render(request, "base.html")


urlpatterns = i18n_patterns(path("bench-floor/", floor, name="bench_floor")) + site_urlpatterns
