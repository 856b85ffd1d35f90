"""One migrated test database, made once and copied for every test process.

Migrating an empty database (the project's migrations and those of Django, Wagtail,
allauth...) takes about 25 s of CPU, and each test process used to do it again: two
workers in each of CI's three pytest passes. Instead the first process to need it
migrates a *template* database, and every process then starts from a copy of it:

- PostgreSQL: a database ``<test name>_tpl_<key>`` on the same server, copied with
  ``CREATE DATABASE ... TEMPLATE`` (a file copy inside the server);
- SQLite: a file ``<temporary folder>/techcamp-test-db/<key>.sqlite3``, copied into the
  worker's in-memory test database with SQLite's backup API.

The key is a hash of everything the migrated database follows from: every migration file
of every installed app (the project's and the libraries'), the settings' source files, the
versions of Python and Django and the database engine. A changed or new migration makes a
new key, so the next run migrates again; templates of older keys are dropped then. The
template itself is never opened by a test; the copies are what the tests use and are
dropped at the end as before. Processes agree through a lock (a file lock in the
temporary folder, held while a template is built and while it is copied), so two workers
starting together build it once.

``TEST_DB_TEMPLATE=0`` turns it off (each process migrates its own database, as Django
does); any other database engine does that too.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

FOLDER = Path(tempfile.gettempdir()) / "techcamp-test-db"


def enabled() -> bool:
    return os.environ.get("TEST_DB_TEMPLATE", "1") != "0"


def migrations_key(connection) -> str:
    """A short hash of what the migrated database is made from."""
    import django
    from django.apps import apps
    from django.conf import settings

    folders = []
    for app in apps.get_app_configs():
        folder = Path(app.path) / "migrations"
        if folder.is_dir():
            folders.append((app.label, folder))
    module = sys.modules[settings.SETTINGS_MODULE]
    folders.append(("settings", Path(module.__file__).parent))
    return files_key(
        folders, f"{sys.version_info[:3]} {django.__version__} {connection.vendor}")


def files_key(folders: list[tuple[str, Path]], prefix: str) -> str:
    """A short hash of ``prefix`` and the names and contents of the folders' .py files."""
    digest = hashlib.sha256(prefix.encode())
    for label, folder in sorted(folders):
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def locked(name: str):
    """One process at a time builds, drops or copies the templates of ``name``."""
    FOLDER.mkdir(exist_ok=True)
    with open(FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def install(connections, aliases) -> None:
    """Makes ``create_test_db`` of these connections copy a template (see above)."""
    if not enabled():
        return
    for alias in aliases:
        connection = connections[alias]
        if connection.vendor == "postgresql":
            connection.creation.create_test_db = _Postgres(connection)
        elif connection.vendor == "sqlite":
            connection.creation.create_test_db = _Sqlite(connection)


class _Template:
    def __init__(self, connection):
        self.connection = connection
        self.creation = connection.creation
        self.original = type(connection.creation).create_test_db.__get__(connection.creation)

    def migrate_into(self, test_name, verbosity: int) -> None:
        """Django's own test database set-up (migrate, cache tables), under ``test_name``."""
        settings_dict = self.connection.settings_dict
        kept_name, kept_test_name = settings_dict["NAME"], settings_dict["TEST"].get("NAME")
        settings_dict["TEST"]["NAME"] = test_name
        try:
            self.original(verbosity=verbosity, autoclobber=True, serialize=False)
        finally:
            self.connection.close()
            self.set_name(kept_name)
            settings_dict["TEST"]["NAME"] = kept_test_name

    def set_name(self, name) -> None:
        from django.conf import settings

        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name


class _Postgres(_Template):
    def __call__(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb:
            return self.original(verbosity, autoclobber, serialize, keepdb)
        target = self.creation._get_test_db_name()
        base = self.connection.settings_dict["TEST"].get("NAME") or target
        # pytest-xdist's workers have test_<name>_gw0, _gw1...: one template for all.
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        if worker and base.endswith(f"_{worker}"):
            base = base[: -len(worker) - 1]
        prefix = f"{base}_tpl_"
        template = prefix + migrations_key(self.connection)
        quote = self.connection.ops.quote_name
        with locked(base):
            with self.creation._nodb_cursor() as cursor:
                cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                               [prefix.replace("_", r"\_") + "%"])
                existing = {row[0] for row in cursor.fetchall()}
                for stale in existing - {template}:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
            if template not in existing:
                building = f"{template}_new"
                self.migrate_into(building, verbosity)
                with self.creation._nodb_cursor() as cursor:
                    cursor.execute(
                        f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
            with self.creation._nodb_cursor() as cursor:
                if verbosity >= 1:
                    self.creation.log(f"Copying {template} to {target}...")
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
                cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
        self.connection.close()
        self.set_name(target)
        if serialize:
            self.connection._test_serialized_contents = self.creation.serialize_db_to_string()
        self.connection.ensure_connection()
        return target


class _Sqlite(_Template):
    def __call__(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        target = self.creation._get_test_db_name()
        if keepdb or not self.creation.is_in_memory_db(target):
            return self.original(verbosity, autoclobber, serialize, keepdb)
        key = migrations_key(self.connection)
        template = FOLDER / f"{key}.sqlite3"
        with locked("sqlite"):
            if not template.exists():
                for stale in FOLDER.glob("*.sqlite3"):
                    stale.unlink()
                building = FOLDER / f"{key}.new.sqlite3"
                self.migrate_into(str(building), verbosity)
                os.replace(building, template)
            self.connection.close()
            self.set_name(target)
            self.connection.ensure_connection()
            source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()
        if verbosity >= 1:
            self.creation.log(f"Copied {template} to the in-memory test database")
        if serialize:
            self.connection._test_serialized_contents = self.creation.serialize_db_to_string()
        return target
