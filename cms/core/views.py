"""Kernel views: search and the error pages. Thin: parse, ask, render."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from wagtail.models import Locale, Page, Site

SEARCH_PAGE_SIZE = 20


def robots_txt(request):
    """Crawlers may read the curriculum; the admin and people's pages are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/{area}/" for code, _ in settings.LANGUAGES
          for area in ("accounts", "teach", "learn", "family", "impact")),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
SEARCH_MAX_LENGTH = 200


def search_terms(query: str) -> str:
    """Only the words of a query, lower-cased: quotes and operators are not for girls
    to get right, and the database's full-text syntax must never see them."""
    return " ".join(re.findall(r"\w+", query.lower()))


def search(request):
    """Search the live pages of the current language only."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        locale = Locale.get_active()
        results = Page.objects.live().public().filter(locale=locale).search(terms)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "search.html", {"query": query, "results": page})


def _language_of_path(path: str) -> str | None:
    prefix = path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in dict(settings.LANGUAGES) else None


def _same_page_in_other_languages(request, language: str) -> list[tuple[str, Page]]:
    """Where a missing page exists under another language's prefix, offer it."""
    rest = request.path.lstrip("/").split("/", 1)[1] if "/" in request.path.lstrip("/") else ""
    site = Site.find_for_request(request)
    if site is None:
        return []
    found = []
    for code, name in settings.LANGUAGES:
        if code == language:
            continue
        root = site.root_page.get_translations(inclusive=True).filter(locale__language_code=code)
        root = root.first()
        if root is None:
            continue
        page = Page.objects.live().public().filter(url_path=root.url_path + rest).first()
        if page is not None:
            found.append((name, page))
    return found


def page_not_found(request, exception=None):
    language = _language_of_path(request.path)
    if language is None and request.path != "/":
        # An unknown language prefix: answer in the default language, Kyrgyz.
        language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        alternatives = []
    elif language is None:
        alternatives = []
    else:
        alternatives = _same_page_in_other_languages(request, language)
    return render(request, "404.html", {"alternatives": alternatives}, status=404)


def server_error(request):
    template = loader.get_template("500.html")
    context = {
        "LANGUAGE_CODE": translation.get_language(),
        "CSP_NONCE": getattr(request, "csp_nonce", ""),  # lets the page's own style through
    }
    return HttpResponseServerError(template.render(context))
