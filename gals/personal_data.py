"""The family's part of a girl's data, registered with ``cms.core.personal_data``.

Export gives what the family itself sees on its printed sheet: the household code,
its members' roles, the sessions they came to, the commitments and follow-ups.
The facilitator's notes and the photos of drawings stay out of the export: they are
the household's, shared with her sisters, not hers alone (only her facilitators and
administrators export a girl: camp/accounts/rules.py).

Anonymising keeps the rows the programme counts (attendance, commitments and
their status, the balance indicators). It removes what is hers: her own member entry's
name and the wording of the commitments she made. A household is the family's, not
hers alone: while another girl of it keeps her data (a sister), its notes, vision,
photos and other members stay. When she was its last girl, everything that could name
the family goes too: members' names, notes, vision, commitments' wording, photos.
"""

from cms.core.personal_data import Section

from .models import (
    Commitment,
    DrawingPhoto,
    FollowUp,
    Household,
    HouseholdMember,
    SessionAttendance,
    SessionRecord,
)


def export(girl) -> dict:
    households = []
    for household in Household.objects.filter(girls=girl).prefetch_related("members"):
        households.append({
            "code": household.code,
            "members": [
                {"role": m.family_role, "name": m.name, "age": m.age_band}
                for m in household.members.all()
            ],
            "sessions_attended": sorted({
                mark.session.starts_at.isoformat()
                for mark in SessionAttendance.objects.filter(
                    member__household=household, present=True
                ).select_related("session")
            }),
            "commitments": [
                {
                    "what": c.what,
                    "who": c.who.family_role if c.who else "",
                    "due_on": c.due_on,
                    "follow_ups": [
                        {"status": f.status, "checked_on": f.checked_on, "reason": f.reason}
                        for f in c.follow_ups.all()
                    ],
                }
                for c in Commitment.objects.filter(household=household)
                .select_related("who").prefetch_related("follow_ups")
            ],
        })
    return {"households": households}


def _hers(household, girl):
    """Her own member entries: her account, or the household's girl entry when she is
    its only girl."""
    members = HouseholdMember.objects.filter(household=household)
    mine = members.filter(user=girl)
    if not mine.exists() and household.girls.count() == 1:
        mine = members.filter(family_role=HouseholdMember.FamilyRole.GIRL)
    return mine


def _blank_members_and_commitments(members, commitments) -> int:
    names = members.exclude(name="").update(name="")
    FollowUp.objects.filter(commitment__in=commitments).update(reason="")
    commitments.update(what="—")
    return names


def anonymise(girl) -> dict:
    households = list(Household.objects.filter(girls=girl))
    names = notes = removed_photos = 0
    for household in households:
        others = household.girls.exclude(pk=girl.pk).filter(anonymised_at__isnull=True)
        if others.exists():
            mine = _hers(household, girl)
            names += _blank_members_and_commitments(
                mine, Commitment.objects.filter(household=household, who__in=mine))
            continue
        for photo in DrawingPhoto.objects.filter(record__household=household):
            photo.image.delete(save=False)
            photo.delete()
            removed_photos += 1
        names += _blank_members_and_commitments(
            HouseholdMember.objects.filter(household=household),
            Commitment.objects.filter(household=household))
        notes += SessionRecord.objects.filter(household=household).update(
            vision="", discussion="", concerns="", shared_with=""
        )
    return {
        "households": len(households),
        "member_names_removed": names,
        "records_blanked": notes,
        "photos_removed": removed_photos,
    }


def section() -> Section:
    return Section("gals", export=export, anonymise=anonymise)
