"""Which password hashers ran: counted, not timed (a timing ratio under the test
suite's fast hasher would prove nothing)."""

from contextlib import contextmanager
from unittest import mock


@contextmanager
def hashers_run(hasher_class):
    """The algorithms ``hasher_class`` (and its subclasses) hashed with inside the block."""
    calls: list[str] = []
    original = hasher_class.encode

    def spy(self, password, salt, *args, **kwargs):
        calls.append(self.algorithm)
        return original(self, password, salt, *args, **kwargs)

    with mock.patch.object(hasher_class, "encode", spy):
        yield calls
