"""A counter moves on when the transaction that changed its data commits: once, one
round trip to the shared cache for a girl's answer. Inside the transaction, its own
thread sees the counter move as soon as it reads it again (its reads hold the new
rows); other connections see the old rows and the old counter until the commit.

The test's own transaction (pytest-django's ``db``) never commits: the commit of the
inner one is stood in for by running its on-commit callbacks."""

import threading

import pytest
from django.db import transaction

from cms.core.data_versions import DataVersion


def increments(cache_calls) -> list[str]:
    """The counters this thread incremented in the shared cache."""
    return [key for name, key in cache_calls if name == "incr"]


def read_in_another_thread(version: DataVersion) -> int:
    found = []
    reader = threading.Thread(target=lambda: found.append(version.current()))
    reader.start()
    reader.join()
    return found[0]


def test_a_change_in_a_transaction_moves_the_counter_once_when_it_commits(
    db, cache_calls, django_capture_on_commit_callbacks
):
    version = DataVersion("test:answers")
    before = version.current()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        version.changed()
        version.changed()  # a second row of the same write
        assert read_in_another_thread(version) == before  # not committed: old rows
        assert increments(cache_calls) == []
    assert increments(cache_calls) == ["test:answers", "test:answers"]  # one per change
    assert read_in_another_thread(version) != before


def test_its_own_thread_reads_a_new_counter_inside_the_transaction(
    db, cache_calls, django_capture_on_commit_callbacks
):
    version = DataVersion("test:progress")
    kept = version.kept("her-lesson", lambda: {"done": False}, 60)
    assert kept == {"done": False}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        version.changed()
        assert version.kept("her-lesson", lambda: {"done": True}, 60) == {"done": True}
        version.changed()  # changed again after that read: read again, moved again
        assert version.kept("her-lesson", lambda: {"done": "twice"}, 60) == {"done": "twice"}
    # Kept in the transaction from rows no one else saw yet: not current after the commit.
    assert version.kept("her-lesson", lambda: {"done": "after"}, 60) == {"done": "after"}


def test_a_rolled_back_change_moves_nothing_when_the_rest_commits(
    db, cache_calls, django_capture_on_commit_callbacks
):
    version = DataVersion("test:rolled-back")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            version.changed()
            raise RuntimeError("refused")
    assert increments(cache_calls) == []


def test_outside_a_transaction_the_counter_moves_at_once(cache_calls):
    """No database here, so no transaction: as a view that writes in autocommit."""
    version = DataVersion("test:outside")
    before = version.current()
    assert not transaction.get_connection().in_atomic_block
    version.changed()
    assert increments(cache_calls) == ["test:outside"] and version.current() != before
