"""A district administrator invites a new equity officer by e-mail; the officer opens the link,
chooses a password, signs in, pairs an authenticator app and lands in the back office with
their district's cases."""

import pytest
from playwright.sync_api import expect

from cases.roles import Role
from tests.accounts.invitations import link_in_last_email, path_of
from tests.e2e.helpers import check_page
from tests.e2e.staff import code_from_setup_key, sign_in_with_two_factor
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "violet-harbour-71-lantern"  # nosec B105


def test_an_invited_officer_sets_a_password_enrols_and_reaches_the_back_office(
    page, open_page, mailoutbox
):
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    case = submit_report(school=SchoolFactory(district=district, name="Cedar Middle")).case
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, admin, "/admin/staff-invitations/new/")

    page.locator("#id_email").fill("maria.lopez@northvale.example")
    page.locator("#id_first_name").fill("María")
    page.locator("#id_last_name").fill("López")
    page.locator("#id_username").fill("maria.lopez")
    page.get_by_label("Equity officer").check()
    check_page(page, "invite-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way to María López")).to_be_visible()
    page.shots("invitation-listed")

    invitee = open_page(who="invitee")
    invitee.goto(path_of(link_in_last_email("maria.lopez@northvale.example")))
    expect(invitee.get_by_text("maria.lopez")).to_be_visible()
    assert "token" not in invitee.url
    check_page(invitee, "choose-password")
    invitee.locator("#id_new_password1").fill("short")
    invitee.locator("#id_new_password2").fill("short")
    with invitee.expect_navigation():
        invitee.get_by_role("button", name="Set my password").click()
    expect(invitee.get_by_text("This password is too short.")).to_be_visible()
    check_page(invitee, "password-too-short")
    invitee.locator("#id_new_password1").fill(PASSWORD)
    invitee.locator("#id_new_password2").fill(PASSWORD)
    with invitee.expect_navigation():
        invitee.get_by_role("button", name="Set my password").click()
    expect(invitee.get_by_text("Your password is set.")).to_be_visible()
    # Wagtail's message slides and fades in: axe would judge its contrast halfway.
    invitee.wait_for_function(
        "document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    check_page(invitee, "sign-in")

    invitee.locator("#id_username").fill("maria.lopez")
    invitee.locator("#id_password").fill(PASSWORD)
    invitee.locator("form button[type=submit]").first.click()
    invitee.wait_for_url("**/admin/2fa/set-up/**")
    check_page(invitee, "enrol-two-factor")
    code = invitee.locator("#id_code")
    code.fill(code_from_setup_key(invitee))
    with invitee.expect_navigation():
        code.press("Enter")
    expect(invitee.get_by_text("Two-factor authentication is on for your account.")).to_be_visible()
    invitee.shots("back-office")
    invitee.goto("/admin/cases/")
    expect(invitee.get_by_role("link", name=str(case.number)).first).to_be_visible()
    invitee.shots("her-districts-cases")

    used = open_page(who="second-click")
    used.goto(path_of(link_in_last_email("maria.lopez@northvale.example")))
    expect(used.get_by_text("This invitation was already used")).to_be_visible()
    check_page(used, "link-already-used")
