"""An administrator grants and revokes staff roles; permissions follow the membership."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import AuditEvent, StaffMembership
from cases.roles import Role
from cases.selectors.organisation import districts_with_permission, schools_for_case_handling
from cases.services.memberships import SYSTEM, grant_membership, revoke_membership
from tests.factories import DistrictFactory, SchoolFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_a_district_officer_handles_every_school_of_that_district_only():
    north, south = DistrictFactory(), DistrictFactory()
    north_schools = SchoolFactory.create_batch(3, district=north)
    SchoolFactory.create_batch(2, district=south)
    officer = UserFactory()

    grant_membership(user=officer, role=Role.EQUITY_OFFICER, district=north, granted_by=SYSTEM)

    assert set(schools_for_case_handling(user=officer)) == set(north_schools)
    assert officer.has_perm("cases.handle_district_cases", north)
    assert not officer.has_perm("cases.handle_district_cases", south)


def test_a_school_officer_handles_only_that_school():
    district = DistrictFactory()
    cedar, lakeview = SchoolFactory(district=district), SchoolFactory(district=district)
    officer = UserFactory()

    grant_membership(
        user=officer, role=Role.EQUITY_OFFICER, district=district, school=cedar, granted_by=SYSTEM
    )

    assert list(schools_for_case_handling(user=officer)) == [cedar]
    assert not officer.has_perm("cases.handle_district_cases", district)
    assert officer.has_perm("cases.handle_school_cases", cedar)
    assert not officer.has_perm("cases.handle_school_cases", lakeview)


def test_revoking_a_membership_removes_its_permissions():
    district = DistrictFactory()
    officer = UserFactory()
    membership = grant_membership(
        user=officer, role=Role.EQUITY_OFFICER, district=district, granted_by=SYSTEM
    )

    revoke_membership(membership=membership, revoked_by=SYSTEM)

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
    grant_membership(user=user, role=Role.EQUITY_OFFICER, district=district, granted_by=SYSTEM)
    admin_role = grant_membership(
        user=user, role=Role.DISTRICT_ADMINISTRATOR, district=district, granted_by=SYSTEM
    )

    revoke_membership(membership=admin_role, revoked_by=SYSTEM)

    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("cases.handle_district_cases", district)
    assert not user.has_perm("cases.view_district_trends", district)
    assert user.has_perm("wagtailadmin.access_admin")


def test_granting_twice_is_harmless():
    district = DistrictFactory()
    user = UserFactory()
    first = grant_membership(
        user=user, role=Role.TRANSFER_OFFICER, district=district, granted_by=SYSTEM
    )
    again = grant_membership(
        user=user, role=Role.TRANSFER_OFFICER, district=district, granted_by=SYSTEM
    )
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
            granted_by=SYSTEM,
        )


def test_a_school_must_belong_to_the_membership_district():
    with pytest.raises(ValidationError):
        grant_membership(
            user=UserFactory(),
            role=Role.EQUITY_OFFICER,
            district=DistrictFactory(),
            school=SchoolFactory(),
            granted_by=SYSTEM,
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


def test_a_district_administrator_grants_and_revokes_roles_in_their_own_district_only():
    north, south = DistrictFactory(), DistrictFactory()
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=north)
    officer = UserFactory()

    membership = grant_membership(
        user=officer, role=Role.EQUITY_OFFICER, district=north, granted_by=admin
    )
    with pytest.raises(PermissionDenied):
        grant_membership(user=officer, role=Role.EQUITY_OFFICER, district=south, granted_by=admin)
    elsewhere = grant_membership(
        user=officer, role=Role.TRANSFER_OFFICER, district=south, granted_by=SYSTEM
    )
    with pytest.raises(PermissionDenied):
        revoke_membership(membership=elsewhere, revoked_by=admin)
    revoke_membership(membership=membership, revoked_by=admin)

    assert list(StaffMembership.objects.filter(user=officer)) == [elsewhere]
    granted, revoked = (
        AuditEvent.objects.get(action=action, detail__user=officer.pk, district=north)
        for action in ("membership.granted", "membership.revoked")
    )
    assert (granted.actor, revoked.actor) == (admin, admin)


def test_an_officer_without_the_administrator_role_grants_nothing():
    district = DistrictFactory()
    officer = staff_user(role=Role.EQUITY_OFFICER, district=district)

    with pytest.raises(PermissionDenied):
        grant_membership(
            user=UserFactory(), role=Role.EQUITY_OFFICER, district=district, granted_by=officer
        )


@pytest.mark.parametrize("is_superuser", [False, True])
def test_nobody_grants_a_role_to_themselves(is_superuser):
    district = DistrictFactory()
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district)
    admin.is_superuser = is_superuser
    admin.save()

    with pytest.raises(PermissionDenied):
        grant_membership(user=admin, role=Role.EQUITY_OFFICER, district=district, granted_by=admin)

    assert not schools_for_case_handling(user=admin).exists()


def test_an_operator_appoints_the_first_district_administrator():
    district = DistrictFactory()
    operator = UserFactory(is_superuser=True, is_staff=True)
    newcomer = UserFactory()

    grant_membership(
        user=newcomer, role=Role.DISTRICT_ADMINISTRATOR, district=district, granted_by=operator
    )

    assert newcomer.has_perm("cases.view_district_trends", district)
