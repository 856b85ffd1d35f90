"""The care records leave with the girl: never exported (they are restricted records,
not hers to carry away), erased when she is anonymised."""

from cms.core.personal_data import Section

from .models import Concern, EmergencyCard, HelpRequest


def anonymise(girl) -> dict:
    concerns, _by_model = Concern.objects.filter(learner=girl).delete()
    requests, _by_model = HelpRequest.objects.filter(learner=girl).delete()
    cards, _by_model = EmergencyCard.objects.filter(learner=girl).delete()
    return {"care_records_removed": concerns + requests, "emergency_cards_removed": cards}


def section() -> Section:
    return Section("care", anonymise=anonymise)
