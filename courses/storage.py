"""Storage for girls' own photos: never reachable by a public URL.

Public media (lesson pictures) may be served straight from disk or a bucket. The
girls' project photos must not: they are read only through
``courses.views.photo_file``, which asks ``cms.core.permissions.can`` first.

Production may name a storage ``"private"`` in ``settings.STORAGES`` (for example a
bucket without public read); otherwise the files go to a folder beside the public
media folder (``PRIVATE_MEDIA_ROOT``, default ``<MEDIA_ROOT>-private``), which no
URL serves.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_media_root() -> Path:
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(f"{media.name}-private")


def private_storage():
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=private_media_root(), base_url=None)
