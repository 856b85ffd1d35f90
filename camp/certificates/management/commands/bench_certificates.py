"""How fast certificates print: not a test, a measurement.

Makes a throwaway camp of 300 girls in a transaction that is rolled back, then
times one certificate in a warm process (median of 20), a camp of 30 and one of
300 as single PDFs (laid out in parts on every core, see cms.core.pdf), and reports
the peak memory of the largest process.

Beside them, two floors measured in the same run, in CPU time:

- the plain page: an A4 page of Kyrgyz text with WeasyPrint's own defaults, one page
  (median of 20) and 300 pages laid out the same way as the camp;
- the design: the same certificates' pages as finished HTML, laid out by WeasyPrint
  alone, each QR code made anew. It is what the certificate's look costs (its frame,
  emblem, QR code and fourteen boxes), without the database or the templates.

What a certificate costs over the design is the code's (the database, the templates,
the signed proof): the goal is at most 1.5 times the design floor. The design over the
plain page is printed beside it: the frame, the emblem and the QR code alone take a
certificate past 1.5 times a plain page (docs/certificates.md).
"""

import os
import resource
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from camp.models import Camp, District, Region, School
from cms.core import pdf
from courses.models import CurriculumPage

from ... import codes, signing
from ...models import Certificate
from ...rendering import DESIGN, certificate_pdf, pages, print_pages, render

TARGETS = {"one": 0.050, "30": 1.0, "300": 6.0, "memory": 300}
#: A certificate's CPU time at most this many times the design floor's (its finished page).
FLOOR_GOAL = 1.5

#: The floor: a plain page of Kyrgyz text, about as many words as a certificate prints.
FLOOR_PAGE = """<section style="break-after: page">
<h1>Жайкы техникалык лагерь</h1>
<p>Бул барак өлчөө үчүн гана жасалды. Анда сүрөт да, рамка да, QR код да жок: жөн гана
кыргызча текст, ар бир тамгасы ошол эле DejaVu Sans ариби менен басылат. Кыздар алты күн
бою кепшерлөөнү, үч өлчөмдүү моделдөөнү жана программалоону үйрөнүштү, командада
иштешти жана университетке барып келишти.</p>
<p>Ңөү: ң, ө, ү тамгалары текст катары көчүрүлөт. Нарын облусу, Ат-Башы району,
Ат-Башы айылы. Лагерь 2026-жылдын июль айында өттү.</p>
</section>"""


def floor_document(pages: list[str]) -> str:
    return ('<!doctype html><html lang="ky"><head><meta charset="utf-8"><title>.</title>'
            '<style>@page { size: A4; margin: 20mm } body { font-family: "DejaVu Sans" }'
            "</style></head><body>" + "".join(pages) + "</body></html>")


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time certificate PDFs: one (warm), a camp of 30, a camp of 300; peak memory."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                certificates = self._camp_of(300, self._curriculum())
                self._measure(certificates)
                raise Rollback
        except Rollback:
            pass

    def _curriculum(self):
        """The demo curriculum, or a bare one made inside the rolled-back transaction."""
        curriculum = CurriculumPage.objects.first()
        if curriculum is None:
            root = Page.get_first_root_node()
            if root is None:
                raise CommandError("No page tree: run `manage.py migrate` first.")
            curriculum = root.add_child(instance=CurriculumPage(title="Bench", slug="bench"))
        return curriculum

    def _camp_of(self, size: int, curriculum) -> list[Certificate]:
        region, _ = Region.objects.get_or_create(
            code="bench", defaults={"name_ky": "Нарын облусу", "name_ru": "Нарынская область"}
        )
        district = District.objects.create(region=region, name_ky="Ат-Башы району",
                                           name_ru="Ат-Башинский район")
        school = School.objects.create(district=district, name="Ат-Башы орто мектеби",
                                       village="Ат-Башы")
        camp = Camp.objects.create(title="Өлчөө лагери", school=school, curriculum=curriculum,
                                   start_date=timezone.localdate(),
                                   status=Camp.Status.FINISHED)
        User = get_user_model()
        girls = User.objects.bulk_create([
            User(username=f"bench-{n}", first_name=["Айгүл", "Нургүл", "Өмүрбүбү"][n % 3] + str(n),
                 last_name="ҮӨҢ"[n % 3])
            for n in range(size)
        ])
        today = timezone.localdate()
        certificates = [
            Certificate(code=codes.new_code(), camp=camp, learner=girl,
                        language=["ky", "ru"][n % 2], issued_on=today, days_attended=6,
                        tracks=["soldering", "modelling", "programming"])
            for n, girl in enumerate(girls)
        ]
        # Signed as issuing signs them, so that each QR code carries its proof.
        for certificate in certificates:
            signing.sign(certificate, today=today)
        return Certificate.objects.bulk_create(certificates)

    def _measure(self, certificates: list[Certificate]) -> None:
        """Wall-clock time against the target; beside it the CPU time of every process
        that worked on it (a busy machine inflates the first, not the second)."""
        base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        certificate_pdf(certificates[0])  # warm the fonts, stylesheet and images
        started = time.perf_counter()
        pdf.warm_part_pool(DESIGN)  # as a worker that has printed a batch before
        self.stdout.write(f"starting the {pdf.pdf_processes()} part processes took "
                          f"{(time.perf_counter() - started) * 1000:.0f} ms (once per worker)")
        walls, cpus = [], []
        for certificate in certificates[:20]:
            wall, cpu = time.perf_counter(), time.process_time()
            certificate_pdf(certificate)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        one = (statistics.median(walls), statistics.median(cpus), 1)
        thirty, pages30, parts30 = self._timed(certificates[:30])
        pdf.restart_part_pool()  # new processes: none has made these QR codes yet
        pdf.warm_part_pool(DESIGN)
        three_hundred, pages300, parts300 = self._timed(certificates)
        floor_one, floor_300 = self._floor(len(certificates))
        design_one, design_300 = self._design_floor(certificates)
        own_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_mb = max([own_peak_mb, *parts30.peak_mb, *parts300.peak_mb])

        def line(label, value, target=None):
            wall, cpu, processes = value
            verdict = "ok" if target is None or wall <= target else "OVER TARGET"
            self.stdout.write(
                f"{label:<44} {wall * 1000:>6.0f} ms wall {cpu * 1000:>6.0f} ms CPU"
                f", {processes} part(s)"
                + (f"   (target <= {target * 1000:.0f} ms: {verdict})" if target else "")
            )

        self.stdout.write(f"load average (1 min) {os.getloadavg()[0]:.1f} on "
                          f"{os.cpu_count()} CPUs; {pdf.pdf_processes()} processes lay out "
                          f"a long PDF")
        line("one certificate, warm (median of 20)", one, TARGETS["one"])
        line(f"a camp of 30 in one PDF ({pages30} pages)", thirty, TARGETS["30"])
        line(f"a camp of 300 in one PDF ({pages300} pages)", three_hundred, TARGETS["300"])
        line("floor: a plain page of Kyrgyz text (median)", floor_one)
        line(f"floor: {len(certificates)} plain pages in one PDF", floor_300)
        line("design: a finished certificate page (median)", design_one)
        line(f"design: {len(certificates)} finished pages in one PDF", design_300)
        count = len(certificates)
        for label, value, floor in (("one certificate", one, design_one),
                                    (f"a camp of {count}", three_hundred, design_300)):
            ratio = value[1] / floor[1]
            verdict = "ok" if ratio <= FLOOR_GOAL else "OVER GOAL"
            self.stdout.write(f"{label + ' / design, CPU':<44} {ratio:>6.2f}x"
                              f"   (goal <= {FLOOR_GOAL}x: {verdict})")
        for label, value, floor in (("the design / a plain page", design_one, floor_one),
                                    (f"the design / {count} plain pages", design_300, floor_300),
                                    ("one certificate / a plain page", one, floor_one),
                                    (f"a camp of {count} / {count} plain pages", three_hundred,
                                     floor_300)):
            self.stdout.write(f"{label + ', CPU':<44} {value[1] / floor[1]:>6.2f}x")
        verdict = "ok" if peak_mb <= TARGETS["memory"] else "OVER TARGET"
        self.stdout.write(
            f"{'peak memory of the largest process':<44} {peak_mb:>6.0f} MB (this one "
            f"{own_peak_mb:.0f} MB, {base_mb:.0f} MB before rendering)"
            f"   (target <= {TARGETS['memory']} MB: {verdict})"
        )

    def _floor(self, count: int):
        """The plain page: one (warm, median of 20) and ``count`` of them in one PDF, laid
        out in parts on every core like a camp's batch."""
        design = pdf.Design(DESIGN.folder)  # WeasyPrint's own defaults, no stylesheet
        pdf.render(floor_document([FLOOR_PAGE]), design)  # warm
        walls, cpus = [], []
        for _n in range(20):
            wall, cpu = time.perf_counter(), time.process_time()
            pdf.render(floor_document([FLOOR_PAGE]), design)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        stats = pdf.PartStats()
        wall, cpu = time.perf_counter(), time.process_time()
        pdf.render_pages([FLOOR_PAGE] * count, floor_document, design, title=".", stats=stats)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return ((statistics.median(walls), statistics.median(cpus), 1),
                (wall, cpu + stats.cpu_seconds, max(1, stats.parts)))

    def _design_floor(self, certificates):
        """The certificates' finished pages laid out by WeasyPrint alone: one (median of
        20) and all in one PDF, in parts like a camp's batch, each QR code made anew as
        on a certificate (it is part of the design: the paper carries its signed proof)."""
        finished = pages(certificates)
        walls, cpus = [], []
        for page in finished[:20]:
            pdf.qr_png_bytes.cache_clear()
            wall, cpu = time.perf_counter(), time.process_time()
            print_pages([page], ".")
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        pdf.restart_part_pool()
        pdf.warm_part_pool(DESIGN)
        stats = pdf.PartStats()
        wall, cpu = time.perf_counter(), time.process_time()
        print_pages(finished, ".", stats=stats)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return ((statistics.median(walls), statistics.median(cpus), 1),
                (wall, cpu + stats.cpu_seconds, max(1, stats.parts)))

    def _timed(self, certificates):
        stats = pdf.PartStats()
        wall, cpu = time.perf_counter(), time.process_time()
        _pdf, pages = render(certificates, stats=stats)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return (wall, cpu + stats.cpu_seconds, max(1, stats.parts)), pages, stats
