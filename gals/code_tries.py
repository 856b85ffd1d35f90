"""One budget of code look-ups per address, for invitation and password codes alike:
whoever guesses codes may try either page, so both count against the same limit."""

from django.utils.translation import gettext_lazy as _

from cms.core import throttle
from cms.core.client_address import client_ip

#: Code look-ups per address: as many as the certificate check allows a school's
#: shared connection, far too few to guess an eight-character code.
CODE_LIMIT = 30
CODE_WINDOW = 10 * 60
TOO_MANY = _("Too many codes were tried from here. Wait ten minutes, then try again.")


def too_many_tries(request) -> bool:
    """Count this look-up; True once the address is over its budget."""
    return throttle.over_limit(f"gals:code-tries:{client_ip(request) or 'unknown'}",
                               CODE_LIMIT, CODE_WINDOW)
