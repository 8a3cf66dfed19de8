"""An equity officer signs in with a password and an authenticator app set up on the spot,
triages a new case, writes to the reporter and moves the case to investigating."""

import pytest

from cases.models import Case, MessageDirection, ReporterMessage
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_triages_messages_and_investigates(page):
    result = submit_report()
    officer = staff_user(district=result.report.school.district, username="officer.rivera")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, officer, "/admin/cases/")

    case = Case.objects.get()
    page.get_by_role("link", name=str(case.number)).first.click()
    page.shots("case-new")

    with page.expect_navigation():
        page.locator("button[name=to_status][value=triage]").click()
    case.refresh_from_db()
    assert case.status == "triage"
    page.shots("case-triage")

    message = page.locator("form[action*='/messages/']")
    message.locator("textarea").fill("Thank you. Which days did this happen?")
    with page.expect_navigation():
        message.locator("button[type=submit]").click()
    page.shots("message-sent")
    sent = ReporterMessage.objects.get(direction=MessageDirection.TO_REPORTER)
    assert sent.body == "Thank you. Which days did this happen?"

    with page.expect_navigation():
        page.locator("button[name=to_status][value=investigating]").click()
    page.shots("case-investigating")
    case.refresh_from_db()
    assert case.status == "investigating"
