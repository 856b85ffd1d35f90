#!/usr/bin/env bash
# Back up the database and the media files into one dated folder.
#   deploy/backup.sh BACKUP_DIR
# Reads DATABASE_URL (PostgreSQL), MEDIA_ROOT and PRIVATE_MEDIA_ROOT from the
# environment (the same variables as the app). Writes
#   BACKUP_DIR/techcamp-YYYYmmdd-HHMMSS/{database.dump,media.tar.gz,media-private.tar.gz,SHA256SUMS}
# and keeps the newest KEEP (default 14) backups. Exit status non-zero on any failure.
# Media on object storage are not copied here: use the bucket's versioning or replication.
#
# Backups hold every child's data: they are written 0600 in 0700 folders, the database
# password never appears on a command line (libpq reads it from PGPASSWORD), and with
# BACKUP_GPG_RECIPIENT (a public key in this user's keyring) or BACKUP_AGE_RECIPIENT
# (an age public key) every file is encrypted; the private key stays off the server
# (docs/deploy.md, "Backups").
set -euo pipefail
umask 077

target_root=${1:?usage: backup.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
keep=${KEEP:-14}
media=${MEDIA_ROOT:-}
private=${PRIVATE_MEDIA_ROOT:-${media:+${media%/}-private}}

stamp=$(date -u +%Y%m%d-%H%M%S)
target="$target_root/techcamp-$stamp"
work="$target.partial"
mkdir -p "$work"
chmod 700 "$target_root" "$work"
trap 'rm -rf "$work"' ERR

# shellcheck source=deploy/pg_address.sh
. "$(dirname "$0")/pg_address.sh"

# Custom format: compressed, restorable table by table, consistent in one snapshot.
pg_dump --format=custom --no-owner --no-privileges --dbname="$dsn" \
    --file="$work/database.dump"

for pair in "media:$media" "media-private:$private"; do
    name=${pair%%:*} folder=${pair#*:}
    if [ -n "$folder" ] && [ -d "$folder" ]; then
        tar -C "$folder" -czf "$work/$name.tar.gz" .
    fi
done

# Encrypted for a key kept off the server, when one is named.
for file in "$work"/*; do
    if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
        gpg --batch --yes --trust-model always --recipient "$BACKUP_GPG_RECIPIENT" \
            --output "$file.gpg" --encrypt "$file"
        rm -f "$file"
    elif [ -n "${BACKUP_AGE_RECIPIENT:-}" ]; then
        age --recipient "$BACKUP_AGE_RECIPIENT" --output "$file.age" "$file"
        rm -f "$file"
    fi
done

(cd "$work" && sha256sum -- * > SHA256SUMS)
mv "$work" "$target"
trap - ERR

# Keep the newest $keep backups.
ls -1d "$target_root"/techcamp-2* 2>/dev/null | sort | head -n -"$keep" | xargs -r rm -rf
echo "backup written: $target"
