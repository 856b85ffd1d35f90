"""Households and their members: the families GALS works with.

Most members have no account; a guardian who signs in is a member whose
``user`` is set. What a guardian may see follows from these links only.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from camp.certificates.codes import display as display_code
from camp.certificates.codes import new_code as new_certificate_code
from cms.core.blocks import TextItemBlock
from cms.core.models import BasePage
from courses.storage import private_storage

#: A session belongs to a camp or names its community: said by the form and the
#: service, kept by the database.
CAMP_OR_COMMUNITY = _("Choose the camp or name the community of the session.")


def household_code() -> str:
    """A pseudonymous code for surveys and exports: no name in it."""
    return "H" + secrets.token_hex(4).upper()


def _signed_in(user) -> bool:
    return bool(getattr(user, "pk", None))


def _camps_run_by(user):
    from camp.models import Camp

    return Camp.objects.run_by(user)


class HouseholdQuerySet(models.QuerySet):
    """Which households a person reaches. ``gals/rules.py`` asks these same querysets,
    so the parents' page, the facilitator's GALS page and ``can()`` agree."""

    def of_guardian(self, user):
        """The households in which she is a member with an account."""
        if not _signed_in(user):
            return self.none()
        return self.filter(members__user=user).distinct()

    def facilitated_by(self, user):
        """Households of the camps she runs, and those invited to the sessions she leads."""
        if not _signed_in(user):
            return self.none()
        return self.filter(
            models.Q(camp__in=_camps_run_by(user)) | models.Q(gals_sessions__facilitator=user)
        ).distinct()

    def visible_to(self, user):
        """A family's private record: its guardians and its facilitators."""
        if not _signed_in(user):
            return self.none()
        return self.filter(
            models.Q(pk__in=self.model.objects.of_guardian(user).values("pk"))
            | models.Q(pk__in=self.model.objects.facilitated_by(user).values("pk"))
        )

    def invited_to(self, session):
        """The session's camp's households and any invited one by one."""
        query = models.Q(gals_sessions=session)
        if session.camp_id:
            query |= models.Q(camp_id=session.camp_id)
        return self.filter(query).distinct()


class GalsSessionQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Sessions she leads or that belong to a camp she runs."""
        if not _signed_in(user):
            return self.none()
        return self.filter(
            models.Q(facilitator=user) | models.Q(camp__in=_camps_run_by(user))
        ).distinct()

    def inviting(self, household):
        """The sessions a household is invited to: its camp's, and those it was invited
        to one by one (the twin of ``Household.objects.invited_to``)."""
        query = models.Q(households=household)
        if household.camp_id:
            query |= models.Q(camp_id=household.camp_id)
        return self.filter(query).distinct()


class Household(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, default=household_code)
    camp = models.ForeignKey(
        "camp.Camp",
        verbose_name=_("camp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="households",
    )
    girls = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("girls"), related_name="households", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.code


class HouseholdMember(models.Model):
    class FamilyRole(models.TextChoices):
        MOTHER = "mother", _("mother")
        FATHER = "father", _("father")
        GRANDMOTHER = "grandmother", _("grandmother")
        GRANDFATHER = "grandfather", _("grandfather")
        BROTHER = "brother", _("brother")
        SISTER = "sister", _("sister")
        GIRL = "girl", _("the girl herself")
        OTHER = "other", _("other relative")

    class AgeBand(models.TextChoices):
        UNDER_18 = "u18", _("under 18")
        ADULT = "18-39", _("18 to 39")
        MIDDLE = "40-59", _("40 to 59")
        ELDER = "60+", _("60 and over")

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    family_role = models.CharField(
        _("role in the family"), max_length=20, choices=FamilyRole.choices
    )
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="household_memberships",
    )

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            # Joining twice with the same account links the member already there.
            models.UniqueConstraint(
                fields=["household", "user"], condition=models.Q(user__isnull=False),
                name="one_membership_per_account",
                violation_error_message=_("This account is already a member of this family."),
            )
        ]

    def __str__(self):
        return self.name or self.get_family_role_display()


def invite_code() -> str:
    """Eight characters a parent can type from a paper slip: no 0/O or 1/I confusion."""
    alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class GuardianInvite(models.Model):
    """An invitation for a parent to make an account tied to one household and girl."""

    code = models.CharField(_("code"), max_length=20, unique=True, default=invite_code)
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="invites"
    )
    girl = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="guardian_invites",
    )
    family_role = models.CharField(
        _("role in the family"), max_length=20, choices=HouseholdMember.FamilyRole.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("guardian invitation")
        verbose_name_plural = _("guardian invitations")

    def __str__(self):
        return self.code


# --- GALS tool guides (CMS pages) ---------------------------------------------------


class Tool(models.TextChoices):
    """The GALS tools the programme uses; each is one drawing on one sheet."""

    VISION_JOURNEY = "vision_journey", _("Vision Journey")
    BALANCE_TREE = "balance_tree", _("Gender Balance Tree")
    CHALLENGE_TREE = "challenge_tree", _("Challenge Action Tree")
    DIAMOND = "diamond", _("Diamond")
    LEADERSHIP_MAP = "leadership_map", _("Leadership Map")


class GalsToolPage(BasePage):
    """How to run one GALS tool with families: purpose, steps, materials, time, tips.

    The illustration is a drawing of the project's own, chosen by the tool; it has no
    words in it, so one drawing serves both languages (GALS draws instead of writing).
    """

    parent_page_types = ["cms.StandardPage"]
    subpage_types: list[str] = []

    tool = models.CharField(_("tool"), max_length=30, choices=Tool.choices)
    purpose = models.TextField(_("purpose"))
    time_needed = models.CharField(
        _("time needed"), max_length=100, help_text=_("For example: about two hours.")
    )
    illustration_alt = models.CharField(
        _("what the drawing shows"),
        max_length=300,
        help_text=_("A text alternative for the drawing, for someone who cannot see it."),
    )
    materials = StreamField(
        [("item", TextItemBlock())], blank=True, verbose_name=_("materials")
    )
    steps = StreamField([("step", TextItemBlock())], verbose_name=_("steps"))
    tips = StreamField(
        [("tip", TextItemBlock())], blank=True, verbose_name=_("tips for the facilitator")
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("steps"),
    ]
    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [FieldPanel("tool"), FieldPanel("time_needed"), FieldPanel("illustration_alt")],
            heading=_("Tool"),
        ),
        FieldPanel("intro"),
        FieldPanel("purpose"),
        FieldPanel("materials"),
        FieldPanel("steps"),
        FieldPanel("tips"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("GALS tool guide")
        verbose_name_plural = _("GALS tool guides")

    @property
    def illustration(self) -> str:
        """The static path of this tool's drawing."""
        return f"gals/tools/{self.tool}.svg"


# --- Sessions, replies and the roll call --------------------------------------------


class GalsSession(models.Model):
    """A family session, run for a camp's households or for a community."""

    camp = models.ForeignKey(
        "camp.Camp",
        verbose_name=_("camp"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="gals_sessions",
    )
    community = models.CharField(
        _("community"),
        max_length=150,
        blank=True,
        help_text=_("The village or community, for a session that belongs to no camp."),
    )
    households = models.ManyToManyField(
        Household,
        verbose_name=_("households invited"),
        blank=True,
        related_name="gals_sessions",
        help_text=_("Besides the households of the camp."),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=120)
    venue = models.CharField(_("venue"), max_length=200)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="gals_sessions",
    )
    tools = models.JSONField(_("tools used"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GalsSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("GALS session")
        verbose_name_plural = _("GALS sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(camp__isnull=False) | ~models.Q(community=""),
                name="session_of_a_camp_or_a_community",
                violation_error_message=CAMP_OR_COMMUNITY,
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.venue}"

    def tool_labels(self) -> list[str]:
        labels = dict(Tool.choices)
        return [str(labels[key]) for key in self.tools if key in labels]


class SessionReply(models.Model):
    """A family's answer to an invitation: who will come, for chairs and paper."""

    session = models.ForeignKey(
        GalsSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="replies"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="replies"
    )
    coming = models.BooleanField(_("we will come"), default=True)
    members = models.ManyToManyField(
        HouseholdMember, verbose_name=_("who will come"), blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answer recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("family's answer")
        verbose_name_plural = _("families' answers")
        constraints = [
            models.UniqueConstraint(fields=["session", "household"], name="one_reply_per_family")
        ]

    def __str__(self):
        return f"{self.household_id} → {self.session_id}"


class SessionAttendance(models.Model):
    """One family member at one session; the roll call is taken by household."""

    session = models.ForeignKey(
        GalsSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        HouseholdMember,
        verbose_name=_("family member"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    present = models.BooleanField(_("present"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("attendance at a GALS session")
        verbose_name_plural = _("attendance at GALS sessions")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_mark_per_member")
        ]

    def __str__(self):
        return f"{self.member_id} @ {self.session_id}"


class RollCall(models.Model):
    """A submitted roll call for one household: its client id makes a replay count once."""

    client_id = models.UUIDField(_("client id"), primary_key=True)
    session = models.ForeignKey(GalsSession, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.client_id)


# --- What a household records: notes, vision, drawings, commitments -----------------
#
# These records are the family's, not the session's: deleting a session keeps them.


class SessionRecord(models.Model):
    """What one household drew and said at one session. Private to the family and
    its facilitators: drawings can reveal violence or disputes."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="records"
    )
    session = models.ForeignKey(
        GalsSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    held_on = models.DateField(_("date"))
    tool = models.CharField(_("tool"), max_length=30, choices=Tool.choices, blank=True)
    vision = models.TextField(_("the family's vision"), blank=True)
    discussion = models.TextField(_("what the family discussed"), blank=True)
    concerns = models.TextField(_("what needs attention"), blank=True)
    shared_with = models.TextField(
        _("whom they will share the tools with"), blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session record")
        verbose_name_plural = _("session records")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "session"], name="one_record_per_family_and_session"
            )
        ]

    def __str__(self):
        return f"{self.household_id} · {self.held_on}"


def drawing_path(instance, filename: str) -> str:
    """A name that says nothing about the family and cannot be guessed."""
    return f"gals/drawings/{secrets.token_hex(16)}.jpg"


class DrawingPhoto(models.Model):
    """A photo of a family's drawing: EXIF removed, resized, kept in the private
    storage (no public URL) and served only through a view that checks who asks and
    writes the audit log."""

    record = models.ForeignKey(
        SessionRecord, verbose_name=_("session record"), on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.FileField(_("photo"), upload_to=drawing_path, storage=private_storage)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("photo of a drawing")
        verbose_name_plural = _("photos of drawings")

    def __str__(self):
        return f"{self.record_id} · {self.pk}"


class Commitment(models.Model):
    """A concrete change a family promises: what, who in the family, by when."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE,
        related_name="commitments",
    )
    session = models.ForeignKey(
        GalsSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    what = models.CharField(_("what"), max_length=300)
    who = models.ForeignKey(
        HouseholdMember,
        verbose_name=_("who in the family"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text=_("Leave empty when the whole family commits."),
    )
    due_on = models.DateField(_("by when"))
    made_on = models.DateField(_("made on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.what


class FollowUp(models.Model):
    """The facilitator's check on a commitment: achieved, partly or not yet, and why."""

    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly")
        NOT_YET = "not_yet", _("not yet")

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.TextField(_("why"), blank=True)
    checked_on = models.DateField(_("checked on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["checked_on", "pk"]
        indexes = [
            # "The latest follow-up of each commitment", read for thousands of
            # commitments at once by the impact figures: one index step each.
            models.Index(fields=["commitment", "-checked_on", "-id"],
                         name="latest_follow_up"),
        ]

    def __str__(self):
        return f"{self.commitment_id}: {self.status}"


class BalanceReading(models.Model):
    """The Gender Balance Tree indicators of a household, at baseline and each review.

    The first reading of a household is its baseline; later ones are reviews.
    """

    class Share(models.TextChoices):
        WOMEN = "women", _("women only")
        MOSTLY_WOMEN = "mostly_women", _("mostly women")
        SHARED = "shared", _("women and men equally")
        MOSTLY_MEN = "mostly_men", _("mostly men")
        MEN = "men", _("men only")

    class Education(models.TextChoices):
        FATHER = "father", _("the father")
        MOTHER = "mother", _("the mother")
        PARENTS = "parents", _("both parents together")
        WITH_GIRL = "with_girl", _("the parents together with the girl")
        GIRL = "girl", _("the girl herself")
        OTHERS = "others", _("other relatives")

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE,
        related_name="balance_readings",
    )
    session = models.ForeignKey(
        GalsSession, verbose_name=_("session"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    recorded_on = models.DateField(_("date"))
    housework = models.CharField(_("who does the housework"), max_length=20, choices=Share.choices)
    money = models.CharField(_("who decides about money"), max_length=20, choices=Share.choices)
    education = models.CharField(
        _("who decides about the girl's education"), max_length=20, choices=Education.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("Gender Balance Tree indicators")
        verbose_name_plural = _("Gender Balance Tree indicators")
        ordering = ["recorded_on", "pk"]

    def __str__(self):
        return f"{self.household_id} · {self.recorded_on}"


# --- Parents' attitude survey -------------------------------------------------------


class AttitudeItem(TranslatableMixin, models.Model):
    """One statement of the parents' survey, answered from 1 (disagree) to 5 (agree).

    Written and translated by programme staff in the admin; answers are keyed by the
    item's translation key, so a Kyrgyz and a Russian answer count as one item.
    """

    text = models.CharField(_("statement"), max_length=300)
    reverse_scored = models.BooleanField(
        _("reverse scored"),
        default=False,
        help_text=_("Agreeing shows a less supportive attitude: the score is turned round."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("reverse_scored"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("parents' survey statement")
        verbose_name_plural = _("parents' survey statements")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text


class AttitudeResponse(models.Model):
    """One family member's answers, before or after: kept under the household's
    pseudonymous code, never a name."""

    class Phase(models.TextChoices):
        BEFORE = "before", _("before the camp")
        AFTER = "after", _("after the camp")

    household_code = models.CharField(_("household code"), max_length=20, db_index=True)
    phase = models.CharField(_("when"), max_length=10, choices=Phase.choices)
    respondent_role = models.CharField(
        _("role in the family"), max_length=20, choices=HouseholdMember.FamilyRole.choices
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("parents' survey answers")
        verbose_name_plural = _("parents' survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["household_code", "phase", "respondent_role"],
                name="one_survey_per_family_role_and_phase",
            )
        ]

    def __str__(self):
        return f"{self.household_code} · {self.phase}"


class AttitudeAnswer(models.Model):
    response = models.ForeignKey(
        AttitudeResponse, on_delete=models.CASCADE, related_name="answers"
    )
    item_key = models.UUIDField(_("statement"))
    value = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item_key"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="answer_on_the_scale"
            ),
        ]

    def __str__(self):
        return f"{self.item_key}: {self.value}"



class FamilyCertificate(models.Model):
    """A household's GALS participation certificate, earned by attending family sessions.

    Its code is drawn from the same alphabet as the girls' certificates and is checked
    on the same verification page; it stays with the certificate for life.
    """

    code = models.CharField(
        _("verification code"), max_length=11, unique=True, default=new_certificate_code,
        editable=False,
    )
    household = models.OneToOneField(
        Household, verbose_name=_("household"), on_delete=models.CASCADE,
        related_name="certificate",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))
    #: The first and last session the family attended, as they were when it was issued:
    #: printed and signed, so a later session changes neither the paper nor its signature.
    first_session = models.DateField(_("first session"), null=True, blank=True,
                                     editable=False)
    last_session = models.DateField(_("last session"), null=True, blank=True, editable=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The Ed25519 signature over its facts, as on a girl's certificate
    # (camp.certificates.signing; the facts: gals.certificates.signed_facts).
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    key_id = models.CharField(_("key id"), max_length=32, blank=True, editable=False)
    signature = models.CharField(_("signature"), max_length=100, blank=True, editable=False)
    #: The QR code's own signature over what the paper prints (gals.certificates.FAMILY_QR).
    qr_signature = models.CharField(_("QR code signature"), max_length=100, blank=True,
                                    editable=False)

    class Meta:
        verbose_name = _("family certificate")
        verbose_name_plural = _("family certificates")

    def __str__(self):
        return self.display_code

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None


class PasswordResetCode(models.Model):
    """A one-time code a facilitator gives a parent who forgot her password and has no
    email: made and checked like an invitation code (``gals.invites``)."""

    code = models.CharField(_("code"), max_length=20, unique=True, default=invite_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("parent"), on_delete=models.CASCADE,
        related_name="password_reset_codes",
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE,
        related_name="password_reset_codes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset code")
        verbose_name_plural = _("password reset codes")

    def __str__(self):
        return self.code


class DataRequest(models.Model):
    """A parent's request for her daughter's data: a copy (export) or its erasure.

    Kyrgyz law on personal information wants it answered in time: it is due
    ``DATA_REQUEST_DAYS`` days after it was made and stays on the list of the people
    who answer it (``gals.data_requests``) until one of them does."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("a copy of her data")
        ERASE = "erase", _("erasure of her data")

    girl = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    due_on = models.DateField(_("to answer by"))
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        indexes = [models.Index(fields=["answered_at", "due_on"], name="gals_datareq_open")]
        constraints = [
            # Asking twice for the same thing makes one request (``data_requests.ask``).
            models.UniqueConstraint(
                fields=["girl", "kind"], condition=models.Q(answered_at__isnull=True),
                name="one_open_data_request_per_kind",
                violation_error_message=_("The same request for her is already open."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today
