"""Security headers and the admin's door.

One strict Content Security Policy, relaxed only for the admin; the admin itself is
closed to everyone who does not work in it (``AdminGateMiddleware``).

Public and learner pages get the policy of ``settings.CONTENT_SECURITY_POLICY``: no
inline script or style without the response's nonce, no framing, no plug-ins. The
Wagtail admin (editors' pages, page previews) is built with inline scripts and
styles, so it gets ``ADMIN_DIRECTIVES`` instead; it is reached only by signed-in staff.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied

from .permissions import can

ADMIN_PREFIXES = ("/admin/",)

ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
}


def admin_directives() -> dict:
    """The admin's relaxations, with media from object storage when it is used."""
    media = list(getattr(settings, "MEDIA_ORIGINS", []))
    directives = {key: list(value) for key, value in ADMIN_DIRECTIVES.items()}
    directives["img-src"] += media
    directives["media-src"] += media
    return directives


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's relaxed policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.replace = {**admin_directives(), **(parts.replace or {})}
        return parts


class AdminGateMiddleware:
    """Only the people who work in the admin reach it (``cms.use_admin``): a girl or a
    parent signed in on a shared phone gets the site's own refusal, in her language,
    and never a page of Wagtail's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (request.path_info.startswith(ADMIN_PREFIXES) and user is not None
                and user.is_authenticated and not can(user, "cms.use_admin")):
            raise PermissionDenied
        return self.get_response(request)


#: Browser features the site never uses, denied on every response (Permissions-Policy).
DENIED_FEATURES = (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "serial", "bluetooth",
    "hid", "screen-wake-lock", "xr-spatial-tracking", "browsing-topics",
)


def permissions_policy(allowed: tuple[str, ...] = ()) -> str:
    """The header's value: every feature denied, ``allowed`` ones for this page itself."""
    return ", ".join(
        f"{feature}=(self)" if feature in allowed else f"{feature}=()"
        for feature in DENIED_FEATURES
    )


def allow_features(*features):
    """Decorate a view that needs a feature (a certificate scanner: ``"camera"``); the
    page gets it for its own origin only, never for a frame of another site."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.allowed_features = features
            return response

        wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
        wrapped.__module__ = view.__module__
        return wrapped

    return decorate


class PermissionsPolicyMiddleware:
    """Deny camera, microphone, location and the rest on every page (no girl's phone is
    ever asked for them), unless a view was marked with ``allow_features``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", permissions_policy(getattr(response, "allowed_features", ()))
        )
        return response
