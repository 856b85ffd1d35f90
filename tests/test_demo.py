"""The demo site: complete, bilingual, repeatable, and every page answers."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from courses.models import LessonPage, RoleModelPage, UniversityPage
from tests.accounts.helpers import without_data

User = get_user_model()

# Words that may stand in Latin letters on a Kyrgyz or Russian page: names of tools,
# formats and organisations.
LATIN_ALLOWED = {
    "arduino", "tinkercad", "freecad", "blender", "cura", "prusaslicer", "stl", "led", "usb",
    "wokwi", "stem", "gals", "testing", "kg", "auca", "pla", "gnd", "vcc", "ino", "txt", "pdf",
    "tech", "camp", "scratch", "mblock", "png", "uno", "nano", "ide", "lab", "it", "oxfam",
    "novib", "ifad", "unicef", "un", "women", "undp", "www", "http", "https", "avif", "webp",
    "ort", "serial", "monitor", "oshtu", "ksucta", "kstu", "krsu", "mit", "ok", "wi", "fi",
    "abs", "petg", "gb", "mb", "kb", "wagtail", "xxi", "pin", "qr",
    "simulide", "hex", "windows", "linux",  # the offline simulator, its firmware file, its systems
    "open", "badges",  # Open Badges 3.0, the name of the digital badge standard
}


class VisibleText(HTMLParser):
    """The words a person reads: no code, scripts, styles or attribute values."""

    # The editors' userbar is Wagtail's admin, which has no Kyrgyz; it shows only to staff.
    SKIP = {"script", "style", "pre", "code", "template"}

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
            # Identifiers from the code (DARK_LEVEL, A0, analogWrite) are code, not English.
            self.words += [
                word for word in re.findall(r"[A-Za-z][A-Za-z0-9_]+", without_data(data))
                if "_" not in word
                and not any(ch.isdigit() for ch in word)
                and not re.search(r"[a-z][A-Z]", word)
            ]


# The demo built once per test process (tests/demo_data.py), with public media of its
# own, so that the walk below sees only what the demo wrote.
@pytest.mark.usefixtures("demo_site")
class DemoSiteTests(TestCase):
    def test_curriculum_and_guides_exist_in_both_languages(self):
        for code in ("ky", "ru"):
            lessons = LessonPage.objects.live().filter(locale__language_code=code)
            self.assertGreaterEqual(lessons.count(), 24)
            for day in range(1, 7):
                self.assertGreaterEqual(
                    lessons.filter(
                        path__startswith=Page.objects.get(
                            campdaypage__day_number=day, locale__language_code=code
                        ).path
                    ).count(),
                    4,
                )
            roles = RoleModelPage.objects.live().filter(locale__language_code=code)
            self.assertGreaterEqual(roles.count(), 3)
            universities = UniversityPage.objects.live().filter(locale__language_code=code)
            self.assertGreaterEqual(universities.count(), 5)

    def test_every_lesson_has_a_translation(self):
        ky = set(LessonPage.objects.filter(locale__language_code="ky").values_list(
            "translation_key", flat=True))
        ru = set(LessonPage.objects.filter(locale__language_code="ru").values_list(
            "translation_key", flat=True))
        self.assertEqual(ky, ru)

    def test_the_lessons_use_the_glossary_s_words(self):
        """A lesson that calls the soldering iron *темир* fails here (the glossary says
        *кепшерлегич*): --strict refuses any name the glossary says not to use."""
        out = io.StringIO()
        call_command("check_glossary", "--strict", stdout=out)
        self.assertIn("0 other names", out.getvalue())

    def test_load_demo_twice_changes_nothing(self):
        before = (Page.objects.count(), Page.objects.order_by("pk").last().pk)
        call_command("load_demo", stdout=open("/dev/null", "w"))
        self.assertEqual((Page.objects.count(), Page.objects.order_by("pk").last().pk), before)

    def test_load_demo_adds_only_what_is_missing(self):
        lesson = LessonPage.objects.filter(locale__language_code="ru").last()
        key, title = lesson.translation_key, lesson.title
        lesson.delete()
        call_command("load_demo", stdout=open("/dev/null", "w"))
        restored = LessonPage.objects.get(translation_key=key, locale__language_code="ru")
        self.assertEqual(restored.title, title)

    def test_sitemap_pages_all_answer_with_the_right_language(self):
        xml = self.client.get("/sitemap.xml").content.decode()
        urls = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
        for code in ("ky", "ru"):
            self.assertGreaterEqual(len([u for u in urls if u.startswith(f"/{code}/")]), 30)
        english_by_url = {}
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            self.assertIn(f'<html lang="{url[1:3]}">', html, url)
            parser = VisibleText()
            parser.feed(html)
            english = {w for w in parser.words if w.lower() not in LATIN_ALLOWED}
            if english:
                english_by_url[url] = sorted(english)
        self.assertEqual(english_by_url, {})

    def test_the_demos_expired_invitation_is_refused_in_both_languages(self):
        """The demo keeps one expired code, so that a parent's refusal can be seen."""
        from gals.demo import EXPIRED_INVITE_CODE

        for code, words in (("ky", "Бул чакыруунун мөөнөтү бүттү"),
                            ("ru", "Срок этого приглашения истёк")):
            response = self.client.post(f"/{code}/family/join/", {"code": EXPIRED_INVITE_CODE},
                                        follow=True)
            self.assertContains(response, words)

    def test_every_demo_persons_lists_and_can_agree(self):
        """On the demo's camps, girls, families, sessions and requests, each demo person's
        lists show exactly what ``can()`` lets her open (tests/agreement.py)."""
        from cms.core.demo import DEMO_PEOPLE
        from tests.agreement import disagreements

        found = {username: disagreements(User.objects.get(username=username))
                 for username, _role, _fields in DEMO_PEOPLE}
        self.assertEqual({name: diff for name, diff in found.items() if diff}, {})

    def test_every_page_a_demo_account_reaches_reads_in_its_language(self):
        """Each demo person, signed in, follows the links of her pages in Kyrgyz and in
        Russian: every page answers, and none shows an English word (a status, a button, an
        empty value printed as "None")."""
        from cms.core.demo import DEMO_PEOPLE

        found = {}
        for username, _role, _fields in DEMO_PEOPLE:
            self.client.force_login(User.objects.get(username=username))
            for code in ("ky", "ru"):
                for url, problem in crawl(self.client, f"/{code}/", prefix=f"/{code}/"):
                    found[f"{username} {url}"] = problem
            self.client.logout()
        self.maxDiff = None
        self.assertEqual(found, {})

    def test_public_media_hold_no_childs_data(self):
        """After the demo (its girls' photos, families' drawings, certificates) and every
        demo person's pages, the public media folder holds only the site's own pictures
        and documents: a child's file is in the private storage, served by a checked view."""
        import uuid

        from django.conf import settings
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.utils import timezone
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from camp.certificates import batches
        from camp.certificates.models import Certificate
        from cms.core import consent
        from cms.core.demo import DEMO_PEOPLE
        from cms.core.models import Consent
        from courses import services as learning
        from tests.factories import png_bytes

        # A girl keeps a photo of what she built; her camp's certificates are printed.
        girl = User.objects.get(username="demo-learner")
        facilitator = User.objects.get(username="demo-facilitator")
        for kind in Consent.Kind.values:
            consent.record_consent(girl, Consent.Scope.PHOTOS, kind, timezone.localdate(),
                                   facilitator)
        photo, _created = learning.add_photo(
            girl, SimpleUploadedFile("robot.png", png_bytes()), "Менин роботум", uuid.uuid4()
        )
        batch = batches.request_batch(Certificate.objects.select_related("camp").first().camp)
        for username, _role, _fields in DEMO_PEOPLE:
            self.client.force_login(User.objects.get(username=username))
            for _url, _problem in crawl(self.client, "/ky/", prefix="/ky/"):
                pass
        root = Path(settings.MEDIA_ROOT)
        public = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        images = get_image_model()
        renditions = images.get_rendition_model()
        site_files = {
            *images.objects.values_list("file", flat=True),
            *renditions.objects.values_list("file", flat=True),
            *get_document_model().objects.values_list("file", flat=True),
        }
        # Renditions drawn by this class's other tests outlive their rolled-back rows:
        # a rendition is "images/<the original's name>.<filter>.<format>".
        stems = {Path(name).stem for name in images.objects.values_list("file", flat=True)}
        renditions_of_site_images = {
            name for name in public
            if name.startswith("images/") and name.split("/", 1)[1].split(".", 1)[0] in stems
        }
        self.assertTrue(public, "the demo's pictures are in the public media")
        self.assertEqual(sorted(public - site_files - renditions_of_site_images), [])
        self.assertNotIn(photo.image.name, public)
        batch.refresh_from_db()
        self.assertTrue(batch.file)
        self.assertNotIn(batch.file.name, public)


# Links a crawl does not follow: they sign out, download files, or serve the pages that
# the sitemap test above already reads.
NOT_FOLLOWED = re.compile(r"/(accounts/logout|logout|admin|cms-admin|documents|media)/|"
                          r"\.(pdf|ics|csv|xlsx|zip|png|jpg|svg)$|/(day|lesson|days)-")


def crawl(client, start: str, prefix: str, limit: int = 60):
    """Pages reachable from ``start`` under ``prefix``: yields (url, problem) for each page
    that does not answer 200 or shows English words."""
    seen, queue = {start}, [start]
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            yield url, response.status_code
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        parser = VisibleText()
        parser.feed(html)
        english = {w for w in parser.words if w.lower() not in LATIN_ALLOWED}
        if english:
            yield url, sorted(english)
        for link in re.findall(r'href="(/[^"#?]*)', html):
            if link.startswith(prefix) and link not in seen and not NOT_FOLLOWED.search(link):
                seen.add(link)
                queue.append(link)
