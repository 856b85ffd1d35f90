"""Family certificates signed again when a fact they show changes through the site, as
a girl's are (``camp.certificates.resigning``): a girl's name corrected or anonymised, a
girl added to or taken from the household, its camp changed, a village's or region's
name fixed. Only those validly signed just before; a change made in the database itself
stays "not valid"."""

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import timezone

from camp.models import Camp, District, Region, School
from cms.core.models import User

from . import certificates
from .models import FamilyCertificate, Household

#: The fields of each model that a family certificate shows.
SHOWN = {
    User: {"first_name", "last_name", "username"},
    Household: {"camp"},
    Camp: {"school"},
    School: {"village", "district"},
    District: {"region"},
    Region: {"name_ky", "name_ru"},
}
_FILTERS = {
    User: "household__girls",
    Household: "household",
    Camp: "household__camp",
    School: "household__camp__school",
    District: "household__camp__school__district",
    Region: "household__camp__school__district__region",
}


def _certificates_of(instance):
    return FamilyCertificate.objects.filter(**{_FILTERS[type(instance)]: instance}).select_related(
        "household__camp__school__district__region")


def _valid(instance) -> set[int]:
    return {certificate.pk for certificate in _certificates_of(instance)
            if certificates.check(certificate)[0] is certificates.signing.Check.SIGNED}


def _sign_again(instance, valid_before: set[int]) -> None:
    today = timezone.localdate()
    for certificate in _certificates_of(instance).filter(pk__in=valid_before):
        if certificates.check(certificate)[0] is not certificates.signing.Check.SIGNED:
            certificates.sign(certificate, today=today)
            certificate.save(update_fields=certificates.SIGNATURE_FIELDS)


def note_valid(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._family_certificates_valid_before = set()
    if raw or instance.pk is None:
        return
    if update_fields is not None and not SHOWN[sender] & set(update_fields):
        return
    instance._family_certificates_valid_before = _valid(instance)


def sign_again(sender, instance, created, raw=False, **kwargs):
    valid_before = getattr(instance, "_family_certificates_valid_before", set())
    if not (created or raw) and valid_before:
        _sign_again(instance, valid_before)


def girls_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    """A girl added to or taken from a household (from either side of the relation)."""
    if action not in ("pre_add", "pre_remove", "post_add", "post_remove"):
        return  # clearing a girl's households: her data is being removed
    households = (list(Household.objects.filter(pk__in=pk_set or ())) if reverse
                  else [instance])
    if action.startswith("pre_"):
        instance._family_certificates_valid_before = {
            household.pk: _valid(household) for household in households}
        return
    before = getattr(instance, "_family_certificates_valid_before", {})
    for household in households:
        _sign_again(household, before.get(household.pk, set()))


def connect() -> None:
    for model in SHOWN:
        pre_save.connect(note_valid, sender=model,
                         dispatch_uid=f"gals-certificates-note-valid-{model.__name__}")
        post_save.connect(sign_again, sender=model,
                          dispatch_uid=f"gals-certificates-sign-again-{model.__name__}")
    m2m_changed.connect(girls_changed, sender=Household.girls.through,
                        dispatch_uid="gals-certificates-girls-changed")
