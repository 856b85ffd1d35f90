"""Demo figures: a sample programme of 24 camps, so the demo manager's dashboard has
something to show beyond the one demo school. Added once; a second run adds nothing."""

from . import synthetic


def load(out) -> None:
    if synthetic.User.objects.filter(username__startswith=synthetic.PREFIX).exists():
        added = synthetic.add_knowledge_tests()
        out("Impact: the sample programme is already there"
            + (f" ({added} knowledge tests added)." if added else "."))
        if added:
            synthetic.changed()
        return
    try:
        programme = synthetic.make_programme(girls=600, camps=24, households=300, seed=9,
                                             out=lambda text: None)
    except LookupError:
        out("Impact: the sample programme needs a curriculum: none found.")
        return
    out(f"Impact: a sample programme of {len(programme.camps)} camps and "
        f"{sum(len(girls) for girls in programme.girls_by_camp.values())} girls for the "
        "dashboard at /ky/impact/ (demo-manager, demo-partner).")
