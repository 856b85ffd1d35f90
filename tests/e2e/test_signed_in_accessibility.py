"""Every page a signed-in girl, parent, facilitator and manager reaches by links from her
home page passes axe-core (WCAG 2.2 AA) in the browser, at a phone's size.

The public page types are checked in test_accessibility.py and the same pages' HTML in
tests/test_signed_in_html.py; this one renders them. The pages are found the way a
person finds them: the reachability crawler follows links and GET forms from the role's
home (tests/test_reachability.py), and one page of each kind (its address with numbers
made alike) is opened in Chromium with that person's session.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cms.core.homes import home_url
from tests.e2e.checks import axe_violations, report
from tests.test_reachability import crawl

SIGNED_IN_ROLES = ["girl", "guardian", "facilitator", "manager"]

# axe-core injects its script into the page; the site's Content Security Policy would
# (rightly) refuse it, so these tests let the browser ignore the policy.
pytestmark = pytest.mark.browser_context_args(bypass_csp=True)


def one_of_each_kind(paths) -> list[str]:
    """One address per kind of page: /ky/teach/camps/7/ and /ky/teach/camps/9/ are one."""
    kinds: dict[str, str] = {}
    for path in sorted(paths):
        kinds.setdefault(re.sub(r"\d+", "N", path), path)
    return sorted(kinds.values())


def test_one_of_each_kind_keeps_different_pages():
    assert one_of_each_kind(["/ky/a/1/", "/ky/a/2/", "/ky/a/1/b/", "/ky/c/"]) == [
        "/ky/a/1/", "/ky/a/1/b/", "/ky/c/"]


def test_every_page_a_signed_in_role_reaches_passes_axe(page, context, live_server, world):
    problems: dict[str, list[str]] = {}
    opened = 0
    for role in SIGNED_IN_ROLES:
        user = world.user(role)
        client = Client()
        client.force_login(user)
        with translation.override("ky"):
            start = home_url(user, "ky")
        documents: dict[str, str] = {}
        crawl(client, start, documents)
        context.clear_cookies()
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }])
        for path in one_of_each_kind(documents):
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, f"{path} ({role})"
            assert page.url == live_server.url + path, f"{path} ({role}) sent to {page.url}"
            opened += 1
            found = axe_violations(page)
            if found:
                problems[f"{path} ({role})"] = found
    print(f"axe: {opened} pages opened as {len(SIGNED_IN_ROLES)} people")
    assert opened > 30, f"only {opened} pages were opened"
    assert not problems, report(problems)
