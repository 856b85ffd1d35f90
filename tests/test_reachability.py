"""Every page a role may use is reachable by links from that role's home page.

For each role of the role matrix, a crawler signs in as the matrix world's person of
that role, starts at her home page and follows links and GET forms only (same site,
one language), and collects the names of the views it reached. A view the matrix lets
the role open (a GET row) that no link reaches fails, unless it is listed below with
its reason: a page only typed would be a page nobody finds.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation

from cms.core.homes import home_url
from tests.test_role_matrix import ROWS, project_url_names, shared_world, world  # noqa: F401

NEW_PINS = {
    "camp:new_pins": "shown right after accounts or new PINs are made (a POST), while "
                     "the new PINs wait in the session",
    "camp:login_cards": "as camp:new_pins: cards are printed from the new PINs",
}
NO_CERTIFICATES = {
    "certificates:mine": "girls' page of their certificates: other roles may open it "
                         "(it lists nothing) but have nothing to find there",
}
#: The signed badge is hers to carry into a wallet; the adults who may download it are
#: given the PDF on their own pages.
HER_BADGE = {
    "certificates:credential": "the girl saves her digital badge from her certificates "
                               "page; adults' pages give them the PDF",
}

#: The sheets are linked from the soldering and circuit lessons of the shipped curriculum
#: (courses/content, their front matter); the matrix world's test curriculum has none.
WORKSHEETS = {
    "courses:worksheet": "linked from the shipped soldering and circuit lessons only "
                         "(tests/courses/test_worksheets.py checks those links)",
}

#: role -> {view name: why no link leads there}.
NOT_LINKED = {
    "anonymous": {
        "app_start": "the start address of the installed app (its web manifest)",
        "camp:camp_calendar": "a calendar subscription with its secret token, copied "
                              "into a phone's calendar from the facilitator's page",
        "camp:facilitator_calendar": "as camp:camp_calendar, the facilitator's own feed",
        "certificates:verify_code": "the QR code printed on a certificate leads there",
        "certificate_keys": "JSON for verifiers' software, at the address /.well-known/ "
                            "names (docs/certificates.md)",
        "certificate_status": "as certificate_keys: the revoked codes, for software",
        "certificate_issuer": "as certificate_keys: the Open Badges issuer profile",
        "certificate_status_list": "as certificate_keys: the signed revocation list",
        "certificate_achievement": "as certificate_keys: what a certificate stands for",
        "certificates:credential_public": "linked from the verification page of a code "
                                          "(certificates:verify_code), which the QR opens",
        "gals:join_code": "the invitation link a facilitator sends to a parent",
        "gals:reset_password": "the password-code link a facilitator gives a parent (or "
                               "the code she types at gals:reset)",
        "healthz": "the load balancer's health check",
        "robots_txt": "for search engines",
        "service_worker": "registered by the site's script, not a page",
        "offline_day": "fetched by the day page's script when she saves the day",
    },
    "girl": {
        "courses:learner_photos": "her own photos are her page courses:photos; this is "
                                  "the address her facilitator and parent use",
        "courses:knowledge_test": "her learn page links it before day 1 and from day 6; "
                                  "the matrix world's camp is between the two "
                                  "(tests/courses/test_knowledge_test.py follows the link)",
    },
    "guardian": {
        **NO_CERTIFICATES,
        **HER_BADGE,
        "gals:reply": "the answer form is on the family page; this address shows it "
                      "alone only when an answer needs correcting",
    },
    "facilitator": {
        **WORKSHEETS,
        **NEW_PINS,
        **NO_CERTIFICATES,
        **HER_BADGE,
        "certificates:override": "offered for a girl who has not met the requirements",
        "gals:invite": "the page a new invitation opens on, after the form that makes it",
        "gals:reset_code": "the page a new password code opens on, after the form that "
                           "makes it",
    },
    "manager": {**NO_CERTIFICATES, **HER_BADGE},
    "lead": NO_CERTIFICATES,  # no girl's account, PINs or cards (camp/accounts/rules.py)
    "partner": NO_CERTIFICATES,
    "editor": {**NO_CERTIFICATES, **WORKSHEETS},
    "*": {
        "certificates:verify": "the QR code printed on a certificate leads there",
        "certificates:verify_lookup": "the verification form's answer (a POST or a code "
                                      "typed from paper)",
        "cms:pin_sign_in_card": "the QR code printed on a girl's login card leads there",
    },
}
#: Files: reached by their link, not downloaded by the crawler.
FILE_ENDINGS = (".pdf", ".zip", ".csv", ".xlsx", ".ics", ".png", ".jpg", ".webp", ".avif",
                ".json", ".webmanifest", ".js", ".css")
#: Never followed: they end the session or leave for another app.
NOT_FOLLOWED = ("/accounts/logout/", "/admin/", "/django-admin/", "/static/", "/media/",
                "/sw.js")
VISITS_PER_VIEW = 3  # a view seen three times with other arguments is known well enough
CRAWLED_ROLES = ["anonymous", "girl", "guardian", "facilitator", "manager", "partner",
                 "editor", "lead"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.found.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.found.append(attrs.get("action") or "")


def view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client, start: str, documents: dict[str, str] | None = None) -> set[str]:
    """The view names reached from ``start`` by links and GET forms, in Kyrgyz; the HTML
    of each page read goes into ``documents`` (by address) when it is given."""
    queue, seen, reached, visits = deque([start]), {start}, set(), Counter()
    while queue:
        path = queue.popleft()
        name = view_name(path)
        if name:
            reached.add(name)
        if path.endswith(FILE_ENDINGS) or visits[name] >= VISITS_PER_VIEW:
            continue
        visits[name] += 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        html = response.content.decode()
        if documents is not None:
            documents[path] = html
        parser.feed(html)
        for href in parser.found:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc and parts.netloc != "testserver":
                continue
            target = parts.path
            if target in seen or target.startswith(NOT_FOLLOWED) or target.startswith("/ru/"):
                continue
            seen.add(target)
            queue.append(target)
    return reached


def allowed_views(role: str) -> set[str]:
    """The views the matrix lets ``role`` open; for a signed-in role, her own (the
    public pages are the anonymous visitor's crawl)."""
    names = project_url_names()
    return {row.name for row in ROWS
            if row.method == "get" and role in row.allowed and row.name in names
            and (role == "anonymous" or "anonymous" not in row.allowed)}


@pytest.mark.parametrize("role", CRAWLED_ROLES)
def test_every_page_a_role_may_open_is_reached_by_links_from_its_home(client, world, role):  # noqa: F811
    with translation.override("ky"):
        for row in ROWS:  # the objects each row's page shows (a certificate, a photo...)
            row.url(world)
    user = world.user(role)
    start = "/ky/"
    if user is not None:
        client.force_login(user)
        with translation.override("ky"):
            start = home_url(user, "ky")
        if start == "/admin/":  # the editor's home is Wagtail's; the site starts here
            start = "/ky/"
    reached = crawl(client, start)
    excused = set(NOT_LINKED["*"]) | set(NOT_LINKED.get(role, {}))
    unreached = allowed_views(role) - reached - excused
    assert not unreached, f"{role} may open these, but no link leads there: {sorted(unreached)}"
