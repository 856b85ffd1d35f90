"""The figures of a report are kept in the cache until the data they count changes.

Counting 10,000 girls, their roll calls, lessons and surveys takes the database a
second on a busy two-core server; the same figures asked again answer from the
cache. Any save or delete of a record of camp, certificates, courses or gals moves
``VERSION_KEY`` on (at once, and again when its transaction commits, so a report
counted in between is not kept as current), and a report is kept under the version
it was counted at. ``TIMEOUT`` bounds the age of a figure changed by a bulk write
that sends no signal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import get_language

from cms.core.data_versions import DataVersion

VERSION_KEY = "impact:data-version"
TIMEOUT = 10 * 60
WATCHED_APPS = {"camp", "certificates", "courses", "gals"}
DATA = DataVersion(VERSION_KEY)


def changed() -> None:
    DATA.changed()


def on_write(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if getattr(sender, "_meta", None) and sender._meta.app_label in WATCHED_APPS:
        changed()


def cached(parts: dict, build: Callable):
    """The report for ``parts`` (who, which camps, suppressed or not), counted by
    ``build`` unless the cache holds it for the current data."""
    key_parts = {**parts, "language": get_language(), "today": str(timezone.localdate())}
    digest = hashlib.sha256(json.dumps(key_parts, sort_keys=True, default=str).encode())
    return DATA.kept(f"impact:report:{digest.hexdigest()}", build, TIMEOUT)
