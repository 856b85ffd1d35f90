"""WhiteNoise reads the static folder once per process in the tests, as on a server.

Django's test client builds the middleware chain anew for every client, and WhiteNoise's
middleware reads every file of ``STATIC_ROOT`` when it is built: a stat and a response
description for each of some 500 files and their compressed copies, 0.1 s. A server does
that once per process; the suite did it for every test that made a request, a fifth of
its time (in the role matrix, four fifths of each row). Here what WhiteNoise made of a
folder is kept, keyed by every file of the folder with its size and time and by the
settings that shape the responses, so a changed file or setting is read again and each
request gets what it got before.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.base import WhiteNoise, scantree

_original = WhiteNoise.update_files_dictionary
_read: dict[tuple, dict] = {}


def _settings_key() -> tuple:
    names = sorted(name for name in dir(settings) if name.startswith("WHITENOISE_"))
    shaping = [(name, repr(getattr(settings, name))) for name in names]
    return (settings.DEBUG, settings.STATIC_URL, repr(settings.STORAGES.get("staticfiles")),
            *shaping)


def _update_files_dictionary(self, root, prefix):
    files = tuple(sorted((path, stat.st_size, stat.st_mtime_ns)
                         for path, stat in scantree(root)))
    key = (type(self), root, prefix, self.max_age, self.allow_all_origins, self.charset,
           _settings_key(), files)
    made = _read.get(key)
    if made is None:
        before = dict(self.files)
        _original(self, root, prefix)
        made = {url: found for url, found in self.files.items() if before.get(url) is not found}
        _read[key] = made
    self.files.update(made)


def read_once() -> None:
    WhiteNoise.update_files_dictionary = _update_files_dictionary
