"""A release that moves or renames a class (the kernel's move from ``cms`` to
``cms.core`` was one) meets, in the shared Redis, what the release before it kept there:
pickles of classes the new code no longer has. Each must count as not kept and be built
again, not raise on every page that reads it until the entry expires."""

import sys
import types

import pytest

from cms.core import content_cache
from cms.core.data_versions import recent
from tests.shared_data import empty_caches

GONE = "techcamp_release_gone"


@pytest.fixture
def pickle_of_a_class_the_release_removed():
    """A value whose pickle names a module that disappears once it is written."""
    module = types.ModuleType(GONE)

    class KeptPage:
        title = "old release"

    KeptPage.__module__ = GONE
    KeptPage.__qualname__ = "KeptPage"
    module.KeptPage = KeptPage
    sys.modules[GONE] = module
    yield KeptPage()
    sys.modules.pop(GONE, None)


def test_an_entry_the_old_release_pickled_is_built_again(pickle_of_a_class_the_release_removed):
    empty_caches()
    key = "page-at:1:/ky/lesson/"
    content_cache.CONTENT.kept(key, lambda: pickle_of_a_class_the_release_removed, 60)
    recent.clear()  # a new process: only the shared cache holds the old pickle
    del sys.modules[GONE]  # the new code has no such module

    page = content_cache.kept(key, lambda: "the page, found again")

    assert page == "the page, found again"
    recent.clear()
    assert content_cache.kept(key, lambda: "not asked") == "the page, found again", (
        "the unreadable entry is replaced by the one built again")
