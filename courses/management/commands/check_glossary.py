"""Names the lessons that call a thing by another name than the glossary's (each
entry's "other names not to use"), so editors can keep one word for one thing."""

from django.core.management.base import BaseCommand, CommandError

from courses.glossary import other_names_in
from courses.models import LessonPage


class Command(BaseCommand):
    help = ("List the lessons that use a name the glossary says not to use, with the "
            "glossary's term. With --strict, fail when there is one.")

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true",
                            help="exit with an error when a lesson uses another name")

    def handle(self, *args, strict=False, **options):
        lessons = LessonPage.objects.live().select_related("locale").order_by("path")
        found = other_names_in(lessons)
        for use in found:
            self.stdout.write(
                f"{use.lesson.locale.language_code} {use.lesson.url_path}: "
                f"'{use.word}', the glossary says '{use.term}'"
            )
        self.stdout.write(f"{len(found)} other names in {lessons.count()} lessons.")
        if strict and found:
            raise CommandError("Lessons use names the glossary says not to use.")
