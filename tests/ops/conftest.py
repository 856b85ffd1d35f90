import os

# Backups are pg_dump and pg_restore: the restore test runs in the PostgreSQL pass of
# the suite (CI runs it on every change), not in the SQLite one.
collect_ignore = [] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [
    "test_backup.py"
]
