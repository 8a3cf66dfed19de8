"""A district administrator signs in and reads the trend page: counts and timeliness, never a
narrative."""

import pytest
from playwright.sync_api import expect

from cases.roles import Role
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_administrator_reads_the_trends_without_any_narrative(page):
    result = submit_report(narrative="Quillon was shoved into the lockers by older boys.")
    admin = staff_user(
        role=Role.DISTRICT_ADMINISTRATOR, district=result.report.school.district, username="admin"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, admin, "/admin/trends/")

    expect(page.locator("#timeliness-title")).to_be_visible()
    page.shots("trends")
    assert "Quillon" not in page.content()
