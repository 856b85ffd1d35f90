"""Places, camps and their days, enrolment and attendance.

A camp is planned from a curriculum: each of its days points at one of the
curriculum's day pages, so the facilitator's view of "today" shows that day's
lessons and equipment list.
"""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedName(models.Model):
    """A place name in Kyrgyz and Russian; ``name`` answers in the active language."""

    name_ky = models.CharField(_("name in Kyrgyz"), max_length=150)
    name_ru = models.CharField(_("name in Russian"), max_length=150)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_ru if get_language() == "ru" else self.name_ky


class Region(TranslatedName):
    """An oblast, or one of the two cities of republican status (Bishkek, Osh)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_ky"]


class District(TranslatedName):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="districts"
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name_ky"]


class School(models.Model):
    """A school or other venue. A village, never coordinates or an address."""

    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="schools"
    )
    name = models.CharField(_("name"), max_length=200)
    village = models.CharField(_("village"), max_length=150)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    # A facilitator may add a school that is not in the list while she plans a camp;
    # it serves her camp at once and waits for a programme manager to approve it
    # (docs/places.md). Schools kept by managers are approved from the start.
    approved = models.BooleanField(
        _("approved"), default=True,
        help_text=_("Schools added by facilitators from the camp form wait for approval."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("school or venue")
        verbose_name_plural = _("schools and venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.village})"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def default_days_off() -> list[int]:
    return [Weekday.SUNDAY]


class WeekdaysField(models.JSONField):
    """A list of weekday numbers (Monday is 0), edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Weekday.choices,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=self.verbose_name,
            help_text=self.help_text,
        )


#: Rules about stored data, kept by the database (``Meta.constraints``) and said first,
#: in these words, by the forms and services that write the rows.
NEEDS_A_PLACE = _("A camp needs at least one place.")
DAY_ENDS_AFTER_IT_STARTS = _("The day must end after it starts.")
SHARE_AT_MOST_ALL = _("A share cannot be more than 100%.")


def _signed_in(user) -> bool:
    return bool(getattr(user, "pk", None)) and getattr(user, "is_active", False)


def sees_every_camp(user) -> bool:
    """Administrators and programme managers see every camp (``camp.see_every_camp``)."""
    from cms.core.models import Role

    return _signed_in(user) and (user.is_superuser or user.has_role(Role.MANAGER))


class CampQuerySet(models.QuerySet):
    """Which camps a person reaches: the rules in ``camp/rules.py`` ask these same
    querysets (through ``cms.core.permissions.holds``), so a list never shows a camp that
    ``can()`` refuses, nor hides one it allows."""

    def run_by(self, user):
        """The camps she runs: she is a facilitator, and one of the camp's."""
        from cms.core.models import Role

        if not _signed_in(user) or not user.has_role(Role.FACILITATOR):
            return self.none()
        return self.filter(facilitators=user)

    def viewable_by(self, user):
        """A camp's plan, girls and attendance: the programme's managers and the
        administrators see every camp, a facilitator the camps she runs."""
        if sees_every_camp(user):
            return self.all()
        return self.run_by(user)

    def looked_after_by(self, user):
        """The camps whose girls' records she keeps: the administrators, and the camp's
        own facilitators (never a manager: accounts/rules.py)."""
        if _signed_in(user) and user.is_superuser:
            return self.all()
        return self.run_by(user)


class EnrolmentQuerySet(models.QuerySet):
    """Girls' places in camps: by status, and by who may reach them."""

    def enrolled(self):
        """Girls who hold a place (not waiting, not withdrawn): the roll, the counts."""
        return self.filter(status=Enrolment.Status.ENROLLED)

    def waiting(self):
        return self.filter(status=Enrolment.Status.WAITING)

    def current(self):
        """Enrolled or waiting: every place but a withdrawn one."""
        return self.exclude(status=Enrolment.Status.WITHDRAWN)

    def in_camps_run_by(self, user):
        """Places in the camps she runs, whatever their status."""
        return self.filter(camp__in=Camp.objects.run_by(user))

    def looked_after_by(self, user):
        """Girls' records she keeps (account, consent, export, anonymisation, PIN)."""
        return self.filter(camp__in=Camp.objects.looked_after_by(user))


class Camp(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    school = models.ForeignKey(
        School, verbose_name=_("school or venue"), on_delete=models.PROTECT, related_name="camps"
    )
    curriculum = models.ForeignKey(
        "courses.CurriculumPage",
        verbose_name=_("curriculum"),
        on_delete=models.PROTECT,
        related_name="camps",
    )
    language = models.CharField(
        _("language of instruction"), max_length=5, choices=settings.LANGUAGES, default="ky"
    )
    start_date = models.DateField(_("start date"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=30)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_camps",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    min_days_for_certificate = models.PositiveSmallIntegerField(
        _("days to attend for a certificate"), default=5
    )
    min_core_lessons_percent = models.PositiveSmallIntegerField(
        _("share of core lessons to complete for a certificate (%)"), default=100
    )
    days_off = WeekdaysField(
        _("days off"),
        default=default_days_off,
        blank=True,
        help_text=_("Weekdays with no camp day; the plan skips them."),
    )
    day_starts_at = models.TimeField(_("days start at"), default=datetime.time(9, 0))
    day_ends_at = models.TimeField(_("days end at"), default=datetime.time(16, 0))
    calendar_token = models.UUIDField(
        _("calendar token"), default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampQuerySet.as_manager()

    class Meta:
        verbose_name = _("camp")
        verbose_name_plural = _("camps")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="camp_has_a_place",
                violation_error_message=NEEDS_A_PLACE,
            ),
            models.CheckConstraint(
                condition=models.Q(day_ends_at__gt=models.F("day_starts_at")),
                name="camp_day_ends_after_it_starts",
                violation_error_message=DAY_ENDS_AFTER_IT_STARTS,
            ),
            models.CheckConstraint(
                condition=models.Q(min_core_lessons_percent__lte=100),
                name="camp_core_lessons_share_at_most_all",
                violation_error_message=SHARE_AT_MOST_ALL,
            ),
        ]

    def __str__(self):
        return self.title


class CampDay(models.Model):
    camp = models.ForeignKey(
        Camp, verbose_name=_("camp"), on_delete=models.CASCADE, related_name="days"
    )
    number = models.PositiveSmallIntegerField(_("day number"))
    day_page = models.ForeignKey(
        "courses.CampDayPage",
        verbose_name=_("day in the curriculum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), default="09:00")
    ends_at = models.TimeField(_("ends at"), default="16:00")

    class Meta:
        verbose_name = _("camp day")
        verbose_name_plural = _("camp days")
        ordering = ["camp", "number"]
        constraints = [
            models.UniqueConstraint(fields=["camp", "number"], name="one_day_number_per_camp"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="camp_day_ends_after_it_starts_day",
                violation_error_message=DAY_ENDS_AFTER_IT_STARTS,
            ),
        ]

    def __str__(self):
        return f"{self.camp} · {self.number}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        WAITING = "waiting", _("on the waiting list")
        WITHDRAWN = "withdrawn", _("withdrawn")

    camp = models.ForeignKey(
        Camp, verbose_name=_("camp"), on_delete=models.CASCADE, related_name="enrolments"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ENROLLED
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    waiting_since = models.DateTimeField(
        _("on the waiting list since"),
        null=True,
        blank=True,
        help_text=_("The waiting list moves up in this order."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["camp", "learner"], name="one_enrolment_per_girl"),
            # The waiting list moves up in the order of ``waiting_since`` (enrolment.py).
            models.CheckConstraint(
                condition=~models.Q(status="waiting") | models.Q(waiting_since__isnull=False),
                name="waiting_since_a_time",
            ),
        ]

    def __str__(self):
        return f"{self.learner_id} → {self.camp_id}"


class Attendance(models.Model):
    """One girl on one camp day. The latest mark wins; every mark is in the audit log."""

    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        LATE = "late", _("late")
        ABSENT = "absent", _("absent")

    camp_day = models.ForeignKey(
        CampDay, verbose_name=_("camp day"), on_delete=models.CASCADE, related_name="attendance"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))
    client_id = models.UUIDField(
        _("client id"), help_text=_("Made by the phone, so a repeated tap counts once.")
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["camp_day", "learner"], name="one_mark_per_girl_and_day"
            )
        ]

    def __str__(self):
        return f"{self.camp_day_id}/{self.learner_id}: {self.status}"


class AttendanceMark(models.Model):
    """Every tap of the roll call, kept once per client id.

    ``Attendance`` holds the mark that counts (the last one); this log makes a
    repeated tap - a retry, or an offline replay - change nothing, even when
    another facilitator marked the same girl in between.
    """

    client_id = models.UUIDField(_("client id"), unique=True)
    camp_day = models.ForeignKey(
        CampDay, verbose_name=_("camp day"), on_delete=models.CASCADE, related_name="marks"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Attendance.Status.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("roll-call mark")
        verbose_name_plural = _("roll-call marks")
        ordering = ["marked_at", "pk"]

    def __str__(self):
        return f"{self.camp_day_id}/{self.learner_id}: {self.status}"


class CalendarFeed(models.Model):
    """A facilitator's private calendar address; a new token makes the old one stop."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.UUIDField(_("calendar token"), default=uuid.uuid4, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user_id)


class UnconfirmedWrite(models.Model):
    """A write made on a shared phone without signal under a name picked from the
    phone's list, which the girl never confirmed by signing in with her PIN; her
    facilitator handed it over from the phone (``camp.shared_phone``).

    Never counted as hers: it is kept apart from her progress, for the facilitator to
    read (and ask her to do it again) and to discard. Nothing on the phone proves who
    tapped the name.
    """

    class Kind(models.TextChoices):
        LESSON = "lesson", _("lesson marked done")
        STEP = "step", _("step marked done")
        ANSWER = "answer", _("check question answered")

    camp = models.ForeignKey(
        Camp, verbose_name=_("camp"), on_delete=models.CASCADE,
        related_name="unconfirmed_writes",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("name picked"), on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    lesson_key = models.UUIDField(_("lesson"), null=True, blank=True)
    label = models.CharField(_("page title on the phone"), max_length=200, blank=True)
    answer = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    made_at = models.DateTimeField(_("made on the phone"))
    received_at = models.DateTimeField(_("handed over"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handed over by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    client_id = models.UUIDField(
        _("client id"), unique=True,
        help_text=_("Made by the phone, so a second hand-over counts once."),
    )

    class Meta:
        verbose_name = _("unconfirmed write from a shared phone")
        verbose_name_plural = _("unconfirmed writes from a shared phone")
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"{self.camp_id}/{self.learner_id}: {self.kind}"
