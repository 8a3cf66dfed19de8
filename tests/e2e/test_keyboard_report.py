"""A reporter who cannot use a mouse sends a whole report with Tab, Space, arrows and Enter."""

import pytest

from cases.models import Report
from tests.e2e.keyboard import press_and_load, tab_to
from tests.factories import SchoolFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEXT = "button.button-primary[name=nav][value=next]"


def test_a_report_sent_with_the_keyboard_only(page):
    school = SchoolFactory(name="Roosevelt High")
    keys = page.keyboard
    page.goto("/report/")
    tab_to(page, "button[name=nav][value=start]")
    page.shots("start-focused")
    press_and_load(page)

    page.wait_for_selector("#id_incident_types")
    tab_to(page, "input[name=incident_types]")
    keys.press("Space")
    tab_to(page, "input[name=bias_bases]")
    keys.press("Space")
    tab_to(page, NEXT)
    page.shots("what")
    press_and_load(page)

    page.wait_for_selector("#id_district")
    tab_to(page, "#id_district")
    keys.press("ArrowDown")
    tab_to(page, "#id_school")
    keys.press("ArrowDown")
    tab_to(page, "input[name=location_type]")
    keys.press("Space")
    page.shots("where")
    tab_to(page, NEXT)
    press_and_load(page)

    page.wait_for_selector("#id_grade_band")
    tab_to(page, "input[name=reporter_relation]")
    keys.press("Space")
    tab_to(page, "input[name=grade_band]")
    keys.press("Space")
    tab_to(page, NEXT)
    press_and_load(page)

    page.wait_for_selector("#id_narrative")
    tab_to(page, "#id_narrative")
    keys.type("They push him out of the lunch line because of his accent.")
    tab_to(page, NEXT)
    page.shots("story")
    press_and_load(page)

    page.wait_for_selector("#id_files")
    tab_to(page, NEXT)
    press_and_load(page)

    page.wait_for_selector("#id_transfer_interest")
    tab_to(page, "input[name=transfer_interest]")
    keys.press("Space")
    tab_to(page, NEXT)
    press_and_load(page)

    page.wait_for_selector("#id_contact_email")
    tab_to(page, NEXT)
    press_and_load(page)

    tab_to(page, "button[name=nav][value=submit]")
    page.shots("review")
    press_and_load(page)

    page.wait_for_selector("input[name=receipt]", state="attached")
    page.shots("receipt")
    report = Report.objects.get()
    assert report.school == school
    assert report.narrative == "They push him out of the lunch line because of his accent."
