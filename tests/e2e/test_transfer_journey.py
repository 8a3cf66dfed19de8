"""A family asks to move schools after an incident. The equity officer of the current district
starts the transfer request from the case, releases the student and shares a summary with the
family's consent; the transfer officer of the new district reads it (never the narrative),
accepts the student and answers; the family follows each step with its receipt, in Spanish."""

import pytest
from playwright.sync_api import expect

from cases.roles import Role
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import SchoolFactory, staff_user, submit_report
from transfers.models import TransferRequest, TransferStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARRATIVE = "Older students wrote a slur on Mateo's locker and followed him home."
SUMMARY = "Repeated slurs at school; the family fears for the student's safety."


def _move(page, status: str) -> None:
    with page.expect_navigation():
        page.locator(f"button[name=to_status][value={status}]").click()
    expect(page.locator("#summary-heading + .case-facts")).to_contain_text(
        str(TransferStatus(status).label)
    )


def _family_checks(page, receipt: str, expected: str, shot: str) -> None:
    page.context.clear_cookies()
    page.goto("/es/report/status/")
    page.locator("#id_receipt").fill(receipt)
    page.locator("button[name=action][value=check]").click(timeout=30_000)
    expect(page.locator("#transfer-title")).to_contain_text(expected)
    check_page(page, shot)


def test_a_transfer_request_crosses_from_one_district_to_the_other(open_page):
    home_school = SchoolFactory(name="Cedar Elementary", district__name="Northvale Unified")
    new_school = SchoolFactory(name="Riverside Elementary", district__name="Riverbend Schools")
    intake = submit_report(
        school=home_school, narrative=NARRATIVE, transfer_interest="requesting", language="es"
    )
    case = intake.report.case
    sending = staff_user(district=home_school.district, username="officer.northvale")
    receiving = staff_user(
        role=Role.TRANSFER_OFFICER, district=new_school.district, username="transfer.riverbend"
    )

    # The current district's equity officer starts the request from the case.
    officer = open_page(who="sending", width=1280, height=900)
    sign_in_with_two_factor(officer, sending, f"/admin/cases/{case.pk}/")
    officer.get_by_role("link", name="Start a transfer request").click()
    officer.locator("#id_receiving_district").select_option(label="Riverbend Schools")
    with officer.expect_navigation():  # no script: the page comes back with that district's schools
        officer.get_by_role("button", name="Show the schools of this district").click()
    officer.locator("#id_receiving_school").select_option(label="Riverside Elementary")
    officer.locator("#id_student_reference").fill("NV-20931")
    officer.shots("new-request")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Create the transfer request").click()
    transfer = TransferRequest.objects.get()
    assert list(transfer.linked_cases.all()) == [case]
    expect(officer.locator("main")).to_contain_text("NV-20931")
    officer.shots("request-created")

    _move(officer, TransferStatus.SENDING_REVIEW)
    _move(officer, TransferStatus.RELEASED)
    officer.locator("#id_summary").fill(SUMMARY)
    officer.locator("#id_consent_recorded").check()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Share with the receiving district").click()
    officer.locator("#id_body").fill("Released today. Mateo's transcript is ready when asked.")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Send", exact=True).click()
    expect(officer.locator("#messages")).to_contain_text("transcript is ready")
    officer.shots("released")

    family = open_page(who="family")
    _family_checks(family, intake.receipt, "Autorizado por su distrito actual", "status-released")

    # The new district's transfer officer finds the request, reads the summary, accepts.
    other = open_page(who="receiving", width=1280, height=900)
    sign_in_with_two_factor(other, receiving, "/admin/transfers/")
    other.get_by_role("link", name=str(transfer)).first.click()
    main = other.locator("main")
    expect(main).to_contain_text(SUMMARY)
    expect(main).to_contain_text("transcript is ready")
    expect(main).not_to_contain_text("Mateo's locker")  # the narrative stays in Northvale
    expect(main).not_to_contain_text(case.number)
    other.shots("request-received")
    _move(other, TransferStatus.RECEIVING_REVIEW)
    _move(other, TransferStatus.ACCEPTED)
    other.locator("#id_body").fill("Accepted. Please send the transcript.")
    with other.expect_navigation():
        other.get_by_role("button", name="Send", exact=True).click()
    other.shots("accepted")

    officer.reload()
    expect(officer.locator("#messages")).to_contain_text("Please send the transcript.")
    officer.shots("reply-read")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED

    _family_checks(family, intake.receipt, "Aceptado por el nuevo distrito", "status-accepted")
    expect(family.locator("main")).not_to_contain_text("NV-20931")
