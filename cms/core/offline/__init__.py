"""Offline-first support shared by every app: who sent a queued write, and what a
saved day is made of.

A phone keeps writes made without signal (lesson done, check answers, survey
answers, roll-call marks) and sends them later. Each queued write carries the id
of the person who made it (header ``X-Offline-User``). On a shared phone another
girl may be signed in by then: the server must never count her sister's answers
as hers, so an endpoint that takes queued writes refuses a sender who is not the
signed-in user (``check_sender`` or the ``sender_checked`` decorator).

``page_bundle`` lists what a phone downloads to read a page and its child pages
offline (a camp day and its lessons): the pages, the smallest image of each
``<picture>`` in every format, the stylesheets and scripts, with their sizes, so
the girl sees how much data it costs before she saves it.
"""

from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext as _

#: The header (or POST field) a queued write names its sender with.
SENDER_HEADER = "X-Offline-User"
SENDER_FIELD = "offline_user"
#: Pages a bundle may hold: a day has a handful of lessons; more is not a "day".
MAX_BUNDLE_PAGES = 40


class SenderMismatch(PermissionDenied):
    """A queued write names another person than the one signed in."""


def posted_sender(request) -> str | None:
    """The user id a queued write says it belongs to, or None for a normal form post."""
    value = request.headers.get(SENDER_HEADER)
    if value is None:
        value = request.POST.get(SENDER_FIELD) if request.method == "POST" else None
    return value.strip() if value is not None else None


def check_sender(request) -> None:
    """Refuse a queued write made by someone else than ``request.user``.

    A write without a sender is a plain form post by the signed-in person and passes.
    """
    sender = posted_sender(request)
    if sender is None:
        return
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or sender != str(user.pk):
        raise SenderMismatch(_("This was saved on the phone by another person."))


def sender_refused_response() -> JsonResponse:
    """What the offline queue reads: code "sender" means "wait for her to sign in"."""
    return JsonResponse(
        {"ok": False, "code": "sender",
         "message": _("This was saved on the phone by another person. "
                      "It will be sent when she signs in.")},
        status=403,
    )


def sender_checked(view):
    """Decorator for an endpoint the offline queue sends to: put it under
    ``@login_required`` so an anonymous visitor is still sent to sign in."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            check_sender(request)
        except SenderMismatch:
            return sender_refused_response()
        return view(request, *args, **kwargs)

    return wrapped


#: The header that asks the service worker to keep a copy of a page in the signed-in
#: person's own page cache whenever she opens it with signal.
KEEP_OFFLINE_HEADER = "X-Keep-Offline"


def keep_offline(response, user):
    """Mark a page a person needs without signal (a facilitator's dashboard and roll
    calls): the service worker keeps her copy and serves it when there is no network.
    The header names her, and the worker keeps the page only in the cache of the person
    the phone says is signed in, so a page never lands in another person's cache."""
    response[KEEP_OFFLINE_HEADER] = str(user.pk)
    return response


# --- What a saved page is made of -------------------------------------------------


@dataclass
class Picture:
    """One ``<picture>``: its smallest rendition per format, and every URL it may ask."""

    choices: dict[str, str] = field(default_factory=dict)  # type -> smallest URL
    widths: dict[str, int] = field(default_factory=dict)  # type -> its width
    aliases: list[str] = field(default_factory=list)


class _AssetParser(HTMLParser):
    """Collects stylesheets, scripts and pictures of a rendered page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.pictures: list[Picture] = []
        self._picture: Picture | None = None

    def _candidates(self, srcset: str):
        for part in srcset.split(","):
            bits = part.strip().split()
            if not bits:
                continue
            width = 10**6
            if len(bits) > 1 and bits[1].endswith("w") and bits[1][:-1].isdigit():
                width = int(bits[1][:-1])
            yield bits[0], width

    def _offer(self, kind: str, srcset: str):
        picture = self._picture
        for url, width in self._candidates(srcset):
            picture.aliases.append(url)
            if kind not in picture.widths or width < picture.widths[kind]:
                picture.choices[kind], picture.widths[kind] = url, width

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.styles.append(attrs.get("href") or "")
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture":
            self._picture = Picture()
        elif tag == "source" and self._picture is not None and attrs.get("srcset"):
            self._offer(attrs.get("type") or "", attrs["srcset"])
        elif tag == "img" and self._picture is not None:
            url = attrs.get("src") or ""
            kind = _image_type(url)
            if attrs.get("srcset"):
                self._offer(kind, attrs["srcset"])
            elif url:
                self._offer(kind, url)

    def handle_endtag(self, tag):
        if tag == "picture" and self._picture is not None:
            if self._picture.choices:
                self.pictures.append(self._picture)
            self._picture = None


def _image_type(url: str) -> str:
    suffix = Path(urlsplit(url).path).suffix.lower()
    return {".avif": "image/avif", ".webp": "image/webp", ".png": "image/png",
            ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
            ".svg": "image/svg+xml"}.get(suffix, "")


def _media_size(url: str) -> int:
    """Bytes of a media file, by its URL (local storage), 0 when it cannot be known."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(settings.MEDIA_URL):
        return 0
    from django.core.files.storage import default_storage

    name = path[len(settings.MEDIA_URL):]
    try:
        return default_storage.size(name)
    except (OSError, NotImplementedError, ValueError):
        return 0


def _static_size(url: str) -> int:
    """Bytes a stylesheet or script costs to download: its compressed size."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(settings.STATIC_URL):
        return 0
    name = path[len(settings.STATIC_URL):]
    for candidate in (name, _unhashed(name)):
        found = finders.find(candidate)
        if found:
            return len(gzip.compress(Path(found).read_bytes()))
        if staticfiles_storage.exists(candidate):
            with staticfiles_storage.open(candidate) as f:
                return len(gzip.compress(f.read()))
    return 0


def _unhashed(name: str) -> str:
    """``css/site.0123abcd4567.css`` -> ``css/site.css`` (a ManifestStaticFilesStorage name)."""
    path = Path(name)
    stem, dot, digest = path.stem.rpartition(".")
    if dot and len(digest) == 12 and all(c in "0123456789abcdef" for c in digest):
        return str(path.with_name(stem + path.suffix))
    return name


def render_for_bundle(page, language: str, asking) -> bytes:
    """The page as the person ``asking`` (a request) gets it: the same pictures, styles
    and scripts. The inner request keeps the asking request's host and scheme, so the
    page's links are built for the site she is on and ``ALLOWED_HOSTS`` holds."""
    request = RequestFactory().get(
        page.url or "/", HTTP_ACCEPT_ENCODING="identity",
        HTTP_HOST=asking.get_host(), secure=asking.is_secure(),
    )
    request.user = getattr(asking, "user", None) or AnonymousUser()
    request.LANGUAGE_CODE = language
    request.session = {}
    from csp.middleware import CSPMiddleware

    CSPMiddleware(lambda r: None).process_request(request)
    with translation.override(language):
        response = page.serve(request)
        if hasattr(response, "render"):
            response.render()
    return response.content


def page_bundle(page, request) -> dict:
    """A day (or any page) and its live public child pages, ready to save on a phone.

    ``version`` is the latest publishing time among them: a phone that saved an
    older version downloads the day again.
    """
    from wagtail.models import Page

    language = translation.get_language() or settings.LANGUAGE_CODE
    children = list(
        Page.objects.child_of(page).live().public().order_by("path")[:MAX_BUNDLE_PAGES]
    )
    pages, pictures, assets = [], {}, {}
    versions = []
    for each in [page, *children]:
        each = each.specific
        html = render_for_bundle(each, language, request)
        versions.append(each.last_published_at)
        pages.append({
            "url": each.get_url(request),
            "title": each.title,
            "bytes": len(gzip.compress(html)),
        })
        parser = _AssetParser()
        parser.feed(html.decode())
        for url in parser.styles + parser.scripts:
            if url.startswith(settings.STATIC_URL):
                assets.setdefault(url, _static_size(url))
        for picture in parser.pictures:
            key = tuple(sorted(picture.choices.values()))
            pictures.setdefault(key, picture)
    images = []
    for picture in pictures.values():
        choices = [
            {"type": kind, "url": url, "bytes": _media_size(url)}
            for kind, url in picture.choices.items()
        ]
        images.append({"choices": choices, "aliases": sorted(set(picture.aliases))})
    static = [{"url": url, "bytes": size} for url, size in assets.items()]
    first_choice = sum(image["choices"][0]["bytes"] for image in images)
    stamps = [stamp for stamp in versions if stamp is not None]
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        "language": language,
        "version": max(stamps).isoformat() if stamps else "",
        "pages": pages,
        "images": images,
        "static": static,
        "bytes": sum(p["bytes"] for p in pages) + first_choice
        + sum(s["bytes"] for s in static),
    }


# --- Save data: pictures only when tapped ------------------------------------------

SAVE_DATA_COOKIE = "save_data"
_PICTURE_PARTS = re.compile(r"<(source|img)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s(srcset|src)="([^"]*)"', re.IGNORECASE)
#: What an image shows until it is tapped: nothing to download.
PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def hold_pictures(html: str, media_url: str) -> str:
    """Move the addresses of media pictures to data-* attributes, so the phone
    downloads a picture only when the girl taps it (static/js/offline.js)."""

    def one_tag(match):
        tag, attrs = match.group(1), match.group(2)
        if media_url not in attrs or "data-src" in attrs:
            return match.group(0)

        def one_attribute(found):
            name, value = found.group(1).lower(), found.group(2)
            if media_url not in value:
                return found.group(0)
            if name == "src":
                return f' data-src="{value}" src="{PLACEHOLDER}"'
            return f' data-srcset="{value}"'

        return f"<{tag}{_ATTRIBUTE.sub(one_attribute, attrs)}>"

    return _PICTURE_PARTS.sub(one_tag, html)


class SaveDataMiddleware:
    """With the "save data" cookie set, pages come with their pictures held back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.COOKIES.get(SAVE_DATA_COOKIE) == "1"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
            and not request.path.startswith("/admin/")
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            response.content = hold_pictures(html, settings.MEDIA_URL).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
