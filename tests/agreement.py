"""Lists and ``can()`` side by side: for one person, every list of records a page shows
her and the rule that lets her open each record must name the same records.

A pair is (list, action, model, gate): ``list(user)`` gives the records a page lists,
``can(user, action, record)`` decides each record on its own, over every record of
``model`` in the database. ``gate`` is the page's own action: a person it refuses never
sees the list (the role matrix checks the refusal). A ``subset`` list shows some of
what the rule allows (a page of her own records among those she may open): it must
never show one the rule refuses.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from camp import dashboard
from camp.care import services as care
from camp.care.models import Concern, HelpRequest
from camp.impact.rules import reporting_camps
from camp.models import Camp, Enrolment
from cms.core.permissions import can
from gals import data_requests
from gals import services as gals_services
from gals.models import DataRequest, GalsSession, Household


@dataclass(frozen=True)
class Pair:
    name: str
    listed: Callable
    action: str
    model: type
    gate: str | None = None
    subset: bool = False


def _camps_page(user):
    return [camp for group in dashboard.my_camps(user).values() for camp in group]


def _gals_camps(user):
    """The camps offered in the GALS household and session forms (gals.views)."""
    return Camp.objects.run_by(user)


def _facilitator_households(user):
    overview = gals_services.facilitator_overview(user)
    return [row["household"] for group in overview["groups"] for row in group["households"]]


def _facilitator_sessions(user):
    overview = gals_services.facilitator_overview(user)
    return [session for group in overview["groups"] for session in group["sessions"]]


PAIRS = [
    Pair("camps page", _camps_page, "camp.view", Camp, gate="camp.teach"),
    Pair("camps viewable", Camp.objects.viewable_by, "camp.view", Camp),
    Pair("camps viewable: certificates", Camp.objects.viewable_by,
         "certificates.view_camp", Camp),
    Pair("camps looked after: girls' records", Camp.objects.looked_after_by,
         "camp.girls_records", Camp),
    Pair("camps looked after: accounts", Camp.objects.looked_after_by,
         "camp.manage_accounts", Camp),
    Pair("camps looked after: consent sheet", Camp.objects.looked_after_by,
         "camp.consent_sheet", Camp),
    Pair("camps run: gallery", Camp.objects.run_by, "camp.gallery", Camp),
    Pair("camps of the GALS forms", _gals_camps, "gals.print_camp_sheets", Camp,
         gate="gals.run_sessions"),
    Pair("camps reported", reporting_camps, "impact.report_camp", Camp, gate="impact.view"),
    Pair("girls' records", Enrolment.objects.looked_after_by, "camp.view_girl", Enrolment),
    Pair("girls' exports", Enrolment.objects.looked_after_by, "camp.export_girl", Enrolment),
    Pair("girls' PINs", Enrolment.objects.looked_after_by, "camp.reset_pin", Enrolment),
    Pair("households seen", Household.objects.visible_to, "gals.view_household", Household),
    # The parents' page shows her own households; a facilitator opens others elsewhere.
    Pair("parents' page", Household.objects.of_guardian, "gals.view_household", Household,
         gate="gals.view_family", subset=True),
    Pair("facilitator's GALS page", _facilitator_households, "gals.record", Household,
         gate="gals.run_sessions"),
    Pair("sessions", gals_services.sessions_for_facilitator, "gals.manage_session",
         GalsSession),
    # Sessions with no household invited have no row on the page: only a subset.
    Pair("facilitator's GALS page: sessions", _facilitator_sessions, "gals.manage_session",
         GalsSession, gate="gals.run_sessions", subset=True),
    # Care records: the lead's page shows the open ones of every camp, a facilitator's
    # page hers (the concerns she wrote, the requests shared with her camps' adults).
    Pair("lead's page: concerns", lambda user: care.open_concerns(), "care.view_concern",
         Concern, gate="care.lead", subset=True),
    Pair("lead's page: help requests", lambda user: care.open_help_requests(),
         "care.view_help_request", HelpRequest, gate="care.lead", subset=True),
    Pair("my concerns", care.concerns_recorded_by, "care.view_concern", Concern,
         gate="care.my_concerns", subset=True),
    Pair("help requests shared with her", care.help_requests_shared_with,
         "care.view_help_request", HelpRequest, gate="care.my_concerns", subset=True),
    Pair("data requests", data_requests.answerable, "gals.answer_data_request", DataRequest,
         gate="gals.data_requests"),
]


def _keys(records) -> set[int]:
    return {record.pk for record in records}


def disagreements(user, pairs=PAIRS) -> dict[str, dict[str, list[str]]]:
    """For each pair where list and rule differ: what only the list shows and what only
    ``can()`` allows (records by model and key: never a child's name)."""
    person = user if user is not None else AnonymousUser()
    found = {}
    for pair in pairs:
        if pair.gate is not None and not can(user, pair.gate):
            continue  # the page is refused: she never sees this list
        listed = {record.pk for record in pair.listed(person)}
        allowed = {record.pk for record in pair.model.objects.all()
                   if can(user, pair.action, record)}
        extra = listed - allowed
        missing = set() if pair.subset else allowed - listed
        if extra or missing:
            name = pair.model.__name__
            found[pair.name] = {
                "listed, refused by can()": sorted(f"{name} {pk}" for pk in extra),
                "allowed by can(), not listed": sorted(f"{name} {pk}" for pk in missing),
            }
    return found
