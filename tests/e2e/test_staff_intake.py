"""An officer takes a report by phone from a Spanish-speaking parent: types it in on the
"Record a report" screen, prints the receipt in Spanish, and the parent's code opens the
report on the public status page. The receipt is shown once; axe checks the staff screen."""

import pytest
from playwright.sync_api import expect

from cases.models import Report
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import DistrictFactory, SchoolFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD = "/admin/staff-intake/"
NARRATIVE = "Un compañero insulta a mi hijo por su origen en el autobús cada mañana."


def test_an_officer_records_a_phone_report_in_spanish_and_prints_the_receipt(open_page):
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Middle")
    officer = staff_user(district=district, username="officer.rivera")
    page = open_page(who="officer", width=1280, height=900)
    sign_in_with_two_factor(page, officer, RECORD)
    expect(page.get_by_role("heading", name="Record a report")).to_be_visible()
    check_page(page, "record")

    page.locator("button[type=submit]", has_text="Record the report").click()
    expect(page.locator("#error-summary")).to_be_visible()
    check_page(page, "record-errors")

    page.locator("#id_channel input[value=phone]").check()
    page.locator("#id_language").select_option("es")
    page.locator("#id_incident_types input[value=harassment]").check()
    page.locator("#id_bias_bases input[value=national_origin]").check()
    page.locator("#id_district").select_option(str(district.pk))
    page.locator("#id_school").select_option(str(school.pk))
    page.locator("#id_location_type input[value=bus]").check()
    page.locator("#id_reporter_relation input[value=parent]").check()
    page.locator('#id_grade_band input[value="6_8"]').check()
    page.locator("#id_narrative").fill(NARRATIVE)
    page.locator("#id_transfer_interest input[value=no]").check()
    check_page(page, "record-filled")
    with page.expect_navigation():
        page.locator("button[type=submit]", has_text="Record the report").click()

    # The receipt sheet, in the reporter's language, with the officer's bar in English.
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Su código de recibo")
    code = page.locator("[data-receipt]")
    expect(code).to_have_count(1)
    receipt = code.inner_text().strip()
    assert len(receipt.replace(" ", "")) == 20
    assert page.content().count(receipt.split(" ")[0] + "</span>") == 1  # shown once
    officer_bar = page.locator(".officer-bar")
    expect(officer_bar).to_contain_text("It is shown only this once")
    check_page(page, "receipt")
    page.emulate_media(media="print")  # what the printer gets: the sheet, not the buttons
    expect(officer_bar).to_be_hidden()
    expect(code).to_be_visible()
    page.shots("receipt-printed")
    page.emulate_media(media="screen")

    report = Report.objects.get()
    assert (report.channel, report.language, report.entered_by) == ("phone", "es", officer)

    page.reload()  # leaving or reloading: never shown again
    expect(page.locator("main")).to_contain_text("already been shown")
    assert receipt not in page.content()
    check_page(page, "receipt-gone")

    page.goto("/admin/staff-intake/")  # the blank paper form in Spanish, linked from the screen
    with page.expect_navigation():
        page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("[data-field=narrative]")).to_contain_text("Cuéntenos qué pasó")
    check_page(page, "paper-form")

    parent = open_page(who="parent")  # the parent, later, on their own phone
    parent.goto("/es/report/status/")
    parent.locator("#id_receipt").fill(receipt)
    parent.locator("button[name=action][value=check]").click(timeout=30_000)
    expect(parent.locator("main")).to_contain_text("Recibido")
    parent.shots("status")
