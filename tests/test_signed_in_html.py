"""Every page a signed-in role reaches by links from her home is valid HTML for the Nu
HTML Checker: the public page types are checked in tests/e2e/test_valid_html.py, these are
the pages behind the sign-in (forms with help texts, dates, the GALS pages)."""

from html.parser import HTMLParser

from django.utils import translation

from cms.core.homes import home_url
from tests.e2e.checks import html_errors, report
from tests.test_reachability import crawl
from tests.test_role_matrix import ROWS, shared_world, world  # noqa: F401

SIGNED_IN_ROLES = ["girl", "guardian", "facilitator", "manager"]


def test_every_page_a_signed_in_role_reaches_is_valid_html(client, world):  # noqa: F811
    with translation.override("ky"):
        for row in ROWS:  # the objects the pages show (a certificate, a session...)
            row.url(world)
    documents: dict[str, str] = {}
    for role in SIGNED_IN_ROLES:
        user = world.user(role)
        client.force_login(user)
        with translation.override("ky"):
            start = home_url(user, "ky")
        pages: dict[str, str] = {}
        crawl(client, start, pages)
        documents.update({f"{path} ({role})": html for path, html in pages.items()})
        client.logout()
    assert len(documents) > 40
    for name, html in documents.items():  # ids named by ARIA attributes exist
        parser = Ids()
        parser.feed(html)
        missing = [target for _tag, _attr, target in parser.named if target not in parser.ids]
        assert not missing, f"{name}: no element with id {missing}"
    errors = html_errors(documents)
    assert not errors, report(errors)


class Ids(HTMLParser):
    """The ids of a document, and the ids its aria-describedby and aria-labelledby name."""

    def __init__(self):
        super().__init__()
        self.ids, self.named = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            self.named += [(tag, name, target) for target in (attrs.get(name) or "").split()]


def test_help_texts_are_read_with_their_fields(client, world):  # noqa: F811
    """A screen reader reads a field's help text through aria-describedby: the id it
    names is on the page (it was not: ``id_X_helptext`` named, ``id_X-help`` written)."""
    client.force_login(world.facilitator_a)
    html = client.get(f"/ky/teach/camps/{world.camp_a.pk}/accounts/").content.decode()
    parser = Ids()
    parser.feed(html)
    assert any(target == "id_initial_helptext" for _tag, _name, target in parser.named)
    missing = [f"{tag} {name}={target}" for tag, name, target in parser.named
               if target not in parser.ids]
    assert not missing, missing
