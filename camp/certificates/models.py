"""Certificates, the facilitators' overrides, kept batch PDFs and the partner settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from courses.storage import private_storage

from . import codes


class Certificate(models.Model):
    """One girl's camp certificate. The code stays with it for life (see README)."""

    code = models.CharField(
        _("verification code"), max_length=codes.LENGTH, unique=True, default=codes.new_code,
        editable=False,
    )
    camp = models.ForeignKey(
        "camp.Camp", verbose_name=_("camp"), on_delete=models.PROTECT, related_name="certificates"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    days_attended = models.PositiveSmallIntegerField(_("days attended"))
    tracks = models.JSONField(_("tracks covered"), default=list, blank=True)
    overridden = models.BooleanField(
        _("issued by override"), default=False,
        help_text=_("She did not meet the rules; a facilitator decided, with a reason."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    # Ed25519 signature over the facts (camp.certificates.signing); the key is in settings.
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    key_id = models.CharField(_("key id"), max_length=32, blank=True, editable=False)
    signature = models.CharField(_("signature"), max_length=100, blank=True, editable=False)
    # The same key's signature over what the paper prints, carried by its QR code
    # (camp.certificates.qr).
    qr_signature = models.CharField(
        _("QR code signature"), max_length=100, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["camp", "learner__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["camp", "learner"], name="one_certificate_per_girl_and_camp"
            )
        ]

    def __str__(self):
        return codes.display(self.code)

    def get_absolute_url(self) -> str:
        """Her own PDF (for her, her guardians and the adults of her camp)."""
        from django.urls import reverse

        return reverse("certificates:download", kwargs={"certificate_id": self.pk})

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None


class Override(models.Model):
    """A facilitator grants a certificate to a girl who missed the rules, and says why."""

    camp = models.ForeignKey(
        "camp.Camp", verbose_name=_("camp"), on_delete=models.CASCADE, related_name="+"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate override")
        verbose_name_plural = _("certificate overrides")
        constraints = [
            models.UniqueConstraint(fields=["camp", "learner"], name="one_override_per_girl")
        ]

    def __str__(self):
        return f"{self.camp_id}/{self.learner_id}"


class Batch(models.Model):
    """The kept PDF of a whole camp, made in the background, rebuilt only when stale."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    camp = models.OneToOneField(
        "camp.Camp", verbose_name=_("camp"), on_delete=models.CASCADE,
        related_name="certificate_batch",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # A whole camp's names, school and village: never public media (served only by the
    # permission-checked view).
    file = models.FileField(
        _("file"), upload_to="certificates/batches/", blank=True, storage=private_storage
    )
    pages = models.PositiveIntegerField(_("pages"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self):
        return f"{self.camp_id}: {self.state}"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """Names and logos printed on every certificate, set by an administrator."""

    organisation = models.CharField(
        _("programme or organisation"), max_length=150, blank=True,
        help_text=_("Printed at the top of the certificate."),
    )
    partner_name = models.CharField(_("partner organisation"), max_length=150, blank=True)
    partner_signatory = models.CharField(
        _("who signs for the partner"), max_length=150, blank=True,
        help_text=_("Name and position, printed under the partner's signature line."),
    )
    family_sessions_required = models.PositiveSmallIntegerField(
        _("family sessions for a GALS certificate"), default=3,
        help_text=_("A household earns its GALS participation certificate after attending "
                    "this many family sessions."),
    )
    logo_1 = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("partner logo 1"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    logo_2 = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("partner logo 2"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    logo_3 = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("partner logo 3"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("family_sessions_required"),
        MultiFieldPanel(
            [FieldPanel("partner_name"), FieldPanel("partner_signatory")],
            heading=_("Partner"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo_1"), FieldPanel("logo_2"), FieldPanel("logo_3")],
            heading=_("Logos"),
        ),
    ]

    class Meta:
        verbose_name = _("certificates")

    def logos(self) -> list:
        return [logo for logo in (self.logo_1, self.logo_2, self.logo_3) if logo]
