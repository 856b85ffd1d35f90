"""Restricted records about a girl's safety.

A *concern* is written by an adult who saw or heard something worrying; only the
safeguarding leads and the person who wrote it read it. A *help request* is a
girl's own message to the leads. None of these is ever exported, counted in a
figure or named in a log line; the audit log names them by type and number only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Concern(models.Model):
    """What an adult saw or heard about a girl, and what was done; followed up and
    closed by a safeguarding lead."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE,
        related_name="+",
    )
    camp = models.ForeignKey(
        "camp.Camp", verbose_name=_("camp"), on_delete=models.CASCADE, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    what = models.TextField(_("what was seen or said"), max_length=4000)
    happened_on = models.DateField(_("when"))
    told = models.CharField(_("who was told"), max_length=300, blank=True)
    action_taken = models.TextField(_("what was done"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


class FollowUp(models.Model):
    """A lead's note of what she did about a concern."""

    concern = models.ForeignKey(
        Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    text = models.TextField(_("follow-up"), max_length=2000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


class HelpRequest(models.Model):
    """A girl's own message to the safeguarding leads ("Сен жалгыз эмессиң").

    Her facilitator reads it only if the girl chose so; her family never does."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=2000)
    share_with_facilitator = models.BooleanField(_("her facilitator may read it"), default=False)
    client_id = models.UUIDField(_("client id"), default=uuid.uuid4, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


class HealthFact(models.TextChoices):
    """The few facts that matter in a camp; anything else goes in the short note."""

    ALLERGY = "allergy", _("allergy")
    ASTHMA = "asthma", _("asthma")
    EPILEPSY = "epilepsy", _("epilepsy")
    DIABETES = "diabetes", _("diabetes")
    MEDICINES = "medicines", _("takes medicines")
    OTHER = "other", _("other")


class EmergencyCard(models.Model):
    """Whom to call, and (with the guardian's consent) what a facilitator must know
    about her health. Seen by her camp's facilitators and the safeguarding lead only;
    erased when she is anonymised."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("girl"), on_delete=models.CASCADE,
        related_name="+",
    )
    contact_name = models.CharField(_("emergency contact"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact's phone"), max_length=20, blank=True)
    health = models.JSONField(_("health facts"), default=list, blank=True)
    health_note = models.CharField(_("health note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("emergency card")
        verbose_name_plural = _("emergency cards")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def health_labels(self) -> list[str]:
        labels = dict(HealthFact.choices)
        return [labels[code] for code in self.health if code in labels]
