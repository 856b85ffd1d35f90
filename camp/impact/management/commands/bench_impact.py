"""Time and SQL queries of the impact dashboard and of each export, as served."""

import os
import statistics
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from camp.impact import cache
from camp.models import Camp, Enrolment, Region
from cms.core.models import Role, User


class Command(BaseCommand):
    help = ("Serve the impact dashboard and its exports to a throwaway manager and "
            "partner (in a transaction rolled back at the end); print the median time "
            "and the number of SQL queries of each.")

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        with transaction.atomic():
            self._bench(options["runs"])
            transaction.set_rollback(True)

    def _client(self, username: str, role: str) -> Client:
        user = User.objects.create_user(username=username)
        user.groups.add(Group.objects.get(name=role))
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        return client

    def _bench(self, runs: int) -> None:
        manager = self._client("bench-impact-manager", Role.MANAGER)
        partner = self._client("bench-impact-partner", Role.PARTNER)
        camp = Camp.objects.filter(status=Camp.Status.FINISHED).order_by("pk").first()
        region = (Region.objects.filter(districts__schools__camps__isnull=False)
                  .order_by("pk").first())
        with translation.override("ky"):
            pages = [
                ("dashboard, manager", manager, reverse("impact:dashboard")),
                ("dashboard, partner (suppressed)", partner, reverse("impact:dashboard")),
                ("dashboard, one region and a year", manager,
                 f"{reverse('impact:dashboard')}?region={region.code if region else ''}"
                 "&start=2026-01-01&end=2026-12-31"),
                ("figures.csv", partner, reverse("impact:export_csv")),
                ("figures.xlsx", partner, reverse("impact:export_xlsx")),
                ("lines.csv (one line per girl, streamed)", manager,
                 reverse("impact:export_rows")),
            ]
            if camp:
                pages.append(("camp report PDF", partner,
                              reverse("impact:camp_report", kwargs={"pk": camp.pk})))
            if region:
                pages.append(("region report PDF", partner,
                              reverse("impact:region_report", kwargs={"code": region.code})))
        self.stdout.write(
            f"{Camp.objects.count():,} camps, "
            f"{Enrolment.objects.values('learner').distinct().count():,} girls enrolled, "
            f"database {connection.vendor}; median of {runs} runs after one warm-up; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        self.stdout.write("cold: every figure counted again (as after a change of data); "
                          "warm: the figures kept in the cache")
        self.stdout.write(f"{'what':<40} {'cold ms':>8} {'max':>6} {'queries':>8} "
                          f"{'warm ms':>8} {'queries':>8} {'bytes':>10}")
        for name, client, url in pages:
            cold = self._measure(client, url, runs, fresh=True)
            warm = self._measure(client, url, runs, fresh=False)
            self.stdout.write(
                f"{name:<40} {statistics.median(cold[0]):>8.0f} {max(cold[0]):>6.0f} "
                f"{cold[1]:>8} {statistics.median(warm[0]):>8.0f} {warm[1]:>8} "
                f"{cold[2]:>10,}")

    def _measure(self, client, url: str, runs: int, fresh: bool):
        times, queries, size = [], 0, 0
        for run in range(runs + 1):
            if fresh:
                cache.changed()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                body = (b"".join(response.streaming_content) if response.streaming
                        else response.content)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if run:  # the first run warms the process (and, when warm, the cache)
                times.append(elapsed)
            queries, size = len(captured.captured_queries), len(body)
        return times, queries, size
