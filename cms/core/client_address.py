"""The address a request came from, for every per-address limit of the site.

Behind nginx or a load balancer, ``REMOTE_ADDR`` is the proxy's address: every
girl would share one address, and behind a unix socket there is none at all. Each
proxy in front of the app appends the address it saw to ``X-Forwarded-For``, so
with ``TRUSTED_PROXY_COUNT`` proxies the client is the entry that many places from
the right; entries further left were written by the client and are not believed.
The default, 0, believes no header: safe when the app faces the internet directly,
and one shared address (never a forged one) when the setting was forgotten.

The sign-in limits (django-axes), allauth's limits and the certificate check all ask
``client_ip``; the settings hand the same count to allauth and axes.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def trusted_proxy_count() -> int:
    return max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0))


def _valid(address: str) -> str | None:
    address = (address or "").strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1:address.index("]")]
    elif address.count(":") == 1:  # "203.0.113.7:51234"
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address, or None when it cannot be known (a unix socket with no
    trusted proxy configured): limits then count per account only."""
    count = trusted_proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            # Fewer entries than proxies: the first proxy saw the client itself.
            return _valid(hops[-min(count, len(hops))])
    return _valid(request.META.get("REMOTE_ADDR", ""))
