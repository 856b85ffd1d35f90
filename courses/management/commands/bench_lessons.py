"""CPU and SQL queries of what a girl's phone asks for most: a lesson page, an answer,
"done", each beside a floor measured in the same run (the site's base template for a
signed-in girl through the same middleware, ``courses.bench_floor``), so the ratio
travels between machines. The camp-morning load script (deploy/load/camp_morning.py)
shows what a server carries; this shows where each request stands."""

import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import translation

from cms.core.models import User
from cms.core.permissions import can
from courses.models import LessonPage, QuizAttempt


class Command(BaseCommand):
    help = ("Serve a demo girl's lesson page, her answer and her \"done\" many times (in a "
            "transaction rolled back at the end); print the CPU time of each in the app "
            "and its SQL queries. Needs the demo data (make demo). The database and the cache "
            "are the settings': DATABASE_URL (PostgreSQL) and REDIS_URL measure them as in "
            "production (with DJANGO_SETTINGS_MODULE=cms.settings.production, "
            "SECURE_SSL_REDIRECT=false and ALLOWED_HOSTS=localhost).")

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=100, help="requests of each kind")
        parser.add_argument("--girl", default="demo-learner")

    def handle(self, *args, runs, girl, **options):
        learner = User.objects.filter(username=girl).first()
        lesson = learner and self._lesson_with_a_question(learner)
        if lesson is None:
            raise CommandError(f"{girl} has no lesson with a question: run `make demo` first.")
        with override_settings(ROOT_URLCONF="courses.bench_floor"), transaction.atomic():
            clear_url_caches()
            try:
                self._bench(learner, lesson, runs)
            finally:
                transaction.set_rollback(True)
                clear_url_caches()

    def _lesson_with_a_question(self, learner):
        for lesson in LessonPage.objects.live().filter(locale__language_code="ky").order_by("path"):
            has_a_question = any(raw["type"] == "quiz" for raw in lesson.body.raw_data)
            if has_a_question and can(learner, "courses.take_lesson", lesson):
                return lesson
        return None

    def _bench(self, learner, lesson, runs: int) -> None:
        client = Client(SERVER_NAME="localhost", HTTP_ACCEPT_LANGUAGE="ky")
        client.force_login(learner)
        with translation.override("ky"):
            answer_url = reverse("courses:quiz_answer", args=[lesson.translation_key, 1])
            done_url = reverse("courses:lesson_done", args=[lesson.translation_key])
            floor_url = reverse("bench_floor")
        script = {"HTTP_ACCEPT": "application/json"}  # as static/js/learning.js sends them

        def floor():
            return client.get(floor_url)

        def page():
            return client.get(lesson.url)

        def answer():
            return client.post(answer_url, {"answer": "2", "client_id": str(uuid.uuid4())},
                               **script)

        def done():
            return client.post(done_url, {"client_id": str(uuid.uuid4())}, **script)

        def her_first_answer():
            """Her answer as a girl sends it on her first reading of the lesson: the
            attempts of the runs before are taken away first, so that her record holds
            one, not hundreds."""
            QuizAttempt.objects.filter(learner=learner, lesson_key=lesson.translation_key).delete()
            return answer()

        database = connection.vendor
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(f"{lesson.title} ({database}, {cache}), {runs} requests of each:")
        #: Largest cost of each, in floors, that the camp morning is built on (issue #24).
        #: "after her answer": the page as a camp morning asks for it, her record of the
        #: lesson changed by the answer sent just before (not timed).
        budgets = {"lesson page": 2.0, "after her answer": 2.0, "answer": 1.5, "done": 1.5}
        costs = {}
        for label, request, before in (("floor", floor, None), ("lesson page", page, None),
                                       ("after her answer", page, her_first_answer),
                                       ("answer", answer, None), ("done", done, None)):
            for _ in range(5):  # what is kept in the cache is kept from here on
                response = request()
            if response.status_code != 200:
                raise CommandError(f"{label}: {response.status_code}")
            if before is not None:
                before()
            reset_queries()  # each request empties the log as it starts
            with CaptureQueriesContext(connection) as queries:
                request()
            # Counted now: the next request empties the log its count is read from.
            query_count = len(queries)
            batches = []
            for _ in range(5):
                spent = 0.0
                for _ in range(max(1, runs // 5)):
                    if before is not None:
                        before()
                    started = time.process_time()
                    request()
                    spent += time.process_time() - started
                batches.append(spent / max(1, runs // 5))
            costs[label] = min(batches)
            ratio = (f"  {costs[label] / costs['floor']:4.2f}x the floor "
                     f"(goal at most {budgets[label]}x)" if label in budgets else "")
            self.stdout.write(f"  {label:<16} {costs[label] * 1000:6.1f} ms CPU "
                              f"(best of 5 batches)  {query_count:3} queries{ratio}")
