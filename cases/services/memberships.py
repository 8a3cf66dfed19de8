"""Granting and revoking staff roles, and the object permissions that follow them."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from guardian.shortcuts import assign_perm

from cases.models import District, School, StaffMembership
from cases.roles import DISTRICT_PERMISSIONS, SCHOOL_PERMISSIONS, STAFF_ACCESS_GROUP
from cases.services.audit import record_audit_event


def _role_group(*, role: str, district: District, school: School | None) -> Group:
    """The group that holds the object permissions of one role at one scope."""
    if school is not None:
        name = f"school:{school.pk}:{role}"
        perms, target = SCHOOL_PERMISSIONS[role], school
    else:
        name = f"district:{district.pk}:{role}"
        perms, target = DISTRICT_PERMISSIONS[role], district
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for codename in perms:
            assign_perm(f"cases.{codename}", group, target)
    return group


def _staff_access_group() -> Group:
    group, created = Group.objects.get_or_create(name=STAFF_ACCESS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@transaction.atomic
def grant_membership(
    *,
    user: AbstractBaseUser,
    role: str,
    district: District,
    school: School | None = None,
    granted_by: AbstractBaseUser | None = None,
) -> StaffMembership:
    """Give `user` a role and the object permissions it carries. Idempotent."""
    membership = StaffMembership(user=user, role=role, district=district, school=school)
    membership.clean()
    existing = StaffMembership.objects.filter(
        user=user, role=role, district=district, school=school
    ).first()
    if existing is not None:
        return existing
    membership.save()
    user.groups.add(_role_group(role=role, district=district, school=school), _staff_access_group())
    record_audit_event(
        action="membership.granted",
        actor=granted_by,
        target=membership,
        district=district,
        detail={"role": role, "user": user.pk, "school": school.pk if school else None},
    )
    return membership


@transaction.atomic
def revoke_membership(
    *, membership: StaffMembership, revoked_by: AbstractBaseUser | None = None
) -> None:
    """Remove a role; the user loses its permissions unless another membership still grants them."""
    user, district, school, role = (
        membership.user,
        membership.district,
        membership.school,
        membership.role,
    )
    membership_id = membership.pk
    membership.delete()
    user.groups.remove(_role_group(role=role, district=district, school=school))
    if not StaffMembership.objects.filter(user=user).exists():
        user.groups.remove(_staff_access_group())
    record_audit_event(
        action="membership.revoked",
        actor=revoked_by,
        target=None,
        district=district,
        detail={"role": role, "user": user.pk, "membership": membership_id},
    )
