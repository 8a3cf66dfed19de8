"""A parent reports that a coach is involved: the report goes to the district office only.
The school's own officer never sees it (not in the queue, not by its address); the district
officer finds it and reads the parent's answer on the case page."""

import pytest
from playwright.sync_api import expect

from cases.models import Case
from cases.roles import Role
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import SchoolFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEXT = "button.button-primary[name=nav][value=next]"


def _report_about_the_coach(page, school) -> None:
    page.goto("/report/")
    page.locator("button[name=nav][value=start]").click()
    page.locator("#id_incident_types input[value=harassment]").check()
    page.locator("#id_bias_bases input[value=religion]").check()
    page.locator(NEXT).click()
    page.locator("#id_district").select_option(str(school.district_id))
    page.locator("#id_school").select_option(str(school.pk))
    page.locator("#id_location_type input[value=hallway]").check()
    page.locator(NEXT).click()
    page.locator("#id_reporter_relation input[value=parent]").check()
    page.locator('#id_grade_band input[value="6_8"]').check()
    page.get_by_text("Is an adult who works at the school involved").scroll_into_view_if_needed()
    page.locator("#id_staff_involved input[value=yes]").check()
    page.shots("who-staff-involved")
    page.locator(NEXT).click()
    page.locator("#id_narrative").fill("The coach mocks my son's faith in front of the team.")
    page.locator(NEXT).click()
    for _step in ("evidence", "transfer", "contact"):
        page.locator(NEXT).click()
    page.locator("button.button-primary[name=nav][value=submit]").click()
    assert page.locator("input[name=receipt]").first.get_attribute("value")


def test_a_report_about_school_staff_reaches_only_the_district_officer(open_page):
    school = SchoolFactory(name="Lincoln Middle")
    school_officer = staff_user(role=Role.EQUITY_OFFICER, school=school, username="lincoln.eo")
    district_officer = staff_user(district=school.district, username="district.eo")
    _report_about_the_coach(open_page(who="parent"), school)
    case = Case.objects.get()
    assert case.district_only

    school_page = open_page(who="school-officer", width=1280)
    sign_in_with_two_factor(school_page, school_officer, "/admin/cases/")
    expect(school_page.get_by_role("link", name=case.number)).to_have_count(0)
    response = school_page.goto(f"/admin/cases/{case.pk}/")
    assert response.status == 404
    school_page.shots("school-officer-not-found")

    district_page = open_page(who="district-officer", width=1280)
    sign_in_with_two_factor(district_page, district_officer, "/admin/cases/")
    district_page.get_by_role("link", name=case.number).first.click()
    expect(district_page.locator("main")).to_contain_text("District level only")
    expect(district_page.locator("main")).to_contain_text("School staff involved")
    district_page.shots("district-officer-case")
