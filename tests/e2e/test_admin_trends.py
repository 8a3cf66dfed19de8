"""A district administrator signs in and reads the trend page: the counts, a suppressed cell
and the timeliness figures they would quote, never a narrative."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from cases.roles import Role
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARRATIVE = "Quillon was shoved into the lockers by older boys."


def _seed_district():
    """26 cases opened this month in Northvale (threshold 10): 12 race, each acknowledged the
    day after it was opened, 11 disability and 3 religion; 2 cases in Riverbend."""
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Middle", slug="cedar")
    race = [submit_report(school=school, narrative=NARRATIVE).case for _ in range(12)]
    for _ in range(11):
        submit_report(school=school, bias_basis_codes=["disability"])
    for _ in range(3):
        submit_report(school=school, bias_basis_codes=["religion"])
    riverbend = SchoolFactory(name="Hill Middle", slug="hill")
    for _ in range(2):
        submit_report(school=riverbend)
    for case in Case.objects.filter(pk__in=[c.pk for c in race]):
        # The evening of the next day: the opening day counts, never its time.
        acknowledged = timezone.make_aware(datetime.combine(case.opened_on, time(21))) + timedelta(
            days=1
        )
        Case.objects.filter(pk=case.pk).update(acknowledged_at=acknowledged)
    return district


def _numbers(page, key: str) -> dict[str, dict[str, str]]:
    """The table of one trend section as {row label: {column label: value}}, opened as a
    reader would, with "Show the numbers"."""
    section = page.locator(f'section[aria-labelledby="trend-{key}"]')
    section.get_by_text("Show the numbers").click()
    table = section.locator("table")
    expect(table).to_be_visible()
    header = table.locator("thead th").all_inner_texts()
    rows = {}
    for row in table.locator("tbody tr").all():
        label, *values = (text.strip() for text in row.locator("th, td").all_inner_texts())
        rows[label] = dict(zip(header[1:], values, strict=True))
    return rows


def test_an_administrator_reads_the_counts_and_the_suppressed_cells(page):
    district = _seed_district()
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, admin, "/admin/trends/")

    timeliness = page.locator('section[aria-labelledby="timeliness-title"]')
    expect(timeliness.locator("dd")).to_have_text(["1.0", "suppressed"])  # 12 acknowledged
    basis = _numbers(page, "basis")["Cases"]
    assert (basis["Race"], basis["Total"]) == ("12", "26")
    assert basis["Religion"] == "suppressed"  # 3 is below 10
    assert basis["Disability"] == "suppressed"  # else 26 - 12 - 11 gives the 3 back
    assert basis["Sexual orientation"] == "0"  # zero identifies no one
    this_month = timezone.localdate().strftime("%b %Y")
    by_month = _numbers(page, "month")["Cases"]
    assert by_month[this_month] == "26"
    assert by_month["Total"] == "26"
    assert {v for k, v in by_month.items() if k not in (this_month, "Total")} == {"0"}
    suppressed_bars = page.locator('section[aria-labelledby="trend-basis"] rect title')
    expect(suppressed_bars.filter(has_text="Religion")).to_have_text("Cases, Religion: suppressed")
    page.shots("trends")
    assert "Quillon" not in page.content()
