"""Errors to a Sentry-compatible service (Sentry, GlitchTip, ...) when ``SENTRY_DSN`` is
set (``cms/settings/production.py``), with what an error mail holds and no more.

Loaded by the settings, so nothing here imports Django at module level.
"""

from __future__ import annotations

#: What of a request an error report keeps; the rest (cookies, forms, the query
#: string, headers) can name a girl or hold her PIN.
KEPT_REQUEST = ("method", "url")


def init_sentry(dsn: str, environment: str = "production", release: str | None = None) -> None:
    """Send unhandled errors to the Sentry-compatible service at ``dsn`` (GlitchTip,
    Sentry, ...), with what an error mail holds and no more (``scrub_event``)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,  # no user, cookies, addresses
        include_local_variables=False,  # frames' variables hold names, answers, PINs
        max_request_body_size="never",
        traces_sample_rate=0.0,  # errors only: no performance data is sent
        before_send=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
    )


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """An error report as an error mail: the traceback, the address without its query,
    the method and the request id; never a form, a cookie, a user or a frame's
    variables (children's data stays on the server)."""
    request = event.get("request") or {}
    kept = {key: request[key] for key in KEPT_REQUEST if key in request}
    if "url" in kept:
        kept["url"] = str(kept["url"]).split("?", 1)[0]
    event["request"] = kept
    for key in ("user", "extra", "modules"):
        event.pop(key, None)
    from cms.core.observability import request_id

    event.setdefault("tags", {})["request_id"] = request_id.get()
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values") or []:
        for frame in (thread.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    crumbs = event.get("breadcrumbs") or {}
    values = crumbs.get("values") if isinstance(crumbs, dict) else crumbs
    for crumb in values or []:
        scrub_breadcrumb(crumb)
    return event


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    """What happened before the error, without its words: an SQL query's parameters
    or a log message can hold a girl's name."""
    crumb.pop("data", None)
    if crumb.get("category") != "navigation":
        crumb.pop("message", None)
    return crumb
