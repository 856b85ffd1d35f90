"""The test databases are copies of one migrated template (tests/template_db.py): the copy
must be the database the migrations make, and a changed migration must make a new one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import template_db


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    assert executor.migration_plan(targets) == []
    # And the migrations' data are there: the root page, both locales, the roles.
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page

    assert Page.objects.filter(depth=1).count() == 1
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"ky", "ru"}
    assert Group.objects.exists()


def test_a_changed_or_new_migration_makes_a_new_template(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    first = folder / "0001_initial.py"
    first.write_text("operations = []\n")
    folders = [("app", folder)]
    key = template_db.files_key(folders, "prefix")
    assert template_db.files_key(folders, "prefix") == key  # the same files, the same key

    first.write_text("operations = ['changed']\n")
    changed = template_db.files_key(folders, "prefix")
    assert changed != key

    (folder / "0002_more.py").write_text("operations = []\n")
    added = template_db.files_key(folders, "prefix")
    assert added not in (key, changed)
    # Another Django, Python or database engine: another template.
    assert template_db.files_key(folders, "other") != added
