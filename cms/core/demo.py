"""Demo site building blocks shared by every app's ``demo.py``, and the kernel's own demo.

Every ``ensure_*`` function finds what already exists and creates only what is
missing, so ``load_demo`` can run any number of times on any database.
"""

import json
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from .models import HomePage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def ensure_image(key: str, draw) -> Image:
    """The demo image ``key``; ``draw()`` makes its PNG bytes only if it is missing."""
    image = Image.objects.filter(title=key).first()
    if image is None:
        image = Image(title=key)
        image.file = ImageFile(BytesIO(draw()), name=f"{key}.png")
        image.save()
    return image


def ensure_document(key: str, filename: str, content: bytes | str) -> Document:
    document = Document.objects.filter(title=key).first()
    if document is None:
        if isinstance(content, str):
            content = content.encode()
        document = Document(title=key)
        document.file = ContentFile(content, name=filename)
        document.save()
    return document


class Assets:
    """Drawings and files by key, created in the database on first use."""

    def __init__(self, drawings: dict, files: dict):
        self.drawings, self.files = drawings, files
        self._images: dict[str, Image] = {}
        self._documents: dict[str, Document] = {}

    def image(self, key: str | None) -> Image | None:
        if not key:
            return None
        if key not in self._images:
            self._images[key] = ensure_image(key, self.drawings[key])
        return self._images[key]

    def image_id(self, key: str | None) -> int | None:
        image = self.image(key)
        return image.pk if image else None

    def document_id(self, key: str) -> int:
        if key not in self._documents:
            filename, content = self.files[key]
            self._documents[key] = ensure_document(key, filename, content)
        return self._documents[key].pk

    def stream(self, blocks: list[dict]) -> str:
        """Demo blocks (see courses/demo_content) as StreamField JSON with real ids."""
        raw = []
        for block in blocks:
            kind, value = block["type"], dict(block["value"]) if isinstance(
                block["value"], dict
            ) else block["value"]
            if kind == "image":
                value["image"] = self.image_id(value["image"])
            elif kind == "steps":
                value["steps"] = [
                    {"text": step["text"], "image": self.image_id(step.get("image"))}
                    for step in value["steps"]
                ]
            elif kind == "download":
                value["file"] = self.document_id(value["file"])
            raw.append({"type": kind, "value": value})
        return json.dumps(raw, ensure_ascii=False)


def items(values: list[str], name: str) -> str:
    """A list of strings as a StreamField of one-line items."""
    return json.dumps([{"type": name, "value": v} for v in values], ensure_ascii=False)


def ensure_page(parents: dict[str, Page], model, slug: str, fields: dict[str, dict]):
    """The page ``slug`` under each language's parent, linked as translations.

    ``parents`` and ``fields`` are keyed by language code. An existing page is
    left as it is; a missing language version is added with the same translation key.
    """
    pages: dict[str, Page] = {}
    translation_key = None
    for code in LANGUAGE_CODES:
        parent = parents[code]
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is None and translation_key is not None:
            existing = model.objects.filter(
                translation_key=translation_key, locale__language_code=code
            ).first()
        if existing is None:
            page = model(slug=slug, locale=locale(code), **fields[code])
            if translation_key is not None:
                page.translation_key = translation_key
            parent.add_child(instance=page)
            page.save_revision().publish()
            existing = page
        translation_key = existing.translation_key
        pages[code] = existing
    return pages


def home_pages() -> dict[str, HomePage]:
    """The home page of each language, making them (and the site) if needed."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = Page.get_first_root_node()
    homes: dict[str, HomePage] = {}
    translation_key = None
    for code in LANGUAGE_CODES:
        home = HomePage.objects.filter(locale__language_code=code).first()
        if home is None:
            home = HomePage(title="Tech Camp", slug=f"home-{code}", locale=locale(code))
            if translation_key is not None:
                home.translation_key = translation_key
            root.add_child(instance=home)
            home.save_revision().publish()
        translation_key = home.translation_key
        homes[code] = home
    default_home = homes[settings.LANGUAGE_CODE]
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=default_home, is_default_site=True
        )
    elif site.root_page_id != default_home.pk:
        old_root = site.root_page
        site.root_page = default_home
        site.save()
        # Wagtail's "Welcome" placeholder page goes once nothing points at it.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    _serve_site_at(site, settings.WAGTAILADMIN_BASE_URL)
    return homes


def _serve_site_at(site: Site, base_url: str) -> None:
    """Point Wagtail's placeholder host (localhost:80) at the address the demo runs on,
    so that full URLs (the sitemap, QR codes) lead somewhere real."""
    if (site.hostname, site.port) != ("localhost", 80):
        return
    address = urlsplit(base_url)
    if address.hostname and (address.hostname, address.port) != ("localhost", 80):
        site.hostname = address.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()


def ensure_demo_user(username: str, **fields):
    """A demo account with the shared demo password, only where settings allow it."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **fields)
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    return user


#: The demo accounts besides the administrator: username, role, fields.
DEMO_PEOPLE = [
    # A last name: Wagtail's account settings (the admin's language) require one.
    ("demo-editor", "editor", {"first_name": "Салтанат", "last_name": "Бекова",
                               "email": "demo-editor@example.org", "is_staff": True}),
    ("demo-manager", "manager", {"first_name": "Бактыгүл", "email": "demo-manager@example.org"}),
    ("demo-partner", "partner", {"first_name": "Динара", "email": "demo-partner@example.org"}),
    ("demo-facilitator", "facilitator", {"first_name": "Гүлнара", "last_name": "А",
                                         "email": "demo-facilitator@example.org"}),
    ("demo-guardian", "guardian", {"first_name": "Жаңыл", "phone": "+996700123456"}),
    ("demo-lead", "safeguarding_lead", {"first_name": "Чолпон", "last_name": "М",
                                        "email": "demo-lead@example.org"}),
    ("demo-learner", "learner", {"first_name": "Айгүл", "last_name": "К",
                                 "birth_year": 2010, "school_grade": 9}),
    ("demo-girl-2", "learner", {"first_name": "Нурзат", "last_name": "Ө",
                                "birth_year": 2009, "school_grade": 10}),
    ("demo-girl-3", "learner", {"first_name": "Бермет", "last_name": "Т",
                                "birth_year": 2010, "school_grade": 9}),
    ("demo-girl-4", "learner", {"first_name": "Үмүт", "last_name": "С",
                                "birth_year": 2011, "school_grade": 8}),
]


def ensure_demo_people() -> dict:
    """The demo accounts with their role groups; the apps' demos wire them to the
    demo camp and household (camp/demo.py, gals/demo.py)."""
    from django.contrib.auth.models import Group

    people = {}
    for username, role, fields in DEMO_PEOPLE:
        user = ensure_demo_user(username, **fields)
        group = Group.objects.get(name=role)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        people[username] = user
    return people


def load(out) -> None:
    home_pages()
    if settings.DEMO_ACCOUNTS_ALLOWED:
        ensure_demo_user(
            "demo-admin", first_name="Admin", is_staff=True, is_superuser=True,
            email="demo-admin@example.org",
        )
        ensure_demo_people()
        out(f"Demo accounts (password for all: {settings.DEMO_PASSWORD}):")
        out("  demo-admin        administrator       /admin/")
        for username, role, _fields in DEMO_PEOPLE:
            out(f"  {username:<17} {role:<19} sign in at /ky/accounts/login/")
        out("  Girls also sign in at /ky/pin/ with username and password as the PIN.")
    else:
        out("Demo accounts are not created with these settings.")
