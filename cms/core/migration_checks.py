"""Before a migration adds a constraint, the rows that already break it.

A constraint added over rows that break it fails with the database's own words
("CHECK constraint failed", an index that cannot be built) and no hint of which rows.
``refuse_rows`` runs first in such a migration: it finds those rows and stops with a
message that names each by its table and key (never by a person's name), so whoever
runs the migration knows what to correct. Nothing is changed before it stops.
"""

from django.db import migrations
from django.db.models import CheckConstraint, Count, Q, UniqueConstraint

#: At most this many keys are named; the message says how many rows there are.
SHOWN = 20


class RowsBreakConstraint(Exception):
    """Rows already in the database break a constraint that a migration adds."""


def breaking_keys(model, constraint, using: str = "default") -> list[int]:
    """Keys of the rows of ``model`` that ``constraint`` would refuse, in order."""
    rows = model._base_manager.using(using)
    if isinstance(constraint, CheckConstraint):
        # The database lets a row pass when its condition is unknown (a NULL); the ORM
        # does not: a condition on a nullable field says what NULL means (``isnull``).
        return list(rows.exclude(constraint.condition).order_by("pk").values_list("pk", flat=True))
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        if constraint.condition is not None:
            rows = rows.filter(constraint.condition)
        for field in constraint.fields:
            rows = rows.exclude(**{f"{field}__isnull": True})  # NULLs never clash
        clashes = (rows.order_by().values(*constraint.fields).annotate(n=Count("pk"))
                   .filter(n__gt=1).values_list(*constraint.fields))
        query = Q()
        for values in clashes:
            query |= Q(**dict(zip(constraint.fields, values, strict=True)))
        if not query:
            return []
        return list(rows.filter(query).order_by("pk").values_list("pk", flat=True))
    raise TypeError(f"No check for {constraint!r}")


def message(model, constraint, keys: list[int], rule: str) -> str:
    shown = ", ".join(str(key) for key in keys[:SHOWN])
    more = f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else ""
    return (
        f"{len(keys)} row(s) of {model._meta.label} ({model._meta.db_table}) break the rule "
        f"\"{rule}\" (constraint {constraint.name}), which this migration adds: "
        f"id {shown}{more}. Correct or remove these rows, then run migrate again; "
        f"this migration changed nothing."
    )


def check(model, constraint, rule: str, using: str = "default") -> None:
    """Raise ``RowsBreakConstraint`` naming the rows that break ``constraint``."""
    keys = breaking_keys(model, constraint, using)
    if keys:
        raise RowsBreakConstraint(message(model, constraint, keys, rule))


def refuse_rows(app_label: str, model_name: str, constraint, rule: str):
    """A migration operation that stops before ``AddConstraint`` when rows break it."""

    def run(apps, schema_editor):
        check(apps.get_model(app_label, model_name), constraint, rule,
              schema_editor.connection.alias)

    return migrations.RunPython(run, migrations.RunPython.noop, elidable=False)
