"""An officer whose Wagtail language is Spanish works the queue in Spanish: the filter drawer,
the search box, a bulk assignment of two cases, then a case and its tabs. No English staff
string is left on the way, and every step is axe clean."""

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from cases.models import Case
from tests.e2e.helpers import check_page
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ENGLISH = ("Assigned to", "Filter", "Status", "Priority")


def _no_english(page) -> None:
    text = page.locator("main").inner_text()
    left = [words for words in ENGLISH if words in text]
    assert left == [], f"English on {page.url}: {left}"


def test_a_spanish_speaking_officer_filters_searches_assigns_and_opens_a_case(open_page):
    first = submit_report()
    school = first.report.school
    other_school = SchoolFactory(district=school.district)
    second = submit_report(school=school)
    elsewhere = submit_report(school=other_school)
    officer = staff_user(district=school.district, first_name="Ana", last_name="García")
    colleague = staff_user(district=school.district, first_name="Luis", last_name="Pérez")
    page = open_page(width=1280, height=900)
    sign_in_with_two_factor(page, officer, "/admin/cases/")
    # Account > Preferences > Language: Spanish.
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "es"
    profile.save()

    page.goto("/admin/cases/")
    expect(page.get_by_role("columnheader", name="Asignado a")).to_be_visible()
    check_page(page, "queue-in-spanish")
    _no_english(page)

    # The filter drawer: only the other school's case is left.
    page.locator("#filters-drilldown .w-dropdown__toggle").click()
    expect(page.get_by_text("Filtrar por")).to_be_visible()
    page.locator("button.w-drilldown__toggle", has_text="Escuela").click()
    page.locator("#id_school").select_option(str(other_school.pk))
    page.wait_for_url(f"**school={other_school.pk}*")
    expect(page.get_by_role("link", name=elsewhere.case.number)).to_be_visible()
    expect(page.get_by_role("link", name=first.case.number)).to_have_count(0)
    check_page(page, "queue-filtered")
    _no_english(page)

    # The search box: a case number finds that case.
    page.goto("/admin/cases/")
    page.locator("#id_q").fill(second.case.number)
    page.wait_for_url(f"**q={second.case.number}*")
    expect(page.get_by_role("link", name=second.case.number)).to_be_visible()
    expect(page.get_by_role("link", name=first.case.number)).to_have_count(0)
    check_page(page, "queue-searched")

    # Bulk assignment of the two cases of the first school.
    page.goto(f"/admin/cases/?school={school.pk}")
    for case in (first.case, second.case):
        page.locator(f"[data-object-id='{case.pk}']").check()
    page.locator("[data-bulk-action-footer] a", has_text="Asignar").click()
    page.wait_for_url("**/admin/bulk/cases/case/assign/**")
    check_page(page, "bulk-assign-confirm")
    _no_english(page)
    page.locator("#id_assignee").select_option(str(colleague.pk))
    page.get_by_role("button", name="Asignar", exact=True).click()
    expect(page.get_by_text("2 casos asignados a Luis Pérez.")).to_be_visible()
    check_page(page, "queue-assigned")
    assigned = Case.objects.filter(assignee=colleague).values_list("pk", flat=True)
    assert set(assigned) == {first.case.pk, second.case.pk}

    # A case and its tabs.
    page.get_by_role("link", name=first.case.number).click()
    page.locator("#tab-reports").wait_for(state="visible")
    check_page(page, "case-in-spanish")
    for tab in ("notes", "findings", "related", "timeline"):
        page.locator(f"#tab-label-{tab}").click()
        page.locator(f"#tab-{tab}").wait_for(state="visible")
        _no_english(page)
    expect(page.locator("#tab-label-timeline")).to_contain_text("Cronología")
    check_page(page, "case-timeline-in-spanish")
