"""Saved states of a test process's database, put back in a moment.

A browser test commits (the live server reads what it wrote), so it cannot run inside a
rolled-back transaction. Each used to empty the database behind it, load the
migrations' data back (serialized rollback, thousands of objects through the ORM) and
build its site with the factories (a Wagtail tree in two languages, users, camps):
seconds of CPU per test. Instead each worker builds each state once and saves it, and
every test starts from a copy of the saved rows (tests/e2e/conftest.py). The demo that
several modules read is lent to them the same way (tests/demo_data.py).

- PostgreSQL: every table copied into a schema of its own in the same test database
  (``CREATE TABLE ... AS TABLE``); to put it back, a ``DELETE`` of every table and an
  ``INSERT ... SELECT`` for each table that had rows, in one transaction (the foreign keys
  Django makes are checked at commit, so the order does not matter). The sequences go on
  counting, so an id a test makes is never one of a saved row.
- SQLite (the in-memory test database the live server shares): the whole database copied
  into a second in-memory one by SQLite's backup API, and back.

The states belong to one test process and die with its test database.
"""

from __future__ import annotations

import sqlite3

from django.core.management.color import no_style
from django.db import connection, transaction


class Snapshot:
    """The rows of every table of the test database as they were when it was made."""

    def __init__(self, name: str):
        self.name = name
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            self._save_postgres()
        elif connection.vendor == "sqlite":
            self._save_sqlite()
        else:  # pragma: no cover - the project runs on these two
            raise NotImplementedError(connection.vendor)

    # PostgreSQL
    def _save_postgres(self) -> None:
        self.schema = connection.ops.quote_name(f"snapshot_{self.name}")
        with connection.cursor() as cursor:
            self.tables = connection.introspection.table_names(cursor)
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            self.filled = []
            for table in self.tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"CREATE TABLE {self.schema}.{quoted} AS TABLE {quoted}")
                if cursor.rowcount:
                    self.filled.append(quoted)

    def _restore_postgres(self) -> None:
        # DELETE rather than TRUNCATE: a TRUNCATE makes new files for each of some 200
        # tables, seconds on a busy server, where most tables hold a few rows or none.
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for table in self.filled:
                # The names are the database's own tables, quoted.
                copy = f"INSERT INTO {table} OVERRIDING SYSTEM VALUE SELECT * FROM "  # noqa: S608
                cursor.execute(f"{copy}{self.schema}.{table}")

    # SQLite
    def _save_sqlite(self) -> None:
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def _restore_sqlite(self) -> None:
        self.copy.backup(connection.connection)

    def restore(self) -> None:
        """Every table holds again exactly the rows it held when the snapshot was made."""
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            self._restore_postgres()
        else:
            self._restore_sqlite()


def empty_database() -> None:
    """Every table emptied, as a transactional test leaves the database behind it."""
    tables = connection.introspection.django_table_names(only_existing=True,
                                                         include_views=False)
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
