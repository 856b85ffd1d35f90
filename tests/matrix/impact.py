"""The programme's figures: managers, partners (suppressed) and administrators see
every camp; facilitators their own camps; girls, guardians and editors nothing."""

from django.urls import reverse

from . import Row

FIGURES = {"facilitator", "other_facilitator", "manager", "partner", "admin"}
LINES = {"manager", "admin"}

ROWS = [
    Row("impact:dashboard", lambda w: reverse("impact:dashboard"), FIGURES),
    Row("impact:export_csv", lambda w: reverse("impact:export_csv"), FIGURES),
    Row("impact:export_xlsx", lambda w: reverse("impact:export_xlsx"), FIGURES),
    Row("impact:export_rows", lambda w: reverse("impact:export_rows"), LINES),
    Row("impact:camp_report",
        lambda w: reverse("impact:camp_report", kwargs={"pk": w.camp_a.pk}),
        {"facilitator", "manager", "partner", "admin"}),
    # Both camps of the world are in Talas: each facilitator gets her own camp's part.
    Row("impact:region_report",
        lambda w: reverse("impact:region_report",
                          kwargs={"code": w.camp_a.school.district.region.code}),
        FIGURES),
]
