"""A case manager opens a case: summary and actions beside it, the case in Wagtail's tabs
(arrow keys move between them), a timeline in words; without JavaScript every section shows."""

import pytest
from django.urls import reverse

from cases.models import Case
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_case_manager_finds_the_case_in_tabs_with_actions_beside_it(
    browser, open_page, live_server
):
    result = submit_report()
    officer = staff_user(district=result.report.school.district, username="officer.rivera")
    page = open_page(width=1280, height=900)
    sign_in_with_two_factor(page, officer, "/admin/cases/")
    case = Case.objects.get()
    page.get_by_role("link", name=str(case.number)).first.click()
    page.locator("#tab-reports").wait_for(state="visible")
    check_page(page, "case-page-reports")

    # Summary and actions stay beside the tabs; the other panels wait behind their tab.
    assert page.locator("aside #summary-heading").is_visible()
    side, main = (
        page.locator("aside.case-layout__side").bounding_box(),
        page.locator("#tab-reports").bounding_box(),
    )
    assert side["x"] > main["x"] + main["width"] - 1  # beside, not below
    assert page.locator("aside button[name=to_status]").first.is_visible()
    assert page.locator("#tab-timeline").is_hidden()

    # Keyboard: from the selected tab, the right arrow opens the next one.
    page.locator("#tab-label-reports").focus()
    page.keyboard.press("ArrowRight")
    page.locator("#tab-notes").wait_for(state="visible")
    assert page.locator("#tab-label-notes").get_attribute("aria-selected") == "true"

    page.locator("#tab-label-timeline").click()
    page.locator("#tab-timeline").wait_for(state="visible")
    timeline = page.locator("#timeline").inner_text()
    assert "Report submitted" in timeline
    assert "Report read" in timeline
    check_page(page, "case-page-timeline")

    # Without JavaScript the tabs are sections, one after the other.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    try:
        context.add_cookies(page.context.cookies())
        plain = context.new_page()
        plain.goto(reverse("cases_admin:detail", kwargs={"case_id": case.pk}))
        for panel in ("reports", "notes", "findings", "related", "timeline"):
            assert plain.locator(f"#tab-{panel}").is_visible(), panel
        plain.screenshot(
            path=str(page.shots.folder / "99-case-page-without-javascript.png"), full_page=True
        )
    finally:
        context.close()
