"""Demo certificates: the finished demo camp gets its certificates, one revoked.

Safe to run again: girls who have a certificate keep it, and only one is ever
revoked. Prints one valid code to try on the verification page.
"""

from django.utils import translation

from camp.models import Camp

from . import services
from .eligibility import standings
from .models import Certificate

DEMO_REVOKE_REASON = "Демо: жаңылыш берилген сертификат"
DEMO_OVERRIDE_REASON = "Демо: фасилитатордун чечими"


def load(out) -> None:
    camp = Camp.objects.filter(status=Camp.Status.FINISHED).order_by("pk").first()
    if camp is None:
        out("Certificates: no finished camp in the demo data, none issued.")
        return
    facilitator = camp.facilitators.order_by("pk").first()
    rows = standings(camp)
    if not any(row.may_receive for row in rows):
        # A demo camp with no roll call or progress yet: the facilitator decides, so
        # the certificate pages have something to show. The reason says it is a demo.
        for row in rows[:3]:
            services.grant_override(camp, row.learner, DEMO_OVERRIDE_REASON, by=facilitator)
    made = services.issue_for_camp(camp, by=facilitator)
    issued = Certificate.objects.filter(camp=camp)
    if issued.count() > 1 and not issued.filter(revoked_on__isnull=False).exists():
        services.revoke(issued.order_by("-pk").first(), DEMO_REVOKE_REASON, by=facilitator)
    valid = issued.filter(revoked_on__isnull=True).order_by("pk").first()
    out(f"Certificates: {len(made)} issued now in «{camp.title}», {issued.count()} in all.")
    if valid:
        with translation.override("ky"):
            from .rendering import verify_url

            out(f"  A valid certificate code: {valid.display_code} ({verify_url(valid)})")
