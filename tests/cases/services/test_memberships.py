"""An administrator grants and revokes staff roles; permissions follow the membership."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import AuditEvent, StaffMembership
from cases.roles import Role
from cases.selectors.organisation import districts_with_permission, schools_for_case_handling
from cases.services.memberships import grant_membership, revoke_membership
from tests.factories import DistrictFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_district_officer_handles_every_school_of_that_district_only():
    north, south = DistrictFactory(), DistrictFactory()
    north_schools = SchoolFactory.create_batch(3, district=north)
    SchoolFactory.create_batch(2, district=south)
    officer = UserFactory()

    grant_membership(user=officer, role=Role.EQUITY_OFFICER, district=north)

    assert set(schools_for_case_handling(user=officer)) == set(north_schools)
    assert officer.has_perm("cases.handle_district_cases", north)
    assert not officer.has_perm("cases.handle_district_cases", south)


def test_a_school_officer_handles_only_that_school():
    district = DistrictFactory()
    cedar, lakeview = SchoolFactory(district=district), SchoolFactory(district=district)
    officer = UserFactory()

    grant_membership(user=officer, role=Role.EQUITY_OFFICER, district=district, school=cedar)

    assert list(schools_for_case_handling(user=officer)) == [cedar]
    assert not officer.has_perm("cases.handle_district_cases", district)
    assert officer.has_perm("cases.handle_school_cases", cedar)
    assert not officer.has_perm("cases.handle_school_cases", lakeview)


def test_revoking_a_membership_removes_its_permissions():
    district = DistrictFactory()
    officer = UserFactory()
    membership = grant_membership(user=officer, role=Role.EQUITY_OFFICER, district=district)

    revoke_membership(membership=membership)

    officer = type(officer).objects.get(pk=officer.pk)  # fresh permission cache
    assert not officer.has_perm("cases.handle_district_cases", district)
    assert not schools_for_case_handling(user=officer).exists()
    assert not officer.has_perm("wagtailadmin.access_admin")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "membership.revoked",
        "membership.granted",
    ]


def test_revoking_one_role_keeps_the_other():
    district = DistrictFactory()
    user = UserFactory()
    grant_membership(user=user, role=Role.EQUITY_OFFICER, district=district)
    admin_role = grant_membership(user=user, role=Role.DISTRICT_ADMINISTRATOR, district=district)

    revoke_membership(membership=admin_role)

    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("cases.handle_district_cases", district)
    assert not user.has_perm("cases.view_district_trends", district)
    assert user.has_perm("wagtailadmin.access_admin")


def test_granting_twice_is_harmless():
    district = DistrictFactory()
    user = UserFactory()
    first = grant_membership(user=user, role=Role.TRANSFER_OFFICER, district=district)
    again = grant_membership(user=user, role=Role.TRANSFER_OFFICER, district=district)
    assert first == again
    assert StaffMembership.objects.count() == 1
    assert list(districts_with_permission(user=user, codename="handle_district_transfers")) == [
        district
    ]


def test_roles_that_are_district_wide_cannot_be_held_at_a_school():
    school = SchoolFactory()
    with pytest.raises(ValidationError):
        grant_membership(
            user=UserFactory(),
            role=Role.DISTRICT_ADMINISTRATOR,
            district=school.district,
            school=school,
        )


def test_a_school_must_belong_to_the_membership_district():
    with pytest.raises(ValidationError):
        grant_membership(
            user=UserFactory(),
            role=Role.EQUITY_OFFICER,
            district=DistrictFactory(),
            school=SchoolFactory(),
        )


def test_a_global_permission_does_not_open_every_district(django_user_model):
    """A user holding a model-wide permission still sees no district without a membership."""
    from django.contrib.auth.models import Permission

    DistrictFactory()
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="handle_district_cases"))
    assert not districts_with_permission(user=user, codename="handle_district_cases").exists()


def test_a_superuser_without_a_role_sees_no_case():
    """Platform operators run the installation; they do not read children's reports."""
    from cases.selectors.cases import cases_for_user
    from tests.factories import submit_report

    submit_report()
    operator = UserFactory(is_superuser=True, is_staff=True)
    assert not cases_for_user(user=operator).exists()
    assert not schools_for_case_handling(user=operator).exists()
