"""Kernel models: the user, and the pages every part of the site shares."""

from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import content_cache, hashers
from .blocks import BaseStreamBlock


class User(AbstractUser):
    """Every person who signs in: girls, guardians, facilitators, managers, editors.

    Roles are groups (``Role``); what a role may do is decided in ``cms.core.permissions``.
    For a girl we keep only what the camp needs: a first name, the initial of her
    last name (``last_name`` holds one letter), her birth year and school grade.
    """

    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    school_grade = models.PositiveSmallIntegerField(_("school grade"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, blank=True, choices=settings.LANGUAGES
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        """First name and last initial: "Айгүл К." - never a full surname."""
        initial = f" {self.last_name[:1]}." if self.last_name else ""
        return f"{self.first_name or self.username}{initial}"

    @cached_property
    def roles(self) -> frozenset[str]:
        """The names of this person's role groups, read once per request."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def check_password(self, raw_password) -> bool:
        """Django's check, except that a PIN stays under the PIN hasher (Django would
        move it to the default one at the next sign-in) and that a failed check costs
        the same work on every account (``cms.core.hashers``)."""
        if not hashers.is_pin_hash(self.password):
            right = super().check_password(raw_password)
            if not right:
                hashers.spend_failed_try_work(raw_password or "", done="password")
            return right

        def keep_as_pin(raw):
            self.set_pin(raw)
            self.save(update_fields=["password"])

        right = check_password(raw_password, self.password, keep_as_pin,
                               preferred=hashers.pin_hasher())
        if not right:
            hashers.spend_failed_try_work(raw_password or "", done="pin")
        return right

    def set_pin(self, pin: str) -> None:
        self.password = hashers.hash_pin(pin)
        self._password = None

    def set_password(self, raw_password) -> None:
        super().set_password(raw_password)
        if self._state.adding and not self.username and raw_password is not None:
            # Django's and allauth's stand-in for an unknown username (their defence
            # against telling accounts apart by time): a failed try on a real account
            # runs both hashers, so this one does too.
            hashers.hash_pin(raw_password)


class BasePage(Page):
    """Fields every content page has: a short intro and the shared block body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    def get_cache_key_components(self):
        """A page shows other pages (its neighbours, its translations, its pictures), so
        its cache key also moves on when any content changes."""
        return [*super().get_cache_key_components(), content_cache.CONTENT.current()]

    @cached_property
    def cache_key(self) -> str:
        """Worked out once per page object: a page drawn once asks for it several times."""
        return super().cache_key

    def get_view_restrictions(self):
        """Wagtail checks the restrictions of a page and its ancestors before every view
        (two queries). Most of the time no page has any: that answer is kept."""
        if not content_cache.kept("any-view-restriction", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    """The front page of one language: what the camp is, and its sections below."""

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [FieldPanel("hero_image")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @property
    def localized(self):
        """The home page of the reader's language, kept until the content changes.

        Wagtail asks for it on every page request before routing (``Site`` gives the
        root page of one language): a query for the active locale, and one more for the
        translation when the reader's language is the other one.
        """
        language = get_language()
        kept = content_cache.kept(f"home-in:{self.translation_key}:{language}",
                                  lambda: Page.localized.fget(self).specific)
        return kept if kept is not None else self

    def route(self, request, path_components):
        """The page at the end of the path in one lookup, not one query per level.

        Wagtail walks the tree a level at a time (two queries a level, eight for a
        lesson). Where no page type routes its own sub-paths, the page whose URL
        path this is is the page the walk would reach; anything else walks. The
        page found is kept in the cache until the content changes.
        """
        if path_components and _pages_route_plainly():
            url_path = self.url_path + "/".join(path_components) + "/"
            page = content_cache.kept(
                f"page-at:{self.pk}:{url_path}",
                lambda: Page.objects.filter(
                    path__startswith=self.path,
                    depth=self.depth + len(path_components),
                    url_path=url_path,
                ).specific().first(),
            )
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def sections(self):
        """The live sections under the home page, in menu order."""
        return self.get_children().live().public().specific().order_by("path")


@lru_cache(maxsize=1)
def _pages_route_plainly() -> bool:
    """True when no page type but the home page changes how a path is routed."""
    from wagtail.models import get_page_models

    return all(model.route in (Page.route, HomePage.route) for model in get_page_models())


class StandardPage(BasePage):
    """A page of text that may list its children: "About GALS", "Role models"."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def children(self):
        return self.get_children().live().public().specific().order_by("path")


class Role(models.TextChoices):
    """The groups a person can belong to. What each may do lives in the rules modules."""

    LEARNER = "learner", _("Learner")
    GUARDIAN = "guardian", _("Guardian")
    FACILITATOR = "facilitator", _("Facilitator")
    MANAGER = "manager", _("Programme manager")
    PARTNER = "partner", _("Partner (read only)")
    EDITOR = "editor", _("Content editor")
    SAFEGUARDING_LEAD = "safeguarding_lead", _("Safeguarding lead")


class AuditEvent(models.Model):
    """Who viewed, changed, exported or anonymised a child's or a family's record.

    ``subject_label`` is written without a name, so the log survives anonymisation.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", _("viewed")
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        EXPORTED = "exported", _("exported")
        ANONYMISED = "anonymised", _("anonymised")
        DELETED = "deleted", _("deleted")
        CONSENT = "consent", _("consent changed")
        OVERRIDE = "override", _("rule overridden")
        REFUSED = "refused", _("refused")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    subject_type = models.CharField(_("record type"), max_length=100)
    subject_id = models.CharField(_("record id"), max_length=64)
    subject_label = models.CharField(_("record"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        subject = f"{self.subject_type}#{self.subject_id}"
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {subject}"


class Consent(models.Model):
    """A guardian's consent or a girl's own assent, for one scope, with its record."""

    class Scope(models.TextChoices):
        PARTICIPATION = "participation", _("taking part in the camp")
        PHOTOS = "photos", _("photos")
        SURVEYS = "surveys", _("surveys used for evaluation")
        HEALTH = "health", _("health facts on the emergency card")

    class Kind(models.TextChoices):
        GUARDIAN = "guardian", _("guardian's consent")
        ASSENT = "assent", _("girl's own assent")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    given_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "scope", "kind"], name="one_consent_per_scope_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_scope_display()}"


class RateCount(models.Model):
    """A rate limit's count while Redis is away (``cms.core.throttle``): one row per limited
    thing and window. The key is a keyed hash, never an address or a name."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="rate_count_once"),
        ]

    def __str__(self) -> str:
        return f"{self.count} since {self.window_start:%H:%M:%S}"


class WorkerHeartbeat(models.Model):
    """A task worker (``manage.py db_worker``) saying it is alive (``cms.core.task_health``):
    the tasks of a worker that stopped saying so are run again or failed."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=100, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host}"


class JobRun(models.Model):
    """The last run of a scheduled job (``manage.py run_job``, ``cms.core.jobs``)."""

    name = models.CharField(max_length=50, unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    #: The last successful run: what the system check compares with the job's period.
    succeeded_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.started_at:%Y-%m-%d %H:%M}"
