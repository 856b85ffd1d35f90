"""Helpers for the accounts tests: a visible-text reader and a girl with a known PIN."""

import re
from html.parser import HTMLParser

from django.contrib.auth.models import Group

from cms.core.models import Role, User

# Latin words allowed on a Kyrgyz or Russian page: acronyms and names.
LATIN_ALLOWED = {"pin", "qr", "csv", "zip", "pdf", "utf", "jpeg", "png", "webp", "gals",
                 "tech", "camp", "email", "stem", "wagtail", "mail"}


def without_data(text: str) -> str:
    """``text`` without what is someone's data, not a word of the page: an email
    address, a certificate's code (random letters and digits: JRF8T-XRZRH-C)."""
    text = re.sub(r"\S+@\S+", " ", text)
    return re.sub(r"\b[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]\b", " ", text)


class VisibleText(HTMLParser):
    SKIP = {"script", "style", "code"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.words += re.findall(r"[A-Za-z]{2,}", without_data(data))


def english_words(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {w for w in parser.words if w.lower() not in LATIN_ALLOWED}


def girl_with_pin(username="aigul-k-1234", pin="482913", **fields) -> User:
    user = User.objects.create_user(username=username, password=pin, first_name="Айгүл",
                                    last_name="К", **fields)
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user
