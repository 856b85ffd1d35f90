"""Lighthouse mobile scores of a lesson page: a benchmark to read, not a test to pass.

Serves the site (the current settings and database, e.g. the demo site) on a free
local port, runs Lighthouse from node_modules (npm install) in Debian's Chromium with
its mobile defaults (a mid-range phone, slow 4G), and prints the four scores.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.models import LessonPage

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = "Print Lighthouse mobile scores of a lesson page (needs npm install and chromium)."

    def add_arguments(self, parser):
        parser.add_argument("--path", help="page to measure (default: the first Kyrgyz lesson)")

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        lighthouse = root / "node_modules" / ".bin" / "lighthouse"
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not lighthouse.exists():
            raise CommandError(
                "Lighthouse is missing: run `npm install --no-save lighthouse` first."
            )
        if chromium is None:
            raise CommandError("Chromium is missing: apt-get install chromium")
        path = options["path"]
        if not path:
            lesson = (LessonPage.objects.live().public()
                      .filter(locale__language_code="ky").order_by("path").first())
            if lesson is None:
                raise CommandError("No lesson to measure: run `manage.py load_demo` first.")
            path = lesson.get_url()
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}{path}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            with tempfile.TemporaryDirectory() as folder:
                report = Path(folder) / "report.json"
                subprocess.run([  # noqa: S603 (the local lighthouse binary)
                    str(lighthouse), url, "--quiet", "--output=json",
                    f"--output-path={report}", "--form-factor=mobile",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
                ], check=True, env={**os.environ, "CHROME_PATH": chromium}, cwd=root)
                data = json.loads(report.read_text())
        finally:
            server.terminate()
            server.wait(timeout=10)
        self.stdout.write(f"Lighthouse (mobile) for {path}")
        audits = data["audits"]
        for key in CATEGORIES:
            category = data["categories"][key]
            self.stdout.write(f"  {category['title']:<16} {round(category['score'] * 100)}")
            for ref in category["auditRefs"]:
                audit = audits[ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    self.stdout.write(f"      not passed: {audit['title']}")
        for key in ("first-contentful-paint", "largest-contentful-paint",
                    "total-blocking-time", "cumulative-layout-shift"):
            self.stdout.write(f"  {audits[key]['title']:<26} {audits[key]['displayValue']}")
