"""A district administrator grants and revokes staff roles in the browser ("Staff roles").

The world (tests/cases/admin/world.py): Northvale, administered by "districtadmin", with
Cedar and Lakeview schools and a case at Cedar; Riverbend, with its own officer.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AuditEvent, StaffMembership
from cases.roles import Role
from tests.factories import SchoolFactory, UserFactory, staff_user, submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("staff_roles:index")
GRANT = reverse("staff_roles:add")


def _revoke_url(membership) -> str:
    return reverse("staff_roles:delete", args=[membership.pk])


def _queue_numbers(client) -> set[str] | None:
    """The case numbers a signed-in user's queue shows, or None when they cannot open it
    (404 for staff without a case role, the sign-in page for someone left with no role)."""
    response = client.get(reverse("cases_admin:queue"))
    if response.status_code in (302, 404):
        return None
    return {case.number for case in response.context["cases"]}


@pytest.fixture
def admin(world):
    return world.staff["district_admin"]


@pytest.fixture
def newcomer():
    return UserFactory(username="maria.lopez", first_name="María", last_name="López")


def test_an_administrator_grants_an_officer_who_then_handles_that_districts_cases_only(
    client, world, admin, newcomer
):
    riverbend_case = submit_report(school=SchoolFactory(district=world.other_district)).case
    login_staff(client, admin)

    form = client.get(GRANT)
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    granted = client.post(
        GRANT, {"user": newcomer.pk, "role": Role.EQUITY_OFFICER, "district": world.district.pk}
    )
    assert granted.status_code == 302
    listing = client.get(INDEX).content.decode()
    assert "María López (maria.lopez)" in listing
    assert "Whole district" in listing

    login_staff(client, newcomer)
    seen = _queue_numbers(client)
    assert world.case.number in seen
    assert riverbend_case.number not in seen
    event = AuditEvent.objects.get(action="membership.granted", detail__user=newcomer.pk)
    assert (event.actor, event.district, event.detail["role"]) == (
        admin,
        world.district,
        Role.EQUITY_OFFICER,
    )


def test_revoking_the_role_takes_the_cases_away_at_once(client, world, admin):
    officer = world.staff["equity_officer"]
    membership = StaffMembership.objects.get(user=officer)
    login_staff(client, admin)

    confirm = client.get(_revoke_url(membership))
    assert confirm.status_code == 200
    assert "Yes, revoke the role" in confirm.content.decode()
    assert client.post(_revoke_url(membership)).status_code == 302

    login_staff(client, officer)
    assert _queue_numbers(client) is None
    event = AuditEvent.objects.get(action="membership.revoked", detail__user=officer.pk)
    assert event.actor == admin


def test_a_school_level_role_shows_that_schools_cases_only(client, world, admin, newcomer):
    lakeview_case = submit_report(school=world.other_school).case
    login_staff(client, admin)

    client.post(
        GRANT,
        {
            "user": newcomer.pk,
            "role": Role.TITLE_IX_COORDINATOR,
            "district": world.district.pk,
            "school": world.other_school.pk,
        },
    )

    assert (
        "Lakeview Elementary"
        in client.get(INDEX, {"role": Role.TITLE_IX_COORDINATOR}).content.decode()
    )
    login_staff(client, newcomer)
    assert _queue_numbers(client) == {lakeview_case.number}


def test_a_mismatched_grant_explains_itself_and_keeps_what_was_typed(
    client, world, admin, newcomer
):
    riverbend_school = SchoolFactory(district=world.other_district, name="Riverbend High")
    login_staff(client, admin)

    district_role_at_a_school = client.post(
        GRANT,
        {
            "user": newcomer.pk,
            "role": Role.TRANSFER_OFFICER,
            "district": world.district.pk,
            "school": world.school.pk,
        },
    )
    school_elsewhere = client.post(
        GRANT,
        {
            "user": newcomer.pk,
            "role": Role.EQUITY_OFFICER,
            "district": world.district.pk,
            "school": riverbend_school.pk,
        },
    )

    assert district_role_at_a_school.status_code == 200
    assert "This role is held at district level only." in str(
        district_role_at_a_school.context["form"].errors
    )
    assert school_elsewhere.context["form"].errors["school"] == [
        "Choose one of the listed schools."
    ]
    page = school_elsewhere.content.decode()
    assert f'<option value="{newcomer.pk}" selected>' in page
    assert f'<option value="{Role.EQUITY_OFFICER}" selected>' in page
    assert "Riverbend High" not in page
    assert not StaffMembership.objects.filter(user=newcomer).exists()


def test_a_forged_grant_in_another_district_is_refused(client, world, admin, newcomer):
    login_staff(client, admin)

    response = client.post(
        GRANT,
        {"user": newcomer.pk, "role": Role.EQUITY_OFFICER, "district": world.other_district.pk},
    )

    assert response.context["form"].errors["district"] == [
        "Choose one of the districts you administer."
    ]
    assert not StaffMembership.objects.filter(user=newcomer).exists()


def test_an_administrator_cannot_grant_themselves_a_case_role(client, world, admin):
    login_staff(client, admin)

    response = client.post(
        GRANT, {"user": admin.pk, "role": Role.EQUITY_OFFICER, "district": world.district.pk}
    )

    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not StaffMembership.objects.filter(user=admin, role=Role.EQUITY_OFFICER).exists()
    assert not AuditEvent.objects.filter(action="membership.granted", actor=admin).exists()


def test_another_districts_roles_are_never_listed_and_answer_404(client, world, admin):
    riverbend_membership = StaffMembership.objects.get(user=world.staff["other_district_officer"])
    riverbend_admin = staff_user(
        role=Role.DISTRICT_ADMINISTRATOR, district=world.other_district, username="rb.admin"
    )
    northvale_membership = StaffMembership.objects.get(user=world.staff["equity_officer"])

    login_staff(client, admin)
    assert "riverbend.officer" not in client.get(INDEX).content.decode()
    assert client.get(_revoke_url(riverbend_membership)).status_code == 404
    assert client.post(_revoke_url(riverbend_membership)).status_code == 404

    login_staff(client, riverbend_admin)
    listing = client.get(INDEX).content.decode()
    assert "riverbend.officer" in listing
    assert "districtadmin" not in listing
    assert client.post(_revoke_url(northvale_membership)).status_code == 404
    assert StaffMembership.objects.filter(pk=northvale_membership.pk).exists()


def test_staff_without_the_administrator_role_find_no_screen(client, world):
    """One world for every role: each request is cheap, a world per role is not."""
    membership = StaffMembership.objects.get(user=world.staff["equity_officer"])
    for role, user in world.staff.items():
        if role == "district_admin":
            continue
        login_staff(client, user)
        home = client.get(reverse("wagtailadmin_home")).content.decode()

        assert INDEX not in home, role
        assert client.get(INDEX).status_code == 404, role
        assert client.get(GRANT).status_code == 404, role
        assert client.post(_revoke_url(membership)).status_code == 404, role
    assert StaffMembership.objects.filter(pk=membership.pk).exists()


def test_the_administrator_finds_the_screen_in_the_settings_menu(client, admin):
    login_staff(client, admin)

    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_operator_sees_every_districts_roles(client, world):
    login_staff(client, UserFactory(is_superuser=True, is_staff=True))

    listing = client.get(INDEX).content.decode()

    assert "riverbend.officer" in listing
    assert "districtadmin" in listing


def test_the_filter_drawer_and_the_search_narrow_the_list(client, world, admin):
    login_staff(client, admin)

    def usernames(**query) -> set[str]:
        response = client.get(INDEX, query)
        return {row.user.username for row in response.context["object_list"]}

    assert usernames(role=Role.TRANSFER_OFFICER) == {"transfer"}
    assert usernames(school=world.school.pk) == {"cedar.officer"}
    assert usernames(q="lakeview") == {"lakeview.officer"}
    assert usernames(scope="school") == {"cedar.officer", "lakeview.officer"}


def _queries_for_listing(client) -> tuple[int, int]:
    """(queries run, rows shown) for the first page of the listing."""
    client.get(INDEX)  # warm per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)
    assert response.status_code == 200
    return len(queries), len(response.context["object_list"])


def test_the_list_runs_the_same_number_of_queries_for_10_and_50_rows(client, world, admin):
    login_staff(client, admin)
    schools = [world.school, world.other_school]

    def add_officers(count: int) -> None:
        start = StaffMembership.objects.count()
        for index in range(start, start + count):
            staff_user(role=Role.EQUITY_OFFICER, school=schools[index % 2], username=f"o{index}")

    add_officers(10 - StaffMembership.objects.filter(district=world.district).count())
    at_ten = _queries_for_listing(client)
    add_officers(40)
    at_fifty = _queries_for_listing(client)

    assert (at_ten[1], at_fifty[1]) == (10, 50)
    assert at_ten[0] == at_fifty[0]
