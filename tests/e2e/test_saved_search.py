"""An officer saves the queue's search as an alert and sees a new matching report counted on
the "Saved searches" screen, with the email that announced it; the words are never shown
again."""

import pytest
from playwright.sync_api import expect

from alerts.models import SavedSearch
from privacy.blind_index import query_tokens
from tests.e2e.staff import sign_in_with_two_factor
from tests.factories import submit_report
from tests.two_districts import two_districts

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_saves_a_search_from_the_queue_and_a_new_report_matches_it(page, mailoutbox):
    world = two_districts()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, world.officer, "/admin/cases/")

    page.get_by_label("Search cases").fill("trombone lockers")
    # Wagtail's search box lists the matches as you type; the button sends what it holds.
    page.wait_for_url("**/admin/cases/?q=trombone+lockers*")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url("**/admin/saved-searches/new/**")
    expect(page.get_by_label("Words to watch for")).to_have_value("trombone lockers")
    page.shots("save-form")
    page.get_by_label("Label").fill("Band room")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/admin/saved-searches/")
    expect(page.get_by_text("Band room").first).to_be_visible()
    expect(page.get_by_text("No new report yet")).to_be_visible()
    assert SavedSearch.objects.get().tokens == query_tokens("trombone lockers")

    case = submit_report(
        school=world.school, narrative="He hid my trombone behind the lockers again."
    ).case
    page.reload()

    expect(page.get_by_text("1 case, the latest on")).to_be_visible()
    page.shots("matched")
    assert "trombone" not in page.content()
    alerts = [
        email for email in mailoutbox if "matches one of your saved searches" in email.subject
    ]
    assert [email.to for email in alerts] == [[world.officer.email]]
    assert case.number in alerts[0].subject
