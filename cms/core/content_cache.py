"""What is cached about pages, kept until the content changes.

A lesson page shows more than itself: its day, the lessons before and after it, its
translations, its pictures. So what is cached about a page is kept under a version
of the whole content (``CONTENT``), which moves on when any page, image, document,
site or view restriction is saved, moved or deleted. Editors publish a few times a
day; girls open lessons hundreds of times a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .data_versions import DataVersion

T = TypeVar("T")
CONTENT = DataVersion("content:version")
#: Kept for a day at most: a new version makes old entries unreachable long before.
TIMEOUT = 24 * 60 * 60
CONTENT_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs"}


def is_content(model) -> bool:
    """Pages and what pages show; not renditions, which are made while pages are drawn."""
    from wagtail.images.models import AbstractRendition

    if not isinstance(model, type) or issubclass(model, AbstractRendition):
        return False
    return issubclass(model, Page) or model._meta.app_label in CONTENT_APPS


def on_content_write(sender, **kwargs) -> None:
    if is_content(sender):
        CONTENT.changed()


def on_page_event(sender, **kwargs) -> None:
    CONTENT.changed()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(on_content_write, dispatch_uid=f"content-cache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_event, dispatch_uid=f"content-cache-{id(signal)}")


def kept(key: str, build: Callable[[], T]) -> T | None:
    """``build()``, kept in the cache under ``key`` for the current content.

    For what is read from pages on every request (the page at an address, a lesson
    by its key): a copy comes from the cache instead of two or three queries.
    Nothing is kept when ``build`` finds nothing, so a page published later is found.
    """
    return CONTENT.kept(key, build, TIMEOUT)


class KeptSiteMiddleware:
    """The Wagtail site of a page request, from the cache.

    Wagtail looks the site up in the database on every request, then its home page,
    and keeps the site on the request (``request._wagtail_site``, documented in
    ``Site.find_for_request``). For Wagtail's page view this fills that in from the
    cache, with the home page already in its own type, until the content changes:
    two queries fewer on every page. Other views never ask for the site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match is None or request.resolver_match.url_name != "wagtail_serve":
            return None
        user = getattr(request, "user", None)
        if user is not None:
            # The signed-in person first: the content's counter is read in the same
            # round trip as her account's (``cms.core.signed_in``).
            user.is_authenticated  # noqa: B018
        try:
            hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        except DisallowedHost:
            return None  # Django answers that one itself
        site = kept(f"site-for:{hostname}:{port}", lambda: _site_with_home(request))
        if site is not None:
            request._wagtail_site = site
        return None


def _site_with_home(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
