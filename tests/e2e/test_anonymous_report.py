"""A parent on a phone reports an incident with a photo, keeps the receipt, comes back, reads
the officer's question and answers it. In English and in Spanish, with axe on every step and on
the error states."""

import pytest
from playwright.sync_api import expect

from cases.models import MessageDirection, Report, ReporterMessage
from cases.services.messages import send_message_to_reporter
from tests.e2e.helpers import check_page, png_bytes
from tests.factories import SchoolFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXE = b"MZ\x90\x00" + bytes(60) + b"PE\x00\x00" + bytes(200)
NEXT = "button.button-primary[name=nav][value=next]"
TEXT = {
    "en": {"prefix": "", "received": "Received", "not_twice": "is not shown twice"},
    "es": {"prefix": "/es", "received": "Recibido", "not_twice": "no se muestra dos veces"},
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_anonymous_report_from_start_to_the_officers_reply(page, language):
    school = SchoolFactory(name="Lincoln Middle")
    prefix = TEXT[language]["prefix"]
    page.goto(f"{prefix}/report/")
    check_page(page, "start")
    page.locator("button[name=nav][value=start]").click()

    page.locator(NEXT).click()  # nothing chosen: the errors are listed first
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "what-errors")
    page.locator("#id_incident_types input[value=harassment]").check()
    page.locator("#id_bias_bases input[value=race]").check()
    check_page(page, "what")
    page.locator(NEXT).click()

    page.locator("#id_incident_date").fill("2999-01-01")  # in the future: refused, kept
    page.locator(NEXT).click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "where-errors")
    page.locator("#id_district").select_option(str(school.district_id))
    page.locator("#id_school").select_option(str(school.pk))
    page.locator("#id_location_type input[value=hallway]").check()
    page.locator("#id_incident_date").fill("2025-03-14")
    check_page(page, "where")
    page.locator(NEXT).click()

    page.locator(NEXT).click()  # no answer: asked again, with the reason
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "who-errors")
    page.locator("#id_reporter_relation input[value=parent]").check()
    page.locator('#id_grade_band input[value="6_8"]').check()
    check_page(page, "who")
    page.locator(NEXT).click()

    page.locator(NEXT).click()  # an empty story is refused
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "story-errors")
    page.locator("#id_narrative").fill("My son is called names in the hallway every morning.")
    check_page(page, "story")
    page.locator(NEXT).click()

    page.locator("#id_files").set_input_files(
        {"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": EXE}
    )
    page.locator("#report-form button[name=nav][value=stay]").click()
    expect(page.locator("#error-summary")).to_be_visible()  # programs are refused
    check_page(page, "evidence-errors")
    page.locator("#id_files").set_input_files(
        {"name": "hallway.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.locator("#report-form button[name=nav][value=stay]").click()
    expect(page.locator(".file-list")).to_contain_text("hallway.png")
    check_page(page, "evidence")
    page.locator(NEXT).click()

    page.locator("#id_transfer_interest input[value=considering]").check()
    check_page(page, "transfer")
    page.locator(NEXT).click()

    check_page(page, "contact")
    page.locator("#id_contact_email").fill("parent@")  # mistyped, and no consent ticked
    page.locator(NEXT).click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "contact-errors")
    page.locator("#id_contact_email").fill("")
    page.locator(NEXT).click()

    expect(page.locator("main")).to_contain_text("hallway.png")
    expect(page.locator("button.button-primary[name=nav][value=submit]")).to_be_visible()
    check_page(page, "review")
    page.locator("button.button-primary[name=nav][value=submit]").click()

    receipt = page.locator("input[name=receipt]").first.get_attribute("value")
    assert receipt
    assert len(receipt.split(" ")) == 5  # 20 digits in five groups of four
    assert len(receipt.replace(" ", "")) == 20
    check_page(page, "receipt")
    page.reload()  # a phone reloading the tab: the report was sent, the code is not shown again
    expect(page.locator("main")).to_contain_text(TEXT[language]["not_twice"])
    expect(page.locator("input[name=receipt]")).to_have_count(0)
    assert receipt not in page.content()
    check_page(page, "receipt-reloaded")

    report = Report.objects.get()
    assert report.language == language
    assert report.evidence.count() == 1
    officer = staff_user(district=school.district)
    send_message_to_reporter(report=report, body="Which days did this happen?", author=officer)

    page.context.clear_cookies()  # the parent closes the browser and comes back later
    page.goto(f"{prefix}/report/status/")
    check_page(page, "status-check")
    page.locator("#id_receipt").fill("0000 0000 0000 0000")
    page.locator("button[name=action][value=check]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "status-check-error")
    page.locator("#id_receipt").fill(receipt)
    page.locator("button[name=action][value=check]").click(timeout=30_000)

    expect(page.locator("main")).to_contain_text(TEXT[language]["received"])
    expect(page.locator("main")).to_contain_text("Which days did this happen?")
    check_page(page, "status")
    page.locator("button[name=action][value=reply]").click()  # an empty reply is refused
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "reply-errors")
    page.locator("#id_body").fill("Mondays, mostly.")
    page.locator("button[name=action][value=reply]").click()
    expect(page.locator("main")).to_contain_text("Mondays, mostly.")
    check_page(page, "replied")
    reply = ReporterMessage.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert reply.body == "Mondays, mostly."
