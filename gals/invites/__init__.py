"""Inviting a parent: a code (or its link) that makes a guardian account for one family.

Parents often have no email; many have a phone. A facilitator makes an invitation
tied to one household and one girl; the parent types the code (or opens the link)
and makes an account with a phone number (stored as E.164, +996...) or an email.
The account is linked to that household only, so she sees her own daughters and
nothing of any other family.
"""

from __future__ import annotations

import datetime

import phonenumbers
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core import accounts as kernel_accounts
from cms.core.audit import record
from cms.core.models import AuditEvent, Role
from gals.models import GuardianInvite, Household, HouseholdMember

INVITE_DAYS = 14
PHONE_REGION = "KG"


class InviteError(ValidationError):
    """The code cannot be used; the message says why, without naming the family."""


def create_invite(household: Household, girl, family_role: str, by) -> GuardianInvite:
    """An invitation for a parent of ``girl`` in ``household``, valid for two weeks."""
    if not household.girls.filter(pk=girl.pk).exists():
        raise ValidationError(_("This girl is not in this household."))
    if family_role not in HouseholdMember.FamilyRole.values or (
        family_role == HouseholdMember.FamilyRole.GIRL
    ):
        raise ValidationError(_("Choose who the parent is in the family."))
    invite = GuardianInvite.objects.create(
        household=household,
        girl=girl,
        family_role=family_role,
        created_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITE_DAYS),
    )
    record(by, AuditEvent.Action.CREATED, invite, household=household.pk)
    return invite


def normalise_code(code: str) -> str:
    """What a parent types from a paper slip: spaces, dashes and case do not matter."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:20]


def find_usable(queryset, code: str, *, unknown: str, used: str, expired: str):
    """The code's row in ``queryset`` if it can still be used, else ``InviteError`` with
    the matching message. Every one-time code a parent types (an invitation, a password
    reset code) is checked here: wrong, used, expired, in that order."""
    row = queryset.filter(code=normalise_code(code)).first()
    if row is None:
        raise InviteError(unknown)
    if row.used_at is not None:
        raise InviteError(used)
    if row.expires_at <= timezone.now():
        raise InviteError(expired)
    return row


def find_invite(code: str) -> GuardianInvite:
    """The usable invitation with this code, or ``InviteError`` saying why not."""
    return find_usable(
        GuardianInvite.objects.all(), code,
        unknown=_("This code is not valid. Check it, or ask the facilitator."),
        used=_("This invitation has already been used. Sign in, or ask the facilitator "
               "for a new one."),
        expired=_("This invitation has expired. Ask the facilitator for a new one."),
    )


def normalise_phone(raw: str) -> str:
    """A Kyrgyz (or international) phone number as E.164, "+996700123456"."""
    try:
        number = phonenumbers.parse(raw, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("This is not a phone number. Write it like 0700 123 456 or +996 700 123 456.")
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist. Write it like 0700 123 456 or +996 700 123 456.")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_contact(phone: str, email: str) -> tuple[str, str]:
    User = get_user_model()
    phone, email = (phone or "").strip(), (email or "").strip().lower()
    if not phone and not email:
        raise ValidationError(_("Write a phone number or an email address."))
    if phone:
        phone = normalise_phone(phone)
        if User.objects.filter(username=phone).exists() or User.objects.filter(
            phone=phone
        ).exists():
            raise ValidationError(
                _("An account with this phone number exists. Sign in with it instead.")
            )
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError(_("This email address is not valid.")) from error
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("An account with this email exists. Sign in with it instead.")
            )
    return phone, email


def _join(invite: GuardianInvite, user) -> HouseholdMember:
    member = HouseholdMember.objects.filter(household=invite.household, user=user).first()
    if member is None:
        # The facilitator may have written this parent down already (a father without an
        # account): the account joins that line instead of adding the same parent twice.
        unlinked = list(HouseholdMember.objects.filter(
            household=invite.household, family_role=invite.family_role, user__isnull=True,
        )[:2])
        if len(unlinked) == 1:
            member = unlinked[0]
            member.user = user
            member.name = member.name or user.first_name
            member.save(update_fields=["user", "name"])
    if member is None:
        member = HouseholdMember.objects.create(
            household=invite.household, family_role=invite.family_role, user=user,
            name=user.first_name,
        )
    invite.household.girls.add(invite.girl)
    invite.used_at = timezone.now()
    invite.used_by = user
    invite.save(update_fields=["used_at", "used_by"])
    record(user, AuditEvent.Action.CHANGED, invite, used=True, household=invite.household_id)
    return member


@transaction.atomic
def accept_invite(code: str, *, first_name: str, phone: str, email: str, password: str):
    """Make the parent's account from an invitation; returns the new user.

    With a phone number, the number (E.164) is her username: she signs in with it.
    With an email only, she signs in with the email. All or nothing: a used or
    expired code, a taken number or a weak password changes nothing.
    """
    invite = find_invite(code)
    invite = GuardianInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.used_at is not None:
        raise InviteError(_("This invitation has already been used."))
    first_name = " ".join((first_name or "").split())
    if not first_name or len(first_name) > 50:
        raise ValidationError(_("Write your first name."))
    phone, email = _check_contact(phone, email)
    User = get_user_model()
    username = phone or kernel_accounts.unique_username(first_name, "")
    user = User(username=username, first_name=first_name, phone=phone, email=email)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=Role.GUARDIAN))
    if email:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    record(user, AuditEvent.Action.CREATED, user, role=Role.GUARDIAN)
    _join(invite, user)
    return user


@transaction.atomic
def link_existing_guardian(code: str, user) -> HouseholdMember:
    """A parent who already has an account (another daughter) accepts an invitation."""
    if not user.has_role(Role.GUARDIAN):
        raise InviteError(_("Only a parent's account can accept this invitation."))
    invite = find_invite(code)
    invite = GuardianInvite.objects.select_for_update().get(pk=invite.pk)
    return _join(invite, user)


#: A code printed on a family sheet is left valid at least this long: paper travels
#: slowly to a village, so a code about to expire is replaced by a new one.
SHEET_INVITE_MIN_DAYS = 7


def invite_for_sheet(household: Household, by) -> GuardianInvite | None:
    """The invitation code printed on the household's family sheet.

    An unused code of this household with a week or more left is printed again;
    otherwise a new one is made through ``create_invite``, for the household's first
    girl and a member written down without an account (a parent on paper), or as
    "other relative". None when the household has no girl yet.
    """
    still_valid = timezone.now() + datetime.timedelta(days=SHEET_INVITE_MIN_DAYS)
    invite = (
        GuardianInvite.objects.filter(
            household=household, used_at__isnull=True, expires_at__gt=still_valid,
            girl__in=household.girls.all(),
        ).order_by("-expires_at", "-pk").first()
    )
    if invite is not None:
        return invite
    girl = household.girls.order_by("first_name", "pk").first()
    if girl is None:
        return None
    on_paper = (
        household.members.filter(user__isnull=True)
        .exclude(family_role__in=[HouseholdMember.FamilyRole.GIRL,
                                  HouseholdMember.FamilyRole.BROTHER,
                                  HouseholdMember.FamilyRole.SISTER])
        .order_by("pk").first()
    )
    role = on_paper.family_role if on_paper else HouseholdMember.FamilyRole.OTHER
    return create_invite(household, girl, role, by)
