"""A way back in without email: a one-time code that lets a parent set a new password.

Parents who signed up with a phone number have no email to receive a reset link. A
facilitator of her daughter's camp gives her a code (on paper, or read out on the
phone); she types it (or opens its link) and chooses a new password. The code is made
and checked like an invitation code (``gals.invites``): eight characters from an
alphabet without look-alikes, single use, expiring. Girls' PINs are reset by their
facilitator as before (``camp.accounts.reset_pin``); this is for guardians only.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.audit import record
from cms.core.models import AuditEvent, Role
from cms.core.signin import clear_failures

from .invites import InviteError, find_usable
from .models import HouseholdMember, PasswordResetCode

#: A reset code is valid for three days: long enough to reach a village on paper,
#: short enough that a lost slip soon stops working.
RESET_DAYS = 3


def may_receive_code(member: HouseholdMember) -> bool:
    """Only a parent's account: never a girl's, a facilitator's or an administrator's,
    which a facilitator must not be able to take over through a family's line."""
    user = member.user
    if user is None or not user.is_active or user.is_superuser or user.is_staff:
        return False
    return user.roles == {Role.GUARDIAN}


@transaction.atomic
def give_code(member: HouseholdMember, by) -> PasswordResetCode:
    """A new code for the parent of ``member``; her earlier unused codes stop working."""
    if not may_receive_code(member):
        raise ValidationError(_("Only a parent's account can get a password code."))
    now = timezone.now()
    PasswordResetCode.objects.filter(user=member.user, used_at__isnull=True).update(
        expires_at=now
    )
    code = PasswordResetCode.objects.create(
        user=member.user, household=member.household, created_by=by,
        expires_at=now + datetime.timedelta(days=RESET_DAYS),
    )
    record(by, AuditEvent.Action.CREATED, code, household=member.household_id)
    return code


def find_code(code: str) -> PasswordResetCode:
    """The usable reset code, or ``InviteError`` saying (translated) why not."""
    return find_usable(
        PasswordResetCode.objects.select_related("user"), code,
        unknown=_("This code is not valid. Check it, or ask the facilitator."),
        used=_("This code has already been used. Sign in, or ask the facilitator for a "
               "new one."),
        expired=_("This code has expired. Ask the facilitator for a new one."),
    )


@transaction.atomic
def set_password(code: str, password: str):
    """Use the code: the parent's new password, checked like any other; returns her
    account. A weak password or a used code changes nothing."""
    found = find_code(code)
    found = PasswordResetCode.objects.select_for_update().select_related("user").get(
        pk=found.pk
    )
    if found.used_at is not None:
        raise InviteError(_("This code has already been used."))
    user = found.user
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    clear_failures(user)
    record(user, AuditEvent.Action.CHANGED, found, used=True, password_set=True)
    return user
