"""How long a facilitator waits for a class of 30: not a test, a measurement.

Makes a throwaway camp in a transaction that is rolled back, then times what her two
taps cost on this machine with the configured password hasher (production's: PBKDF2):
creating the girls' accounts (``camp.accounts.add_girls``: PINs hashed, accounts
enrolled) and laying out their login cards (``camp.accounts.login_cards_pdf``).
Prints the seconds of each, their sum and the target (3 s of waiting in all).
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from camp import accounts
from camp.models import Camp, District, Region, School
from cms.core import accounts as kernel_accounts
from cms.core import pdf, pin_hashing
from cms.core.hashers import pin_hasher
from cms.core.models import Role
from courses.models import CurriculumPage

TARGET_SECONDS = 3.0
NAMES = ["Айгүл", "Нургүл", "Өмүрбүбү", "Бегимай", "Жаңылай", "Мээрим"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time making a class's accounts and its login cards (seconds, rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--girls", type=int, default=30)
        parser.add_argument("--rounds", type=int, default=2,
                            help="Rounds to time; the first also starts the warm processes.")
        parser.add_argument("--pin-processes", type=int, default=0,
                            help="Processes that hash PINs (1: one after the other, as "
                                 "before; default: every core).")

    def handle(self, *args, girls, rounds, pin_processes, **options):
        if pin_processes:
            with override_settings(PIN_HASH_PROCESSES=pin_processes):
                return self._measure(girls, rounds)
        return self._measure(girls, rounds)

    def _measure(self, girls, rounds):
        curriculum = CurriculumPage.objects.first()
        if curriculum is None:
            raise CommandError("No curriculum: run `manage.py load_demo` first.")
        hasher = pin_hasher()
        self.stdout.write(f"PIN hasher {hasher.algorithm}, "
                          f"{getattr(hasher, 'iterations', '-')} iterations; "
                          f"PIN hashing processes: {pin_hashing.processes()}; "
                          f"PDF processes: {pdf.pdf_processes()}")
        for round_number in range(1, rounds + 1):
            try:
                with transaction.atomic():
                    self._round(round_number, girls, curriculum)
                    raise Rollback
            except Rollback:
                pass

    def _round(self, number, size, curriculum):
        region, _ = Region.objects.get_or_create(
            code="bench", defaults={"name_ky": "Нарын облусу", "name_ru": "Нарынская область"})
        district = District.objects.create(region=region, name_ky="Ат-Башы району",
                                           name_ru="Ат-Башинский район")
        school = School.objects.create(district=district, name="Ат-Башы орто мектеби",
                                       village="Ат-Башы")
        camp = Camp.objects.create(title="Өлчөө лагери", school=school, curriculum=curriculum,
                                   start_date=timezone.localdate(), capacity=size,
                                   status=Camp.Status.PUBLISHED)
        facilitator = get_user_model().objects.filter(groups__name=Role.FACILITATOR).first()
        rows = [kernel_accounts.GirlRow(first_name=f"{NAMES[n % len(NAMES)]}", initial="ҮӨҢ"[n % 3],
                                        birth_year=2010, school_grade=9) for n in range(size)]
        started = time.perf_counter()
        created = accounts.add_girls(camp, rows, facilitator)
        made = time.perf_counter() - started
        pins = [(account.user, account.pin) for account in created]
        started = time.perf_counter()
        accounts.login_cards_pdf(camp, pins, lambda girl: f"https://camp.example/ky/pin/?u={girl.username}")
        cards = time.perf_counter() - started
        total = made + cards
        verdict = "within" if total <= TARGET_SECONDS else "OVER"
        self.stdout.write(
            f"round {number}: {size} accounts {made:.2f} s, login cards {cards:.2f} s, "
            f"together {total:.2f} s ({verdict} the target of {TARGET_SECONDS:.0f} s)")
