"""The whole demo (``load_demo``), built once per test process and lent to each module
that reads it.

``load_demo`` takes about 20 s of CPU (both languages' curriculum, pictures, camps,
families, certificates), and several modules read what it builds without changing it
(each test runs in its own rolled-back transaction). The first such module of a process
saves the database as it is (the migrated one, as every module finds it), loads the demo
with its media in a folder of their own, and saves that too (``tests/snapshot.py``);
every such module then gets the saved demo put back as it starts, public and private
media in a fresh copy of the demo's folder, and the migrated database back as it ends.

A test that changes the demo changes it inside its own transaction, so the next test
still finds the demo as built. A module that needs to see ``load_demo`` work on an
empty database (its output, refusals) calls it itself.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.shared_data import empty_caches
from tests.snapshot import Snapshot

_saved: dict = {}


def _build() -> dict:
    """Saves the database as it is now and with the demo loaded; leaves it as it was."""
    before = Snapshot("before_demo")
    media = Path(tempfile.mkdtemp(prefix="techcamp-demo-media-")) / "public"
    media.mkdir()
    output = io.StringIO()
    with override_settings(MEDIA_ROOT=str(media)):
        call_command("load_demo", stdout=output)
    demo = Snapshot("demo")
    before.restore()
    return {"before": before, "demo": demo, "media": media, "output": output.getvalue()}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, committed in this process's test database while the module runs, and
    what ``load_demo`` printed; ``MEDIA_ROOT`` is a copy of the demo's media made for the
    module (``<MEDIA_ROOT>-private`` beside it holds the private files)."""
    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            raise pytest.UsageError("demo_site cannot be used with data built once per "
                                    "module (tests/shared_data.py): it commits")
        if not _saved:
            _saved.update(_build())
        media = tmp_path_factory.mktemp("demo-media") / "public"
        shutil.copytree(_saved["media"], media)
        private = Path(f"{_saved['media']}-private")
        if private.exists():
            shutil.copytree(private, Path(f"{media}-private"))
        _saved["demo"].restore()
    empty_caches()  # nothing a module before saw of other rows with the same ids
    try:
        with override_settings(MEDIA_ROOT=str(media)):
            yield _saved["output"]
    finally:
        with django_db_blocker.unblock():
            _saved["before"].restore()
        empty_caches()
