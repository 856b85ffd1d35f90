"""Entries kept under a data version are also kept in the process that read them: a
second read costs no round trip to the shared cache, and a change (on any server: the
counter lives in the shared cache) is seen at once."""

import time

import pytest
from django.core.cache import caches

from cms.core import data_versions
from cms.core.data_versions import DataVersion, _Recent


@pytest.fixture
def counted_reads(monkeypatch):
    reads = []
    backend = caches["default"]
    original = backend.get

    def get(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    return reads


def test_a_second_read_costs_no_round_trip_and_a_change_is_seen_at_once(counted_reads):
    version = DataVersion("test:recent")
    built = []

    def build():
        built.append(1)
        return {"title": f"Сабак {len(built)}"}

    assert version.kept("lesson", build, 60) == {"title": "Сабак 1"}
    counted_reads.clear()
    assert version.kept("lesson", build, 60) == {"title": "Сабак 1"}
    assert [key for key in counted_reads if key.startswith("lesson:")] == []
    version.bump()  # as any server does when the data changes: the counter is shared
    assert version.kept("lesson", build, 60) == {"title": "Сабак 2"}


def test_each_read_is_its_own_copy():
    version = DataVersion("test:copies")
    first = version.kept("list", lambda: ["ң", "ө"], 60)
    first.append("ү")
    assert version.kept("list", lambda: ["never built"], 60) == ["ң", "ө"]


def test_an_entry_ends_at_its_timeout(monkeypatch):
    recent = _Recent()
    recent.put("a:1", "kept", timeout=60)
    assert recent.get("a:1") == "kept"
    later = time.monotonic() + 61
    monkeypatch.setattr(data_versions.time, "monotonic", lambda: later)
    assert recent.get("a:1") is None


def test_the_process_keeps_a_bounded_number_of_entries_and_bytes():
    recent = _Recent(max_entries=3, max_bytes=10_000)
    for number in range(5):
        recent.put(f"k:{number}", number, timeout=60)
    assert [recent.get(f"k:{n}") for n in range(5)] == [None, None, 2, 3, 4]
    recent.put("big:1", "x" * 5_000, timeout=60)  # more than a sixteenth of the bytes
    assert recent.get("big:1") is None
    for number in range(3):
        recent.put(f"m:{number}", "y" * 600, timeout=60)
    assert recent._bytes <= 10_000
