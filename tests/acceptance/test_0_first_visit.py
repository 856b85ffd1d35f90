"""A lesson opened for the first time on a phone, as shipped: the page, its styles and
scripts, and what the service worker fetches when it installs, within 30 KB and 10
requests (its pictures aside: a lesson has as many as its editor puts in).

Weighed on the production stack only: nginx sends the compressed copies there, while
runserver (the dev pass) sends every file as it is."""

import gzip
import ssl
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.acceptance.conftest import pass_name
from tests.acceptance.steps import controlled

LESSON = "/ky/tech-camp/day-1-soldering/day1-opening-teams/"
BUDGET_BYTES = 30 * 1024
BUDGET_REQUESTS = 10

pytestmark = pytest.mark.skipif(
    pass_name() != "production", reason="weighed as shipped: only nginx compresses"
)


def sent_bytes(shipped, url: str) -> int:
    """The body the server sends for ``url`` to a browser that accepts gzip."""
    parts = urlsplit(url)
    request = urllib.request.Request(
        f"https://127.0.0.1:{parts.port}{parts.path}" + (f"?{parts.query}" if parts.query else ""),
        headers={"Host": parts.netloc, "Accept-Encoding": "gzip"},
    )
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # self-signed
    with urllib.request.urlopen(request, context=context) as response:  # noqa: S310
        body = response.read()
        encoding = response.headers.get("Content-Encoding")
    if parts.path.endswith((".css", ".js")) or parts.path.endswith("/"):
        assert encoding == "gzip", f"{parts.path} is sent uncompressed"
        assert gzip.decompress(body)
    return len(body)


def test_a_lesson_s_first_visit_with_its_service_worker_fits_the_budget(
    context, page, base, shipped, server_errors, console_errors
):
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page.goto(base + LESSON)
    controlled(page)  # the worker has installed: its files are fetched
    page.wait_for_load_state("networkidle")
    # A file asked for twice (by the page, then by the worker's install) comes the
    # second time from the browser's own cache: hashed names are kept for a year.
    fetched = [url for url in dict.fromkeys(requested)
               if url.startswith(base) and not urlsplit(url).path.startswith("/media/")]
    weights = {urlsplit(url).path: sent_bytes(shipped, url) for url in fetched}
    total = sum(weights.values())
    print(f"\nfirst visit of {LESSON}: {len(fetched)} requests, {total / 1024:.1f} KB")
    for path, size in weights.items():
        print(f"  {size:6d}  {path}")
    assert len(fetched) <= BUDGET_REQUESTS, weights
    assert total <= BUDGET_BYTES, weights
    assert not server_errors and not console_errors
