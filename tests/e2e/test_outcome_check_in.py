"""An officer closes a case with an outcome notice; the parent reads it on the status page
with how to appeal and file with OCR; 30 days later the page asks "Has anything happened
since?", the parent answers yes, and the case is back in the officer's queue, flagged."""

import pytest
from playwright.sync_api import expect

from cases.models import Case, CaseStatus
from cases.services.workflow import change_case_status
from outcomes.models import CheckIn
from outcomes.services import ask_due_check_ins
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NOTICE = "We found that the name-calling happened. The students will meet the counselor."


def _sign_in_with_receipt(page, receipt: str) -> None:
    page.goto("/report/status/")
    page.locator("#id_receipt").fill(receipt)
    page.locator("button[name=action][value=check]").click(timeout=30_000)


def test_a_parent_reads_the_outcome_and_reports_retaliation_which_is_flagged(open_page):
    school = SchoolFactory(name="Cedar Elementary")
    officer = staff_user(district=school.district, username="outcome.officer")
    intake = submit_report(school=school, contact_email="parent@example.org", contact_consent=True)
    case = change_case_status(
        case=intake.case, to_status=CaseStatus.TRIAGE, actor=officer, expected_version=1
    )

    staff_page = open_page(who="officer", width=1280)
    sign_in_with_two_factor(staff_page, officer, f"/admin/cases/{case.pk}/")
    staff_page.get_by_role("link", name="Close with an outcome notice").click()
    staff_page.locator("#id_body").fill(NOTICE)
    staff_page.shots("notice-written")
    staff_page.get_by_role("button", name="Close the case and send the notice").click()
    expect(staff_page.locator("main")).to_contain_text("The case is closed")
    staff_page.shots("case-closed")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED

    parent = open_page(who="parent")
    _sign_in_with_receipt(parent, intake.receipt)
    expect(parent.locator("#outcome")).to_contain_text("The students will meet the counselor.")
    expect(parent.locator("#outcome")).to_contain_text("Office for Civil Rights")
    check_page(parent, "outcome")

    # Thirty days later, beat asks the first check-in.
    first = CheckIn.objects.order_by("due_on").first()
    assert ask_due_check_ins(today=first.due_on) == 1
    parent.goto("/report/status/")
    check_in = parent.locator("#check-in")
    expect(check_in).to_contain_text("Has anything happened since your case was closed?")
    check_in.get_by_role("button", name="Send my answer").click()  # no choice: refused
    expect(parent.locator("#error-summary")).to_contain_text("Choose Yes or No.")
    check_page(parent, "check-in-error")
    parent.locator("#check-in").get_by_label("Yes").check()
    parent.locator("#id_checkin_details").fill("They waited for me after school.")
    check_page(parent, "check-in-answered")
    parent.locator("#check-in").get_by_role("button", name="Send my answer").click()
    expect(parent.locator("main")).to_contain_text("Thank you for telling us.")
    expect(parent.locator("#check-in")).to_have_count(0)
    check_page(parent, "check-in-thanks")

    staff_page.goto("/admin/cases/")
    row = staff_page.locator("tr", has=staff_page.get_by_role("link", name=case.number))
    expect(row).to_contain_text("Retaliation follow-up")
    staff_page.shots("queue-flagged")
    row.get_by_role("link", name=case.number).click()
    expect(staff_page.locator("#outcome")).to_contain_text("They waited for me after school.")
    staff_page.shots("case-answer")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REOPENED
