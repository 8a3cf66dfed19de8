"""A new district, from nothing to its first cases, in the browser (issue 16).

With no demo data, only the platform operator (a superuser): the operator creates the district
with its rules and closures and invites its first district administrator by e-mail. The
administrator answers the invitation (password, authenticator app), adds three schools, invites
an equity officer for the whole district and another for one school, relabels a bias basis and
creates an API token, which works. Each officer answers their invitation. Reports arrive at two
of the new schools and in another district: the district's officer sees both of the district's
cases and no other, the school's officer only their school's. axe checks every screen visited;
every step is screenshotted."""

import secrets

import pytest
from playwright.sync_api import expect

from cases.models import Case, District, DistrictBiasBasis, School
from cases.roles import Role
from cases.selectors.memberships import administered_districts
from tests.e2e.district_setup import (
    add_schools,
    create_api_token,
    create_district,
    relabel_bias_basis,
)
from tests.e2e.helpers import check_page
from tests.e2e.staff import accept_invitation, invite, sign_in_with_two_factor
from tests.factories import DistrictFactory, SchoolFactory, UserFactory, submit_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each invitee chooses their own password: random per run, never a literal in the repo.
PASSWORDS = {name: secrets.token_urlsafe(16) for name in ("dana.okafor", "sam.reyes", "lee.tran")}


def _sees_exactly(page, shown: list[Case], hidden: list[Case], name: str) -> None:
    page.goto("/admin/cases/")
    for case in shown:
        expect(page.get_by_role("link", name=str(case.number)).first).to_be_visible()
    for case in hidden:
        expect(page.get_by_role("link", name=str(case.number))).to_have_count(0)
    check_page(page, name)


def test_a_new_district_administrator_sets_up_a_district_and_its_officers(open_page, mailoutbox):
    assert not District.objects.exists()  # no demo: the test makes everything it uses
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    page = open_page(who="operator", width=1280, height=900)
    sign_in_with_two_factor(page, operator, "/admin/district-setup/districts/new/")
    create_district(
        page,
        name="Westbrook Unified",
        slug="westbrook",
        code="WBU",
        acknowledge_school_days=3,
        retention_years=6,
        contact_email="equity@westbrook.example.org",
        closures=[("2026-12-24", "Winter break"), ("2027-04-05", "Spring break")],
    )
    district = District.objects.get(slug="westbrook")
    assert (district.acknowledge_school_days, district.retention_years) == (3, 6)
    assert set(district.closures.values_list("reason", flat=True)) == {
        "Winter break",
        "Spring break",
    }
    invite(
        page,
        email="dana.okafor@westbrook.example.org",
        first_name="Dana",
        last_name="Okafor",
        username="dana.okafor",
        role="District administrator",
        district="Westbrook Unified",
    )

    admin_page = open_page(who="administrator", width=1280, height=900)
    accept_invitation(
        admin_page,
        email="dana.okafor@westbrook.example.org",
        username="dana.okafor",
        password=PASSWORDS["dana.okafor"],
    )
    admin = District.objects.get(pk=district.pk).memberships.get().user
    assert admin.username == "dana.okafor"
    assert list(administered_districts(user=admin)) == [district]

    add_schools(
        admin_page,
        [
            ("Birch Elementary", "birch", "Elementary school"),
            ("Maple Middle", "maple", "Middle school"),
            ("Oak High", "oak", "High school"),
        ],
    )
    schools = {school.slug: school for school in School.objects.filter(district=district)}
    assert set(schools) == {"birch", "maple", "oak"}

    invite(
        admin_page,
        email="sam.reyes@westbrook.example.org",
        first_name="Sam",
        last_name="Reyes",
        username="sam.reyes",
        role="Equity officer",
    )
    invite(
        admin_page,
        email="lee.tran@westbrook.example.org",
        first_name="Lee",
        last_name="Tran",
        username="lee.tran",
        role="Equity officer",
        school="Oak High (Westbrook Unified)",
    )

    relabel_bias_basis(admin_page, shipped="Religion", label="Religion or belief")
    religion = DistrictBiasBasis.objects.get(district=district, choice__code="religion")
    assert religion.labels == {"en": "Religion or belief"}
    create_api_token(admin_page, "Westbrook SIS")

    at_maple = submit_report(school=schools["maple"]).case
    at_oak = submit_report(school=schools["oak"]).case
    elsewhere = submit_report(school=SchoolFactory(district=DistrictFactory(slug="eastfield"))).case

    district_officer = open_page(who="district-officer", width=1280, height=900)
    accept_invitation(
        district_officer,
        email="sam.reyes@westbrook.example.org",
        username="sam.reyes",
        password=PASSWORDS["sam.reyes"],
    )
    _sees_exactly(district_officer, [at_maple, at_oak], [elsewhere], "district-cases")

    school_officer = open_page(who="school-officer", width=1280, height=900)
    accept_invitation(
        school_officer,
        email="lee.tran@westbrook.example.org",
        username="lee.tran",
        password=PASSWORDS["lee.tran"],
    )
    _sees_exactly(school_officer, [at_oak], [at_maple, elsewhere], "school-cases")
    assert {
        (m.user.username, m.role, m.school_id) for m in district.memberships.select_related("user")
    } == {
        ("dana.okafor", Role.DISTRICT_ADMINISTRATOR, None),
        ("sam.reyes", Role.EQUITY_OFFICER, None),
        ("lee.tran", Role.EQUITY_OFFICER, schools["oak"].pk),
    }
