#!/usr/bin/env bash
# Restore a backup made by backup.sh into an EMPTY database and media folders.
#   deploy/restore.sh BACKUP_FOLDER
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT like the app. The database
# must exist and be empty (createdb NAME); the checksums are verified first.
# After a restore: run `manage.py migrate` (a no-op for a backup of the same version),
# then `manage.py clear_caches`: what the cache keeps of the old database must go.
set -euo pipefail

source=${1:?usage: restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the (empty) PostgreSQL database}"
media=${MEDIA_ROOT:-}
private=${PRIVATE_MEDIA_ROOT:-${media:+${media%/}-private}}

(cd "$source" && sha256sum --quiet --check SHA256SUMS)

tables=$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "refusing to restore: the database already has $tables tables" >&2
    exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$source/database.dump"

for pair in "media:$media" "media-private:$private"; do
    name=${pair%%:*} folder=${pair#*:}
    if [ -f "$source/$name.tar.gz" ]; then
        : "${folder:?MEDIA_ROOT must be set to restore $name}"
        mkdir -p "$folder"
        tar -C "$folder" -xzf "$source/$name.tar.gz"
    fi
done
echo "restored from $source; now run: manage.py migrate && manage.py clear_caches"
