"""Make the certificates' Ed25519 signing key, or the next one when rotating.

Writes the private key to a file only its owner reads and prints the settings to set.
When a key is already configured, it also prints CERTIFICATE_RETIRED_KEYS with that
key's public half added (valid until today): certificates signed with it stay valid.
"""

import json
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from camp.certificates import signing


class Command(BaseCommand):
    help = "Make a new Ed25519 signing key for certificates (first key, or a rotation)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the private key (a new file)")

    def handle(self, *args, path, **options):
        target = Path(path)
        try:
            pem = signing.write_private_key(target)
        except FileExistsError as error:
            raise CommandError(f"{target} exists: a key is never overwritten.") from error
        new = signing.key_id_of(signing.load_private_key(pem).public_key())
        today = timezone.localdate()
        self.stdout.write(f"New key {new} written to {target} (mode 600).")
        self.stdout.write("Set on every app server, then restart them:")
        self.stdout.write(f"  CERTIFICATE_SIGNING_KEY={target.resolve()}")
        self.stdout.write(f"  CERTIFICATE_KEY_VALID_FROM={today.isoformat()}")
        try:
            keys = signing.public_keys()
        except ImproperlyConfigured:
            return
        retired = []
        for key in keys.values():
            entry = key.as_json()
            entry["valid_until"] = entry["valid_until"] or today.isoformat()
            retired.append({name: entry[name]
                            for name in ("public_key", "valid_from", "valid_until")})
        self.stdout.write("  CERTIFICATE_RETIRED_KEYS='" + json.dumps(retired) + "'")
