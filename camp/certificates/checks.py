"""System checks: a server that cannot sign or check certificates does not start."""

from django.core import checks


@checks.register(checks.Tags.security)
def check_signing_keys(app_configs=None, **kwargs):
    """The signing key loads and the retired public keys are readable."""
    from . import signing

    try:
        signing.private_key()
    except Exception as error:
        return [checks.Error(
            f"The certificates' signing key cannot be read: {error}",
            hint="Set CERTIFICATE_SIGNING_KEY to an Ed25519 PEM file made by "
                 "`manage.py make_signing_key`.",
            id="certificates.E001",
        )]
    try:
        signing.public_keys()
    except Exception as error:
        return [checks.Error(
            f"CERTIFICATE_RETIRED_KEYS cannot be read: {error}",
            hint='A JSON list of {"public_key", "valid_from", "valid_until"}.',
            id="certificates.E002",
        )]
    return []
