"""Build or update the curriculum and site pages from the content files."""

from django.core.management.base import BaseCommand, CommandError

from courses.content_files import CONTENT_ROOT, read_content
from courses.content_files import stats as content_stats
from courses.curriculum_import import import_content
from courses.knowledge import import_tests, read_tests
from courses.knowledge import positions as test_positions


class Command(BaseCommand):
    help = (
        "Build or update pages from content files (default: the shipped courses/content). "
        "A changed file becomes a new published revision, unless an editor has published "
        "her own version since the last import: then it is saved as a draft and listed. "
        "--check only validates the files."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(CONTENT_ROOT),
                            help="Folder of content files (default: %(default)s).")
        parser.add_argument("--check", action="store_true",
                            help="Validate the files and write nothing.")
        parser.add_argument("--stats", action="store_true",
                            help="With --check: also print lesson count, words per lesson "
                                 "and the quizzes' right-answer positions.")

    def handle(self, *args, path, check=False, stats=False, **options):
        content, problems = read_content(path)
        tests, test_problems = read_tests(path)
        problems = problems + test_problems
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {path}; nothing was imported.")
        pages = len(content.pages)
        if check:
            self.stdout.write(f"{pages} pages checked in {path}: no problems.")
            if tests:
                self.stdout.write(f"{len(tests)} knowledge tests checked: no problems.")
            if stats:
                for line in content_stats(content):
                    self.stdout.write(line)
                shown = ", ".join(f"{place}: {count}" for place, count
                                  in sorted(test_positions(tests).items()))
                self.stdout.write(f"knowledge tests: right answer at choice {shown}")
            return
        report = import_content(content)
        questions = import_tests(tests)
        for where in report.created:
            self.stdout.write(f"created   {where}")
        for where in report.updated:
            self.stdout.write(f"updated   {where}")
        for where, why in report.drafts:
            self.stdout.write(f"draft     {where}: left as a draft because {why}")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.drafts)} left as drafts, {report.unchanged} unchanged; "
            f"{questions} knowledge-test questions made or changed."
        )
