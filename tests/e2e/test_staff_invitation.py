"""A district administrator invites a new equity officer by e-mail; the officer opens the link,
is refused a too-short password, chooses a good one, signs in, pairs an authenticator app and
lands in the back office with their district's cases; the link then no longer works.

The whole set-up of a new district, invitations included, is test_new_district_journey.py."""

import pytest
from playwright.sync_api import expect

from cases.roles import Role
from tests.accounts.invitations import link_in_last_email, path_of
from tests.e2e.helpers import check_page
from tests.e2e.staff import (
    invite,
    open_invitation,
    set_password,
    sign_in_first_time,
    sign_in_with_two_factor,
)
from tests.factories import (
    STAFF_PASSWORD,
    DistrictFactory,
    SchoolFactory,
    staff_user,
    submit_report,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = STAFF_PASSWORD  # random per run (tests/factories.py), never a literal


def test_an_invited_officer_sets_a_password_enrols_and_reaches_the_back_office(
    page, open_page, mailoutbox
):
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    case = submit_report(school=SchoolFactory(district=district, name="Cedar Middle")).case
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_two_factor(page, admin, "/admin/staff-invitations/new/")
    invite(
        page,
        email="maria.lopez@northvale.example",
        first_name="María",
        last_name="López",
        username="maria.lopez",
        role="Equity officer",
    )

    invitee = open_page(who="invitee")
    open_invitation(invitee, "maria.lopez@northvale.example", "maria.lopez")
    set_password(invitee, "short")
    expect(invitee.get_by_text("This password is too short.")).to_be_visible()
    check_page(invitee, "password-too-short")
    set_password(invitee, PASSWORD)
    expect(invitee.get_by_text("Your password is set.")).to_be_visible()
    sign_in_first_time(invitee, "maria.lopez", PASSWORD)
    invitee.goto("/admin/cases/")
    expect(invitee.get_by_role("link", name=str(case.number)).first).to_be_visible()
    invitee.shots("her-districts-cases")

    used = open_page(who="second-click")
    used.goto(path_of(link_in_last_email("maria.lopez@northvale.example")))
    expect(used.get_by_text("This invitation was already used")).to_be_visible()
    check_page(used, "link-already-used")
