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

# An encrypted backup is decrypted into a private folder first (gpg: the private key in
# this user's keyring; age: AGE_IDENTITY names the key file), brought for the restore.
umask 077
if compgen -G "$source/*.gpg" > /dev/null || compgen -G "$source/*.age" > /dev/null; then
    plain=$(mktemp -d)
    trap 'rm -rf "$plain"' EXIT
    for file in "$source"/*.gpg "$source"/*.age; do
        [ -e "$file" ] || continue
        name=$(basename "$file")
        case "$name" in
            *.gpg) gpg --batch --yes --output "$plain/${name%.gpg}" --decrypt "$file" ;;
            *.age) age --decrypt --identity "${AGE_IDENTITY:?AGE_IDENTITY must name the key}" \
                       --output "$plain/${name%.age}" "$file" ;;
        esac
    done
    source=$plain
fi

# shellcheck source=deploy/pg_address.sh
. "$(dirname "$0")/pg_address.sh"
tables=$(psql "$dsn" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "refusing to restore: the database already has $tables tables" >&2
    exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$dsn" "$source/database.dump"

for pair in "media:$media" "media-private:$private"; do
    name=${pair%%:*} folder=${pair#*:}
    if [ -f "$source/$name.tar.gz" ]; then
        : "${folder:?MEDIA_ROOT must be set to restore $name}"
        mkdir -p "$folder"
        tar -C "$folder" -xzf "$source/$name.tar.gz"
    fi
done
echo "restored from $source; now run: manage.py migrate && manage.py clear_caches"
