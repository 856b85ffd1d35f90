"""Anyone (an employer, a university) checks a certificate's code on a phone: a valid one,
then a revoked one, in Kyrgyz; both answers are accessible."""

import pytest
from playwright.sync_api import expect

from camp.certificates import services
from camp.certificates.models import Certificate
from tests.certificates.factories import add_girl, camp_with_core_lessons, clear_rate_limit
from tests.e2e.checks import axe_violations

pytestmark = pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected


@pytest.fixture
def certificates(transactional_db, live_server):
    clear_rate_limit()
    camp, facilitator, keys = camp_with_core_lessons()
    girl = add_girl(camp, "Өмүрбүбү", last_name="Ң", lessons=keys)
    other = add_girl(camp, "Жаңыл", last_name="Т", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    revoked = services.revoke(Certificate.objects.get(learner=other), "жаңылыш", by=facilitator)
    yield Certificate.objects.get(learner=girl), revoked
    clear_rate_limit()


def test_anyone_verifies_a_valid_and_a_revoked_certificate(page, server, certificates, shot,
                                                           console_errors):
    valid, revoked = certificates

    page.goto(server + "/ky/verify/")
    shot("verify form")
    page.locator("input[name=code]").fill(valid.display_code.lower())
    page.get_by_role("button", name="Текшерүү").click()
    answer = page.get_by_role("status").filter(has_text="Бул сертификат жарактуу.")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Өмүрбүбү Ң.")
    shot("valid certificate")
    assert axe_violations(page) == []
    badge = answer.get_by_role(
        "link", name="Ушул эле сертификат кол коюлган санарип төш белги катары (Open Badges 3.0)")
    credential = page.request.get(server + badge.get_attribute("href"))
    assert credential.ok and credential.json()["id"].endswith(
        f"/ky/verify/{valid.code}/credential.json")

    page.locator("input[name=code]").fill(revoked.code)
    page.locator("input[name=code]").press("Enter")
    answer = page.get_by_role("status").filter(has_text="жокко чыгарылган")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("Жаңыл Т.")
    expect(answer).not_to_contain_text("Бул сертификат жарактуу.")
    shot("revoked certificate")
    assert axe_violations(page) == []

    assert console_errors == []
