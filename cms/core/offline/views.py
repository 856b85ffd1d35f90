"""The installable, offline-capable layer: service worker, web app manifest, the
"saved on this phone" page, the list of what saving a day downloads, and the
"save data" switch. Thin views: the rules live in ``cms.core.offline``.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from cms.core import offline
from cms.core.homes import home_url

#: Files every offline page needs; the service worker keeps them from its first visit.
#: A page's own scripts (a lesson's, the roll call's) are kept when the page first loads
#: them, and a saved day brings its own: a girl's phone never downloads the roll call's.
SHELL_STATIC = [
    "css/site.css",
    "js/offline-queue.js",
    "js/offline.js",
    "js/offline-days.js",
    "img/app-icon.svg",
]
SAVE_DATA_COOKIE = offline.SAVE_DATA_COOKIE
BUNDLE_CACHE_SECONDS = 60 * 60


@require_GET
def service_worker(request):
    """/sw.js at the site root, so that it may serve every page of both languages."""
    shell = [static(name) for name in SHELL_STATIC]
    languages = [code for code, _name in settings.LANGUAGES]
    config = {
        "shell": shell,
        "queueScript": static("js/offline-queue.js"),
        "offlinePages": {code: f"/{code}/offline/" for code in languages},
        "mediaUrl": settings.MEDIA_URL,
        # Addresses the worker never answers nor keeps (settings.NEVER_KEPT_PATHS).
        "neverKept": [
            f"/{code}/{path}" for code in languages for path in settings.NEVER_KEPT_PATHS
        ],
        "staticUrl": settings.STATIC_URL,
    }
    body = render_to_string("cms/sw.js", {"config": json.dumps(config)})
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    etag = f'"{version}"'
    if etag in request.headers.get("If-None-Match", ""):
        # The browser checks for a new worker on every visit: unchanged costs no body.
        response = HttpResponse(status=304)
    else:
        body = body.replace("__VERSION__", version)
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def web_manifest(request):
    """The app as a phone installs it: named in the page's language, opening at home."""
    language = translation.get_language()
    data = {
        "name": _("Tech Camp"),
        "short_name": _("Tech Camp"),
        "description": _("A six-day STEM camp for girls in village schools of Kyrgyzstan."),
        "lang": language,
        "dir": "ltr",
        "id": f"/{language}/start/",
        "start_url": f"/{language}/start/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#5b2a86",
        "icons": [
            {"src": static("img/app-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/app-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/app-icon-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
            {"src": static("img/app-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
@require_GET
def app_start(request):
    """Where the installed app opens: her own home page, else the site's home."""
    language = translation.get_language()
    if request.user.is_authenticated:
        return redirect(home_url(request.user, language))
    return redirect(f"/{language}/")


@require_GET
def offline_page(request):
    """What is saved on this phone. The list itself is read from the phone by
    static/js/offline-days.js; without JavaScript nothing can be saved."""
    fallback = request.GET.get("fallback") == "1"
    return render(request, "cms/offline.html", {
        "fallback": fallback,
        "save_data": request.COOKIES.get(SAVE_DATA_COOKIE) == "1",
        "next": request.path,
    })


@require_GET
def day_bundle(request, page_id: int):
    """The pages, pictures, styles and scripts of a day, with their sizes (JSON)."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or page.get_children().live().public().count() == 0:
        raise Http404
    page = page.specific
    language = translation.get_language()
    if page.locale.language_code != language:
        raise Http404
    kind = "user" if request.user.is_authenticated else "anonymous"
    pages = [(page.pk, page.last_published_at)] + list(
        page.get_children().live().public().values_list("pk", "last_published_at")
    )
    digest = hashlib.sha256(repr(pages).encode()).hexdigest()[:20]
    key = f"offline-bundle:{page.pk}:{language}:{kind}:{digest}"
    bundle = cache.get(key)
    if bundle is None:
        bundle = offline.page_bundle(page, request)
        cache.set(key, bundle, BUNDLE_CACHE_SECONDS)
    response = JsonResponse(bundle, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
def save_data(request):
    """The "save data" switch: pictures only when tapped. A cookie, so it works
    without JavaScript and the server can leave pictures out of the page."""
    on = request.POST.get("save_data") == "1"
    target = request.POST.get("next") or f"/{translation.get_language()}/offline/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = f"/{translation.get_language()}/offline/"
    response = redirect(target)
    if on:
        response.set_cookie(SAVE_DATA_COOKIE, "1", max_age=60 * 60 * 24 * 365,
                            samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(SAVE_DATA_COOKIE, samesite="Lax")
    return response
