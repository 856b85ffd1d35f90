"""Who may handle girls' accounts and records in a camp (registered via camp/rules.py).

One rule for a child's record: a girl's account (username, PIN, login card), her
record page (birth year, grade, consent and assent), the notes written about her
(why she was withdrawn), the export of everything about her and her anonymisation
belong to the people who look after her: her camp's own facilitators and the
superusers (the administrators, who answer data requests). Export and anonymisation
need a written reason, kept in the audit log (``cms.core.personal_data``).

Programme managers see girls' names, attendance and progress across camps
(``camp.view`` in camp/rules.py) and keep what is not a child's record: places,
camps, schools and the figures. They never reach a girl's record, notes, photos,
export or anonymisation, nor reset her PIN, in any camp. Girls, guardians,
partners, editors and other camps' facilitators: never.
"""

from camp.models import Camp, Enrolment
from cms.core.models import Role
from cms.core.permissions import holds, rule


def looks_after(user, camp) -> bool:
    """The one rule: a superuser, or a facilitator of this camp
    (``Camp.objects.looked_after_by``)."""
    return holds(Camp.objects.looked_after_by(user), camp)


@rule("camp.girls_records")
def girls_records(user, camp) -> bool:
    """The camp's girls' records as a whole: who sees the notes on a camp's pages."""
    return looks_after(user, camp)


@rule("camp.manage_accounts")
def manage_accounts(user, camp) -> bool:
    """Create girls' accounts, see their usernames, print cards (a card carries a PIN)."""
    return looks_after(user, camp)


@rule("camp.signin_device")
def signin_device(user, camp) -> bool:
    """Turn a phone into this camp's sign-in device."""
    return looks_after(user, camp)


def _her_camp(user, enrolment) -> bool:
    """Her place is in a camp she looks after (``Enrolment.objects.looked_after_by``)."""
    return holds(Enrolment.objects.looked_after_by(user), enrolment)


@rule("camp.consent_sheet")
def consent_sheet(user, camp) -> bool:
    """The camp's consent sheet: every girl's consent and assent, ticked and saved once."""
    return looks_after(user, camp)


@rule("camp.view_girl")
def view_girl(user, enrolment) -> bool:
    """Her record page: account, birth year, grade, consent and assent."""
    return _her_camp(user, enrolment)


@rule("camp.record_consent")
def record_consent(user, enrolment) -> bool:
    return _her_camp(user, enrolment)


@rule("camp.export_girl")
def export_girl(user, enrolment) -> bool:
    """Everything about her, on her or her family's request (with a reason)."""
    return _her_camp(user, enrolment)


@rule("camp.anonymise_girl")
def anonymise_girl(user, enrolment) -> bool:
    """Remove what names her, on request (with a reason)."""
    return _her_camp(user, enrolment)


@rule("camp.reset_pin")
def reset_pin(user, enrolment) -> bool:
    return _her_camp(user, enrolment)


@rule("camp.receive_unconfirmed")
def receive_unconfirmed(user, obj=None) -> bool:
    """Take over, from a shared phone she is signed in on, the writes of names picked
    without signal that were never confirmed (camp/shared_phone.py). Which of them are
    kept is decided girl by girl: only those of the camps she looks after."""
    return user.is_superuser or user.has_role(Role.FACILITATOR)


@rule("camp.unconfirmed_writes")
def unconfirmed_writes(user, camp) -> bool:
    """Read and discard a camp's unconfirmed writes: they name a girl, like her record."""
    return looks_after(user, camp)
