"""An officer writing a long note is warned before the idle timeout signs them out, and can
stay signed in without losing what they typed."""

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_is_warned_before_the_idle_sign_out_and_stays_signed_in(page, settings):
    result = submit_report()
    officer = staff_user(district=result.report.school.district, username="officer.idle")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, officer, "/admin/cases/")
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 8  # the warning then comes after 4 quiet seconds

    page.goto(f"/admin/cases/{Case.objects.get().pk}/")
    note = page.locator("form[action*='/messages/'] textarea")
    note.fill("A long message the officer is still writing")
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("signed out in 1 minute without", timeout=10_000)
    expect(note).to_be_focused()  # the warning does not take the keyboard away
    page.shots("idle-warning")

    warning.get_by_role("button", name="Stay signed in").click()

    expect(warning).to_have_count(0)
    expect(note).to_have_value("A long message the officer is still writing")
    page.reload()
    assert "/admin/login/" not in page.url  # the session is still alive
