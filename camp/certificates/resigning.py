"""Certificates signed again when a fact they show changes through the site.

A signature covers what the verification page shows (``signing.facts``): the girl's
first name and initial, the camp, its village, region and days. These change for good
reasons: a facilitator corrects a name, a manager fixes a village's spelling, a girl's
data is anonymised after 24 months. Changed through the site (any model save), the
certificates that show them and were validly signed just before are signed again at
once with today's date, so a paper already handed out still checks as valid. A change
made around the site (in the database itself) is not signed and reads as "not valid",
which is what the signature is for; a later save through the site does not sign it.
"""

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from camp.models import Camp, CampDay, District, Region, School
from cms.core.models import User

from . import signing
from .models import Certificate

#: The fields of each model that a certificate shows; a save that names none of them
#: (a sign-in's ``last_login``) signs nothing.
SHOWN = {
    User: {"first_name", "last_name", "username"},
    Camp: {"title", "start_date", "school"},
    CampDay: {"date"},
    School: {"village", "district"},
    District: {"region"},
    Region: {"name_ky", "name_ru"},
}


def _certificates_of(instance):
    if isinstance(instance, User):
        return Certificate.objects.filter(learner=instance)
    if isinstance(instance, Camp):
        return Certificate.objects.filter(camp=instance)
    if isinstance(instance, CampDay):
        return Certificate.objects.filter(camp_id=instance.camp_id)
    if isinstance(instance, School):
        return Certificate.objects.filter(camp__school=instance)
    if isinstance(instance, District):
        return Certificate.objects.filter(camp__school__district=instance)
    return Certificate.objects.filter(camp__school__district__region=instance)


def _shows(sender, update_fields) -> bool:
    return update_fields is None or bool(SHOWN[sender] & set(update_fields))


def note_valid(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save: which of its certificates are validly signed now. Only those are
    signed again: one changed around the site stays "not valid"."""
    instance._certificates_valid_before = set()
    if raw or instance.pk is None or not _shows(sender, update_fields):
        return
    instance._certificates_valid_before = {
        certificate.pk for certificate in _certificates_of(instance).select_related(
            "learner", "camp__school__district__region")
        if signing.check(certificate)[0] is signing.Check.SIGNED
    }


def sign_again(sender, instance, created, raw=False, update_fields=None, **kwargs):
    valid_before = getattr(instance, "_certificates_valid_before", set())
    if created or raw or not valid_before:
        return
    today = timezone.localdate()
    for certificate in _certificates_of(instance).filter(pk__in=valid_before).select_related(
            "learner", "camp__school__district__region"):
        if signing.check(certificate)[0] is not signing.Check.SIGNED:
            signing.sign(certificate, today=today)
            certificate.save(update_fields=signing.SIGNATURE_FIELDS)


def connect() -> None:
    for model in SHOWN:
        pre_save.connect(note_valid, sender=model,
                         dispatch_uid=f"certificates-note-valid-{model.__name__}")
        post_save.connect(sign_again, sender=model,
                          dispatch_uid=f"certificates-sign-again-{model.__name__}")
