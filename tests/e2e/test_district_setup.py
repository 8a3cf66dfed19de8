"""Setting a district up in the browser: the platform operator creates it with its rules and
closures; its new administrator adds three schools, relabels a bias basis and creates an API
token, which then works. axe checks every screen; screenshots of every step."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import District, DistrictBiasBasis, School
from cases.roles import Role
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _save(page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).first.click()


def test_a_district_is_set_up_in_the_browser(open_page):
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    page = open_page(who="operator", width=1280, height=900)
    sign_in_with_two_factor(page, operator, "/admin/district-setup/districts/new/")

    page.locator("#id_name").fill("Westbrook Unified")
    page.locator("#id_slug").fill("westbrook")
    page.locator("#id_code").fill("WBU")
    page.locator("#id_acknowledge_school_days").fill("3")
    page.locator("#id_retention_years").fill("6")
    page.locator("#id_contact_email").fill("equity@westbrook.example.org")
    page.get_by_role("button", name=re.compile("Add closure", re.I)).click()
    page.locator("#id_closures-0-date").fill("2026-12-24")
    page.locator("#id_closures-0-reason").fill("Winter break")
    check_page(page, "new-district")
    _save(page, "Create")
    expect(page.get_by_text("District 'Westbrook Unified' created.")).to_be_visible()
    check_page(page, "districts")
    district = District.objects.get(slug="westbrook")
    assert district.acknowledge_school_days == 3
    assert list(district.closures.values_list("reason", flat=True)) == ["Winter break"]

    # Appointed by the operator (the staff invitation screen is built elsewhere).
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin")
    page = open_page(who="admin", width=1280, height=900)
    sign_in_with_two_factor(page, admin, "/admin/district-setup/schools/")
    for name, slug, band in [
        ("Birch Elementary", "birch", "Elementary school"),
        ("Maple Middle", "maple", "Middle school"),
        ("Oak High", "oak", "High school"),
    ]:
        page.goto("/admin/district-setup/schools/new/")
        page.locator("#id_name").fill(name)
        page.locator("#id_slug").fill(slug)
        page.locator("#id_grade_band").select_option(label=band)
        if slug == "birch":
            check_page(page, "new-school")
        _save(page, "Create")
    check_page(page, "schools")
    assert set(School.objects.filter(district=district).values_list("slug", flat=True)) == {
        "birch",
        "maple",
        "oak",
    }

    page.goto("/admin/district-setup/bias-bases/")
    check_page(page, "bias-bases")
    page.get_by_role("link", name="Religion", exact=True).click()
    page.locator("#id_label_en").fill("Religion or belief")
    check_page(page, "relabel")
    _save(page, "Save")
    expect(page.get_by_role("link", name="Religion or belief")).to_be_visible()
    religion = DistrictBiasBasis.objects.get(district=district, choice__code="religion")
    assert religion.labels == {"en": "Religion or belief"}

    page.goto("/admin/api-tokens/new/")
    page.locator("#id_name").fill("Westbrook SIS")
    check_page(page, "new-token")
    _save(page, "Create the token")
    secret = page.locator("#token-secret").input_value()
    assert secret.startswith("eqr_")
    check_page(page, "token-shown-once")
    answer = page.request.get("/api/staff/cases", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200
    page.get_by_role("link", name="I have copied it").click()
    expect(page.get_by_text("Westbrook SIS")).to_be_visible()
    assert secret not in page.content()
    check_page(page, "tokens")
