"""A district administrator adds a routing rule in the browser and tries it on a made-up
report; an officer then re-routes a case that arrived before the rule, and it goes where the
new rule says."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Case
from cases.roles import Role
from routing.models import RoutingRule
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_administrator_adds_a_rule_and_an_officer_re_routes_a_case_by_it(open_page):
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Middle", slug="cedar")
    officer = staff_user(
        role=Role.EQUITY_OFFICER, district=district, username="officer", first_name="Olga"
    )
    staff_user(
        role=Role.TITLE_IX_COORDINATOR, district=district, username="titleix", first_name="Tia"
    )
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin")
    RoutingRule.objects.create(district=district, position=90, name="Default", assignee=officer)
    case = submit_report(school=school, bias_basis_codes=["sex"]).case
    assert Case.objects.get(pk=case.pk).assignee == officer  # routed by the default at intake

    page = open_page(who="admin", width=1280, height=900)
    sign_in_with_two_factor(page, admin, "/admin/routing-rules/")
    expect(page.get_by_text("Any report (default)")).to_be_visible()
    page.get_by_role("link", name="Add a rule").first.click()
    page.locator("#id_position").fill("5")
    page.locator("#id_name").fill("Title IX reports")
    page.get_by_label("Sex, including sexual harassment").check()
    page.locator("#id_assignee").select_option(label="Tia (titleix)")
    page.locator("#id_priority").select_option(label="High")
    page.shots("new-rule")
    page.get_by_role("button", name=re.compile("^(Create|Save)")).first.click()
    expect(page.get_by_text("The rule “Title IX reports” is saved.")).to_be_visible()
    page.shots("rules")

    page.get_by_role("link", name="Test the rules").first.click()
    page.locator("#id_district").select_option(label="Northvale")
    page.locator("#id_school").select_option(label="Cedar Middle (Northvale)")
    page.get_by_label("Sex, including sexual harassment").check()
    page.get_by_role("button", name="Test", exact=True).click()
    expect(
        page.get_by_text("This report hits the rule “Title IX reports” (order 5).")
    ).to_be_visible()
    expect(page.get_by_text("Assigned to: Tia (titleix)")).to_be_visible()
    page.shots("tested")
    check_page(page, "test-rules")

    officer_page = open_page(who="officer", width=1280, height=900)
    sign_in_with_two_factor(officer_page, officer, f"/admin/cases/{case.pk}/")
    officer_page.get_by_role("button", name="Re-route").click()
    expect(
        officer_page.get_by_text(
            "Routed by the rule “Title IX reports”: assigned to Tia, priority High."
        )
    ).to_be_visible()
    officer_page.shots("re-routed")
    assert Case.objects.get(pk=case.pk).assignee.username == "titleix"
