"""Backups hold every child's data: private files, no password in `ps`, encryption.

The database dump itself is checked end to end on PostgreSQL by tests/ops/test_backup.py.
Here a `pg_dump` placed first on PATH records the command line and environment it was
given (what `ps` would show to any user of the server) and writes a small dump; gpg is
the real one, with a throwaway key made for the test.
"""

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-Pa55"
RECORDING_PG_DUMP = """#!/bin/sh
printf '%s\\n' "$*" > "$RECORD/argv"
printf '%s' "$PGPASSWORD" > "$RECORD/pgpassword"
while [ $# -gt 0 ]; do case "$1" in --file=*) out="${1#--file=}";; esac; shift; done
printf 'PGDMP girls of camp 7' > "$out"
"""


@pytest.fixture
def setup(tmp_path):
    bin_dir, record, media = tmp_path / "bin", tmp_path / "record", tmp_path / "media"
    for folder in (bin_dir, record, media):
        folder.mkdir()
    (media / "lesson.webp").write_bytes(b"picture")
    pg_dump = bin_dir / "pg_dump"
    pg_dump.write_text(RECORDING_PG_DUMP)
    pg_dump.chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}", "RECORD": str(record),
        "DATABASE_URL": f"postgres://techcamp:{PASSWORD}@127.0.0.1:5432/techcamp",
        "MEDIA_ROOT": str(media), "HOME": str(tmp_path), "GNUPGHOME": str(tmp_path / "gpg"),
    }
    return tmp_path, record, env


def backup(tmp_path, env) -> Path:
    target = tmp_path / "backups"
    subprocess.run(["bash", str(ROOT / "deploy/backup.sh"), str(target)],
                   env=env, check=True, capture_output=True, timeout=60)
    return next(target.glob("techcamp-2*"))


def test_backups_are_private_files_in_private_folders(setup):
    tmp_path, _record, env = setup
    folder = backup(tmp_path, env)
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert {file.name for file in files} >= {"database.dump", "media.tar.gz", "SHA256SUMS"}
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_the_database_password_is_never_on_a_command_line(setup):
    tmp_path, record, env = setup
    backup(tmp_path, env)
    argv = (record / "argv").read_text()
    assert PASSWORD not in argv
    assert "postgres://techcamp@127.0.0.1:5432/techcamp" in argv
    assert (record / "pgpassword").read_text() == PASSWORD


def test_an_encrypted_backup_holds_nothing_readable_without_the_key(setup):
    tmp_path, _record, env = setup
    (tmp_path / "gpg").mkdir(mode=0o700)
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                    "backups@camp.example.org", "default", "default", "never"],
                   env=env, check=True, capture_output=True, timeout=120)
    folder = backup(tmp_path, {**env, "BACKUP_GPG_RECIPIENT": "backups@camp.example.org"})
    names = {file.name for file in folder.iterdir()}
    assert names == {"database.dump.gpg", "media.tar.gz.gpg", "SHA256SUMS"}
    assert b"girls of camp" not in (folder / "database.dump.gpg").read_bytes()
    plain = subprocess.run(["gpg", "--batch", "--decrypt",
                            str(folder / "database.dump.gpg")],
                           env=env, check=True, capture_output=True, timeout=60).stdout
    assert plain == b"PGDMP girls of camp 7"
