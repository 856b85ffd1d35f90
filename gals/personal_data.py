"""The family's part of a girl's data, registered with ``cms.personal_data``.

Export gives what the family itself sees on its printed sheet: the household code,
its members' roles, the sessions they came to, the commitments and follow-ups.
The facilitator's notes and the photos of drawings stay out of the export: an
export may be run by a programme manager, who never sees them (DESIGN.md).

Anonymising keeps the rows the programme counts (attendance, commitments and
their status, the balance indicators) and removes what could name the family:
members' names, the notes, the vision, the commitments' wording and the photos.
"""

from cms.personal_data import register

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


def anonymise(girl) -> dict:
    households = list(Household.objects.filter(girls=girl))
    photos = DrawingPhoto.objects.filter(record__household__in=households)
    removed_photos = 0
    for photo in photos:
        photo.image.delete(save=False)
        photo.delete()
        removed_photos += 1
    names = HouseholdMember.objects.filter(household__in=households).exclude(name="").update(
        name=""
    )
    notes = SessionRecord.objects.filter(household__in=households).update(
        vision="", discussion="", concerns="", shared_with=""
    )
    Commitment.objects.filter(household__in=households).update(what="—")
    FollowUp.objects.filter(commitment__household__in=households).update(reason="")
    return {
        "households": len(households),
        "member_names_removed": names,
        "records_blanked": notes,
        "photos_removed": removed_photos,
    }


register("gals", export=export, anonymise=anonymise)
